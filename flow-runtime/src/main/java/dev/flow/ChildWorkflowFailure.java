package dev.flow;

/**
 * A child workflow failed, timed out, was canceled or terminated, or could not start; thrown by its
 * promise. When the child failed with a Flow failure, its details are parsed as an activity
 * failure's are: {@link #remoteType()}, {@link #remoteMessage()}, {@link #remoteStackTrace()}, and
 * a cause of the remote type when that type is a {@code RuntimeException} loadable here.
 *
 * <pre>{@code
 * try {
 *   thumbnails.make(url).get();
 * } catch (ChildWorkflowFailure e) {
 *   if (e.getCause() instanceof IllegalArgumentException) { ... }
 * }
 * }</pre>
 */
public class ChildWorkflowFailure extends FlowException {
  private static final long serialVersionUID = 1L;

  private final String workflowType;
  private final String workflowId;
  private final String reason;
  private final String details;
  private final String remoteType;
  private final String remoteMessage;
  private final String remoteStackTrace;

  public ChildWorkflowFailure(
      String workflowType, String workflowId, String reason, String details) {
    this(workflowType, workflowId, reason, details, null, null, "");
  }

  /**
   * @param remoteType the class name of the exception that failed the child, when known
   * @param remoteMessage its message
   * @param remoteStackTrace its stack trace as text; may be empty
   */
  public ChildWorkflowFailure(
      String workflowType,
      String workflowId,
      String reason,
      String details,
      String remoteType,
      String remoteMessage,
      String remoteStackTrace) {
    super(
        "child workflow "
            + workflowType
            + " (id "
            + workflowId
            + ") "
            + reason
            + (remoteMessage == null ? "" : ": " + remoteMessage));
    this.workflowType = workflowType;
    this.workflowId = workflowId;
    this.reason = reason;
    this.details = details;
    this.remoteType = remoteType;
    this.remoteMessage = remoteMessage;
    this.remoteStackTrace = remoteStackTrace == null ? "" : remoteStackTrace;
  }

  public String workflowType() {
    return workflowType;
  }

  public String workflowId() {
    return workflowId;
  }

  /**
   * How it closed: the failure reason (the exception's class name for a Flow workflow), or {@code
   * timed out (...)}, {@code canceled}, {@code terminated}, {@code failed to start: <cause>}.
   */
  public String reason() {
    return reason;
  }

  /** The details recorded with the close, as JSON; may be null. */
  public String details() {
    return details;
  }

  /** The class name of the exception that failed the child; null when it did not fail so. */
  public String remoteType() {
    return remoteType;
  }

  /** The message of the exception that failed the child; may be null. */
  public String remoteMessage() {
    return remoteMessage;
  }

  /** The stack trace of the exception that failed the child, as text; may be empty. */
  public String remoteStackTrace() {
    return remoteStackTrace;
  }
}
