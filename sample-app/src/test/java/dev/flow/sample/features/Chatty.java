package dev.flow.sample.features;

import dev.flow.annotations.Workflow;

@Workflow(version = "1", taskList = "features", executionStartToCloseTimeoutSeconds = 2_592_000)
public interface Chatty {
  /** Echoes each word with its own activity, logging before each through Workflow.logger. */
  String say(java.util.List<String> words);
}
