package dev.flow;

import dev.flow.internal.worker.CurrentActivity;
import java.util.Optional;

/**
 * The activity task being run by the current thread, for activity code that wants to know which
 * task it runs, to heartbeat, or to complete the task later. Implemented by the runtime; available
 * only while a {@link Worker} runs an activity, in the thread that runs it.
 *
 * <pre>{@code
 * public String encodeVideo(String url, String format) {
 *   ActivityContext task = ActivityContext.current();
 *   int from = task.lastHeartbeatDetails(Integer.class).orElse(0); // resume a retried attempt
 *   for (Chunk chunk : chunks(url, from)) {
 *     encode(chunk, format);
 *     task.heartbeat(chunk.index()); // progress; throttled; throws ActivityCanceledException
 *   }
 *   return outputUrl;
 * }
 * }</pre>
 *
 * <p>Completing later (a human approval, an external system's callback): call {@link
 * #doNotCompleteOnReturn()}, hand {@link #taskToken()} to whoever finishes the work, and let them
 * call {@link FlowClient#completeActivity}, {@link FlowClient#failActivity} or {@link
 * FlowClient#reportActivityCanceled} from any thread or process. Until then the task is open: give
 * its activity type a start-to-close (or heartbeat) timeout that allows for it.
 */
public interface ActivityContext {
  /**
   * The activity task run by the calling thread.
   *
   * @throws IllegalStateException when the calling thread runs no activity task of a {@link Worker}
   *     (workflow code, a thread the activity started, or after the activity returned)
   */
  static ActivityContext current() {
    ActivityContext context = CurrentActivity.get(ActivityContext.class);
    if (context == null) {
      throw new IllegalStateException(
          "ActivityContext.current() is only available in the thread that runs an activity task"
              + " for a Flow Worker (not in workflow code, nor in threads the activity starts)");
    }
    return context;
  }

  /**
   * The SWF task token, which identifies this task to the engine: what {@link
   * FlowClient#completeActivity} and friends take.
   */
  String taskToken();

  /**
   * The activity id, unique within the workflow execution (such as {@code Media.encodeVideo-3}, or
   * {@code Media.encodeVideo-3@2} for its second attempt).
   */
  String activityId();

  /**
   * The attempt this task is: 1 for the first, n for the n-th, read from the {@code @n} suffix the
   * workflow's retry policy puts on the activity ids of retries ({@code Media.encodeVideo-3@2}).
   */
  int attempt();

  /** The activity type name, such as {@code Media.encodeVideo}. */
  String activityType();

  /** The activity type version. */
  String activityVersion();

  /** The id of the workflow execution that scheduled this activity. */
  String workflowId();

  /** The run id of the workflow execution that scheduled this activity. */
  String runId();

  /**
   * Tells the engine this task is alive, recording {@code details} (encoded with the client's data
   * converter; at most 2,048 characters, else the heartbeat is sent without them, unless the client
   * has a {@link BlobStore} and they are long enough to go there) as its progress: what {@link
   * #lastHeartbeatDetails} gives the next attempt if this one times out. Calls are throttled: at
   * most one heartbeat is sent per interval (half the heartbeat timeout the task was scheduled
   * with, a call's own or the declared one, at most 5 s), and the latest details of the calls in
   * between are sent at the end of the interval. Returns normally even when the engine cannot be
   * reached (the failure is logged); a task whose heartbeat times out is failed by the engine, not
   * here.
   *
   * @throws ActivityCanceledException when a heartbeat (this one, or an earlier one sent at the end
   *     of its interval) learned that the workflow asked to cancel this activity; let it escape to
   *     report the task canceled
   */
  void heartbeat(Object details);

  /**
   * Whether the workflow asked to cancel this activity, as learned from the last heartbeat sent. An
   * activity that sees it may stop by throwing {@link java.util.concurrent.CancellationException}
   * (reported as canceled rather than failed), as {@link #heartbeat} does.
   */
  boolean isCancelRequested();

  /**
   * The last heartbeat details the previous attempt recorded before it timed out, decoded as {@code
   * type}: where a retried attempt resumes. Empty on the first attempt, when the previous attempt
   * recorded none, or failed rather than timed out. Read (once, on the first call) from the
   * execution's history, newest events first, through {@code GetWorkflowExecutionHistory}.
   *
   * @throws FlowException when the history cannot be read or the details cannot be decoded
   */
  <T> Optional<T> lastHeartbeatDetails(Class<T> type);

  /**
   * Leaves the task open when the activity method returns: the worker reports nothing, and someone
   * holding {@link #taskToken()} completes it later with {@link FlowClient#completeActivity},
   * {@link FlowClient#failActivity} or {@link FlowClient#reportActivityCanceled}. An exception
   * thrown by the method still fails the task.
   */
  void doNotCompleteOnReturn();
}
