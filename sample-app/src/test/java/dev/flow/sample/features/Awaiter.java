package dev.flow.sample.features;

import dev.flow.annotations.Workflow;

@Workflow(version = "1", taskList = "features", executionStartToCloseTimeoutSeconds = 2_592_000)
public interface Awaiter {
  /** Awaits an echo activity (or nothing) for two hours: whether it held, and the wait. */
  String run(boolean withActivity);
}
