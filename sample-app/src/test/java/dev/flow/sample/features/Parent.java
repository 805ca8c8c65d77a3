package dev.flow.sample.features;

import dev.flow.annotations.Workflow;

@Workflow(version = "1", taskList = "features", executionStartToCloseTimeoutSeconds = 2_592_000)
public interface Parent {
  /** Runs a {@link Greeter} child; its result, or how it failed. */
  String run(String name, boolean childFails);
}
