package dev.flow.cli.e2e;

import dev.flow.annotations.Workflow;

/** Sleeps 30 s, then calls an activity that succeeds on its second attempt, 10 s later. */
@Workflow(version = "1.0", taskList = "cli-timed")
public interface Timed {
  String run(String name);
}
