package dev.flow.sample.features;

import dev.flow.annotations.Workflow;

@Workflow(version = "1", taskList = "features", executionStartToCloseTimeoutSeconds = 2_592_000)
public interface Greeter {
  /** Greets, or fails when asked to. */
  String greet(String name, boolean fail);
}
