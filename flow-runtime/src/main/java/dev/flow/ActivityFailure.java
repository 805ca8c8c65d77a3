package dev.flow;

/**
 * An activity failed: thrown by {@link Promise#get()} in workflow code, and the failure of every
 * promise that depended on it. Carries what the activity worker reported: the remote exception's
 * type, message and stack trace. When the remote type is a {@link RuntimeException} loadable in the
 * workflow worker with a public {@code (String)} constructor, an instance of it (the remote
 * message, the remote stack trace, the remote causes) is the {@linkplain #getCause() cause}, so
 * code can catch by cause type; otherwise there is no cause. The message names the remote exception
 * and its causes ({@code failed: java.lang.IllegalStateException: no codec; caused by:
 * java.io.IOException: disk full}). After retries ({@link RetryPolicy}), the earlier attempts'
 * failures are {@linkplain #getSuppressed() suppressed} in the last one.
 *
 * <pre>{@code
 * try {
 *   media.encodeVideo(url, "webm").get();
 * } catch (ActivityFailure e) {
 *   if (e.remoteType().equals("java.io.IOException")) { ... }
 * }
 * }</pre>
 */
public class ActivityFailure extends FlowException {
  private static final long serialVersionUID = 1L;

  private final String activityType;
  private final String activityId;
  private final String remoteType;
  private final String remoteMessage;
  private final String remoteStackTrace;

  public ActivityFailure(
      String activityType,
      String activityId,
      String remoteType,
      String remoteMessage,
      String remoteStackTrace) {
    this(activityType, activityId, remoteType, remoteMessage, remoteStackTrace, "");
  }

  /**
   * @param remoteCauses the remote exception's causes as text, appended to the message, such as
   *     {@code "; caused by: java.io.IOException: disk full"}; may be empty
   */
  public ActivityFailure(
      String activityType,
      String activityId,
      String remoteType,
      String remoteMessage,
      String remoteStackTrace,
      String remoteCauses) {
    super(
        "activity "
            + activityType
            + " (id "
            + activityId
            + ") failed: "
            + remoteType
            + (remoteMessage == null ? "" : ": " + remoteMessage)
            + (remoteCauses == null ? "" : remoteCauses));
    this.activityType = activityType;
    this.activityId = activityId;
    this.remoteType = remoteType;
    this.remoteMessage = remoteMessage;
    this.remoteStackTrace = remoteStackTrace;
  }

  /** The activity type name, such as {@code Media.encodeVideo}. */
  public String activityType() {
    return activityType;
  }

  public String activityId() {
    return activityId;
  }

  /** The class name of the exception the activity threw, as reported by its worker. */
  public String remoteType() {
    return remoteType;
  }

  /** The message of the exception the activity threw; may be null. */
  public String remoteMessage() {
    return remoteMessage;
  }

  /** The stack trace of the exception the activity threw, as text; may be empty. */
  public String remoteStackTrace() {
    return remoteStackTrace;
  }
}
