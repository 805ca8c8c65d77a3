package dev.flow.sample.features;

import dev.flow.annotations.Signal;
import dev.flow.annotations.Workflow;

@Workflow(version = "1", taskList = "features")
public interface Deadline {
  /** Waits up to {@code minutes} for {@link #approve}; says who approved when, or that none did. */
  String run(long minutes);

  @Signal
  void approve(String by);
}
