package dev.flow.cli.e2e;

import dev.flow.annotations.Signal;
import dev.flow.annotations.Workflow;

/** Step 1, then waits for {@code go}, then step 2; its code changes between deployments. */
@Workflow(version = "1.0", taskList = "cli-changing")
public interface Changing {
  int run();

  @Signal
  void go();
}
