package dev.flow;

import dev.flow.internal.Failures;

/**
 * A workflow execution closed without a result: failed, timed out, canceled or terminated. Thrown
 * to clients by {@link WorkflowHandle#result()} (and generated clients' {@code execute}); workflow
 * code learns the same of a child from a {@link ChildWorkflowFailure}.
 *
 * <p>The message says what closed it: for a failure, the remote exception's type and message and
 * those of its causes ({@code closed FAILED: java.lang.IllegalStateException: no codec; caused by:
 * java.io.IOException: disk full}); for a timeout, the limit that ran out and how to change it. For
 * a failure the {@linkplain #getCause() cause} is the remote exception as the workflow worker
 * reported it (its stack trace and causes), an instance of its type when that is a {@code
 * RuntimeException} loadable here with a public {@code (String)} constructor, else a {@link
 * FlowException} whose message starts with the remote type.
 */
public class WorkflowFailedException extends FlowException {
  private static final long serialVersionUID = 1L;

  private final String workflowId;
  private final String runId;
  private final String closeStatus;
  private final String reason;
  private final String details;

  public WorkflowFailedException(
      String workflowId, String runId, String closeStatus, String reason, String details) {
    this(workflowId, runId, closeStatus, reason, details, null);
  }

  /**
   * @param explanation what the close means for the user, appended to the message (such as the
   *     timeout that ran out and how to give a longer one); may be null
   */
  public WorkflowFailedException(
      String workflowId,
      String runId,
      String closeStatus,
      String reason,
      String details,
      String explanation) {
    super(
        "workflow "
            + workflowId
            + " (run "
            + runId
            + ") closed "
            + closeStatus
            + describe(reason, details)
            + (explanation == null ? "" : ": " + explanation),
        remoteCause(details));
    this.workflowId = workflowId;
    this.runId = runId;
    this.closeStatus = closeStatus;
    this.reason = reason;
    this.details = details;
  }

  private static String describe(String reason, String details) {
    Failures.Remote remote = remote(details);
    if (remote != null) {
      return ": " + remote.summary() + remote.causes();
    }
    String text = reason == null ? "" : ": " + reason;
    return details == null || details.isEmpty() ? text : text + " (" + details + ")";
  }

  private static Throwable remoteCause(String details) {
    Failures.Remote remote = remote(details);
    return remote == null ? null : Failures.toThrowable(remote);
  }

  /** The failure Flow recorded in the details, or null when they are not Flow's failure JSON. */
  private static Failures.Remote remote(String details) {
    return Failures.parseJson(details);
  }

  public String workflowId() {
    return workflowId;
  }

  public String runId() {
    return runId;
  }

  /**
   * The SWF close status: {@code FAILED}, {@code TIMED_OUT}, {@code CANCELED}, {@code TERMINATED}.
   */
  public String closeStatus() {
    return closeStatus;
  }

  /** The reason recorded with the close; may be null. */
  public String reason() {
    return reason;
  }

  /**
   * The details recorded with the close (for a failure: JSON type, message, stackTrace); may be
   * null.
   */
  public String details() {
    return details;
  }
}
