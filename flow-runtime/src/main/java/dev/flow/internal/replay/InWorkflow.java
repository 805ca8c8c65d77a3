package dev.flow.internal.replay;

import dev.flow.CallOptions;
import dev.flow.ContinueAsNewOptions;
import dev.flow.Promise;
import dev.flow.StartOptions;
import dev.flow.WorkflowInfo;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.ChildHandle;
import dev.flow.spi.WorkflowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The bridge from the public workflow API ({@code Settable}, {@code Workflow}, {@code Stubs}) to
 * the replay running in the current thread. Public only because those live in other packages; not
 * for application code. Every method throws {@link IllegalStateException} outside workflow code.
 */
public final class InWorkflow {
  private InWorkflow() {}

  /**
   * Replays the history further until {@code condition} holds; when the history runs out first,
   * unwinds the workflow code with an internal {@link Error} (the decision task's answer is then
   * ready).
   *
   * @param what what is blocking, for the message when this is not workflow code
   */
  public static void blockUntil(BooleanSupplier condition, String what) {
    Objects.requireNonNull(condition, "condition");
    Execution.current(what).blockUntil(condition);
  }

  /** Blocks until {@code condition} holds ({@code Workflow.await}). */
  public static void await(BooleanSupplier condition) {
    Objects.requireNonNull(condition, "condition");
    Execution.current("Workflow.await").await(condition);
  }

  /**
   * Notes that workflow code read {@code promise} (after waiting for it when {@code waited}): what
   * the code observed goes into the control of its next calls. Does nothing outside workflow code.
   */
  public static void observed(Promise<?> promise, boolean waited) {
    Execution.observed(promise, waited);
  }

  public static boolean await(Duration timeout, BooleanSupplier condition) {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(condition, "condition");
    return Execution.current("Workflow.await").await(timeout, condition);
  }

  public static <R> Promise<R> activity(
      ActivitySpec spec, CallOptions options, Object[] arguments) {
    Objects.requireNonNull(spec, "spec");
    return Execution.current("calling activity " + spec.name())
        .calls()
        .activity(spec, options, arguments);
  }

  public static <R> Promise<R> childWorkflow(
      WorkflowSpec spec, StartOptions options, Object[] arguments) {
    Objects.requireNonNull(spec, "spec");
    return Execution.current("starting child workflow " + spec.name())
        .calls()
        .childWorkflow(spec, options, arguments);
  }

  public static <R> ChildHandle<R> startChild(
      WorkflowSpec spec, StartOptions options, Object[] arguments) {
    Objects.requireNonNull(spec, "spec");
    return Execution.current("starting child workflow " + spec.name())
        .calls()
        .childHandle(spec, options, arguments);
  }

  public static void continueAsNew(
      WorkflowSpec spec, ContinueAsNewOptions options, Object[] arguments) {
    Execution.current("continue-as-new").continueAsNew(spec, options, arguments);
  }

  public static Promise<Void> signal(
      String workflowId, String runId, String signalName, Object[] arguments) {
    return Execution.current("Workflow.signal")
        .calls()
        .signal(workflowId, runId, signalName, arguments);
  }

  public static void cancel(Promise<?> promise) {
    Execution.current("Workflow.cancel").cancel(promise);
  }

  public static <T> T nonCancellable(Supplier<T> fn) {
    Objects.requireNonNull(fn, "fn");
    return Execution.current("Workflow.nonCancellable").nonCancellable(fn);
  }

  /**
   * A timer of {@code duration}; {@code call} names the API that made it ({@code Workflow.sleep},
   * {@code Workflow.timer}) in its control.
   */
  public static Promise<Void> timer(Duration duration, String call) {
    Objects.requireNonNull(duration, "duration");
    return Execution.current(call).calls().timer(duration, call, false);
  }

  public static Object sideEffect(java.lang.reflect.Type type, Supplier<?> fn) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(fn, "fn");
    return Execution.current("Workflow.sideEffect").markers().sideEffect(type, fn);
  }

  public static Random random() {
    return Execution.current("Workflow.random()").markers().random();
  }

  public static int getVersion(String changeId, int minSupported, int maxSupported) {
    return Execution.current("Workflow.getVersion")
        .markers()
        .getVersion(changeId, minSupported, maxSupported);
  }

  public static Instant now() {
    return Execution.current("Workflow.now()").horizon().now();
  }

  public static WorkflowInfo info() {
    return Execution.current("Workflow.info()").info();
  }

  public static boolean isContinueAsNewSuggested() {
    return Execution.current("Workflow.isContinueAsNewSuggested()").isContinueAsNewSuggested();
  }

  /** Whether workflow code runs in this thread and replays history; false outside workflow code. */
  public static boolean isReplaying() {
    Execution execution = Execution.currentOrNull();
    return execution != null && execution.horizon().isReplaying();
  }

  /** The workflow and run id of the execution in this thread, or null outside workflow code. */
  public static String[] ids() {
    Execution execution = Execution.currentOrNull();
    if (execution == null) {
      return null;
    }
    WorkflowInfo info = execution.info();
    return new String[] {info.workflowId(), info.runId()};
  }

  public static boolean isCancelRequested() {
    return Execution.current("Workflow.isCancelRequested()").isCancelRequested();
  }
}
