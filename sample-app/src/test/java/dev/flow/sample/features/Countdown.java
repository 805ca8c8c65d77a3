package dev.flow.sample.features;

import dev.flow.annotations.Workflow;

@Workflow(version = "1", taskList = "features", executionStartToCloseTimeoutSeconds = 2_592_000)
public interface Countdown {
  /** Adds n, n-1, ... 1 to acc, one run each (continue-as-new). */
  int count(int n, int acc);
}
