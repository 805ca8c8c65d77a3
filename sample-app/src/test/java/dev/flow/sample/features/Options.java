package dev.flow.sample.features;

import dev.flow.annotations.Workflow;
import java.util.List;

@Workflow(version = "1", taskList = "features", executionStartToCloseTimeoutSeconds = 2_592_000)
public interface Options {
  /**
   * Calls one activity with per-call options; returns the run's tags and attempt as it sees them.
   */
  List<String> run();
}
