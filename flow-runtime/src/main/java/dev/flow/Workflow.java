package dev.flow;

import dev.flow.internal.replay.InWorkflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
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
 * <p>Once cancellation of the execution is requested, every wait ({@link #sleep}, {@link #await},
 * {@code Promise.get()} on a promise that is not ready) outside {@link #nonCancellable} throws
 * {@link CanceledFailure}; code that lets it escape closes the execution as canceled.
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
    InWorkflow.timer(duration, "Workflow.sleep").get();
  }

  /**
   * A promise that is ready after {@code duration}, with a durable timer (id {@code timer-<seq>}).
   * Durations are rounded up to whole seconds; a zero duration is ready at once, without a timer.
   *
   * @throws IllegalArgumentException when {@code duration} is negative
   */
  public static Promise<Void> timer(Duration duration) {
    return InWorkflow.timer(duration, "Workflow.timer");
  }

  /**
   * Blocks workflow code until {@code condition} holds. The condition is checked now and after each
   * decision step of the history (after signals and results were delivered); it must depend only on
   * the workflow's own state.
   */
  public static void await(BooleanSupplier condition) {
    InWorkflow.await(condition);
  }

  /**
   * Blocks workflow code until {@code condition} holds or {@code timeout} passed, whichever comes
   * first; whether the condition held first. The timeout is a durable timer ({@code timer-<seq>}),
   * canceled (CancelTimer) when the condition holds first; none when it holds at once.
   *
   * <p>Events apply in history order, also within one decision task: when the timer's {@code
   * TimerFired} comes before the signal that makes the condition hold, the wait timed out and the
   * answer is {@code false} (the signal's handler has run all the same, so the state shows it);
   * when the signal comes first, {@code true}.
   *
   * <pre>{@code
   * if (!Workflow.await(Duration.ofHours(24), () -> approved)) {
   *   return "no answer in a day";
   * }
   * }</pre>
   */
  public static boolean await(Duration timeout, BooleanSupplier condition) {
    return InWorkflow.await(timeout, condition);
  }

  /**
   * Cancels the call or timer behind {@code promise}:
   *
   * <ul>
   *   <li>an activity: RequestCancelActivityTask; the promise fails with {@link CanceledFailure}
   *       when the activity task is canceled, or completes as usual when its outcome came first;
   *   <li>a timer ({@link #timer}): CancelTimer; the promise fails with {@link CanceledFailure} at
   *       once;
   *   <li>a child workflow: RequestCancelExternalWorkflowExecution; the promise fails with a {@link
   *       ChildWorkflowFailure} (its cause a {@link CanceledFailure}) once the child closed as
   *       canceled;
   *   <li>a call still waiting for its promised arguments, or waiting to be retried: it fails with
   *       {@link CanceledFailure} at once, and is never issued (again).
   * </ul>
   *
   * Promises that are ready, and promises of anything else, are left as they are.
   */
  public static void cancel(Promise<?> promise) {
    InWorkflow.cancel(promise);
  }

  /**
   * Runs {@code fn} so that cancellation of the execution does not interrupt it: blocking in it
   * does not throw {@link CanceledFailure}. For cleanup after a cancel request:
   *
   * <pre>{@code
   * } catch (CanceledFailure e) {
   *   Workflow.nonCancellable(() -> media.deleteTemporaryFiles(url).get());
   *   throw e;
   * }
   * }</pre>
   */
  public static <T> T nonCancellable(Supplier<T> fn) {
    return InWorkflow.nonCancellable(fn);
  }

  /**
   * Signals another workflow execution: SignalExternalWorkflowExecution of {@code signalName} with
   * {@code arguments} (values or promises, waited for) to {@code workflowId}, run {@code runId}
   * (null: its current run). The promise is ready when SWF delivered the signal, and fails when it
   * could not (no such execution, ...).
   */
  public static Promise<Void> signal(
      String workflowId, String runId, String signalName, Object... arguments) {
    return InWorkflow.signal(workflowId, runId, signalName, arguments);
  }

  /**
   * Ends this run and continues the execution as a new run of the same workflow id, type and
   * version with {@code arguments} (values or promises, waited for): the
   * ContinueAsNewWorkflowExecution decision. Task list, timeouts, tags and priority are carried
   * over; the new run's {@link WorkflowInfo#attempt()} is one more. Never returns: the code after
   * it does not run. Call it last, when the history has grown long ({@link
   * #isContinueAsNewSuggested()}).
   *
   * <p>The generated self stub ({@code ProcessVideoSelf} for {@code ProcessVideo}) does the same
   * with the entry method's typed parameters: {@code return self.process(nextUrl, subs);}.
   */
  public static void continueAsNew(Object... arguments) {
    InWorkflow.continueAsNew(null, ContinueAsNewOptions.DEFAULT, arguments);
  }

  /**
   * Ends this run and continues the execution as new, as {@link #continueAsNew(Object...)} does,
   * with {@code options} overriding what is carried over: another version of the workflow type, a
   * task list, timeouts, tags, a priority.
   *
   * <pre>{@code
   * Workflow.continueAsNew(ContinueAsNewOptions.builder().version("2").build(), cursor);
   * }</pre>
   */
  public static void continueAsNew(ContinueAsNewOptions options, Object... arguments) {
    InWorkflow.continueAsNew(null, Objects.requireNonNull(options, "options"), arguments);
  }

  /**
   * Whether the history is long enough that this run should continue as new: from {@code
   * flow.continueAsNewSuggestedEvents} events (a system property of the decider; default 10,000;
   * SWF's limit is 25,000).
   */
  public static boolean isContinueAsNewSuggested() {
    return InWorkflow.isContinueAsNewSuggested();
  }

  /**
   * Random numbers that replay: a {@link Random} seeded once per run, its seed recorded in a {@code
   * Random} marker at the first call. The same object for the whole run.
   */
  public static Random random() {
    return InWorkflow.random();
  }

  /** A random (version 4) UUID from {@link #random()}: the same on every replay. */
  public static UUID randomUUID() {
    Random random = random();
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /**
   * The version of change {@code changeId} this execution follows, to change workflow code without
   * breaking the executions already running:
   *
   * <pre>{@code
   * int v = Workflow.getVersion("thumbnails", Workflow.DEFAULT_VERSION, 1);
   * if (v == Workflow.DEFAULT_VERSION) {
   *   media.extractThumbnail(url, chapter);            // what executions started before do
   * } else {
   *   media.extractThumbnails(url, chapters);          // what new executions do
   * }
   * }</pre>
   *
   * <p>An execution that meets the change at its live decision task (the one being decided now)
   * follows {@code maxSupported}, recorded in a {@code Version} marker; replay returns the recorded
   * version. An execution whose history reached this point before the change existed follows {@code
   * minSupported}: no marker there, and either commands recorded after it or the decision task it
   * was met at already answered by the code (as Temporal's {@code getVersion} returns {@code
   * DEFAULT_VERSION} in a workflow task it replays). So {@code WorkflowReplayer} replaying a saved
   * history gives {@code minSupported} at every step of it the code answered, and {@code
   * maxSupported} only at a decision task still open at its end. A recorded version outside {@code
   * [minSupported, maxSupported]} (code that dropped support for it) is a non-determinism error.
   * The same change id returns the same version for the rest of the run.
   */
  public static int getVersion(String changeId, int minSupported, int maxSupported) {
    return InWorkflow.getVersion(changeId, minSupported, maxSupported);
  }

  /** The version of executions that ran before a change: pass it as {@code minSupported}. */
  public static final int DEFAULT_VERSION = -1;

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

  /**
   * The workflow id, run id, type, task list and tags of the execution, its run number over
   * continue-as-new and the length of its history as of this point of the code.
   */
  public static WorkflowInfo info() {
    return InWorkflow.info();
  }

  /**
   * Whether cancellation of this execution was requested, as of this point of the history. Once it
   * is, blocking (outside {@link #nonCancellable}) throws {@link CanceledFailure}.
   */
  public static boolean isCancelRequested() {
    return InWorkflow.isCancelRequested();
  }

  /**
   * Whether the code runs behind the live end of the history, re-doing what it did at an earlier
   * decision task (its commands are matched with the recorded ones, nothing new happens). Code
   * rarely needs this: {@link #logger} uses it to keep quiet while replaying.
   */
  public static boolean isReplaying() {
    return InWorkflow.isReplaying();
  }

  /**
   * A logger for workflow code that stays silent while the code replays, so each line is logged
   * once, when the code first runs past it, not again at every later decision task or on a worker
   * that picks the execution up after a restart. Each line carries the MDC keys {@code
   * flow.workflowId} and {@code flow.runId}. Outside workflow code it logs as {@code
   * LoggerFactory.getLogger(type)} does.
   *
   * <pre>{@code
   * private static final Logger log = Workflow.logger(ProcessVideoImpl.class);
   * ...
   * log.info("encoding {} in {} formats", videoUrl, formats.size()); // once per execution
   * }</pre>
   */
  public static org.slf4j.Logger logger(Class<?> type) {
    return new WorkflowLogger(org.slf4j.LoggerFactory.getLogger(type));
  }
}
