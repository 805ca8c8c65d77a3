package dev.flow.sample.features;

import dev.flow.annotations.Signal;
import dev.flow.annotations.Workflow;

@Workflow(version = "1", taskList = "features", executionStartToCloseTimeoutSeconds = 2_592_000)
public interface Mailbox {
  /** Waits for {@link #deliver}. */
  String receive();

  @Signal
  void deliver(String message);
}
