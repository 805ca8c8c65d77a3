package dev.flow.sample.features;

import dev.flow.annotations.Workflow;

@Workflow(version = "1", taskList = "features", executionStartToCloseTimeoutSeconds = 2_592_000)
public interface Sleeper {
  /** Sleeps, then says how long it slept by the workflow clock, in seconds. */
  long sleep(long seconds);
}
