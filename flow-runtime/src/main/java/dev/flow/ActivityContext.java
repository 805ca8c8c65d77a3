package dev.flow;

import dev.flow.internal.worker.WorkerHost;

/**
 * The activity task being run by the current thread, for activity code that wants to know which
 * task it runs or to heartbeat. Implemented by the runtime; available only while a {@link Worker}
 * runs an activity, in the thread that runs it.
 *
 * <pre>{@code
 * public String encodeVideo(String url, String format) {
 *   ActivityContext task = ActivityContext.current();
 *   for (Chunk chunk : chunks(url)) {
 *     encode(chunk, format);
 *     task.heartbeat(chunk.index());      // progress; throttled; never throws
 *     if (task.isCancelRequested()) throw new CancellationException("stopped at " + chunk.index());
 *   }
 *   return outputUrl;
 * }
 * }</pre>
 */
public interface ActivityContext {
  /**
   * The activity task run by the calling thread.
   *
   * @throws IllegalStateException when the calling thread runs no activity task of a {@link Worker}
   *     (workflow code, a thread the activity started, or after the activity returned)
   */
  static ActivityContext current() {
    ActivityContext context = WorkerHost.currentActivity();
    if (context == null) {
      throw new IllegalStateException(
          "ActivityContext.current() is only available in the thread that runs an activity task"
              + " for a Flow Worker (not in workflow code, nor in threads the activity starts)");
    }
    return context;
  }

  /** The SWF task token, which identifies this task to the engine. */
  String taskToken();

  /**
   * The activity id, unique within the workflow execution (such as {@code Media.encodeVideo-3}).
   */
  String activityId();

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
   * converter; at most 2,048 characters, else the heartbeat is sent without them) as its progress.
   * Calls are throttled: at most one heartbeat is sent per interval (half the declared heartbeat
   * timeout, at most 5 s), and the latest details of the calls in between are sent at the end of
   * the interval. Returns normally even when the engine cannot be reached (the failure is logged);
   * a task whose heartbeat times out is failed by the engine, not here.
   */
  void heartbeat(Object details);

  /**
   * Whether the workflow asked to cancel this activity, as learned from the last heartbeat sent. An
   * activity that sees it may stop by throwing {@link java.util.concurrent.CancellationException}
   * (reported as canceled rather than failed).
   */
  boolean isCancelRequested();
}
