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
   * Ends this run and starts a new run of the same workflow id with {@code arguments} (values or
   * promises, waited for): the ContinueAsNewWorkflowExecution decision. {@code spec} must be of
   * this workflow's type (its version may differ); what {@code options} (null: none) leaves unset
   * is carried over from this run: task list, timeouts, tags, priority, child policy. Never
   * returns: the code that follows does not run. Generated self stubs call it as {@code return
   * Stubs.continueAsNew(SPEC, options, a, b);}.
   *
   * @throws IllegalArgumentException when {@code spec} is of another workflow type
   */
  public static <R> Promise<R> continueAsNew(
      WorkflowSpec spec, StartOptions options, Object... arguments) {
    InWorkflow.continueAsNew(spec, options, arguments);
    throw new AssertionError("continue-as-new returned");
  }
}
