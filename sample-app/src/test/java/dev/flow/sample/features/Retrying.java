package dev.flow.sample.features;

import dev.flow.annotations.Workflow;

@Workflow(version = "1", taskList = "features", executionStartToCloseTimeoutSeconds = 2_592_000)
public interface Retrying {
  /** The result of {@code Steps.flaky}, or how it gave up. */
  String run(String key, int failures);
}
