package dev.flow.cli.e2e;

import dev.flow.annotations.Signal;
import dev.flow.annotations.Workflow;

/** Waits for {@link #release}, then says who released it. */
@Workflow(version = "1.0", taskList = "cli-waiter")
public interface Waiter {
  String run(String note);

  @Signal
  void release(String by);
}
