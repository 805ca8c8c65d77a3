package dev.flow.sample.features;

public final class CourierImpl implements Courier {
  private final MailboxStub mailboxes = new MailboxStub();

  public CourierImpl() {}

  @Override
  public String deliver(String parcel) {
    MailboxStub.Child mailbox = mailboxes.start();
    mailbox.deliver(parcel).get(); // SignalExternalWorkflowExecution, once the child started
    return mailbox.workflowId().get() + " " + mailbox.result().get();
  }
}
