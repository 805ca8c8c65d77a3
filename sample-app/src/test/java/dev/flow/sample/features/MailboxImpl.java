package dev.flow.sample.features;

import dev.flow.Workflow;

public final class MailboxImpl implements Mailbox {
  private String message;

  public MailboxImpl() {}

  @Override
  public String receive() {
    Workflow.await(() -> message != null);
    return "got " + message;
  }

  @Override
  public void deliver(String message) {
    this.message = message;
  }
}
