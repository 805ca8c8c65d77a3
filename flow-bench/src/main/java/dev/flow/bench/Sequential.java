package dev.flow.bench;

import dev.flow.annotations.Workflow;

/** W1 (and W3 with 3): {@code count} activities in sequence, each waiting for the previous one. */
@Workflow(version = "1.0", taskList = "bench")
public interface Sequential {
  int run(int count);
}
