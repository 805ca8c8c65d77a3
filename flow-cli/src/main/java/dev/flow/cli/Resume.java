package dev.flow.cli;

import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * Starts the resumed run through the runtime's resume API ({@code WorkflowHandle.resume()},
 * {@code StartOptions.resumeFrom(workflowId, runId)}).
 *
 * <p>PENDING: that API comes with the decider work (the {@code control} contract); until it is in
 * this build, resuming fails with a message that says so, after every check of the command.
 */
final class Resume {
  private Resume() {}

  static WorkflowExecution start(
      Engine engine, WorkflowExecution stopped, ExecutionHistory history, String input) {
    throw new CliException(
        "resume needs the runtime's resume API (WorkflowHandle.resume), which this build of"
            + " Flow does not have yet");
  }
}
