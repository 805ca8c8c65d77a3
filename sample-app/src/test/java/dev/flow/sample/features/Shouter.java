package dev.flow.sample.features;

import dev.flow.annotations.Workflow;

@Workflow(version = "1", taskList = "features", executionStartToCloseTimeoutSeconds = 2_592_000)
public interface Shouter {
  /** Upper-cases text in an activity (large payloads go through the blob store). */
  String shout(String text);
}
