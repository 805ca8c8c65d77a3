package dev.flow;

/**
 * A workflow execution closed without a result: failed, timed out, canceled or terminated.
 * Thrown to clients by {@link WorkflowHandle#result()}.
 */
public class WorkflowFailure extends FlowException {
  private static final long serialVersionUID = 1L;

  private final String workflowId;
  private final String runId;
  private final String closeStatus;
  private final String reason;
  private final String details;

  public WorkflowFailure(
      String workflowId, String runId, String closeStatus, String reason, String details) {
    super(
        "workflow " + workflowId + " (run " + runId + ") closed " + closeStatus
            + (reason == null ? "" : ": " + reason));
    this.workflowId = workflowId;
    this.runId = runId;
    this.closeStatus = closeStatus;
    this.reason = reason;
    this.details = details;
  }

  public String workflowId() {
    return workflowId;
  }

  public String runId() {
    return runId;
  }

  /** The SWF close status: {@code FAILED}, {@code TIMED_OUT}, {@code CANCELED}, {@code TERMINATED}. */
  public String closeStatus() {
    return closeStatus;
  }

  /** The reason recorded with the close; may be null. */
  public String reason() {
    return reason;
  }

  /** The details recorded with the close (for a failure: JSON type, message, stackTrace); may be null. */
  public String details() {
    return details;
  }
}
