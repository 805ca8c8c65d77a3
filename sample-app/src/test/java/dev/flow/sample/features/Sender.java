package dev.flow.sample.features;

import dev.flow.annotations.Workflow;

@Workflow(version = "1", taskList = "features", executionStartToCloseTimeoutSeconds = 2_592_000)
public interface Sender {
  /** Starts a {@link Mailbox} child, signals it {@code message} and returns what it got. */
  String send(String message);
}
