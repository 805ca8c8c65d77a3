package dev.flow;

/** The root of Flow's unchecked exceptions. */
public class FlowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FlowException(String message) {
    super(message);
  }

  public FlowException(String message, Throwable cause) {
    super(message, cause);
  }
}
