package dev.flow.internal.replay;

import dev.flow.FlowException;

/** PLACEHOLDER: the replay branch owns the real class and the merge takes theirs. */
public class NonDeterministicWorkflowException extends FlowException {
  private static final long serialVersionUID = 1L;

  public NonDeterministicWorkflowException(String message) {
    super(message);
  }
}
