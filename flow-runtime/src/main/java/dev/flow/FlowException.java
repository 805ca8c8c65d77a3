package dev.flow;

/**
 * The base of Flow's unchecked exceptions, and what Flow throws when it cannot do something asked
 * of it (encode a payload, reach the engine, start a run), its message saying what and why. What
 * workflow code catches from its calls is a {@code ...Failure} subclass ({@link ActivityFailure},
 * {@link ChildWorkflowFailure}, {@link CanceledFailure}); what clients catch for a run that closed
 * without a result is {@link WorkflowFailedException}. The {@linkplain dev.flow package} says the
 * rule.
 */
public class FlowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FlowException(String message) {
    super(message);
  }

  public FlowException(String message, Throwable cause) {
    super(message, cause);
  }
}
