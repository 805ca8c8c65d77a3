package dev.flow.sample.features;

import dev.flow.annotations.Workflow;

@Workflow(version = "1", taskList = "features", executionStartToCloseTimeoutSeconds = 2_592_000)
public interface FanOut {
  /** Runs {@code n} activities at once; how many answered. */
  int fanOut(int n);
}
