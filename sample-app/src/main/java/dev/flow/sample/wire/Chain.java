package dev.flow.sample.wire;

import dev.flow.annotations.Workflow;
import java.util.List;

/**
 * Runs {@code steps} steps one after another and returns their results in order. Decision tasks
 * time out after 5 s, so a decision lost with a crashed engine is soon given again.
 */
@Workflow(
    version = "1.0",
    taskList = "wire-chains",
    executionStartToCloseTimeoutSeconds = 600,
    taskStartToCloseTimeoutSeconds = 5)
public interface Chain {
  List<String> run(String name, int steps);
}
