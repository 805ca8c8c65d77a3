package dev.flow.sample.features;

import dev.flow.annotations.Workflow;

@Workflow(version = "1", taskList = "features", executionStartToCloseTimeoutSeconds = 2_592_000)
public interface Cancelable {
  /** Waits for an activity; when canceled, cleans up with another one. */
  String run();
}
