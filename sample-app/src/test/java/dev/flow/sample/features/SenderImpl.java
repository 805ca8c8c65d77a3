package dev.flow.sample.features;

import dev.flow.Promise;
import dev.flow.StartOptions;
import dev.flow.Workflow;

public final class SenderImpl implements Sender {
  public SenderImpl() {}

  @Override
  public String send(String message) {
    String mailboxId = Workflow.info().workflowId() + ".mailbox";
    Promise<String> received =
        new MailboxStub(StartOptions.builder().workflowId(mailboxId).build()).receive();
    Workflow.signal(mailboxId, null, "deliver", message).get();
    return received.get();
  }
}
