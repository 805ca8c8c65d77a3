package dev.flow.internal.replay;

import dev.flow.FlowException;

/**
 * Workflow code blocked outside Flow (a sleep, a lock, I/O, a busy loop) for longer than the bound
 * of {@link BlockingWatch}. Its stack trace is the code's stack when it was found blocked; the
 * message names the blocking frame and the workflow code's own frame. The decision task fails
 * (nothing is decided; it is retried), the workflow does not.
 */
public final class WorkflowBlockedException extends FlowException {
  private static final long serialVersionUID = 1L;

  public WorkflowBlockedException(String message) {
    super(message);
  }
}
