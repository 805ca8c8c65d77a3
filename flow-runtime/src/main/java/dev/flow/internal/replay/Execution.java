package dev.flow.internal.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flow.ActivityFailure;
import dev.flow.ActivityTimeout;
import dev.flow.CallOptions;
import dev.flow.CanceledFailure;
import dev.flow.ChildWorkflowFailure;
import dev.flow.DataConverter;
import dev.flow.FlowException;
import dev.flow.Promise;
import dev.flow.Promises;
import dev.flow.RetryPolicy;
import dev.flow.Settable;
import dev.flow.StartOptions;
import dev.flow.WorkflowInfo;
import dev.flow.internal.Failures;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.SignalSpec;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowInstance;
import dev.flow.spi.WorkflowSpec;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * One replay of one history: the horizon (which decision step the code sees), the commands the code
 * issued in order, and the delivery of each step's events to the promises and signal handlers
 * waiting for them. Lives for one {@link Decider#decide} call, in the calling thread.
 */
final class Execution {
  private static final Logger LOG = LoggerFactory.getLogger(Decider.class);
  private static final ThreadLocal<Execution> CURRENT = new ThreadLocal<>();
  private static final Type[] NO_TYPES = new Type[0];
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The tag that carries the run number over continue-as-new: {@code flow.attempt=<n>}. */
  static final String ATTEMPT_TAG = "flow.attempt=";

  /** The reason of the FailWorkflowExecution decided on non-determinism, when the spec asks. */
  static final String NON_DETERMINISTIC = "NonDeterministicWorkflow";

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

  private final WorkflowDefinition definition;
  private final WorkflowSpec spec;
  private History history;

  /** A longer history whose recorded side effects the live step takes (replaying saved ones). */
  List<HistoryEvent> recordedLater;

  private History recordedLaterHistory;
  private final DataConverter converter;
  private final Limits limits;
  private final String workflowId;
  private final String runId;
  private final Map<String, SignalSpec> signals;

  private WorkflowInstance instance;
  private Phase phase = Phase.RUNNING;
  private RuntimeException abort;
  private Decision close;

  /** The horizon: the index in {@link History#steps} of the step the code sees. */
  private int step;

  /** The index of the next event to deliver; events before it are delivered. */
  private int delivered;

  /** Deliver events up to (excluding) this index: the horizon's DecisionTaskStarted. */
  private int horizonEnd;

  private final ArrayList<Command> issued = new ArrayList<>();

  /** The WorkflowExecutionCancelRequested event delivered, or null. */
  private HistoryEvent cancelRequest;

  /** How deep the code is in {@code Workflow.nonCancellable} scopes. */
  private int nonCancellable;

  /** What {@code Workflow.cancel(promise)} does, per promise of a call or timer. */
  private final IdentityHashMap<Promise<?>, Runnable> cancelers = new IdentityHashMap<>();

  /** The calls of {@code @Idempotent} activities, by activity id. */
  private final HashMap<String, Call> idempotentCalls = new HashMap<>();

  /** The versions {@code Workflow.getVersion} returned, by change id. */
  private final HashMap<String, Integer> versions = new HashMap<>();

  private Random random;

  /** The results a resumed run reuses (Resume), by key and position; empty otherwise. */
  private final Map<String, Map<Integer, Resume.Entry>> resumed;

  /** How many calls of each key the code made, when it reuses results. */
  private final HashMap<String, Integer> callsByKey = new HashMap<>();

  // What the code depended on when it issued each call: the control record (Control).

  /** Where each promise of a call or timer gets its value: {@code KIND:ID}. */
  private final IdentityHashMap<Promise<?>, String> origins = new IdentityHashMap<>();

  /** The results the code observed in its latest run of observations, as origins. */
  private final LinkedHashSet<String> seen = new LinkedHashSet<>();

  /** Whether the code issued a call since it last observed a result. */
  private boolean issuedSinceSeen;

  /** The origin of the result being delivered (its callbacks run now); null between events. */
  private String delivering;

  /** The origins of the results delivered since the horizon last moved. */
  private final ArrayList<String> released = new ArrayList<>();

  /** More than 0 while the decider reads promises itself: no observation of the code. */
  private int internalReads;

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

  private Parking parking;

  /** Fails the decision when the code blocks outside Flow too long; null when turned off. */
  private final BlockingWatch blockingWatch = BlockingWatch.fromSystemProperty();

  Execution(
      WorkflowDefinition definition,
      WorkflowExecution execution,
      History history,
      DataConverter converter,
      Limits limits) {
    this.definition = definition;
    this.spec = definition.spec();
    this.history = history;
    this.converter = converter;
    this.limits = limits;
    this.workflowId = execution == null ? null : execution.workflowId();
    this.runId = execution == null ? null : execution.runId();
    this.resumed = Resume.table(history);
    this.signals = new HashMap<>();
    for (SignalSpec signal : spec.signals()) {
      signals.put(signal.name(), signal);
    }
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
  }

  /** The execution whose code this thread runs. */
  /** The execution replayed in this thread, or null outside workflow code. */
  static Execution currentOrNull() {
    return CURRENT.get();
  }

  /**
   * Whether the code runs behind the live end of the history: what it does now was done before, at
   * an earlier decision task (its commands are matched with recorded ones).
   */
  boolean isReplaying() {
    return step < history.steps.length - 1;
  }

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

  /** Makes the code park, not unwind, where it blocks at the end of the history. */
  void parkWith(Parking parking) {
    this.parking = parking;
  }

  /** Whether the code is blocked at the end of the history (parked, when it has parking). */
  boolean suspended() {
    return phase == Phase.SUSPENDED;
  }

  History history() {
    return history;
  }

  /** The id of the current step's {@code DecisionTaskStarted} event. */
  long startedEventId() {
    return history.events[history.steps[history.steps.length - 1]].eventId();
  }

  /**
   * Installs {@code longer}, this history continued by the next decision task's events, while the
   * code is parked; matches the commands issued past the old history's recorded ones with those the
   * new one recorded. False (nothing changed) when {@code longer} does not continue this history
   * step for step or records other commands: replay from the start then, which says why.
   */
  boolean extend(History longer) {
    int n = history.steps.length;
    if (phase != Phase.SUSPENDED
        || longer.events.length <= history.events.length
        || longer.steps.length <= n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (longer.steps[i] != history.steps[i]) {
        return false;
      }
    }
    int from = history.recorded.size();
    int to = Math.min(longer.recorded.size(), issued.size());
    for (int i = from; i < to; i++) {
      if (!issued.get(i).matches(longer.recorded.get(i))) {
        return false;
      }
    }
    for (int i = from; i < to; i++) {
      Command c = issued.get(i);
      c.recorded = longer.recorded.get(i);
      c.state = Command.State.RECORDED;
    }
    history = longer;
    return true;
  }

  /**
   * The decisions of the current task, once the code closed or blocked at the end of the history.
   */
  List<Decision> answer() {
    try {
      return finish();
    } catch (NonDeterministicWorkflowException e) {
      if (!spec.failOnNonDeterminism()) {
        throw e;
      }
      String message = e.getMessage();
      return List.of(
          Decision.builder()
              .decisionType(DecisionType.FAIL_WORKFLOW_EXECUTION)
              .failWorkflowExecutionDecisionAttributes(
                  a ->
                      a.reason(NON_DETERMINISTIC)
                          .details(
                              message.length() <= Failures.MAX_DETAILS
                                  ? message
                                  : message.substring(0, Failures.MAX_DETAILS)))
              .build());
    }
  }

  private void runWorkflow() {
    instance = definition.newInstance();
    try {
      horizonEnd = history.steps[0];
      deliverPending();
      Object[] arguments;
      try {
        arguments =
            converter.fromArguments(
                history.started.input(), spec.parameterTypes().toArray(NO_TYPES));
      } catch (RuntimeException undecodable) {
        throw abort(
            new UndecodablePayloadException(
                "cannot decode the input of workflow "
                    + spec.name()
                    + " (WorkflowExecutionStarted event 1): "
                    + undecodable.getMessage(),
                undecodable));
      }
      Object result = instance.execute(arguments);
      if (result instanceof Promise<?> promise) {
        blockUntil(promise::isReady);
        result = promise.get();
      }
      if (phase == Phase.RUNNING && !abortedForBlocking()) {
        complete(result);
      }
    } catch (Unwind unwind) {
      // the phase says why
    } catch (Exception failure) {
      if (phase == Phase.RUNNING && !abortedForBlocking()) {
        failWorkflow(failure);
      }
    }
  }

  private List<Decision> finish() {
    if (phase == Phase.ABORTED) {
      throw abort;
    }
    if (phase == Phase.RUNNING) {
      // workflow code swallowed the Unwind of an abort or suspension: cannot happen unless it
      // catches Throwable, and then the phase is not RUNNING; kept as a guard
      throw new IllegalStateException("workflow code neither finished nor blocked");
    }
    List<Recorded> recorded = history.recorded;
    if (issued.size() < recorded.size()) {
      throw nonDeterministic(
          "recorded decision #"
              + (issued.size() + 1)
              + " "
              + recorded.get(issued.size())
              + " was not issued: the workflow code "
              + (phase == Phase.CLOSED ? "closed" : "blocked")
              + " at step "
              + (step + 1)
              + " ("
              + horizonDescription()
              + ") after issuing "
              + issued.size()
              + " commands");
    }
    // hold back activities beyond the open-activity cap, and every decision after the first one
    // held back: what goes out is a prefix of the commands in the order of issue
    int first = recorded.size();
    int end = issued.size();
    int open = 0;
    for (int i = 0; i < first; i++) {
      Command c = issued.get(i);
      if (c.kind == CommandKind.ACTIVITY
          && (c.state == Command.State.RECORDED || c.state == Command.State.STARTED)) {
        open++;
      }
    }
    for (int i = first; i < end; i++) {
      if (issued.get(i).kind == CommandKind.ACTIVITY && ++open > limits.maxOpenActivities()) {
        end = i;
        break;
      }
    }
    boolean closing = close != null && end == issued.size();
    int count = end - first + (closing ? 1 : 0);
    boolean split = count > limits.maxDecisionsPerTask();
    if (split) {
      end = first + limits.maxDecisionsPerTask() - 1;
      closing = false;
    }
    List<Decision> decisions = new ArrayList<>(end - first + 1);
    for (int i = first; i < end; i++) {
      Command c = issued.get(i);
      decisions.add(Control.withControl(c.decision.get(), c.control));
    }
    if (split) {
      // its firing brings the next decision task, which sends the rest
      String timerId =
          Commands.SPLIT_TIMER + history.events[history.steps[history.steps.length - 1]].eventId();
      decisions.add(
          Control.withControl(Commands.startTimer(timerId, "0"), Control.purpose("split")));
    }
    if (closing) {
      decisions.add(close);
    }
    return decisions;
  }

  private void complete(Object result) {
    String data;
    try {
      data = converter.toData(result);
    } catch (RuntimeException e) {
      failWorkflow(e);
      return;
    }
    if (data != null && data.length() > Failures.MAX_DETAILS) {
      failWorkflow(
          new FlowException(
              "the workflow result is "
                  + data.length()
                  + " characters long once encoded; SWF"
                  + " accepts at most "
                  + Failures.MAX_DETAILS));
      return;
    }
    close =
        Decision.builder()
            .decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
            .completeWorkflowExecutionDecisionAttributes(a -> a.result(data))
            .build();
    phase = Phase.CLOSED;
  }

  /**
   * Closes the execution over {@code failure} escaping workflow code: canceled, when it is a {@link
   * CanceledFailure} and cancellation was requested; else failed.
   */
  private void failWorkflow(Throwable failure) {
    if (failure instanceof CanceledFailure && cancelRequest != null) {
      String details = failure.getMessage();
      close =
          Decision.builder()
              .decisionType(DecisionType.CANCEL_WORKFLOW_EXECUTION)
              .cancelWorkflowExecutionDecisionAttributes(
                  a ->
                      a.details(
                          details == null || details.length() <= Failures.MAX_DETAILS
                              ? details
                              : details.substring(0, Failures.MAX_DETAILS)))
              .build();
    } else {
      close =
          Decision.builder()
              .decisionType(DecisionType.FAIL_WORKFLOW_EXECUTION)
              .failWorkflowExecutionDecisionAttributes(
                  a -> a.reason(Failures.reason(failure)).details(Failures.details(failure)))
              .build();
    }
    phase = Phase.CLOSED;
  }

  private void checkRunning() {
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
        (workflowId == null ? "" : workflowId + " ")
            + "(type "
            + spec.name()
            + " "
            + spec.version()
            + ")";
    abort(blockingWatch.failure(workflow, stack));
    return true;
  }

  /** Stops replay for good: {@link Decider#decide} throws {@code cause}. */
  private Unwind abort(RuntimeException cause) {
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
      if (cancelRequest != null && nonCancellable == 0) {
        throw new CanceledFailure(
            "cancellation of workflow execution "
                + (workflowId == null ? "" : workflowId + " ")
                + "was requested (event "
                + cancelRequest.eventId()
                + ")");
      }
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
      observeReleased();
    }
  }

  // ---------------------------------------------------------------- observations

  /** Notes that workflow code read {@code promise}, when this thread runs workflow code. */
  static void observed(Promise<?> promise, boolean waited) {
    Execution execution = CURRENT.get();
    if (execution != null) {
      execution.observe(promise, waited);
    }
  }

  /**
   * The code read {@code promise}: the result of the call or timer behind it; or, for another
   * promise it had to wait for, the results whose delivery ended the wait.
   */
  private void observe(Promise<?> promise, boolean waited) {
    if (internalReads > 0 || phase != Phase.RUNNING) {
      return;
    }
    String origin = origins.get(promise);
    if (origin != null) {
      see(origin);
    } else if (waited) {
      observeReleased();
    }
  }

  private void observeReleased() {
    for (int i = 0; i < released.size(); i++) {
      see(released.get(i));
    }
  }

  private void see(String origin) {
    if (issuedSinceSeen) {
      seen.clear();
      issuedSinceSeen = false;
    }
    seen.add(origin);
  }

  /** {@code promise} gets its value from {@code origin} ({@code KIND:ID}). */
  void origin(Promise<?> promise, String origin) {
    origins.put(promise, origin);
  }

  /**
   * What a call issued now depended on: {@code deps}, and the results observed before it; issued
   * from a callback, the result whose delivery runs it. A call of the code's own ends its run of
   * observations.
   */
  Control.Trace trace(List<String> deps) {
    List<String> after;
    if (delivering != null) {
      after = deps.contains(delivering) ? List.of() : List.of(delivering);
    } else {
      issuedSinceSeen = true;
      if (seen.isEmpty()) {
        after = List.of();
      } else {
        after = new ArrayList<>(seen);
        after.removeAll(deps);
      }
    }
    if (deps.isEmpty() && after.isEmpty()) {
      return Control.Trace.NONE;
    }
    return new Control.Trace(List.copyOf(deps), List.copyOf(after));
  }

  /** Runs the callbacks of the result of {@code origin}, delivered now. */
  private void delivering(String origin, Runnable deliver) {
    released.add(origin);
    String outer = delivering;
    delivering = origin;
    try {
      deliver.run();
    } finally {
      delivering = outer;
    }
  }

  /** Whether the next command issued is new (past the recorded ones): its control is written. */
  boolean nextIsNew() {
    return issued.size() >= history.recorded.size();
  }

  /** {@code fn}'s result; blocking in it does not throw {@link CanceledFailure}. */
  <T> T nonCancellable(Supplier<T> fn) {
    checkRunning();
    nonCancellable++;
    try {
      return fn.get();
    } finally {
      nonCancellable--;
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
    Promise<Void> timer = startTimer(timeout, "Workflow.await", true);
    // events apply in history order: what counts is whether the condition held when the timer
    // fired, not after the rest of that decision task's events (a signal after TimerFired)
    boolean[] heldWhenFired = new boolean[1];
    if (timer instanceof Settable<Void> settable) {
      settable.whenComplete(() -> heldWhenFired[0] = condition.getAsBoolean());
    }
    blockUntil(() -> timer.isReady() || condition.getAsBoolean());
    observeReleased();
    if (timer.isReady()) {
      return heldWhenFired[0];
    }
    cancel(timer);
    return true;
  }

  /**
   * Delivers the rest of the horizon's step, or moves the horizon one step on and delivers that
   * step's events; false when the history is exhausted. Re-entrant: a callback that blocks advances
   * further from within the delivery of an event.
   */
  private boolean advance() {
    if (delivered < horizonEnd) {
      deliverPending();
      return true;
    }
    if (step + 1 >= history.steps.length) {
      return false;
    }
    step++;
    released.clear();
    int required = history.recordedBefore[step];
    if (issued.size() < required) {
      throw abort(
          nonDeterministic(
              "recorded decision #"
                  + (issued.size() + 1)
                  + " "
                  + history.recorded.get(issued.size())
                  + " was not issued: the workflow code blocked at step "
                  + step
                  + " ("
                  + describeStep(step - 1)
                  + ") after issuing "
                  + issued.size()
                  + " commands, and the history goes on to step "
                  + (step + 1)
                  + " ("
                  + describeStep(step)
                  + ")"));
    }
    horizonEnd = history.steps[step];
    deliverPending();
    return true;
  }

  private void deliverPending() {
    while (delivered < horizonEnd) {
      int index = delivered++;
      try {
        deliver(index);
      } catch (RuntimeException e) {
        // workflow code may be on the stack: never let it catch a problem of the history's
        HistoryEvent event = history.events[index];
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

  Instant now() {
    return history.events[history.steps[step]].eventTimestamp();
  }

  private String horizonDescription() {
    return describeStep(step);
  }

  private String describeStep(int s) {
    return "DecisionTaskStarted event " + history.events[history.steps[s]].eventId();
  }

  // ---------------------------------------------------------------- commands

  <R> Promise<R> activity(ActivitySpec activity, CallOptions options, Object[] arguments) {
    checkRunning();
    CallOptions o = options == null ? CallOptions.DEFAULT : options;
    return withArguments(arguments, (values, deps) -> scheduleActivity(activity, o, values, deps));
  }

  <R> Promise<R> childWorkflow(WorkflowSpec child, StartOptions options, Object[] arguments) {
    checkRunning();
    StartOptions o = options == null ? StartOptions.DEFAULT : options;
    return withArguments(arguments, (values, deps) -> startChild(child, o, values, deps, null));
  }

  /** A child workflow started as {@link #childWorkflow}, with its id, signals and cancel. */
  @SuppressWarnings("unchecked")
  <R> ChildHandleImpl<R> childHandle(WorkflowSpec child, StartOptions options, Object[] arguments) {
    checkRunning();
    StartOptions o = options == null ? StartOptions.DEFAULT : options;
    Settable<String> started = new Settable<>();
    Promise<R> result =
        withArguments(arguments, (values, deps) -> startChild(child, o, values, deps, started));
    // a failed promised argument, or a cancel before the start, fails the id as the result
    ((Settable<R>) result)
        .whenComplete(
            () -> {
              if (!started.isReady()) {
                try {
                  result.get();
                } catch (RuntimeException failure) {
                  started.fail(failure);
                }
              }
            });
    return new ChildHandleImpl<>(this, started, result);
  }

  /**
   * {@code fn}'s result, recorded in a {@code SideEffect} marker the first time; on replay, the
   * recorded result, and {@code fn} is not called.
   */
  Object sideEffect(Type type, Supplier<?> fn) {
    checkRunning();
    int index = issued.size();
    int seq = index + 1;
    String recordedDetails = recordedOrLater(index, Commands.SIDE_EFFECT);
    if (recordedDetails != null) {
      issue(Commands.sideEffect(seq, recordedDetails));
      return converter.fromData(recordedDetails, type);
    }
    Object value = fn.get();
    String details = converter.toData(value);
    if (details != null && details.length() > Failures.MAX_DETAILS) {
      throw new FlowException(
          "a side effect's result is "
              + details.length()
              + " characters long once encoded; SWF accepts at most "
              + Failures.MAX_DETAILS);
    }
    issue(Commands.sideEffect(seq, details));
    return value;
  }

  /** The details of marker {@code name} when it is recorded command {@code index}; else null. */
  private String recordedMarker(int index, String name) {
    return recordedMarker(history, index, name);
  }

  /**
   * {@link #recordedMarker}, else, when replaying a saved history step by step, the marker the
   * whole history recorded there: the live step's side effects and random seed as they were.
   */
  private String recordedOrLater(int index, String name) {
    String details = recordedMarker(history, index, name);
    if (details == null && recordedLater != null) {
      details = recordedMarker(laterHistory(), index, name);
    }
    return details;
  }

  /** {@link #recordedLater}, read once. */
  private History laterHistory() {
    if (recordedLaterHistory == null) {
      recordedLaterHistory = History.of(recordedLater);
    }
    return recordedLaterHistory;
  }

  private static String recordedMarker(History history, int index, String name) {
    if (index >= history.recorded.size()) {
      return null;
    }
    Recorded recorded = history.recorded.get(index);
    HistoryEvent e = recorded.event();
    if (history.types[recorded.index()] == EventType.MARKER_RECORDED
        && name.equals(recorded.typeName())) {
      String details = e.markerRecordedEventAttributes().details();
      return details == null ? "" : details;
    }
    return null;
  }

  /** The run's random numbers, seeded from a {@code Random} marker recorded at the first call. */
  Random random() {
    checkRunning();
    if (random == null) {
      int index = issued.size();
      String recordedSeed = recordedOrLater(index, Commands.RANDOM);
      long seed;
      if (recordedSeed != null) {
        try {
          seed = parseSeed(recordedSeed);
        } catch (RuntimeException e) {
          HistoryEvent event = history.recorded.get(index).event();
          throw abort(
              History.invalid(
                  "Random marker event "
                      + event.eventId()
                      + " holds no seed: "
                      + abbreviate(recordedSeed)));
        }
      } else {
        seed = ThreadLocalRandom.current().nextLong();
      }
      String details =
          recordedSeed != null
              ? recordedSeed
              : Control.start()
                  .put("purpose", "random")
                  .put("seed", Long.toString(seed))
                  .toString();
      issue(Commands.marker(index + 1, Commands.RANDOM, details));
      random = new Random(seed);
    }
    return random;
  }

  /** A Random marker's seed: {@code {"flow":1,"purpose":"random","seed":"N"}}, or the number. */
  private static long parseSeed(String details) {
    String s = details.trim();
    if (s.startsWith("{")) {
      try {
        return Long.parseLong(JSON.readTree(s).path("seed").asText());
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException(e);
      }
    }
    return Long.parseLong(s);
  }

  /**
   * The version of change {@code changeId} this execution follows: the recorded one (a {@code
   * Version} marker); {@code minSupported} when the code meets it with no marker there among the
   * recorded commands or at a step the code answered before (the execution ran there before the
   * change existed); else {@code maxSupported}, recorded (the live step).
   */
  int getVersion(String changeId, int minSupported, int maxSupported) {
    checkRunning();
    Objects.requireNonNull(changeId, "changeId");
    if (minSupported > maxSupported) {
      throw new IllegalArgumentException(
          "getVersion(\""
              + changeId
              + "\"): minSupported "
              + minSupported
              + " is greater than maxSupported "
              + maxSupported);
    }
    Integer known = versions.get(changeId);
    int version;
    if (known != null) {
      version = known;
    } else {
      int index = issued.size();
      String details = recordedOrLater(index, Commands.VERSION);
      JsonNode recorded = details == null ? null : parseVersion(index, details);
      if (recorded != null && changeId.equals(recorded.path("changeId").asText())) {
        version = recorded.path("version").asInt();
        issue(Commands.marker(index + 1, Commands.VERSION, details));
      } else if (index < history.recorded.size() || codeRanThisStep()) {
        version = minSupported; // this execution ran here before the change was made
      } else {
        version = maxSupported;
        String json =
            Control.start()
                .put("purpose", "version")
                .put("changeId", changeId)
                .put("version", maxSupported)
                .toString();
        issue(Commands.marker(index + 1, Commands.VERSION, json));
      }
      versions.put(changeId, version);
    }
    if (version < minSupported || version > maxSupported) {
      throw abort(
          nonDeterministic(
              "workflow code calls getVersion(\""
                  + changeId
                  + "\", "
                  + minSupported
                  + ", "
                  + maxSupported
                  + ") but this execution follows version "
                  + version
                  + " of that change, at step "
                  + (step + 1)
                  + " ("
                  + horizonDescription()
                  + ")"));
    }
    return version;
  }

  /**
   * Whether the code ran at the horizon's step before, without this replay: the history holds the
   * code's answer to that step's decision task (replaying a saved history step by step, the whole
   * history does). Only the live step, a step a worker answered for itself (blocked, resuming) and
   * the steps after it are new to the code.
   */
  private boolean codeRanThisStep() {
    History h = recordedLater == null ? history : laterHistory();
    return h.answeredByCode(history.steps[step]);
  }

  private JsonNode parseVersion(int index, String details) {
    try {
      JsonNode node = JSON.readTree(details);
      if (node != null && node.hasNonNull("changeId") && node.path("version").isInt()) {
        return node;
      }
    } catch (java.io.IOException e) {
      // reported below
    }
    throw abort(
        History.invalid(
            "Version marker event "
                + history.recorded.get(index).event().eventId()
                + " holds no {\"changeId\", \"version\"}: "
                + abbreviate(details)));
  }

  /**
   * A timer of the code's, {@code call} naming how it was made ({@code Workflow.sleep}, {@code
   * Workflow.timer}).
   */
  Promise<Void> timer(Duration delay, String call) {
    return startTimer(delay, call, false);
  }

  @SuppressWarnings("unchecked")
  private Promise<Void> startTimer(Duration delay, String call, boolean awaitTimeout) {
    checkRunning();
    if (delay.isNegative()) {
      throw new IllegalArgumentException("a timer cannot wait a negative duration: " + delay);
    }
    if (delay.isZero()) {
      return Promise.value(null);
    }
    Command command = Commands.timer(issued.size() + 1, delay);
    Control.Trace trace = trace(List.of());
    if (nextIsNew()) {
      command.control = awaitTimeout ? Control.awaitTimeout(trace) : Control.call(call, trace, 1);
    }
    Command timer = issue(command);
    origins.put(timer.promise, "timer:" + timer.id);
    cancelers.put(
        timer.promise,
        () -> {
          if (!timer.promise.isReady()) {
            issue(Commands.cancelTimer(issued.size() + 1, timer.id));
            timer.promise.fail(new CanceledFailure("timer " + timer.id + " was canceled"));
          }
        });
    return (Promise<Void>) (Promise<?>) timer.promise;
  }

  /** SignalExternalWorkflowExecution, once every promised argument is ready. */
  Promise<Void> signalExternal(
      String targetWorkflowId, String targetRunId, String signalName, Object[] arguments) {
    checkRunning();
    Objects.requireNonNull(targetWorkflowId, "workflowId");
    Objects.requireNonNull(signalName, "signalName");
    return withArguments(
        arguments,
        (values, deps) -> {
          checkRunning();
          String input;
          try {
            input = encodeInput(values, "signal " + signalName);
          } catch (RuntimeException e) {
            return Promise.failed(e);
          }
          Command command =
              Commands.signalExternal(
                  issued.size() + 1, targetWorkflowId, targetRunId, signalName, input);
          Control.Trace trace = trace(deps);
          if (nextIsNew()) {
            command.control = Control.call("signal:" + signalName, trace, 1);
          }
          return issue(command).promise;
        });
  }

  /**
   * Ends the run with ContinueAsNewWorkflowExecution of {@code next} (this workflow type, perhaps
   * another version) over {@code arguments}; what {@code options} leaves unset is carried over.
   */
  void continueAsNew(WorkflowSpec next, StartOptions options, Object[] arguments) {
    checkRunning();
    WorkflowSpec target = next == null ? spec : next;
    if (!target.name().equals(spec.name())) {
      throw new IllegalArgumentException(
          "continue-as-new keeps the workflow type: this is "
              + spec.name()
              + ", not "
              + target.name()
              + "; start another type as a child workflow instead");
    }
    StartOptions o = options == null ? StartOptions.DEFAULT : options;
    Object[] values = values(arguments == null ? new Object[0] : arguments);
    String input = encodeInput(values, "continue-as-new of " + target.name());
    var s = history.started;
    String taskList =
        o.taskList() != null ? o.taskList() : s.taskList() == null ? null : s.taskList().name();
    String executionTimeout =
        o.executionStartToCloseTimeout() != null
            ? Commands.timeout(o.executionStartToCloseTimeout(), 0)
            : s.executionStartToCloseTimeout();
    String taskTimeout =
        o.taskStartToCloseTimeout() != null
            ? Commands.timeout(o.taskStartToCloseTimeout(), 0)
            : s.taskStartToCloseTimeout();
    List<String> tags = new ArrayList<>(o.tags().isEmpty() ? userTags() : o.tags());
    if (tags.size() < 5) {
      tags.add(ATTEMPT_TAG + (attempt() + 1));
    }
    String priority = o.priority() != null ? o.priority().toString() : s.taskPriority();
    close =
        Decision.builder()
            .decisionType(DecisionType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION)
            .continueAsNewWorkflowExecutionDecisionAttributes(
                a ->
                    a.input(input)
                        .workflowTypeVersion(target.version())
                        .taskList(taskList == null ? null : t -> t.name(taskList))
                        .taskPriority(priority)
                        .executionStartToCloseTimeout(executionTimeout)
                        .taskStartToCloseTimeout(taskTimeout)
                        .childPolicy(s.childPolicy())
                        .lambdaRole(s.lambdaRole())
                        .tagList(tags.isEmpty() ? null : tags))
            .build();
    phase = Phase.CLOSED;
    throw Unwind.INSTANCE;
  }

  /** Asks for the call or timer behind {@code promise} to be canceled; others: nothing happens. */
  void cancel(Promise<?> promise) {
    checkRunning();
    Runnable canceler = cancelers.get(Objects.requireNonNull(promise, "promise"));
    if (canceler != null) {
      canceler.run();
    }
  }

  /** Starts a call over its argument values and the origins of its promised arguments. */
  private interface Start {
    Promise<Object> apply(Object[] values, List<String> deps);
  }

  /**
   * Calls {@code start} with the argument values once every promised argument is ready; the promise
   * returned follows the one {@code start} returns, unless it was canceled first.
   */
  @SuppressWarnings("unchecked")
  private <R> Promise<R> withArguments(Object[] arguments, Start start) {
    Object[] args = arguments == null ? new Object[0] : arguments;
    List<Promise<?>> promised = null;
    for (Object argument : args) {
      if (argument instanceof Promise<?> promise) {
        if (promised == null) {
          promised = new ArrayList<>(args.length);
        }
        promised.add(promise);
      }
    }
    if (promised == null) {
      return (Promise<R>) start.apply(args.clone(), List.of());
    }
    List<Promise<?>> promisedArguments = promised;
    Settable<Object> result = new Settable<>();
    Promise<?>[] started = new Promise<?>[1];
    Settable<Void> ready = (Settable<Void>) Promises.all(promised);
    ready.whenComplete(
        () -> {
          if (result.isReady()) {
            return; // canceled before its arguments were ready
          }
          Promise<Object> call;
          internalReads++;
          Object[] values;
          try {
            ready.get(); // a failed argument fails the call with the same exception object
            values = values(args);
          } catch (RuntimeException failure) {
            result.fail(failure);
            return;
          } finally {
            internalReads--;
          }
          try {
            call = start.apply(values, deps(promisedArguments));
          } catch (RuntimeException failure) {
            result.fail(failure);
            return;
          }
          started[0] = call;
          String origin = origins.get(call);
          if (origin != null) {
            origins.put(result, origin);
          }
          Settable<Object> s = (Settable<Object>) call;
          s.whenComplete(
              () -> {
                if (!result.isReady()) {
                  copy(s, result);
                }
              });
        });
    if (!result.isReady()) {
      cancelers.put(
          result,
          () -> {
            if (started[0] != null) {
              cancel(started[0]);
            } else if (!result.isReady()) {
              result.fail(new CanceledFailure("canceled before its arguments were ready"));
            }
          });
    }
    return (Promise<R>) result;
  }

  /** The origins of {@code promised}, in order, once each. */
  private List<String> deps(List<Promise<?>> promised) {
    List<String> deps = new ArrayList<>(promised.size());
    for (Promise<?> p : promised) {
      String origin = origins.get(p);
      if (origin != null && !deps.contains(origin)) {
        deps.add(origin);
      }
    }
    return deps;
  }

  private void copy(Settable<Object> from, Settable<Object> to) {
    Object value;
    internalReads++;
    try {
      value = from.get();
    } catch (RuntimeException failure) {
      to.fail(failure);
      return;
    } finally {
      internalReads--;
    }
    to.set(value);
  }

  private static Object[] values(Object[] arguments) {
    Object[] values = new Object[arguments.length];
    for (int i = 0; i < arguments.length; i++) {
      values[i] = arguments[i] instanceof Promise<?> p ? p.get() : arguments[i];
    }
    return values;
  }

  private Promise<Object> scheduleActivity(
      ActivitySpec activity, CallOptions o, Object[] values, List<String> deps) {
    checkRunning();
    String input;
    try {
      input = encodeInput(values, "activity " + activity.name());
    } catch (RuntimeException e) {
      return Promise.failed(e);
    }
    if (!resumed.isEmpty()) {
      Promise<Object> reused = reused(activity, o, input);
      if (reused != null) {
        return reused;
      }
    }
    String baseId;
    if (activity.idempotent()) {
      baseId = Commands.idempotentId(activity.name(), Commands.version(activity, o), input);
      Call same = idempotentCalls.get(baseId);
      if (same != null) {
        return same.result; // the same call: scheduled once, one result
      }
    } else {
      baseId = activity.name() + "-" + (issued.size() + 1);
    }
    RetryPolicy policy = o.retryPolicy() != null ? o.retryPolicy() : activity.retryPolicy();
    Call.Activity call = new Call.Activity(this, activity, o, input, baseId, policy, trace(deps));
    if (activity.idempotent()) {
      idempotentCalls.put(baseId, call);
    }
    call.start();
    return call.result;
  }

  /**
   * The result the stopped run this one resumes recorded for this call (the same activity type,
   * version and input, the same position among such calls), or null: the call is made.
   */
  private Promise<Object> reused(ActivitySpec activity, CallOptions o, String input) {
    String key = Commands.idempotentId(activity.name(), Commands.version(activity, o), input);
    int nth = activity.idempotent() ? 1 : callsByKey.merge(key, 1, Integer::sum);
    Map<Integer, Resume.Entry> byPosition = resumed.get(key);
    Resume.Entry entry = byPosition == null ? null : byPosition.get(nth);
    if (entry == null) {
      return null;
    }
    Settable<Object> result = new Settable<>();
    try {
      result.set(converter.fromData(entry.result(), activity.resultType()));
    } catch (RuntimeException e) {
      result.fail(e);
    }
    origins.put(result, entry.origin());
    return result;
  }

  @SuppressWarnings("unchecked")
  private Promise<Object> startChild(
      WorkflowSpec child,
      StartOptions o,
      Object[] values,
      List<String> deps,
      Settable<String> started) {
    checkRunning();
    String input;
    try {
      input = encodeInput(values, "child workflow " + child.name());
    } catch (RuntimeException e) {
      if (started != null) {
        started.fail(e);
      }
      return Promise.failed(e);
    }
    int seq = issued.size() + 1;
    String childId;
    if (o.workflowId() != null) {
      childId = o.workflowId();
    } else if (workflowId != null) {
      // a run continued as new numbers its commands from 1 again, while the children of the run
      // before may still be open: its children's ids carry its run id. '.' separates, since SWF
      // forbids ':', '/' and '|' in workflow ids.
      childId =
          history.started.continuedExecutionRunId() == null || runId == null
              ? workflowId + "." + seq
              : workflowId + "." + runId + "." + seq;
    } else {
      throw abort(
          new IllegalStateException(
              "child workflow ids derive from the parent's workflow id, which the decider was not"
                  + " given: call Decider.decide(definition, execution, history, converter)"));
    }
    RetryPolicy policy = o.retryPolicy() != null ? o.retryPolicy() : child.retryPolicy();
    Call.Child call = new Call.Child(this, child, o, input, childId, policy, trace(deps));
    if (started != null) {
      call.started.whenComplete(
          () -> {
            if (!started.isReady()) {
              copy(
                  (Settable<Object>) (Settable<?>) call.started,
                  (Settable<Object>) (Settable<?>) started);
            }
          });
    }
    call.start();
    return call.result;
  }

  private String encodeInput(Object[] values, String what) {
    String input = converter.toArguments(values);
    if (input.length() > Failures.MAX_DETAILS) {
      throw new FlowException(
          "the input of "
              + what
              + " is "
              + input.length()
              + " characters long once encoded;"
              + " SWF accepts at most "
              + Failures.MAX_DETAILS);
    }
    return input;
  }

  /** The sequence number of the next command issued. */
  int nextSeq() {
    return issued.size() + 1;
  }

  /** Makes {@code Workflow.cancel(promise)} run {@code canceler}. */
  void onCancel(Promise<?> promise, Runnable canceler) {
    cancelers.put(promise, canceler);
  }

  /**
   * Gives {@code command} the next sequence number's place and matches it with the next recorded
   * command, if any is left; otherwise it is a new decision.
   */
  Command issue(Command command) {
    checkRunning();
    int index = issued.size();
    issued.add(command);
    if (index < history.recorded.size()) {
      Recorded recorded = history.recorded.get(index);
      if (!command.matches(recorded)) {
        throw abort(mismatch(recorded, command));
      }
      command.recorded = recorded;
      command.state = Command.State.RECORDED;
    }
    return command;
  }

  private NonDeterministicWorkflowException mismatch(Recorded recorded, Command command) {
    StringBuilder s =
        new StringBuilder("workflow code issued ")
            .append(command)
            .append(" where the history recorded ")
            .append(recorded)
            .append(", at step ")
            .append(step + 1)
            .append(" (")
            .append(horizonDescription())
            .append(')');
    if (command.kind == recorded.kind()
        && Objects.equals(command.typeName, recorded.typeName())
        && Objects.equals(command.id, recorded.id())
        && command.kind.comparesInput
        && recorded.input() != null
        && !Command.sameInput(recorded.input(), command.input)) {
      s.append("; the inputs differ: recorded ")
          .append(abbreviate(recorded.input()))
          .append(", new ")
          .append(abbreviate(command.input));
    }
    return nonDeterministic(s.toString());
  }

  private NonDeterministicWorkflowException nonDeterministic(String message) {
    return new NonDeterministicWorkflowException(
        message
            + ". Workflow code must issue the same commands, in the same order, when it is"
            + " replayed over the history of an execution that is running: make the change"
            + " compatible, or give the workflow type a new version.");
  }

  private static String abbreviate(String s) {
    return s == null ? "null" : s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  // ---------------------------------------------------------------- delivering events

  /** Delivers event {@code index} to whatever waits for it. */
  private void deliver(int index) {
    HistoryEvent e = history.events[index];
    EventType type = history.types[index];
    if (type == null) {
      return;
    }
    switch (type) {
      case WORKFLOW_EXECUTION_SIGNALED -> signal(e);
      case WORKFLOW_EXECUTION_CANCEL_REQUESTED -> {
        if (cancelRequest == null) {
          cancelRequest = e;
        }
      }

      case ACTIVITY_TASK_STARTED ->
          move(
              ref(
                  e,
                  e.activityTaskStartedEventAttributes().scheduledEventId(),
                  CommandKind.ACTIVITY),
              Command.State.STARTED,
              e);
      case ACTIVITY_TASK_COMPLETED -> {
        var a = e.activityTaskCompletedEventAttributes();
        callSucceeded(close(ref(e, a.scheduledEventId(), CommandKind.ACTIVITY), e), a.result());
      }
      case ACTIVITY_TASK_FAILED -> {
        var a = e.activityTaskFailedEventAttributes();
        Command c = close(ref(e, a.scheduledEventId(), CommandKind.ACTIVITY), e);
        Failures.Remote remote = Failures.parse(a.reason(), a.details());
        ActivityFailure failure =
            new ActivityFailure(
                c.typeName,
                c.id,
                remote.type(),
                remote.message(),
                remote.stackTrace(),
                remote.causes());
        withRemoteCause(failure, remote);
        callFailed(c, failure, true);
      }
      case ACTIVITY_TASK_TIMED_OUT -> {
        var a = e.activityTaskTimedOutEventAttributes();
        Command c = close(ref(e, a.scheduledEventId(), CommandKind.ACTIVITY), e);
        ActivityTimeout.Kind kind = ActivityTimeout.Kind.valueOf(a.timeoutTypeAsString());
        callFailed(c, new ActivityTimeout(c.typeName, c.id, kind, a.details(), converter), true);
      }
      case ACTIVITY_TASK_CANCELED -> {
        var a = e.activityTaskCanceledEventAttributes();
        Command c = close(ref(e, a.scheduledEventId(), CommandKind.ACTIVITY), e);
        callFailed(
            c,
            new CanceledFailure("activity " + c.typeName + " (id " + c.id + ") was canceled"),
            false);
      }
      case SCHEDULE_ACTIVITY_TASK_FAILED -> {
        Command c = close(self(index), e);
        String cause = e.scheduleActivityTaskFailedEventAttributes().causeAsString();
        callFailed(
            c,
            new ActivityFailure(
                c.typeName,
                c.id,
                "ScheduleActivityTaskFailed:" + cause,
                "SWF could not schedule the activity task: " + cause,
                ""),
            false);
      }

      case TIMER_FIRED -> {
        var a = e.timerFiredEventAttributes();
        if (Commands.isFlowTimer(a.timerId())) {
          return; // the decider's or worker's own, to bring the next decision task
        }
        Command timer = close(ref(e, a.startedEventId(), CommandKind.TIMER), e);
        if (timer.call != null) {
          timer.call.waited();
        } else {
          delivering("timer:" + timer.id, () -> succeed(timer, null));
        }
      }
      case START_TIMER_FAILED -> {
        var a = e.startTimerFailedEventAttributes();
        if (Commands.isFlowTimer(a.timerId())) {
          return;
        }
        Command timer = close(self(index), e);
        FlowException failure =
            new FlowException("timer " + a.timerId() + " could not start: " + a.causeAsString());
        if (timer.call != null) {
          timer.call.giveUp(failure);
        } else if (!timer.promise.isReady()) {
          timer.promise.fail(failure);
        }
      }
      case TIMER_CANCELED -> {
        var a = e.timerCanceledEventAttributes();
        if (history.recordedAt[index] < 0) {
          return; // of a timer of Flow's own
        }
        Command timer = close(ref(e, a.startedEventId(), CommandKind.TIMER), e);
        succeed(close(self(index), e), null);
        if (!timer.promise.isReady()) {
          timer.promise.fail(new CanceledFailure("timer " + a.timerId() + " was canceled"));
        }
      }
      case CANCEL_TIMER_FAILED ->
          // the timer fired first: its outcome is delivered as it is
          close(self(index), e)
              .promise
              .fail(
                  new FlowException(
                      "timer "
                          + e.cancelTimerFailedEventAttributes().timerId()
                          + " could not be canceled: "
                          + e.cancelTimerFailedEventAttributes().causeAsString()));
      case ACTIVITY_TASK_CANCEL_REQUESTED -> succeed(close(self(index), e), null);
      case REQUEST_CANCEL_ACTIVITY_TASK_FAILED ->
          // the activity closed first: its outcome is delivered as it is
          close(self(index), e)
              .promise
              .fail(
                  new FlowException(
                      "activity "
                          + e.requestCancelActivityTaskFailedEventAttributes().activityId()
                          + " could not be canceled: "
                          + e.requestCancelActivityTaskFailedEventAttributes().causeAsString()));
      case MARKER_RECORDED -> {
        if (history.recordedAt[index] >= 0) { // else of Flow's own
          succeed(close(self(index), e), null);
        }
      }
      case RECORD_MARKER_FAILED -> {
        if (history.recordedAt[index] < 0) {
          return;
        }
        close(self(index), e)
            .promise
            .fail(
                new FlowException(
                    "marker "
                        + e.recordMarkerFailedEventAttributes().markerName()
                        + " could not be recorded: "
                        + e.recordMarkerFailedEventAttributes().causeAsString()));
      }

      case CHILD_WORKFLOW_EXECUTION_STARTED -> {
        var a = e.childWorkflowExecutionStartedEventAttributes();
        Command c = move(ref(e, a.initiatedEventId(), CommandKind.CHILD), Command.State.STARTED, e);
        if (c.call instanceof Call.Child child) {
          child.startedRun(a.workflowExecution() == null ? null : a.workflowExecution().runId());
        }
      }
      case CHILD_WORKFLOW_EXECUTION_COMPLETED -> {
        var a = e.childWorkflowExecutionCompletedEventAttributes();
        callSucceeded(close(ref(e, a.initiatedEventId(), CommandKind.CHILD), e), a.result());
      }
      case CHILD_WORKFLOW_EXECUTION_FAILED -> {
        var a = e.childWorkflowExecutionFailedEventAttributes();
        Command c = close(ref(e, a.initiatedEventId(), CommandKind.CHILD), e);
        Failures.Remote remote = Failures.parse(a.reason(), a.details());
        ChildWorkflowFailure failure =
            new ChildWorkflowFailure(
                c.typeName,
                c.id,
                a.reason(),
                a.details(),
                remote.type(),
                remote.message(),
                remote.stackTrace());
        withRemoteCause(failure, remote);
        callFailed(c, failure, true);
      }
      case CHILD_WORKFLOW_EXECUTION_TIMED_OUT -> {
        var a = e.childWorkflowExecutionTimedOutEventAttributes();
        Command c = close(ref(e, a.initiatedEventId(), CommandKind.CHILD), e);
        callFailed(
            c,
            new ChildWorkflowFailure(
                c.typeName, c.id, "timed out (" + a.timeoutTypeAsString() + ")", null),
            true);
      }
      case CHILD_WORKFLOW_EXECUTION_CANCELED -> {
        var a = e.childWorkflowExecutionCanceledEventAttributes();
        Command c = close(ref(e, a.initiatedEventId(), CommandKind.CHILD), e);
        ChildWorkflowFailure failure =
            new ChildWorkflowFailure(c.typeName, c.id, "canceled", a.details());
        failure.initCause(
            new CanceledFailure("child workflow " + c.typeName + " (id " + c.id + ") canceled"));
        callFailed(c, failure, false);
      }
      case CHILD_WORKFLOW_EXECUTION_TERMINATED -> {
        var a = e.childWorkflowExecutionTerminatedEventAttributes();
        Command c = close(ref(e, a.initiatedEventId(), CommandKind.CHILD), e);
        callFailed(c, new ChildWorkflowFailure(c.typeName, c.id, "terminated", null), false);
      }
      case START_CHILD_WORKFLOW_EXECUTION_FAILED -> {
        var a = e.startChildWorkflowExecutionFailedEventAttributes();
        Command c =
            close(
                history.recordedAt[index] >= 0
                    ? self(index)
                    : ref(e, a.initiatedEventId(), CommandKind.CHILD),
                e);
        callFailed(
            c,
            new ChildWorkflowFailure(
                c.typeName, c.id, "failed to start: " + a.causeAsString(), null),
            false);
      }

      case EXTERNAL_WORKFLOW_EXECUTION_SIGNALED ->
          succeed(
              close(
                  ref(
                      e,
                      e.externalWorkflowExecutionSignaledEventAttributes().initiatedEventId(),
                      CommandKind.SIGNAL_EXTERNAL),
                  e),
              null);
      case SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED -> {
        var a = e.signalExternalWorkflowExecutionFailedEventAttributes();
        Command c =
            close(
                history.recordedAt[index] >= 0
                    ? self(index)
                    : ref(e, a.initiatedEventId(), CommandKind.SIGNAL_EXTERNAL),
                e);
        c.promise.fail(
            new FlowException(
                "signal "
                    + c.typeName
                    + " to workflow "
                    + a.workflowId()
                    + " failed: "
                    + a.causeAsString()));
      }
      case EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED ->
          succeed(
              close(
                  ref(
                      e,
                      e.externalWorkflowExecutionCancelRequestedEventAttributes()
                          .initiatedEventId(),
                      CommandKind.CANCEL_EXTERNAL),
                  e),
              null);
      case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED -> {
        var a = e.requestCancelExternalWorkflowExecutionFailedEventAttributes();
        Command c =
            close(
                history.recordedAt[index] >= 0
                    ? self(index)
                    : ref(e, a.initiatedEventId(), CommandKind.CANCEL_EXTERNAL),
                e);
        c.promise.fail(
            new FlowException(
                "cancel request to workflow " + a.workflowId() + " failed: " + a.causeAsString()));
      }
      default -> {
        // decision task events, recorded commands (matched when issued), close events
      }
    }
  }

  /** Sets the remote exception, rebuilt, as the cause of {@code failure}, when it can be. */
  private static void withRemoteCause(RuntimeException failure, Failures.Remote remote) {
    RuntimeException cause =
        RemoteFailures.rebuild(remote.type(), remote.message(), remote.stackTrace());
    if (cause != null) {
      if (remote.cause() != null && cause.getCause() == null) {
        try {
          cause.initCause(Failures.toThrowable(remote.cause()));
        } catch (IllegalStateException e) {
          // its constructor set a cause of its own: keep it
        }
      }
      failure.initCause(cause);
    }
  }

  /** The result of the call {@code c} is an attempt of. */
  private void callSucceeded(Command c, String result) {
    Object value;
    try {
      value = converter.fromData(result, c.resultType);
    } catch (RuntimeException e) {
      callFailed(c, e, false);
      return;
    }
    delivering(c.call.origin, () -> c.call.succeeded(value));
  }

  /** The failure of the attempt {@code c} of its call. */
  private void callFailed(Command c, RuntimeException failure, boolean retryable) {
    delivering(c.call.origin, () -> c.call.failed(failure, retryable));
  }

  private void succeed(Command c, String result) {
    if (c.promise.isReady()) {
      return; // canceled already
    }
    Object value;
    try {
      value = converter.fromData(result, c.resultType);
    } catch (RuntimeException e) {
      c.promise.fail(e);
      return;
    }
    c.promise.set(value);
  }

  /** The issued command that event {@code index} records (and closes). */
  private Command self(int index) {
    return issuedFor(history.recordedAt[index], history.events[index]);
  }

  /**
   * The issued command recorded by the event {@code e} refers to, which must be of {@code kind}.
   */
  private Command ref(HistoryEvent e, Long eventId, CommandKind kind) {
    int target = eventId == null ? -1 : (int) (eventId - 1);
    int r = target >= 0 && target < e.eventId() - 1 ? history.recordedAt[target] : -1;
    if (r < 0 || history.recorded.get(r).kind() != kind) {
      throw abort(
          History.invalid(
              e.eventTypeAsString()
                  + " event "
                  + e.eventId()
                  + " refers to event "
                  + eventId
                  + ", which is not an earlier event recording a "
                  + kind.decision
                  + " decision"
                  + (target >= 0 && target < history.events.length
                      ? " (it is a " + history.events[target].eventTypeAsString() + ")"
                      : "")));
    }
    return issuedFor(r, e);
  }

  private Command issuedFor(int recordedIndex, HistoryEvent e) {
    if (recordedIndex >= issued.size()) {
      throw abort(
          nonDeterministic(
              "recorded decision #"
                  + (recordedIndex + 1)
                  + " "
                  + history.recorded.get(recordedIndex)
                  + " was not issued by the workflow code"
                  + " (it issued "
                  + issued.size()
                  + " commands), yet event "
                  + e.eventId()
                  + " ("
                  + e.eventTypeAsString()
                  + ") at step "
                  + (step + 1)
                  + " reports on it"));
    }
    return issued.get(recordedIndex);
  }

  private Command close(Command c, HistoryEvent e) {
    return move(c, Command.State.CLOSED, e);
  }

  private Command move(Command c, Command.State to, HistoryEvent e) {
    if (!c.state.allows(to)) {
      throw abort(
          History.invalid(
              e.eventTypeAsString()
                  + " event "
                  + e.eventId()
                  + " cannot move "
                  + c.recorded
                  + " from "
                  + c.state
                  + " to "
                  + to
                  + (c.lastEvent == null
                      ? ""
                      : " (event "
                          + c.lastEvent.eventId()
                          + ", "
                          + c.lastEvent.eventTypeAsString()
                          + ", moved it to "
                          + c.state
                          + ")")));
    }
    c.state = to;
    c.lastEvent = e;
    return c;
  }

  private void signal(HistoryEvent e) {
    var a = e.workflowExecutionSignaledEventAttributes();
    SignalSpec signal = signals.get(a.signalName());
    // warn once, at the decision task that sees the signal first, not at every replay of it
    boolean firstSeen = step == history.steps.length - 1;
    if (signal == null) {
      if (!firstSeen) {
        return;
      }
      LOG.warn(
          "workflow {} ignores signal {} (event {}): it declares no such signal",
          spec.name(),
          a.signalName(),
          e.eventId());
      return;
    }
    Object[] arguments;
    try {
      arguments = converter.fromArguments(a.input(), signal.parameterTypes().toArray(NO_TYPES));
    } catch (RuntimeException failure) {
      if (!firstSeen) {
        return;
      }
      LOG.warn(
          "workflow "
              + spec.name()
              + " ignores signal "
              + a.signalName()
              + " (event "
              + e.eventId()
              + "): its input cannot be decoded",
          failure);
      return;
    }
    try {
      String outer = delivering;
      delivering = "signal:" + e.eventId();
      released.add(delivering);
      try {
        instance.signal(a.signalName(), arguments);
      } finally {
        delivering = outer;
      }
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

  WorkflowInfo info() {
    var s = history.started;
    return new WorkflowInfo(
        workflowId,
        runId,
        s.workflowType().name(),
        s.workflowType().version(),
        s.taskList() == null ? null : s.taskList().name(),
        userTags(),
        attempt(),
        historyLength(),
        s.parentWorkflowExecution() == null ? null : s.parentWorkflowExecution().workflowId(),
        s.continuedExecutionRunId());
  }

  /** The execution's tags, but the one carrying the run number. */
  private List<String> userTags() {
    var s = history.started;
    if (!s.hasTagList()) {
      return List.of();
    }
    List<String> tags = new ArrayList<>(s.tagList().size());
    for (String tag : s.tagList()) {
      if (!tag.startsWith(ATTEMPT_TAG)) {
        tags.add(tag);
      }
    }
    return tags;
  }

  /** 1, or the run number carried over continue-as-new in the {@link #ATTEMPT_TAG} tag. */
  private int attempt() {
    var s = history.started;
    if (s.hasTagList()) {
      for (String tag : s.tagList()) {
        if (tag.startsWith(ATTEMPT_TAG)) {
          try {
            return Math.max(1, Integer.parseInt(tag.substring(ATTEMPT_TAG.length())));
          } catch (NumberFormatException e) {
            break;
          }
        }
      }
    }
    return s.continuedExecutionRunId() == null ? 1 : 2;
  }

  /** The id of the horizon's DecisionTaskStarted event: the history's length as of the code. */
  long historyLength() {
    return history.events[history.steps[step]].eventId();
  }

  boolean isContinueAsNewSuggested() {
    return historyLength() >= limits.continueAsNewSuggestedEvents();
  }

  boolean isCancelRequested() {
    return cancelRequest != null;
  }
}
