package dev.flow;

import java.lang.reflect.Type;

/**
 * An activity timed out: thrown by {@link Promise#get()} in workflow code, like any {@link
 * ActivityFailure}. {@link #kind()} names which timeout fired; {@link #lastHeartbeatDetails(Class)}
 * decodes the details of its last heartbeat, if it sent any (say, how far it got).
 *
 * <pre>{@code
 * try {
 *   media.encodeVideo(url, "webm").get();
 * } catch (ActivityTimeoutFailure e) {
 *   if (e.kind() == ActivityTimeoutFailure.Kind.HEARTBEAT) {
 *     Integer done = e.lastHeartbeatDetails(Integer.class);   // null when it never heartbeat
 *   }
 * }
 * }</pre>
 *
 * <p>Its {@link #remoteType()} is {@code ActivityTaskTimedOut:<KIND>}.
 */
public class ActivityTimeoutFailure extends ActivityFailure {
  private static final long serialVersionUID = 1L;

  /** Which of the activity task's timeouts fired (SWF's {@code ActivityTaskTimeoutType}). */
  public enum Kind {
    SCHEDULE_TO_START,
    START_TO_CLOSE,
    SCHEDULE_TO_CLOSE,
    HEARTBEAT
  }

  private final Kind kind;
  private final String lastHeartbeatDetails;
  private final transient DataConverter converter;

  /**
   * @param lastHeartbeatDetails the details of the last heartbeat as recorded (encoded with {@code
   *     converter}); null when none
   * @param converter decodes {@code lastHeartbeatDetails}; null for {@link DataConverter#json()}
   */
  public ActivityTimeoutFailure(
      String activityType,
      String activityId,
      Kind kind,
      String lastHeartbeatDetails,
      DataConverter converter) {
    super(
        activityType,
        activityId,
        "ActivityTaskTimedOut:" + kind,
        "the " + kind + " timeout fired",
        "");
    this.kind = kind;
    this.lastHeartbeatDetails = lastHeartbeatDetails;
    this.converter = converter;
  }

  /** Which timeout fired. */
  public Kind kind() {
    return kind;
  }

  /** The details of the activity's last heartbeat, encoded; null when it sent none. */
  public String lastHeartbeatDetails() {
    return lastHeartbeatDetails;
  }

  /** The details of the activity's last heartbeat, decoded as {@code type}; null when none. */
  public <T> T lastHeartbeatDetails(Class<T> type) {
    return type.cast(lastHeartbeatDetails((Type) type));
  }

  /** The details of the activity's last heartbeat, decoded as {@code type}; null when none. */
  public Object lastHeartbeatDetails(Type type) {
    if (lastHeartbeatDetails == null || lastHeartbeatDetails.isEmpty()) {
      return null;
    }
    DataConverter c = converter == null ? DataConverter.json() : converter;
    return c.fromData(lastHeartbeatDetails, type);
  }
}
