package dev.flow.spi;

import dev.flow.CallOptions;
import dev.flow.Promise;
import dev.flow.StartOptions;
import dev.flow.internal.replay.InWorkflow;

/**
 * What generated workflow-side stubs call. Every method must be called from workflow code (the
 * decider's thread); each argument is either a value or a {@link Promise} of one, and the call is
 * issued only once every promised argument is ready. A failed promised argument fails the returned
 * promise with the same failure (the same exception object) and the call is never issued.
 */
public final class Stubs {
  private Stubs() {}

  /** Schedules activity {@code spec} with {@code options} (null: none) over {@code arguments}. */
  public static <R> Promise<R> activity(
      ActivitySpec spec, CallOptions options, Object... arguments) {
    return InWorkflow.activity(spec, options, arguments);
  }

  /**
   * Starts child workflow {@code spec} with {@code options} (null: none) over {@code arguments}.
   */
  public static <R> Promise<R> childWorkflow(
      WorkflowSpec spec, StartOptions options, Object... arguments) {
    return InWorkflow.childWorkflow(spec, options, arguments);
  }
}
