package dev.flow.sample.features;

import dev.flow.annotations.Signal;
import dev.flow.annotations.Workflow;

@Workflow(version = "1", taskList = "features", executionStartToCloseTimeoutSeconds = 2_592_000)
public interface Approval {
  /** Waits for {@link #approve}, while an activity runs. */
  String run();

  @Signal
  void approve(String by);
}
