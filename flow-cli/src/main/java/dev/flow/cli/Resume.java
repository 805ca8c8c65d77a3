package dev.flow.cli;

import dev.flow.FlowException;
import dev.flow.WorkflowHandle;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * Starts the resumed run through the runtime's resume API ({@code FlowClient.resume}): a new run of
 * the stopped one in which the activity calls that completed there resolve with their recorded
 * results.
 */
final class Resume {
  private Resume() {}

  static WorkflowExecution start(
      Engine engine, WorkflowExecution stopped, ExecutionHistory history, String input) {
    String arguments =
        input == null
            ? null
            : Arguments.jsonArray(
                "--input", input, "the workflow's arguments", "[\"file:/in.mp4\", 3]");
    WorkflowHandle<Object> resumed;
    try {
      resumed =
          arguments == null
              ? engine.flow().resume(stopped.workflowId(), stopped.runId())
              : engine.flow().resume(stopped.workflowId(), stopped.runId(), arguments);
    } catch (FlowException e) {
      throw new CliException(e.getMessage());
    }
    return WorkflowExecution.builder()
        .workflowId(resumed.workflowId())
        .runId(resumed.runId())
        .build();
  }
}
