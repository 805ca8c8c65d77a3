package dev.flow.spi;

import dev.flow.CallOptions;
import dev.flow.ContinueAsNewOptions;
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

  /**
   * Starts child workflow {@code spec} as {@link #childWorkflow} does, and returns a handle on it:
   * its workflow id, its result, its signals. Generated child stubs that expose the child's signals
   * call this:
   *
   * <pre>{@code
   * ChildHandle<VideoResult> child = Stubs.startChild(ProcessVideoDefinition.SPEC, options, url, subs);
   * child.signal("addChapter", "intro");     // sent once the child started
   * VideoResult result = child.result().get();
   * }</pre>
   */
  public static <R> ChildHandle<R> startChild(
      WorkflowSpec spec, StartOptions options, Object... arguments) {
    return InWorkflow.startChild(spec, options, arguments);
  }

  /**
   * {@link dev.flow.Workflow#continueAsNew(ContinueAsNewOptions, Object...)} from a generated self
   * stub: {@code spec} must be of this workflow's type, and its version is the next run's unless
   * {@code options} (null: none) names one. Never returns. Generated self stubs call it as {@code
   * return Stubs.continueAsNew(SPEC, options, a, b);}; it is typed as a promise of the result so
   * that a value-returning entry method can return its {@code get()}.
   *
   * @throws IllegalArgumentException when {@code spec} is of another workflow type
   */
  public static <R> Promise<R> continueAsNew(
      WorkflowSpec spec, ContinueAsNewOptions options, Object... arguments) {
    InWorkflow.continueAsNew(spec, options, arguments);
    throw new AssertionError("continue-as-new returned");
  }
}
