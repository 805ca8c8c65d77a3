package dev.flow;

import java.util.concurrent.CancellationException;

/**
 * The workflow asked to cancel the running activity: thrown by {@link
 * ActivityContext#heartbeat(Object)} once a heartbeat learned it. Let it escape the activity method
 * (or throw any {@link CancellationException}) and the worker reports the task canceled rather than
 * failed; catch it to clean up first, then rethrow.
 *
 * <pre>{@code
 * for (Chunk chunk : chunks) {
 *   encode(chunk);
 *   try {
 *     ActivityContext.current().heartbeat(chunk.index());
 *   } catch (ActivityCanceledException e) {
 *     deletePartialOutput();
 *     throw e;
 *   }
 * }
 * }</pre>
 *
 * <p>A {@link CancellationException} (so unchecked, and caught where cancellations are), not a
 * {@link FlowException}.
 */
public class ActivityCanceledException extends CancellationException {
  private static final long serialVersionUID = 1L;

  private final String activityId;

  public ActivityCanceledException(String activityId) {
    super(
        "the workflow requested the cancellation of activity "
            + activityId
            + "; let this exception escape to report the task canceled");
    this.activityId = activityId;
  }

  /** The id of the canceled activity. */
  public String activityId() {
    return activityId;
  }
}
