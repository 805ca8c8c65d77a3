package dev.flow.sample.features;

import dev.flow.annotations.Workflow;

@Workflow(version = "1", taskList = "features", executionStartToCloseTimeoutSeconds = 3_600)
public interface TenSteps {
  /** Runs steps 1 to 10 one after the other; fails where a step fails. */
  String run(String order);
}
