package dev.flow.bench;

import dev.flow.annotations.Activity;

/** The benchmark's trivial activity: the cost measured is Flow's, not the activity's. */
@Activity(version = "1.0", taskList = "bench")
public interface BenchActivities {
  int increment(int value);
}
