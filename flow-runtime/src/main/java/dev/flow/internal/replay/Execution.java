package dev.flow.internal.replay;

import dev.flow.ActivityFailure;
import dev.flow.CallOptions;
import dev.flow.ChildWorkflowFailure;
import dev.flow.DataConverter;
import dev.flow.FlowException;
import dev.flow.Promise;
import dev.flow.Promises;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
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
  private static final System.Logger LOG = System.getLogger(Decider.class.getName());
  private static final ThreadLocal<Execution> CURRENT = new ThreadLocal<>();
  private static final Type[] NO_TYPES = new Type[0];

  /** Why the workflow code stopped, if it did. */
  private enum Phase {
    /** The code runs (or waits for the next step). */
    RUNNING,
    /** The code waits beyond the end of the history: the new decisions are ready. */
    SUSPENDED,
    /** The workflow completed or failed: its close decision is ready. */
    CLOSED,
    /** Replay cannot go on (non-determinism, invalid history): decide throws {@link #abort}. */
    ABORTED
  }

  private final WorkflowDefinition definition;
  private final WorkflowSpec spec;
  private final History history;
  private final DataConverter converter;
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
  private boolean cancelRequested;

  Execution(
      WorkflowDefinition definition,
      WorkflowExecution execution,
      History history,
      DataConverter converter) {
    this.definition = definition;
    this.spec = definition.spec();
    this.history = history;
    this.converter = converter;
    this.workflowId = execution == null ? null : execution.workflowId();
    this.runId = execution == null ? null : execution.runId();
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
    Execution previous = CURRENT.get();
    CURRENT.set(this);
    try {
      runWorkflow();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
    return finish();
  }

  private void runWorkflow() {
    instance = definition.newInstance();
    try {
      horizonEnd = history.steps[0];
      deliverPending();
      Object[] arguments =
          converter.fromArguments(history.started.input(), spec.parameterTypes().toArray(NO_TYPES));
      Object result = instance.execute(arguments);
      if (result instanceof Promise<?> promise) {
        blockUntil(promise::isReady);
        result = promise.get();
      }
      if (phase == Phase.RUNNING) {
        complete(result);
      }
    } catch (Unwind unwind) {
      // the phase says why
    } catch (Exception failure) {
      if (phase == Phase.RUNNING) {
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
    List<Decision> decisions = new ArrayList<>(issued.size() - recorded.size() + 1);
    for (int i = recorded.size(); i < issued.size(); i++) {
      decisions.add(issued.get(i).decision.get());
    }
    if (close != null) {
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

  private void failWorkflow(Throwable failure) {
    close =
        Decision.builder()
            .decisionType(DecisionType.FAIL_WORKFLOW_EXECUTION)
            .failWorkflowExecutionDecisionAttributes(
                a -> a.reason(Failures.reason(failure)).details(Failures.details(failure)))
            .build();
    phase = Phase.CLOSED;
  }

  private void checkRunning() {
    if (phase != Phase.RUNNING) {
      throw Unwind.INSTANCE;
    }
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

  /** Advances the horizon until {@code condition} holds, or suspends the code. */
  void blockUntil(BooleanSupplier condition) {
    checkRunning();
    while (!condition.getAsBoolean()) {
      if (!advance()) {
        phase = Phase.SUSPENDED;
        throw Unwind.INSTANCE;
      }
      checkRunning();
    }
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
    return withArguments(arguments, values -> scheduleActivity(activity, o, values));
  }

  <R> Promise<R> childWorkflow(WorkflowSpec child, StartOptions options, Object[] arguments) {
    checkRunning();
    StartOptions o = options == null ? StartOptions.DEFAULT : options;
    return withArguments(arguments, values -> startChild(child, o, values));
  }

  /**
   * {@code fn}'s result, recorded in a {@code SideEffect} marker the first time; on replay, the
   * recorded result, and {@code fn} is not called.
   */
  Object sideEffect(Type type, Supplier<?> fn) {
    checkRunning();
    int index = issued.size();
    int seq = index + 1;
    if (index < history.recorded.size()) {
      Recorded recorded = history.recorded.get(index);
      HistoryEvent e = recorded.event();
      if (e.eventType() == EventType.MARKER_RECORDED
          && Commands.SIDE_EFFECT.equals(recorded.typeName())) {
        String details = e.markerRecordedEventAttributes().details();
        issue(Commands.sideEffect(seq, details));
        return converter.fromData(details, type);
      }
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

  Promise<Void> timer(Duration delay) {
    checkRunning();
    if (delay.isNegative()) {
      throw new IllegalArgumentException("a timer cannot wait a negative duration: " + delay);
    }
    if (delay.isZero()) {
      return Promise.value(null);
    }
    return issue(Commands.timer(issued.size() + 1, delay));
  }

  /** Calls {@code issue} with the argument values once every promised argument is ready. */
  private <R> Promise<R> withArguments(Object[] arguments, Function<Object[], Promise<R>> issue) {
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
      return issue.apply(args.clone());
    }
    // a failed argument fails Promises.all with the same exception object, and flatMap passes
    // that failure on without calling issue
    return Promises.all(promised).flatMap(ready -> issue.apply(values(args)));
  }

  private static Object[] values(Object[] arguments) {
    Object[] values = new Object[arguments.length];
    for (int i = 0; i < arguments.length; i++) {
      values[i] = arguments[i] instanceof Promise<?> p ? p.get() : arguments[i];
    }
    return values;
  }

  private <R> Promise<R> scheduleActivity(ActivitySpec activity, CallOptions o, Object[] values) {
    checkRunning();
    String input;
    try {
      input = encodeInput(values, "activity " + activity.name());
    } catch (RuntimeException e) {
      return Promise.failed(e);
    }
    return issue(Commands.activity(issued.size() + 1, 1, activity, o, input));
  }

  private <R> Promise<R> startChild(WorkflowSpec child, StartOptions o, Object[] values) {
    checkRunning();
    String input;
    try {
      input = encodeInput(values, "child workflow " + child.name());
    } catch (RuntimeException e) {
      return Promise.failed(e);
    }
    int seq = issued.size() + 1;
    String childId;
    if (o.workflowId() != null) {
      childId = o.workflowId();
    } else if (workflowId != null) {
      childId = workflowId + ":" + seq;
    } else {
      throw abort(
          new IllegalStateException(
              "child workflow ids derive from the parent's workflow id, which the decider was not"
                  + " given: call Decider.decide(definition, execution, history, converter)"));
    }
    return issue(Commands.child(seq, child, o, childId, input));
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

  /**
   * Gives {@code command} the next sequence number's place and matches it with the next recorded
   * command, if any is left; otherwise it is a new decision.
   */
  @SuppressWarnings("unchecked")
  private <R> Promise<R> issue(Command command) {
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
    return (Promise<R>) command.promise;
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
    if (e.eventType() == null) {
      return;
    }
    switch (e.eventType()) {
      case WORKFLOW_EXECUTION_SIGNALED -> signal(e);
      case WORKFLOW_EXECUTION_CANCEL_REQUESTED -> cancelRequested = true;

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
        succeed(close(ref(e, a.scheduledEventId(), CommandKind.ACTIVITY), e), a.result());
      }
      case ACTIVITY_TASK_FAILED -> {
        var a = e.activityTaskFailedEventAttributes();
        Command c = close(ref(e, a.scheduledEventId(), CommandKind.ACTIVITY), e);
        Failures.Remote remote = Failures.parse(a.reason(), a.details());
        activityFailed(
            c,
            new ActivityFailure(
                c.typeName, c.id, remote.type(), remote.message(), remote.stackTrace()));
      }
      case ACTIVITY_TASK_TIMED_OUT -> {
        var a = e.activityTaskTimedOutEventAttributes();
        Command c = close(ref(e, a.scheduledEventId(), CommandKind.ACTIVITY), e);
        activityFailed(c, activityTimedOut(c, a.timeoutTypeAsString(), a.details()));
      }
      case ACTIVITY_TASK_CANCELED -> {
        var a = e.activityTaskCanceledEventAttributes();
        Command c = close(ref(e, a.scheduledEventId(), CommandKind.ACTIVITY), e);
        activityFailed(
            c, new ActivityFailure(c.typeName, c.id, "ActivityTaskCanceled", a.details(), ""));
      }
      case SCHEDULE_ACTIVITY_TASK_FAILED -> {
        Command c = close(self(index), e);
        String cause = e.scheduleActivityTaskFailedEventAttributes().causeAsString();
        activityFailed(
            c,
            new ActivityFailure(
                c.typeName,
                c.id,
                "ScheduleActivityTaskFailed:" + cause,
                "SWF could not schedule the activity task: " + cause,
                ""));
      }

      case TIMER_FIRED ->
          succeed(
              close(ref(e, e.timerFiredEventAttributes().startedEventId(), CommandKind.TIMER), e),
              null);
      case START_TIMER_FAILED ->
          close(self(index), e)
              .promise
              .fail(
                  new FlowException(
                      "timer "
                          + e.startTimerFailedEventAttributes().timerId()
                          + " could not start: "
                          + e.startTimerFailedEventAttributes().causeAsString()));
      case TIMER_CANCELED -> {
        var a = e.timerCanceledEventAttributes();
        Command timer = close(ref(e, a.startedEventId(), CommandKind.TIMER), e);
        succeed(close(self(index), e), null);
        timer.promise.fail(new FlowException("timer " + a.timerId() + " was canceled"));
      }
      case CANCEL_TIMER_FAILED ->
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
          close(self(index), e)
              .promise
              .fail(
                  new FlowException(
                      "activity "
                          + e.requestCancelActivityTaskFailedEventAttributes().activityId()
                          + " could not be canceled: "
                          + e.requestCancelActivityTaskFailedEventAttributes().causeAsString()));
      case MARKER_RECORDED -> succeed(close(self(index), e), null);
      case RECORD_MARKER_FAILED ->
          close(self(index), e)
              .promise
              .fail(
                  new FlowException(
                      "marker "
                          + e.recordMarkerFailedEventAttributes().markerName()
                          + " could not be recorded: "
                          + e.recordMarkerFailedEventAttributes().causeAsString()));

      case CHILD_WORKFLOW_EXECUTION_STARTED ->
          move(
              ref(
                  e,
                  e.childWorkflowExecutionStartedEventAttributes().initiatedEventId(),
                  CommandKind.CHILD),
              Command.State.STARTED,
              e);
      case CHILD_WORKFLOW_EXECUTION_COMPLETED -> {
        var a = e.childWorkflowExecutionCompletedEventAttributes();
        succeed(close(ref(e, a.initiatedEventId(), CommandKind.CHILD), e), a.result());
      }
      case CHILD_WORKFLOW_EXECUTION_FAILED -> {
        var a = e.childWorkflowExecutionFailedEventAttributes();
        Command c = close(ref(e, a.initiatedEventId(), CommandKind.CHILD), e);
        c.promise.fail(new ChildWorkflowFailure(c.typeName, c.id, a.reason(), a.details()));
      }
      case CHILD_WORKFLOW_EXECUTION_TIMED_OUT -> {
        var a = e.childWorkflowExecutionTimedOutEventAttributes();
        Command c = close(ref(e, a.initiatedEventId(), CommandKind.CHILD), e);
        c.promise.fail(
            new ChildWorkflowFailure(
                c.typeName, c.id, "timed out (" + a.timeoutTypeAsString() + ")", null));
      }
      case CHILD_WORKFLOW_EXECUTION_CANCELED -> {
        var a = e.childWorkflowExecutionCanceledEventAttributes();
        Command c = close(ref(e, a.initiatedEventId(), CommandKind.CHILD), e);
        c.promise.fail(new ChildWorkflowFailure(c.typeName, c.id, "canceled", a.details()));
      }
      case CHILD_WORKFLOW_EXECUTION_TERMINATED -> {
        var a = e.childWorkflowExecutionTerminatedEventAttributes();
        Command c = close(ref(e, a.initiatedEventId(), CommandKind.CHILD), e);
        c.promise.fail(new ChildWorkflowFailure(c.typeName, c.id, "terminated", null));
      }
      case START_CHILD_WORKFLOW_EXECUTION_FAILED -> {
        var a = e.startChildWorkflowExecutionFailedEventAttributes();
        Command c =
            close(
                history.recordedAt[index] >= 0
                    ? self(index)
                    : ref(e, a.initiatedEventId(), CommandKind.CHILD),
                e);
        c.promise.fail(
            new ChildWorkflowFailure(
                c.typeName, c.id, "failed to start: " + a.causeAsString(), null));
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
                "signal to workflow " + a.workflowId() + " failed: " + a.causeAsString()));
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

  /** The failure of an activity that timed out; a typed ActivityTimeout is to come. */
  /**
   * Where every failure of an activity task goes. Retries hook in here: when the call's {@link
   * dev.flow.RetryPolicy} allows another attempt, issue a timer and, when it fires, the same
   * ScheduleActivityTask with {@link Commands#activityId} of the next attempt; both are commands
   * issued as events are delivered, so they replay like the code's own.
   */
  private void activityFailed(Command c, ActivityFailure failure) {
    c.promise.fail(failure);
  }

  private static ActivityFailure activityTimedOut(Command c, String timeoutType, String details) {
    return new ActivityFailure(
        c.typeName, c.id, "ActivityTaskTimedOut:" + timeoutType, details, "");
  }

  private void succeed(Command c, String result) {
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
      LOG.log(
          System.Logger.Level.WARNING,
          "workflow {0} ignores signal {1} (event {2}): it declares no such signal",
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
      LOG.log(
          System.Logger.Level.WARNING,
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
      instance.signal(a.signalName(), arguments);
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
        s.hasTagList() ? s.tagList() : List.of());
  }

  boolean isCancelRequested() {
    return cancelRequested;
  }
}
