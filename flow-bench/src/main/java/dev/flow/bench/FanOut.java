package dev.flow.bench;

import dev.flow.annotations.Workflow;

/**
 * W2 (and the W4 history): {@code count} activities at once, joined, in waves of at most {@code
 * wave} (SWF allows 1,000 open activities per execution).
 */
@Workflow(version = "1.0", taskList = "bench")
public interface FanOut {
  int run(int count, int wave);
}
