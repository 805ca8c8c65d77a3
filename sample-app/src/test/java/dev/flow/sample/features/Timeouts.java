package dev.flow.sample.features;

import dev.flow.annotations.Workflow;

@Workflow(version = "1", taskList = "features", executionStartToCloseTimeoutSeconds = 2_592_000)
public interface Timeouts {
  /** Runs {@code Steps.hangs} or {@code Steps.heartbeatsOnce}; says how it timed out. */
  String run(String which);
}
