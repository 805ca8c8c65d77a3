package dev.flow.internal.replay;

import dev.flow.CallOptions;
import dev.flow.Promise;
import dev.flow.StartOptions;
import dev.flow.WorkflowInfo;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.WorkflowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;

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

  public static <R> Promise<R> activity(
      ActivitySpec spec, CallOptions options, Object[] arguments) {
    Objects.requireNonNull(spec, "spec");
    return Execution.current("calling activity " + spec.name()).activity(spec, options, arguments);
  }

  public static <R> Promise<R> childWorkflow(
      WorkflowSpec spec, StartOptions options, Object[] arguments) {
    Objects.requireNonNull(spec, "spec");
    return Execution.current("starting child workflow " + spec.name())
        .childWorkflow(spec, options, arguments);
  }

  public static Promise<Void> timer(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    return Execution.current("Workflow.timer/sleep").timer(duration);
  }

  public static Object sideEffect(java.lang.reflect.Type type, java.util.function.Supplier<?> fn) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(fn, "fn");
    return Execution.current("Workflow.sideEffect").sideEffect(type, fn);
  }

  public static Instant now() {
    return Execution.current("Workflow.now()").now();
  }

  public static WorkflowInfo info() {
    return Execution.current("Workflow.info()").info();
  }

  public static boolean isCancelRequested() {
    return Execution.current("Workflow.isCancelRequested()").isCancelRequested();
  }
}
