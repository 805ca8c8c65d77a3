package dev.flow.spi;

import dev.flow.CallOptions;
import dev.flow.Promise;
import dev.flow.StartOptions;

/**
 * What generated workflow-side stubs call. Every method must be called from workflow code (the
 * decider's thread); each argument is either a value or a {@link Promise} of one, and the call is
 * issued only once every promised argument is ready. A failed promised argument fails the
 * returned promise with the same failure and the call is never issued.
 */
public final class Stubs {
  private Stubs() {}

  /** Schedules activity {@code spec} with {@code options} (null: none) over {@code arguments}. */
  public static <R> Promise<R> activity(ActivitySpec spec, CallOptions options, Object... arguments) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Starts child workflow {@code spec} with {@code options} (null: none) over {@code arguments}. */
  public static <R> Promise<R> childWorkflow(
      WorkflowSpec spec, StartOptions options, Object... arguments) {
    throw new UnsupportedOperationException("TODO");
  }
}
