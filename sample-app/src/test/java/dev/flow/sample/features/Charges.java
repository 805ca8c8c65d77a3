package dev.flow.sample.features;

import dev.flow.annotations.Workflow;

@Workflow(version = "1", taskList = "features", executionStartToCloseTimeoutSeconds = 2_592_000)
public interface Charges {
  /** Charges the same account the same amount twice (an idempotent activity). */
  String run(String account, int cents);
}
