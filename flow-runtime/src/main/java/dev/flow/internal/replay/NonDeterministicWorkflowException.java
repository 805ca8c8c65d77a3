package dev.flow.internal.replay;

import dev.flow.FlowException;

/**
 * Workflow code, replayed over its history, issued commands that differ from those the history
 * recorded: the code changed in a way that breaks executions already running (or it is not
 * deterministic). The message names the recorded decision (event id, kind, type, id) and the new
 * command. The decision worker answers nothing, so the decision task times out and is retried, and
 * the execution's history is never corrupted; deploy code compatible with the history (or version
 * the workflow type) to unblock it.
 */
public final class NonDeterministicWorkflowException extends FlowException {
  private static final long serialVersionUID = 1L;

  public NonDeterministicWorkflowException(String message) {
    super(message);
  }
}
