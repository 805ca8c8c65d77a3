package dev.flow;

/** A child workflow failed, timed out, was canceled or terminated; thrown by its promise. */
public class ChildWorkflowFailure extends FlowException {
  private static final long serialVersionUID = 1L;

  private final String workflowType;
  private final String workflowId;
  private final String reason;
  private final String details;

  public ChildWorkflowFailure(String workflowType, String workflowId, String reason, String details) {
    super("child workflow " + workflowType + " (id " + workflowId + ") " + reason);
    this.workflowType = workflowType;
    this.workflowId = workflowId;
    this.reason = reason;
    this.details = details;
  }

  public String workflowType() {
    return workflowType;
  }

  public String workflowId() {
    return workflowId;
  }

  /** How it closed: the failure reason, or {@code timed out}, {@code canceled}, ... */
  public String reason() {
    return reason;
  }

  /** The details recorded with the close, as JSON; may be null. */
  public String details() {
    return details;
  }
}
