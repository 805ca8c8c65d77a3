package dev.flow;

import dev.flow.internal.replay.InWorkflow;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What workflow code may ask of the execution it runs in: the time, timers, waiting for a
 * condition, facts about the execution.
 *
 * <p>Workflow code is replayed from the start at every decision, so it must be deterministic: it
 * takes the time from {@link #now()}, never from the machine; it waits with {@link #sleep} and
 * {@link #await}, never with {@code Thread.sleep}; it starts no threads. Every method here must be
 * called from workflow code, in the thread the decider runs it in; elsewhere they throw {@link
 * IllegalStateException}.
 *
 * <pre>{@code
 * Instant deadline = Workflow.now().plus(Duration.ofHours(1));
 * Workflow.await(() -> approved);      // set by a @Signal handler
 * Workflow.sleep(Duration.ofMinutes(5));
 * }</pre>
 *
 * <p>Do not catch {@link Throwable} (or {@link Error}) in workflow code: the decider suspends
 * blocked workflow code by unwinding it with an internal {@code Error}.
 */
public final class Workflow {
  private Workflow() {}

  /**
   * The current time of the execution: when the decision task being replayed at this point of the
   * code started (the time of its {@code DecisionTaskStarted} event). It stands still while the
   * code runs and moves only when the code waits.
   */
  public static Instant now() {
    return InWorkflow.now();
  }

  /** Blocks workflow code for {@code duration}, with a durable timer. */
  public static void sleep(Duration duration) {
    timer(duration).get();
  }

  /**
   * A promise that is ready after {@code duration}, with a durable timer (id {@code timer-<seq>}).
   * Durations are rounded up to whole seconds; a zero duration is ready at once, without a timer.
   *
   * @throws IllegalArgumentException when {@code duration} is negative
   */
  public static Promise<Void> timer(Duration duration) {
    return InWorkflow.timer(duration);
  }

  /**
   * Blocks workflow code until {@code condition} holds. The condition is checked now and after each
   * decision step of the history (after signals and results were delivered); it must depend only on
   * the workflow's own state.
   */
  public static void await(BooleanSupplier condition) {
    InWorkflow.blockUntil(condition, "Workflow.await");
  }

  /**
   * The result of {@code fn}, computed once and recorded in the history (a {@code SideEffect}
   * marker): when the code is replayed, the recorded result comes back and {@code fn} is not
   * called. For what must not change between replays: random numbers, UUIDs, a configuration read.
   * {@code fn} must be quick and must not call workflow APIs.
   *
   * <pre>{@code
   * String token = Workflow.sideEffect(String.class, () -> UUID.randomUUID().toString());
   * }</pre>
   *
   * @param type the type of the result, to decode it on replay
   */
  @SuppressWarnings("unchecked") // decoded as type, or fn's own result
  public static <T> T sideEffect(Class<T> type, Supplier<T> fn) {
    return (T) InWorkflow.sideEffect(type, fn);
  }

  /** The workflow id, run id, type, task list and tags of the execution. */
  public static WorkflowInfo info() {
    return InWorkflow.info();
  }

  /** Whether cancellation of this execution was requested, as of this point of the history. */
  public static boolean isCancelRequested() {
    return InWorkflow.isCancelRequested();
  }
}
