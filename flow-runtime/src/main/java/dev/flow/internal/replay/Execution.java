package dev.flow.internal.replay;

import dev.flow.CanceledFailure;
import dev.flow.ContinueAsNewOptions;
import dev.flow.DataConverter;
import dev.flow.Promise;
import dev.flow.WorkflowInfo;
import dev.flow.internal.PromiseCallbacks;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowInstance;
import dev.flow.spi.WorkflowSpec;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * One replay of one history: runs the workflow code in the calling thread, in phases (running,
 * suspended at the end of the history, closed, aborted), moves the {@link Horizon} where the code
 * waits and delivers each step's events ({@link EventRouter}) to the commands the code issued
 * ({@link IssuedCommands}), and answers the decision task ({@link DecisionAnswer}). It is the
 * thread-local context of the workflow API ({@link InWorkflow}); its parts: {@link Calls}, {@link
 * PromisedArguments}, {@link Markers}, {@link Observations}. Lives for one {@link Decider#decide}
 * call, or, parked, for the run's tasks on a {@link StickyDecider}.
 */
final class Execution implements Delivery, EventRouter.ExecutionEvents {
  private static final ThreadLocal<Execution> CURRENT = new ThreadLocal<>();
  private static final Type[] NO_TYPES = new Type[0];

  /** Why the workflow code stopped, if it did. */
  private enum Phase {
    /** The code runs (or waits for the next step). */
    RUNNING,
    /** The code waits beyond the end of the history: the new decisions are ready. */
    SUSPENDED,
    /** The workflow completed, failed, was canceled or continued: its close decision is ready. */
    CLOSED,
    /** Replay cannot go on (non-determinism, invalid history): decide throws {@link #abort}. */
    ABORTED
  }

  /**
   * Where sticky execution parks the code blocked at the end of the history; null (full replay):
   * the code is unwound there.
   */
  interface Parking {
    /**
     * Blocks the workflow thread until the next decision task's history is {@link #extend
     * installed} (true) or the execution is evicted (false: the code is unwound).
     */
    boolean park();
  }

  private final WorkflowDefinition definition;
  private final WorkflowSpec spec;
  private final DataConverter converter;
  private final Limits limits;
  private final RunFacts facts;

  private final Horizon horizon;
  private final IssuedCommands issued;
  private final Observations observations;
  private final EventRouter router;
  private final PromisedArguments arguments;
  private final Calls calls;
  private final Markers markers;
  private final SignalHandlers signals;
  private final Cancellation cancellation;

  private WorkflowInstance instance;
  private Phase phase = Phase.RUNNING;
  private RuntimeException abort;
  private Decision close;

  private Parking parking;

  /** Fails the decision when the code blocks outside Flow too long; null when turned off. */
  private final BlockingWatch blockingWatch = BlockingWatch.fromSystemProperty();

  Execution(
      WorkflowDefinition definition,
      WorkflowExecution execution,
      History history,
      DataConverter converter,
      Limits limits) {
    this(definition, execution, history, converter, limits, null);
  }

  /**
   * @param recordedLater a longer history whose recorded side effects the live step takes
   *     (replaying saved histories step by step); null: none
   */
  Execution(
      WorkflowDefinition definition,
      WorkflowExecution execution,
      History history,
      DataConverter converter,
      Limits limits,
      List<HistoryEvent> recordedLater) {
    this.definition = definition;
    this.spec = definition.spec();
    this.converter = converter;
    this.limits = limits;
    var type = history.started.workflowType();
    if (!spec.name().equals(type.name()) || !spec.version().equals(type.version())) {
      throw new IllegalArgumentException(
          "the history is of workflow type "
              + type.name()
              + " version "
              + type.version()
              + ", but the definition given is of "
              + spec.name()
              + " version "
              + spec.version());
    }
    this.facts =
        new RunFacts(
            execution == null ? null : execution.workflowId(),
            execution == null ? null : execution.runId(),
            history.started);
    // a call or timer per recorded command, about: room for their promises from the start
    int expectedCalls = history.recorded.size() + 16;
    this.observations = new Observations(expectedCalls);
    this.horizon = new Horizon(history);
    this.issued = new IssuedCommands(horizon);
    this.router = new EventRouter(horizon, issued, this, this);
    this.arguments = new PromisedArguments(this, observations);
    this.calls = new Calls(this, arguments, observations);
    this.markers = new Markers(this, recordedLater);
    this.signals = new SignalHandlers(spec, converter, observations);
    this.cancellation = new Cancellation(facts.workflowId, expectedCalls);
  }

  /** The execution replayed in this thread, or null outside workflow code. */
  static Execution currentOrNull() {
    return CURRENT.get();
  }

  /** The execution whose code this thread runs; {@code what} needs one. */
  static Execution current(String what) {
    Execution execution = CURRENT.get();
    if (execution == null) {
      throw new IllegalStateException(
          what
              + " works only in workflow code, in the thread the Flow decider runs it in; this"
              + " thread runs no workflow code (is this a client, an activity, a test or a thread"
              + " of your own?)");
    }
    return execution;
  }

  // ---------------------------------------------------------------- running

  /** Replays the history on a fresh instance and returns the decisions of the current task. */
  List<Decision> run() {
    runCode();
    return answer();
  }

  /**
   * Runs the workflow code in the calling thread until it closes, aborts, or blocks at the end of
   * the history: there it is unwound, or, with {@link #parkWith parking}, parked.
   */
  void runCode() {
    Execution previous = CURRENT.get();
    CURRENT.set(this);
    if (blockingWatch != null) {
      blockingWatch.enter();
    }
    try {
      runWorkflow();
    } finally {
      if (blockingWatch != null) {
        blockingWatch.exit();
      }
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  private void runWorkflow() {
    instance = definition.newInstance();
    try {
      deliverPending();
      Object[] input;
      try {
        input =
            converter.fromArguments(
                history().started.input(), spec.parameterTypes().toArray(NO_TYPES));
      } catch (RuntimeException undecodable) {
        throw abort(
            new UndecodablePayloadException(
                "cannot decode the input of workflow "
                    + spec.name()
                    + " (WorkflowExecutionStarted event 1): "
                    + undecodable.getMessage(),
                undecodable));
      }
      Object result = instance.execute(input);
      if (result instanceof Promise<?> promise) {
        blockUntil(promise::isReady);
        result = promise.get();
      }
      if (phase == Phase.RUNNING && !abortedForBlocking()) {
        close(CloseDecisions.completed(result, converter, cancellation.isRequested()));
      }
    } catch (Unwind unwind) {
      // the phase says why
    } catch (Exception failure) {
      if (phase == Phase.RUNNING && !abortedForBlocking()) {
        failWorkflow(failure);
      }
    }
  }

  /** Makes the code park, not unwind, where it blocks at the end of the history. */
  void parkWith(Parking parking) {
    this.parking = parking;
  }

  /** Whether the code is blocked at the end of the history (parked, when it has parking). */
  boolean suspended() {
    return phase == Phase.SUSPENDED;
  }

  /**
   * Installs {@code longer}, this history continued by the next decision task's events, while the
   * code is parked; matches the commands issued past the old history's recorded ones with those the
   * new one recorded. False (nothing changed) when {@code longer} does not continue this history
   * step for step or records other commands: replay from the start then, which says why.
   */
  boolean extend(History longer) {
    if (phase != Phase.SUSPENDED || !horizon.continuedBy(longer) || !issued.matchAll(longer)) {
      return false;
    }
    horizon.extend(longer);
    return true;
  }

  /**
   * The decisions of the current task, once the code closed or blocked at the end of the history.
   */
  List<Decision> answer() {
    try {
      if (phase == Phase.ABORTED) {
        throw abort;
      }
      return DecisionAnswer.of(issued, horizon, limits, close);
    } catch (NonDeterminismException e) {
      if (!spec.failOnNonDeterminism()) {
        throw e;
      }
      return DecisionAnswer.failing(e);
    }
  }

  private void close(Decision decision) {
    close = decision;
    phase = Phase.CLOSED;
  }

  /**
   * Closes the execution over {@code failure} escaping workflow code: canceled, when it is a {@link
   * CanceledFailure} and cancellation was requested; else failed.
   */
  private void failWorkflow(Throwable failure) {
    close(CloseDecisions.failed(failure, cancellation.isRequested()));
  }

  /** Unwinds the code unless it runs (and was not found blocked outside Flow). */
  void checkRunning() {
    if (abortedForBlocking() || phase != Phase.RUNNING) {
      throw Unwind.INSTANCE;
    }
    if (blockingWatch != null) {
      blockingWatch.touch();
    }
  }

  /** Parks the code; the time parked is not time blocked. */
  private boolean parked() {
    if (blockingWatch == null) {
      return parking.park();
    }
    blockingWatch.exit();
    try {
      return parking.park();
    } finally {
      blockingWatch.enter();
    }
  }

  /**
   * Whether the code was found blocked outside Flow: then replay is aborted ({@link Decider#decide}
   * throws {@link WorkflowBlockedException}), whatever the code did since (a result or an exception
   * after the interrupt decides nothing).
   */
  private boolean abortedForBlocking() {
    StackTraceElement[] stack = blockingWatch == null ? null : blockingWatch.blockedAt();
    if (stack == null) {
      return false;
    }
    String workflow =
        (facts.workflowId == null ? "" : facts.workflowId + " ")
            + "(type "
            + spec.name()
            + " "
            + spec.version()
            + ")";
    abort(blockingWatch.failure(workflow, stack));
    return true;
  }

  /** Stops replay for good: {@link Decider#decide} throws {@code cause}. */
  @Override
  public Unwind abort(RuntimeException cause) {
    if (phase != Phase.ABORTED) {
      abort = cause;
      phase = Phase.ABORTED;
    }
    return Unwind.INSTANCE;
  }

  // ---------------------------------------------------------------- the horizon

  /**
   * Advances the horizon until {@code condition} holds, or suspends the code. Throws {@link
   * CanceledFailure} when it would wait while cancellation of the execution is requested (outside
   * {@code nonCancellable} scopes).
   */
  void blockUntil(BooleanSupplier condition) {
    checkRunning();
    while (!condition.getAsBoolean()) {
      cancellation.checkWait();
      if (!advance()) {
        phase = Phase.SUSPENDED;
        if (parking == null || !parked()) {
          throw Unwind.INSTANCE;
        }
        phase = Phase.RUNNING;
      }
      checkRunning();
    }
  }

  /** Blocks until {@code condition} holds ({@code Workflow.await}). */
  void await(BooleanSupplier condition) {
    checkRunning();
    if (!condition.getAsBoolean()) {
      blockUntil(condition);
      observations.observeReleased();
    }
  }

  /**
   * Blocks until {@code condition} holds or {@code timeout} passed (a timer, canceled when the
   * condition holds first); whether the condition holds.
   */
  boolean await(Duration timeout, BooleanSupplier condition) {
    checkRunning();
    if (condition.getAsBoolean()) {
      return true;
    }
    Promise<Void> timer = calls.timer(timeout, "Workflow.await", true);
    // events apply in history order: what counts is whether the condition held when the timer
    // fired, not after the rest of that decision task's events (a signal after TimerFired)
    boolean[] heldWhenFired = new boolean[1];
    PromiseCallbacks.whenComplete(timer, () -> heldWhenFired[0] = condition.getAsBoolean());
    blockUntil(() -> timer.isReady() || condition.getAsBoolean());
    observations.observeReleased();
    if (timer.isReady()) {
      return heldWhenFired[0];
    }
    cancel(timer);
    return true;
  }

  /** {@code fn}'s result; blocking in it does not throw {@link CanceledFailure}. */
  <T> T nonCancellable(Supplier<T> fn) {
    checkRunning();
    return cancellation.nonCancellable(fn);
  }

  /**
   * Delivers the rest of the horizon's step, or moves the horizon one step on and delivers that
   * step's events; false when the history is exhausted. Re-entrant: a callback that blocks advances
   * further from within the delivery of an event.
   */
  private boolean advance() {
    if (horizon.pending()) {
      deliverPending();
      return true;
    }
    if (horizon.atLastStep()) {
      return false;
    }
    String missing = horizon.nextStep(issued.size());
    observations.stepMoved();
    if (missing != null) {
      throw abort(NonDeterminismException.of(missing));
    }
    deliverPending();
    return true;
  }

  private void deliverPending() {
    while (horizon.pending()) {
      int index = horizon.next();
      try {
        router.deliver(index);
      } catch (RuntimeException e) {
        // workflow code may be on the stack: never let it catch a problem of the history's
        HistoryEvent event = history().event(index);
        throw abort(
            History.invalid(
                "cannot deliver "
                    + event.eventTypeAsString()
                    + " event "
                    + event.eventId()
                    + ": "
                    + e,
                e));
      }
    }
  }

  // ---------------------------------------------------------------- observations

  /** Notes that workflow code read {@code promise}, when this thread runs workflow code. */
  static void observed(Promise<?> promise, boolean waited) {
    Execution execution = CURRENT.get();
    if (execution != null && execution.phase == Phase.RUNNING) {
      execution.observations.observe(promise, waited);
    }
  }

  @Override
  public void delivering(String origin, Runnable deliver) {
    observations.delivering(origin, deliver);
  }

  @Override
  public void closed(Command<?> command) {
    issued.closed(command);
  }

  // ---------------------------------------------------------------- commands

  /** The code's calls: activities, child workflows, timers, signals. */
  Calls calls() {
    return calls;
  }

  /** The code's side effects, random numbers and versions. */
  Markers markers() {
    return markers;
  }

  /**
   * Ends the run with ContinueAsNewWorkflowExecution of {@code next} (null: this run's spec; else
   * this workflow type, perhaps another version) over {@code args}; what {@code options} leaves
   * unset is carried over.
   */
  void continueAsNew(WorkflowSpec next, ContinueAsNewOptions options, Object[] args) {
    checkRunning();
    close(CloseDecisions.continuedAsNew(spec, next, options, args, calls, facts));
    throw Unwind.INSTANCE;
  }

  /** Asks for the call or timer behind {@code promise} to be canceled; others: nothing happens. */
  void cancel(Promise<?> promise) {
    checkRunning();
    cancellation.cancel(promise);
  }

  /** Makes {@code Workflow.cancel(promise)} run {@code canceler}. */
  void onCancel(Promise<?> promise, Runnable canceler) {
    cancellation.onCancel(promise, canceler);
  }

  /** The sequence number of the next command issued. */
  int nextSeq() {
    return issued.nextSeq();
  }

  /**
   * The id of an activity call of type {@code name} issued next: {@code <name>-<seq>}, the very
   * string the history recorded for it when it did (replay builds no copy of it).
   */
  String activityBaseId(String name) {
    int seq = nextSeq();
    String recorded = issued.recordedId(seq - 1);
    return recorded != null && Commands.isSeqId(recorded, name, seq) ? recorded : name + "-" + seq;
  }

  /** Whether the next command issued is new (past the recorded ones): its control is written. */
  boolean nextIsNew() {
    return issued.nextIsNew();
  }

  /**
   * Gives {@code command} the next sequence number's place and matches it with the next recorded
   * command, if any is left; otherwise it is a new decision.
   */
  <C extends Command<?>> C issue(C command) {
    checkRunning();
    try {
      return issued.add(command);
    } catch (NonDeterminismException mismatch) {
      throw abort(mismatch);
    }
  }

  IssuedCommands issued() {
    return issued;
  }

  Observations observations() {
    return observations;
  }

  Horizon horizon() {
    return horizon;
  }

  History history() {
    return horizon.history();
  }

  @Override
  public DataConverter converter() {
    return converter;
  }

  String workflowId() {
    return facts.workflowId;
  }

  String runId() {
    return facts.runId;
  }

  // ---------------------------------------------------------------- the execution's own events

  @Override
  public void cancelRequested(HistoryEvent event) {
    cancellation.requested(event);
  }

  /** Calls the signal's handler; what escapes it fails the workflow. */
  @Override
  public void signaled(HistoryEvent event) {
    try {
      signals.deliver(event, instance, !horizon.isReplaying());
    } catch (Unwind unwind) {
      throw unwind;
    } catch (Exception failure) {
      if (phase == Phase.RUNNING) {
        failWorkflow(failure);
      }
      throw Unwind.INSTANCE;
    }
  }

  // ---------------------------------------------------------------- facts

  /** {@code Workflow.info()}. */
  WorkflowInfo info() {
    return facts.info(horizon.historyLength());
  }

  boolean isContinueAsNewSuggested() {
    return horizon.historyLength() >= limits.continueAsNewSuggestedEvents();
  }

  boolean isCancelRequested() {
    return cancellation.isRequested();
  }
}
