package dev.flow.sample.features;

import dev.flow.annotations.Signal;
import dev.flow.annotations.Workflow;

@Workflow(version = "1", taskList = "features", executionStartToCloseTimeoutSeconds = 2_592_000)
public interface ActivityCanceler {
  /** Runs a heartbeating activity and cancels it when {@link #stop} comes. */
  String run();

  @Signal
  void stop();
}
