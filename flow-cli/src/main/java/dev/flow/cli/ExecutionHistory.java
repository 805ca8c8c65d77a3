package dev.flow.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * One execution's SWF history decoded for people and tools: the calls the workflow made (each
 * activity with its attempts folded in, child, timer, marker, signal received or sent), with their
 * readable names, outcomes, times and the dependencies the decider recorded in {@code control};
 * the decision tasks; how the execution started and closed; and whether its decider is blocked.
 *
 * <p>Built from the history alone, so it reads executions that ran on Amazon SWF as well as on the
 * embedded engine, and histories without Flow's {@code control} records (no dependency edges then).
 * The {@code history}, {@code describe}, {@code stats} and {@code graph} commands share it.
 *
 * <pre>{@code
 * ExecutionHistory h = ExecutionHistory.of(events);
 * for (ExecutionHistory.Call call : h.calls()) {
 *   System.out.println(call.label() + " " + call.outcome() + " " + call.duration());
 * }
 * }</pre>
 */
public final class ExecutionHistory {
  /** The name of the marker a Flow worker records when it cannot decide the execution. */
  public static final String BLOCKED_MARKER = "flow.blocked";

  /** The id (or id prefix: {@code flow.blocked.retry-<eventId>}) of a blocked decider's backoff. */
  public static final String BLOCKED_TIMER = "flow.blocked.retry";

  /** The name of the markers that carry the results a resumed run reuses. */
  public static final String RESUMED_MARKER = "flow.resumed";

  /** What a call is. */
  public enum Kind {
    ACTIVITY("activity"),
    CHILD("child"),
    TIMER("timer"),
    MARKER("marker"),
    /** A signal this execution received. */
    SIGNAL("signal"),
    /** A signal this execution sent to another one. */
    SIGNAL_SENT("signal-sent"),
    /** A cancellation this execution requested of another one. */
    CANCEL_SENT("cancel-sent");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    /** The {@code KIND} of a {@code KIND:ID} reference in {@code control}. */
    public String prefix() {
      return prefix;
    }
  }

  /** How a call or attempt ended, or that it has not yet. */
  public enum Outcome {
    OPEN,
    COMPLETED,
    FAILED,
    TIMED_OUT,
    CANCELED,
    TERMINATED;

    /** Lower case, as the command line prints it. */
    public String text() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }

  /**
   * One attempt of a call: for an activity, one scheduled task ({@code encodeVideo-4@2} is the
   * second attempt of {@code encodeVideo-4}); for the other kinds, the call itself.
   */
  public static final class Attempt {
    final String id;
    final long scheduledEventId;
    final Instant scheduled;
    Instant started;
    Instant closed;
    Outcome outcome = Outcome.OPEN;
    String timeoutType;
    String reason;
    String details;
    String worker;
    String input;
    String result;

    Attempt(String id, long scheduledEventId, Instant scheduled) {
      this.id = id;
      this.scheduledEventId = scheduledEventId;
      this.scheduled = scheduled;
    }

    /** The SWF id of this attempt (activity id with its {@code @N} suffix, timer id, ...). */
    public String id() {
      return id;
    }

    /** The id of the event that scheduled (initiated, started, recorded) it. */
    public long scheduledEventId() {
      return scheduledEventId;
    }

    public Instant scheduled() {
      return scheduled;
    }

    /** When a worker took it (activities), or null. */
    public Instant started() {
      return started;
    }

    /** When it closed, or null while open. */
    public Instant closed() {
      return closed;
    }

    public Outcome outcome() {
      return outcome;
    }

    /** {@code START_TO_CLOSE}, {@code HEARTBEAT}, ... when it timed out, else null. */
    public String timeoutType() {
      return timeoutType;
    }

    /** The failure reason or cause, or null. */
    public String reason() {
      return reason;
    }

    /** The failure details, or null. */
    public String details() {
      return details;
    }

    /** The identity of the worker that took it, or null. */
    public String worker() {
      return worker;
    }

    public String input() {
      return input;
    }

    public String result() {
      return result;
    }

    /** Scheduled to started, or null when never started. */
    public Duration scheduleToStart() {
      return started == null ? null : Duration.between(scheduled, started);
    }

    /** Started to closed, or null when not both. */
    public Duration startToClose() {
      return started == null || closed == null ? null : Duration.between(started, closed);
    }
  }

  /** One call of the workflow: a node of its graph. */
  public static final class Call {
    final int index;
    final Kind kind;
    final String id;
    final String type;
    final Control control;
    final long decisionTaskCompletedEventId;
    final List<Attempt> attempts = new ArrayList<>();
    final List<Call> deps = new ArrayList<>();
    final List<Call> after = new ArrayList<>();
    final List<Duration> backoffs = new ArrayList<>();
    String label;
    boolean internal;

    Call(int index, Kind kind, String id, String type, Control control, long decision) {
      this.index = index;
      this.kind = kind;
      this.id = id;
      this.type = type;
      this.control = control;
      this.decisionTaskCompletedEventId = decision;
    }

    /** Position among the calls, in order of first issue (0-based). */
    public int index() {
      return index;
    }

    public Kind kind() {
      return kind;
    }

    /** The SWF id without attempt suffix: activity id, child workflow id, timer id, ... */
    public String id() {
      return id;
    }

    /** {@code KIND:ID}, as {@code control} refers to it. */
    public String key() {
      return kind.prefix() + ":" + id;
    }

    /**
     * The type: activity or child workflow type name, marker name, signal name; null for timers.
     */
    public String type() {
      return type;
    }

    /** The readable name: {@code Media.encodeVideo}, {@code Workflow.sleep 30 s}, ... */
    public String label() {
      return label;
    }

    /** What the decider recorded when it issued the call ({@link Control#NONE} if nothing). */
    public Control control() {
      return control;
    }

    /**
     * Whether Flow made this call for itself and it is no node of the graph (a 0-s split timer, the
     * backoff of a blocked decider, its marker; a retry backoff is folded into its call).
     */
    public boolean internal() {
      return internal;
    }

    /** The id of the DecisionTaskCompleted event of the decision that issued it, or 0. */
    public long decisionTaskCompletedEventId() {
      return decisionTaskCompletedEventId;
    }

    public List<Attempt> attempts() {
      return Collections.unmodifiableList(attempts);
    }

    /** The calls whose results were passed to this one as promised arguments. */
    public List<Call> deps() {
      return Collections.unmodifiableList(deps);
    }

    /** The calls whose results the code had waited for before issuing this one. */
    public List<Call> after() {
      return Collections.unmodifiableList(after);
    }

    /** The retry backoffs waited between attempts (Flow's retry timers for this call). */
    public List<Duration> backoffs() {
      return Collections.unmodifiableList(backoffs);
    }

    public Attempt first() {
      return attempts.get(0);
    }

    public Attempt last() {
      return attempts.get(attempts.size() - 1);
    }

    /** The outcome of its last attempt. */
    public Outcome outcome() {
      return last().outcome;
    }

    /** When it was first issued. */
    public Instant start() {
      return first().scheduled;
    }

    /** When its last attempt closed, or null while open. */
    public Instant end() {
      return last().closed;
    }

    /** From first issue to last close ({@code until} for an open call). */
    public Duration duration(Instant until) {
      Instant end = end() != null ? end() : until;
      return end.isBefore(start()) ? Duration.ZERO : Duration.between(start(), end);
    }
  }

  /** One decision task: scheduled, maybe started, and how it ended. */
  public record DecisionTask(
      long scheduledEventId,
      Instant scheduled,
      Instant started,
      Instant closed,
      Outcome outcome,
      String worker) {}

  /**
   * What a blocked decider recorded in its {@code flow.blocked} marker.
   *
   * @param reason {@code non-determinism}, {@code decider-exception}, {@code undecodable-payload}
   * @param message what went wrong
   * @param where the code location ({@code com.acme.OrderImpl.run(OrderImpl.java:42)}), or null
   * @param worker the worker that could not decide ({@code host:pid}), or null
   * @param since when it started being blocked, or null
   * @param eventId the MarkerRecorded event
   */
  public record Blocked(
      String reason, String message, String where, String worker, String since, long eventId) {}

  private final List<HistoryEvent> events;
  private final List<Call> calls = new ArrayList<>();
  private final Map<Long, Call> callOfEvent = new HashMap<>();
  private final List<DecisionTask> decisionTasks = new ArrayList<>();
  private boolean hasControl;
  private Blocked blocked;
  private HistoryEvent started;
  private HistoryEvent closeEvent;

  private ExecutionHistory(List<HistoryEvent> events) {
    this.events = List.copyOf(events);
  }

  /**
   * Decodes {@code events}, a whole history in event order.
   *
   * @throws IllegalArgumentException when it is empty or does not begin with
   *     WorkflowExecutionStarted
   */
  public static ExecutionHistory of(List<HistoryEvent> events) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("the history is empty");
    }
    if (events.get(0).eventType() != EventType.WORKFLOW_EXECUTION_STARTED) {
      throw new IllegalArgumentException(
          "a history begins with WorkflowExecutionStarted; event "
              + events.get(0).eventId()
              + " is "
              + events.get(0).eventTypeAsString());
    }
    ExecutionHistory h = new ExecutionHistory(events);
    new Reader(h).read();
    return h;
  }

  public List<HistoryEvent> events() {
    return events;
  }

  /** Every call, in order of first issue (internal ones included; see {@link Call#internal}). */
  public List<Call> calls() {
    return Collections.unmodifiableList(calls);
  }

  /** The call an event belongs to (scheduled, started, completed, ...), or null. */
  public Call callOf(long eventId) {
    return callOfEvent.get(eventId);
  }

  public List<DecisionTask> decisionTasks() {
    return Collections.unmodifiableList(decisionTasks);
  }

  /** Whether any decision carried a Flow {@code control} record (the graph has edges then). */
  public boolean hasControl() {
    return hasControl;
  }

  /** The WorkflowExecutionStarted event. */
  public HistoryEvent startedEvent() {
    return started;
  }

  /** The workflow type name. */
  public String workflowType() {
    return started.workflowExecutionStartedEventAttributes().workflowType().name();
  }

  public String workflowVersion() {
    return started.workflowExecutionStartedEventAttributes().workflowType().version();
  }

  public Instant startTime() {
    return started.eventTimestamp();
  }

  /** The event that closed the execution, or null while open. */
  public HistoryEvent closeEvent() {
    return closeEvent;
  }

  public boolean isClosed() {
    return closeEvent != null;
  }

  /** {@code COMPLETED}, {@code FAILED}, ... as SWF names close statuses; {@code OPEN} if open. */
  public String status() {
    if (closeEvent == null) {
      return "OPEN";
    }
    switch (closeEvent.eventType()) {
      case WORKFLOW_EXECUTION_COMPLETED:
        return "COMPLETED";
      case WORKFLOW_EXECUTION_FAILED:
        return "FAILED";
      case WORKFLOW_EXECUTION_TIMED_OUT:
        return "TIMED_OUT";
      case WORKFLOW_EXECUTION_CANCELED:
        return "CANCELED";
      case WORKFLOW_EXECUTION_TERMINATED:
        return "TERMINATED";
      case WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
        return "CONTINUED_AS_NEW";
      default:
        return closeEvent.eventTypeAsString();
    }
  }

  /** The close time, or the last event's time while open. */
  public Instant endTime() {
    return closeEvent != null
        ? closeEvent.eventTimestamp()
        : events.get(events.size() - 1).eventTimestamp();
  }

  /** The decider's blocked marker if it is blocked now (open, no successful decision since). */
  public Blocked blocked() {
    return blocked;
  }

  /** Strips the {@code @N} attempt suffix of an activity or child id. */
  static String baseId(String id) {
    int at = id.lastIndexOf('@');
    if (at > 0 && at < id.length() - 1) {
      for (int i = at + 1; i < id.length(); i++) {
        if (!Character.isDigit(id.charAt(i))) {
          return id;
        }
      }
      return id.substring(0, at);
    }
    return id;
  }

  /** Reads the events once, in order. */
  private static final class Reader {
    private final ExecutionHistory h;
    private final Map<String, Call> byKey = new HashMap<>();
    private final Map<Long, Attempt> attemptOfScheduled = new HashMap<>();
    private final Map<Long, Call> callOfScheduled = new HashMap<>();
    private final Map<Long, Integer> decisionIndex = new HashMap<>();
    private Blocked pendingBlocked;
    private long blockedDecision = -1;
    private Blocked latestBlockedMarker;
    private boolean contextsSeen;
    private boolean lastContextBlocked;

    Reader(ExecutionHistory h) {
      this.h = h;
    }

    void read() {
      for (HistoryEvent e : h.events) {
        read(e);
      }
      if (h.closeEvent != null) {
        return;
      }
      if (contextsSeen) {
        // The decider marks each blocked answer with executionContext {"flow":1,"purpose":"blocked"}:
        // blocked now when the latest completed decision says so.
        h.blocked = lastContextBlocked ? latestBlockedMarker : null;
      } else if (pendingBlocked != null) {
        h.blocked = pendingBlocked;
      }
    }

    private Call call(
        Kind kind, String id, String type, String controlText, long decision, HistoryEvent e) {
      Control control = Control.parse(controlText);
      if (control.isFlow()) {
        h.hasControl = true;
      }
      Call existing = byKey.get(kind.prefix() + ":" + id);
      Call call;
      if (existing != null && kind == Kind.ACTIVITY) {
        call = existing; // a retry: another attempt of the same call
      } else if (existing != null && kind == Kind.CHILD && existing.outcome() != Outcome.OPEN) {
        call = existing;
      } else {
        call = new Call(h.calls.size(), kind, id, type, control, decision);
        h.calls.add(call);
        byKey.put(call.key(), call);
        for (String ref : control.deps()) {
          Call dep = byKey.get(ref);
          if (dep != null && dep != call && !call.deps.contains(dep)) {
            call.deps.add(dep);
          }
        }
        for (String ref : control.after()) {
          Call dep = byKey.get(ref);
          if (dep != null && dep != call && !call.deps.contains(dep) && !call.after.contains(dep)) {
            call.after.add(dep);
          }
        }
      }
      h.callOfEvent.put(e.eventId(), call);
      return call;
    }

    private Attempt attempt(Call call, String id, HistoryEvent e) {
      Attempt a = new Attempt(id, e.eventId(), e.eventTimestamp());
      call.attempts.add(a);
      attemptOfScheduled.put(e.eventId(), a);
      callOfScheduled.put(e.eventId(), call);
      return a;
    }

    private Attempt close(long scheduledEventId, HistoryEvent e, Outcome outcome) {
      Attempt a = attemptOfScheduled.get(scheduledEventId);
      if (a != null) {
        a.closed = e.eventTimestamp();
        a.outcome = outcome;
        h.callOfEvent.put(e.eventId(), callOfScheduled.get(scheduledEventId));
      }
      return a;
    }

    private Attempt attemptOfTimer(String timerId) {
      Call call = byKey.get(Kind.TIMER.prefix() + ":" + timerId);
      return call == null ? null : call.last();
    }

    private void read(HistoryEvent e) {
      switch (e.eventType()) {
        case WORKFLOW_EXECUTION_STARTED -> h.started = e;
        case WORKFLOW_EXECUTION_COMPLETED,
            WORKFLOW_EXECUTION_FAILED,
            WORKFLOW_EXECUTION_TIMED_OUT,
            WORKFLOW_EXECUTION_CANCELED,
            WORKFLOW_EXECUTION_TERMINATED,
            WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> h.closeEvent = e;
        case DECISION_TASK_SCHEDULED -> {
          decisionIndex.put(e.eventId(), h.decisionTasks.size());
          h.decisionTasks.add(
              new DecisionTask(e.eventId(), e.eventTimestamp(), null, null, Outcome.OPEN, null));
        }
        case DECISION_TASK_STARTED -> {
          var a = e.decisionTaskStartedEventAttributes();
          updateDecision(a.scheduledEventId(), e.eventTimestamp(), null, Outcome.OPEN, a.identity());
        }
        case DECISION_TASK_COMPLETED -> {
          var a = e.decisionTaskCompletedEventAttributes();
          updateDecision(a.scheduledEventId(), null, e.eventTimestamp(), Outcome.COMPLETED, null);
          boolean blockedAnswer = "blocked".equals(Control.parse(a.executionContext()).purpose());
          contextsSeen |= blockedAnswer;
          lastContextBlocked = blockedAnswer;
        }
        case DECISION_TASK_TIMED_OUT -> {
          var a = e.decisionTaskTimedOutEventAttributes();
          updateDecision(a.scheduledEventId(), null, e.eventTimestamp(), Outcome.TIMED_OUT, null);
        }
        case ACTIVITY_TASK_SCHEDULED -> {
          var a = e.activityTaskScheduledEventAttributes();
          Call call =
              call(
                  Kind.ACTIVITY,
                  baseId(a.activityId()),
                  a.activityType().name(),
                  a.control(),
                  a.decisionTaskCompletedEventId(),
                  e);
          Attempt attempt = attempt(call, a.activityId(), e);
          attempt.input = a.input();
          decided(e, a.decisionTaskCompletedEventId());
        }
        case SCHEDULE_ACTIVITY_TASK_FAILED -> {
          var a = e.scheduleActivityTaskFailedEventAttributes();
          Call call =
              call(
                  Kind.ACTIVITY,
                  baseId(a.activityId()),
                  a.activityType().name(),
                  null,
                  a.decisionTaskCompletedEventId(),
                  e);
          Attempt attempt = attempt(call, a.activityId(), e);
          attempt.closed = e.eventTimestamp();
          attempt.outcome = Outcome.FAILED;
          attempt.reason = "schedule failed: " + a.causeAsString();
          decided(e, a.decisionTaskCompletedEventId());
        }
        case ACTIVITY_TASK_STARTED -> {
          var a = e.activityTaskStartedEventAttributes();
          Attempt attempt = attemptOfScheduled.get(a.scheduledEventId());
          if (attempt != null) {
            attempt.started = e.eventTimestamp();
            attempt.worker = a.identity();
            h.callOfEvent.put(e.eventId(), callOfScheduled.get(a.scheduledEventId()));
          }
        }
        case ACTIVITY_TASK_COMPLETED -> {
          var a = e.activityTaskCompletedEventAttributes();
          Attempt attempt = close(a.scheduledEventId(), e, Outcome.COMPLETED);
          if (attempt != null) {
            attempt.result = a.result();
          }
        }
        case ACTIVITY_TASK_FAILED -> {
          var a = e.activityTaskFailedEventAttributes();
          Attempt attempt = close(a.scheduledEventId(), e, Outcome.FAILED);
          if (attempt != null) {
            attempt.reason = a.reason();
            attempt.details = a.details();
          }
        }
        case ACTIVITY_TASK_TIMED_OUT -> {
          var a = e.activityTaskTimedOutEventAttributes();
          Attempt attempt = close(a.scheduledEventId(), e, Outcome.TIMED_OUT);
          if (attempt != null) {
            attempt.timeoutType = a.timeoutTypeAsString();
            attempt.details = a.details();
          }
        }
        case ACTIVITY_TASK_CANCELED -> {
          var a = e.activityTaskCanceledEventAttributes();
          Attempt attempt = close(a.scheduledEventId(), e, Outcome.CANCELED);
          if (attempt != null) {
            attempt.details = a.details();
          }
        }
        case ACTIVITY_TASK_CANCEL_REQUESTED -> {
          var a = e.activityTaskCancelRequestedEventAttributes();
          Call call = byKey.get(Kind.ACTIVITY.prefix() + ":" + baseId(a.activityId()));
          if (call != null) {
            h.callOfEvent.put(e.eventId(), call);
          }
          decided(e, a.decisionTaskCompletedEventId());
        }
        case TIMER_STARTED -> {
          var a = e.timerStartedEventAttributes();
          Call call =
              call(Kind.TIMER, a.timerId(), null, a.control(), a.decisionTaskCompletedEventId(), e);
          Attempt attempt = attempt(call, a.timerId(), e);
          attempt.input = a.startToFireTimeout();
          labelTimer(call, a.timerId(), a.startToFireTimeout());
          decided(e, a.decisionTaskCompletedEventId());
        }
        case TIMER_FIRED -> {
          var a = e.timerFiredEventAttributes();
          close(a.startedEventId(), e, Outcome.COMPLETED);
        }
        case TIMER_CANCELED -> {
          var a = e.timerCanceledEventAttributes();
          close(a.startedEventId(), e, Outcome.CANCELED);
          decided(e, a.decisionTaskCompletedEventId());
        }
        case START_TIMER_FAILED -> {
          var a = e.startTimerFailedEventAttributes();
          Attempt attempt = attemptOfTimer(a.timerId());
          if (attempt != null && attempt.outcome == Outcome.OPEN) {
            attempt.closed = e.eventTimestamp();
            attempt.outcome = Outcome.FAILED;
            attempt.reason = a.causeAsString();
          }
          decided(e, a.decisionTaskCompletedEventId());
        }
        case CANCEL_TIMER_FAILED -> decided(
            e, e.cancelTimerFailedEventAttributes().decisionTaskCompletedEventId());
        case MARKER_RECORDED -> {
          var a = e.markerRecordedEventAttributes();
          Call call =
              call(
                  Kind.MARKER,
                  a.markerName(),
                  a.markerName(),
                  a.details(),
                  a.decisionTaskCompletedEventId(),
                  e);
          Attempt attempt = attempt(call, a.markerName(), e);
          attempt.closed = e.eventTimestamp();
          attempt.outcome = Outcome.COMPLETED;
          attempt.result = a.details();
          labelMarker(call, e, a.markerName(), a.details());
          if (!BLOCKED_MARKER.equals(a.markerName())) {
            decided(e, a.decisionTaskCompletedEventId());
          }
        }
        case RECORD_MARKER_FAILED -> decided(
            e, e.recordMarkerFailedEventAttributes().decisionTaskCompletedEventId());
        case START_CHILD_WORKFLOW_EXECUTION_INITIATED -> {
          var a = e.startChildWorkflowExecutionInitiatedEventAttributes();
          Call call =
              call(
                  Kind.CHILD,
                  baseId(a.workflowId()),
                  a.workflowType().name(),
                  a.control(),
                  a.decisionTaskCompletedEventId(),
                  e);
          Attempt attempt = attempt(call, a.workflowId(), e);
          attempt.input = a.input();
          decided(e, a.decisionTaskCompletedEventId());
        }
        case START_CHILD_WORKFLOW_EXECUTION_FAILED -> {
          var a = e.startChildWorkflowExecutionFailedEventAttributes();
          Attempt attempt = close(a.initiatedEventId(), e, Outcome.FAILED);
          if (attempt != null) {
            attempt.reason = "start failed: " + a.causeAsString();
          }
        }
        case CHILD_WORKFLOW_EXECUTION_STARTED -> {
          var a = e.childWorkflowExecutionStartedEventAttributes();
          Attempt attempt = attemptOfScheduled.get(a.initiatedEventId());
          if (attempt != null) {
            attempt.started = e.eventTimestamp();
            attempt.worker = a.workflowExecution().runId();
            h.callOfEvent.put(e.eventId(), callOfScheduled.get(a.initiatedEventId()));
          }
        }
        case CHILD_WORKFLOW_EXECUTION_COMPLETED -> {
          var a = e.childWorkflowExecutionCompletedEventAttributes();
          Attempt attempt = close(a.initiatedEventId(), e, Outcome.COMPLETED);
          if (attempt != null) {
            attempt.result = a.result();
          }
        }
        case CHILD_WORKFLOW_EXECUTION_FAILED -> {
          var a = e.childWorkflowExecutionFailedEventAttributes();
          Attempt attempt = close(a.initiatedEventId(), e, Outcome.FAILED);
          if (attempt != null) {
            attempt.reason = a.reason();
            attempt.details = a.details();
          }
        }
        case CHILD_WORKFLOW_EXECUTION_TIMED_OUT -> {
          var a = e.childWorkflowExecutionTimedOutEventAttributes();
          Attempt attempt = close(a.initiatedEventId(), e, Outcome.TIMED_OUT);
          if (attempt != null) {
            attempt.timeoutType = a.timeoutTypeAsString();
          }
        }
        case CHILD_WORKFLOW_EXECUTION_CANCELED -> close(
            e.childWorkflowExecutionCanceledEventAttributes().initiatedEventId(),
            e,
            Outcome.CANCELED);
        case CHILD_WORKFLOW_EXECUTION_TERMINATED -> close(
            e.childWorkflowExecutionTerminatedEventAttributes().initiatedEventId(),
            e,
            Outcome.TERMINATED);
        case WORKFLOW_EXECUTION_SIGNALED -> {
          var a = e.workflowExecutionSignaledEventAttributes();
          Call call =
              call(Kind.SIGNAL, Long.toString(e.eventId()), a.signalName(), null, 0, e);
          Attempt attempt = attempt(call, a.signalName(), e);
          attempt.closed = e.eventTimestamp();
          attempt.outcome = Outcome.COMPLETED;
          attempt.input = a.input();
          call.label = "signal " + a.signalName();
        }
        case SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED -> {
          var a = e.signalExternalWorkflowExecutionInitiatedEventAttributes();
          Call call =
              call(
                  Kind.SIGNAL_SENT,
                  Long.toString(e.eventId()),
                  a.signalName(),
                  a.control(),
                  a.decisionTaskCompletedEventId(),
                  e);
          Attempt attempt = attempt(call, a.workflowId(), e);
          attempt.input = a.input();
          call.label = "signal " + a.signalName() + " to " + a.workflowId();
          decided(e, a.decisionTaskCompletedEventId());
        }
        case EXTERNAL_WORKFLOW_EXECUTION_SIGNALED -> close(
            e.externalWorkflowExecutionSignaledEventAttributes().initiatedEventId(),
            e,
            Outcome.COMPLETED);
        case SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED -> {
          var a = e.signalExternalWorkflowExecutionFailedEventAttributes();
          Attempt attempt = close(a.initiatedEventId(), e, Outcome.FAILED);
          if (attempt != null) {
            attempt.reason = a.causeAsString();
          }
        }
        case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED -> {
          var a = e.requestCancelExternalWorkflowExecutionInitiatedEventAttributes();
          Call call =
              call(
                  Kind.CANCEL_SENT,
                  Long.toString(e.eventId()),
                  null,
                  a.control(),
                  a.decisionTaskCompletedEventId(),
                  e);
          attempt(call, a.workflowId(), e);
          call.label = "cancel " + a.workflowId();
          decided(e, a.decisionTaskCompletedEventId());
        }
        case EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED -> close(
            e.externalWorkflowExecutionCancelRequestedEventAttributes().initiatedEventId(),
            e,
            Outcome.COMPLETED);
        case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED -> {
          var a = e.requestCancelExternalWorkflowExecutionFailedEventAttributes();
          Attempt attempt = close(a.initiatedEventId(), e, Outcome.FAILED);
          if (attempt != null) {
            attempt.reason = a.causeAsString();
          }
        }
        default -> {}
      }
      labelDefault(h.callOfEvent.get(e.eventId()));
    }

    /** A decision other than the blocked decider's own marker and backoff: unblocks. */
    private void decided(HistoryEvent e, Long decisionTaskCompletedEventId) {
      Call call = h.callOfEvent.get(e.eventId());
      if (call != null && call.kind == Kind.TIMER && call.id.startsWith(BLOCKED_TIMER)) {
        return;
      }
      if (call != null && call.kind == Kind.TIMER && "blocked-retry".equals(call.control.purpose())) {
        return;
      }
      if (pendingBlocked != null
          && decisionTaskCompletedEventId != null
          && decisionTaskCompletedEventId != blockedDecision) {
        pendingBlocked = null;
      }
    }

    private void updateDecision(
        Long scheduledId, Instant started, Instant closed, Outcome outcome, String worker) {
      Integer i = scheduledId == null ? null : decisionIndex.get(scheduledId);
      if (i == null) {
        return;
      }
      DecisionTask t = h.decisionTasks.get(i);
      h.decisionTasks.set(
          i,
          new DecisionTask(
              t.scheduledEventId(),
              t.scheduled(),
              started != null ? started : t.started(),
              closed != null ? closed : t.closed(),
              outcome,
              worker != null ? worker : t.worker()));
    }

    private void labelTimer(Call call, String timerId, String seconds) {
      Control c = call.control;
      String wait = Format.seconds(seconds);
      String purpose = c.purpose();
      if (timerId.startsWith(BLOCKED_TIMER) || "blocked-retry".equals(purpose)) {
        call.internal = true;
        call.label = "blocked decider: retry in " + wait;
        return;
      }
      if (purpose == null) {
        call.label =
            c.call() != null ? c.call() + " " + wait : "timer " + timerId + " " + wait;
        return;
      }
      switch (purpose) {
        case "retry" -> {
          String target = c.forCall();
          String name = target == null ? "?" : target;
          if (target != null && c.call() != null) {
            int dash = target.lastIndexOf('-');
            name = c.call() + (dash >= 0 ? target.substring(dash) : "");
          }
          call.label =
              "retry backoff: " + name + (c.attempt() > 0 ? ", attempt " + c.attempt() : "");
          Call target0 = target == null ? null : byKey.get(baseRef(target));
          if (target0 != null) {
            call.internal = true;
            try {
              target0.backoffs.add(Duration.ofSeconds(Long.parseLong(seconds)));
            } catch (NumberFormatException ignored) {
              // a malformed timeout reads as no backoff
            }
          }
        }
        case "split" -> {
          call.internal = true;
          call.label = "decision split";
        }
        case "resume" -> {
          call.internal = true;
          call.label = "resume: next decision";
        }
        case "await-timeout" -> call.label =
            (c.call() != null ? c.call() : "Workflow.await") + " timeout " + wait;
        default -> call.label = purpose + " " + wait;
      }
    }

    private static String baseRef(String ref) {
      int colon = ref.indexOf(':');
      return colon < 0 ? ref : ref.substring(0, colon + 1) + baseId(ref.substring(colon + 1));
    }

    private void labelMarker(Call call, HistoryEvent e, String name, String details) {
      Control c = call.control;
      if (BLOCKED_MARKER.equals(name) || "blocked".equals(c.purpose())) {
        call.internal = true;
        call.label = "blocked decider: " + (c.text("reason") != null ? c.text("reason") : name);
        latestBlockedMarker =
            new Blocked(
                c.text("reason"),
                c.text("message") != null ? c.text("message") : details,
                c.text("where"),
                c.text("worker"),
                c.text("since"),
                e.eventId());
        pendingBlocked = latestBlockedMarker;
        Long d = e.markerRecordedEventAttributes().decisionTaskCompletedEventId();
        blockedDecision = d == null ? -1 : d;
        return;
      }
      String purpose = c.purpose();
      if (purpose == null) {
        call.label =
            switch (name) {
              case "SideEffect" -> "Workflow.sideEffect";
              default -> c.call() != null ? c.call() : "marker " + name;
            };
        return;
      }
      call.label =
          switch (purpose) {
            case "side-effect" -> "Workflow.sideEffect";
            case "version" -> "Workflow.getVersion " + name;
            case "random" -> "Workflow.random";
            case "resume" -> "reused result of "
                + (c.forCall() != null ? c.forCall().substring(c.forCall().indexOf(':') + 1)
                    : c.call() != null ? c.call() : "?");
            default -> purpose + " " + name;
          };
    }

    private void labelDefault(Call call) {
      if (call == null || call.label != null) {
        return;
      }
      String name = call.control.call() != null ? call.control.call() : call.type;
      call.label = name == null ? call.id : name;
    }
  }
}
