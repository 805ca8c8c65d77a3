package dev.flow.bench;

import dev.flow.annotations.Workflow;

/** The memory figure: an execution that only waits on a durable timer. */
@Workflow(version = "1.0", taskList = "bench")
public interface Sleeper {
  void sleep(long seconds);
}
