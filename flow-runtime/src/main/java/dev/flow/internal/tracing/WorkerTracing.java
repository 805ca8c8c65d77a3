package dev.flow.internal.tracing;

import java.util.List;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;

/**
 * The spans of one worker's tasks; it keeps the spans of the runs it started until it answers the
 * decision closing them, and ends those it still holds when closed. Public only for the worker
 * package and {@code dev.flow.Worker}.
 */
public interface WorkerTracing extends AutoCloseable {
  /** Traces nothing. */
  WorkerTracing NONE = new WorkerTracing() {};

  /**
   * Starts the span of a live decision task whose history (or, on a sticky task list, the events
   * since the previous decision task) is {@code events}; starts the run's span too when no trace of
   * it is recorded. Replayed events make no span.
   */
  default DecisionTrace decisionTask(
      PollForDecisionTaskResponse task, List<HistoryEvent> events, String taskList) {
    return DecisionTrace.NONE;
  }

  /**
   * Starts the span of attempt {@code attempt} of an activity, a child of its run's span when that
   * is recorded.
   */
  default Traced activityTask(PollForActivityTaskResponse task, String taskList, int attempt) {
    return Traced.NONE;
  }

  /** Ends the run spans still held (their runs went on elsewhere, or are still open). */
  @Override
  default void close() {}
}
