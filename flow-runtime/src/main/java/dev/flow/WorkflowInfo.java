package dev.flow;

import java.util.List;

/**
 * Facts about the workflow execution whose code is running, from {@link Workflow#info()}.
 *
 * @param workflowId the execution's workflow id; null when the decider was not told it
 * @param runId the execution's run id; null when the decider was not told it
 * @param workflowType the workflow type name, such as {@code ProcessVideo}
 * @param workflowVersion the workflow type version
 * @param taskList the execution's decision task list
 * @param tags the execution's tags; empty when none
 */
public record WorkflowInfo(
    String workflowId,
    String runId,
    String workflowType,
    String workflowVersion,
    String taskList,
    List<String> tags) {
  public WorkflowInfo {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
