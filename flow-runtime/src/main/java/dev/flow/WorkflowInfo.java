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
 * @param attempt 1 for a run started by a client or a parent, n + 1 for a run continued (with
 *     continue-as-new) from run n of the same workflow id
 * @param historyLength the number of events of the history as of this point of the code (the id of
 *     the {@code DecisionTaskStarted} event being replayed); grows as the code waits
 * @param parentWorkflowId the parent's workflow id, for a child workflow; else null
 * @param continuedExecutionRunId the run id of the run this one continues; else null
 */
public record WorkflowInfo(
    String workflowId,
    String runId,
    String workflowType,
    String workflowVersion,
    String taskList,
    List<String> tags,
    int attempt,
    long historyLength,
    String parentWorkflowId,
    String continuedExecutionRunId) {
  public WorkflowInfo {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
