package dev.flow.sample.features;

import dev.flow.annotations.Workflow;

@Workflow(version = "1", taskList = "features", executionStartToCloseTimeoutSeconds = 3_600)
public interface Changing {
  /** Holds until the test releases {@code key}, then echoes what it got. */
  String run(String key);
}
