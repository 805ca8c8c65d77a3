package dev.flow.sample.features;

import dev.flow.annotations.Workflow;

@Workflow(version = "1", taskList = "features", executionStartToCloseTimeoutSeconds = 2_592_000)
public interface Courier {
  /**
   * Starts a {@link Mailbox} child, signals it through its typed child handle, returns its result.
   */
  String deliver(String parcel);
}
