package dev.flow.cli;

import static dev.flow.cli.ExecutionHistory.BLOCKED_MARKER;
import static dev.flow.cli.ExecutionHistory.BLOCKED_TIMER;
import static dev.flow.cli.ExecutionHistory.baseId;

import dev.flow.cli.ExecutionHistory.Attempt;
import dev.flow.cli.ExecutionHistory.Blocked;
import dev.flow.cli.ExecutionHistory.Call;
import dev.flow.cli.ExecutionHistory.DecisionTask;
import dev.flow.cli.ExecutionHistory.Kind;
import dev.flow.cli.ExecutionHistory.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * Decodes a history into an {@link ExecutionHistory}: reads the events once, in order, folding each
 * into its call (attempts, outcomes, the dependencies in {@code control}), its decision task, or
 * the execution's start, close and blocked state, and names each call for people.
 */
final class HistoryReader {
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

  HistoryReader(ExecutionHistory h) {
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
          WORKFLOW_EXECUTION_CONTINUED_AS_NEW ->
          h.closeEvent = e;
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
      case CANCEL_TIMER_FAILED ->
          decided(e, e.cancelTimerFailedEventAttributes().decisionTaskCompletedEventId());
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
      case RECORD_MARKER_FAILED ->
          decided(e, e.recordMarkerFailedEventAttributes().decisionTaskCompletedEventId());
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
      case CHILD_WORKFLOW_EXECUTION_CANCELED ->
          close(
              e.childWorkflowExecutionCanceledEventAttributes().initiatedEventId(),
              e,
              Outcome.CANCELED);
      case CHILD_WORKFLOW_EXECUTION_TERMINATED ->
          close(
              e.childWorkflowExecutionTerminatedEventAttributes().initiatedEventId(),
              e,
              Outcome.TERMINATED);
      case WORKFLOW_EXECUTION_SIGNALED -> {
        var a = e.workflowExecutionSignaledEventAttributes();
        Call call = call(Kind.SIGNAL, Long.toString(e.eventId()), a.signalName(), null, 0, e);
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
      case EXTERNAL_WORKFLOW_EXECUTION_SIGNALED ->
          close(
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
      case EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED ->
          close(
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
      call.label = c.call() != null ? c.call() + " " + wait : "timer " + timerId + " " + wait;
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
        call.label = "retry backoff: " + name + (c.attempt() > 0 ? ", attempt " + c.attempt() : "");
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
      case "await-timeout" ->
          call.label = (c.call() != null ? c.call() : "Workflow.await") + " timeout " + wait;
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
          case "resume" ->
              "reused result of "
                  + (c.forCall() != null
                      ? c.forCall().substring(c.forCall().indexOf(':') + 1)
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
