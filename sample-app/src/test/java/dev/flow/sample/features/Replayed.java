package dev.flow.sample.features;

import dev.flow.annotations.Workflow;

@Workflow(version = "1", taskList = "features", executionStartToCloseTimeoutSeconds = 2_592_000)
public interface Replayed {
  /** Random values, a side effect and a version, as first seen and as replayed at the end. */
  String run();
}
