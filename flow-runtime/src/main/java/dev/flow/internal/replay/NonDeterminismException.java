package dev.flow.internal.replay;

import dev.flow.FlowException;

/**
 * Workflow code, replayed over its history, issued commands that differ from those the history
 * recorded: the code changed in a way that breaks executions already running (or it is not
 * deterministic). The message names the recorded decision (event id, kind, type, id) and the new
 * command. The decision worker answers with the {@link Blocked} decisions (the execution waits, its
 * history intact); deploy code compatible with the history (or version the workflow type) to
 * unblock it. A test replaying a saved history reports it as {@code
 * dev.flow.testing.NonDeterminismError}.
 */
public final class NonDeterminismException extends FlowException {
  private static final long serialVersionUID = 1L;

  /**
   * The reason of the FailWorkflowExecution decided instead, for a workflow whose spec says {@code
   * failOnNonDeterminism}.
   */
  public static final String FAIL_REASON = "NonDeterministicWorkflow";

  public NonDeterminismException(String message) {
    super(message);
  }

  /** {@code what} went wrong, and what to do about it. */
  static NonDeterminismException of(String what) {
    return new NonDeterminismException(
        what
            + ". Workflow code must issue the same commands, in the same order, when it is"
            + " replayed over the history of an execution that is running: make the change"
            + " compatible, or give the workflow type a new version.");
  }
}
