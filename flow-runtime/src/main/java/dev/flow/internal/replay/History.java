package dev.flow.internal.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.services.swf.model.DecisionTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionStartedEventAttributes;

/**
 * A history read once, in one pass plus one over the decision task events: its decision steps, the
 * commands it recorded in event order, and where each event's recorded command is. Checks the
 * invariants the decider relies on, naming the event ids involved.
 */
final class History {
  final HistoryEvent[] events;

  /**
   * Per event index: its type, read once ({@link HistoryEvent#eventType()} looks the type up in a
   * map at every call); null for a type this SDK does not know.
   */
  final EventType[] types;

  final WorkflowExecutionStartedEventAttributes started;

  /** Indexes of the {@code DecisionTaskStarted} events that are decision steps, in order. */
  final int[] steps;

  /** The recorded commands, in event order. */
  final List<Recorded> recorded;

  /** Per event index: the index in {@link #recorded} of the command it records, or -1. */
  final int[] recordedAt;

  /** Per step: how many recorded commands precede its {@code DecisionTaskStarted}. */
  final int[] recordedBefore;

  /** What became of a decision task, per event index of its DecisionTaskStarted. */
  enum TaskOutcome {
    /** Not (yet) closed; for events other than DecisionTaskStarted too. */
    OPEN,
    /** Its DecisionTaskCompleted event follows: a decision step. */
    COMPLETED,
    /** Its DecisionTaskTimedOut event follows: not a step; its task is tried again. */
    TIMED_OUT
  }

  /** Per event index: what became of the decision task a DecisionTaskStarted event started. */
  private final TaskOutcome[] decisionOutcome;

  private History(
      HistoryEvent[] events,
      EventType[] types,
      int[] steps,
      List<Recorded> recorded,
      int[] recordedAt,
      int[] recordedBefore,
      TaskOutcome[] decisionOutcome) {
    this.events = events;
    this.types = types;
    this.started = events[0].workflowExecutionStartedEventAttributes();
    this.steps = steps;
    this.recorded = recorded;
    this.recordedAt = recordedAt;
    this.recordedBefore = recordedBefore;
    this.decisionOutcome = decisionOutcome;
  }

  /**
   * This history continued by {@code more} (the events after its last one, in order), reading only
   * the new events: what {@link #of} gives for the whole, for sticky execution's next task. Where
   * the new events change the old steps (the current task timed out) or break an invariant, it
   * reads the whole, which then says what is wrong.
   */
  History extend(List<HistoryEvent> more) {
    int n = events.length;
    int total = n + more.size();
    HistoryEvent[] all = Arrays.copyOf(events, total);
    EventType[] allTypes = Arrays.copyOf(types, total);
    for (int i = n; i < total; i++) {
      all[i] = more.get(i - n);
      allTypes[i] = all[i].eventType();
    }
    TaskOutcome[] outcome = Arrays.copyOf(decisionOutcome, total);
    Arrays.fill(outcome, n, total, TaskOutcome.OPEN);
    int[] at = Arrays.copyOf(recordedAt, total);
    Arrays.fill(at, n, total, -1);
    List<Recorded> rec = new ArrayList<>(recorded);
    try {
      for (int i = n; i < total; i++) {
        if (all[i].eventId() == null || all[i].eventId() != i + 1) {
          return of(Arrays.asList(all));
        }
        readEvent(all, allTypes, i, outcome, at, rec);
      }
    } catch (RuntimeException irregular) {
      return of(Arrays.asList(all));
    }
    int last = steps[steps.length - 1];
    if (outcome[last] != TaskOutcome.COMPLETED) {
      return of(Arrays.asList(all)); // the current task timed out, or did not complete
    }
    int[] newSteps = Arrays.copyOf(steps, steps.length + (total - n));
    int[] before = Arrays.copyOf(recordedBefore, newSteps.length);
    int count = steps.length;
    int r = recordedBefore[steps.length - 1];
    int current = -1;
    for (int i = n; i < total; i++) {
      if (allTypes[i] != EventType.DECISION_TASK_STARTED || outcome[i] == TaskOutcome.TIMED_OUT) {
        continue;
      }
      if (current >= 0) {
        return of(Arrays.asList(all));
      }
      if (outcome[i] == TaskOutcome.OPEN) {
        current = i;
      }
      while (r < rec.size() && rec.get(r).index() < i) {
        r++;
      }
      before[count] = r;
      newSteps[count++] = i;
    }
    return new History(
        all,
        allTypes,
        Arrays.copyOf(newSteps, count),
        rec,
        at,
        Arrays.copyOf(before, count),
        outcome);
  }

  /**
   * Whether the workflow code answered the decision task started at event index {@code started}:
   * the history holds its DecisionTaskCompleted, and the answer was not one a worker gave for
   * itself (a blocked decider's, or one recording the results a resumed run reuses).
   */
  boolean answeredByCode(int started) {
    long startedId = events[started].eventId();
    for (int i = started + 1; i < events.length; i++) {
      if (types[i] != EventType.DECISION_TASK_COMPLETED
          || events[i].decisionTaskCompletedEventAttributes().startedEventId() != startedId) {
        continue;
      }
      if (Blocked.CONTEXT.equals(
          events[i].decisionTaskCompletedEventAttributes().executionContext())) {
        return false;
      }
      long completedId = events[i].eventId();
      for (int j = i + 1; j < events.length && types[j] == EventType.MARKER_RECORDED; j++) {
        var marker = events[j].markerRecordedEventAttributes();
        if (Long.valueOf(completedId).equals(marker.decisionTaskCompletedEventId())
            && Resume.MARKER.equals(marker.markerName())) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** Reads {@code list}, every event of an execution so far, in order. */
  static History of(List<HistoryEvent> list) {
    HistoryEvent[] events = list.toArray(new HistoryEvent[0]);
    int n = events.length;
    EventType[] types = new EventType[n];
    for (int i = 0; i < n; i++) {
      types[i] = events[i].eventType();
    }
    if (n == 0
        || types[0] != EventType.WORKFLOW_EXECUTION_STARTED
        || events[0].workflowExecutionStartedEventAttributes() == null) {
      throw invalid(
          "a history starts with a WorkflowExecutionStarted event"
              + (n == 0 ? "; this one is empty" : ", not " + events[0].eventTypeAsString()));
    }
    TaskOutcome[] decisionOutcome = new TaskOutcome[n];
    Arrays.fill(decisionOutcome, TaskOutcome.OPEN);
    int[] recordedAt = new int[n];
    Arrays.fill(recordedAt, -1);
    List<Recorded> recorded = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      HistoryEvent e = events[i];
      if (e.eventId() == null || e.eventId() != i + 1) {
        throw invalid(
            "event ids number the events from 1: event "
                + (i + 1)
                + " has id "
                + e.eventId()
                + (i == 0 ? "" : " after event " + events[i - 1].eventId()));
      }
      try {
        readEvent(events, types, i, decisionOutcome, recordedAt, recorded);
      } catch (NullPointerException missing) {
        throw invalid(
            e.eventTypeAsString() + " event " + e.eventId() + " lacks attributes: " + missing,
            missing);
      }
    }
    int[] steps = new int[n];
    int[] recordedBefore = new int[n];
    int count = 0;
    int current = -1;
    int r = 0;
    for (int i = 0; i < n; i++) {
      if (types[i] != EventType.DECISION_TASK_STARTED
          || decisionOutcome[i] == TaskOutcome.TIMED_OUT) {
        continue;
      }
      if (current >= 0) {
        throw invalid(
            "DecisionTaskStarted event "
                + events[current].eventId()
                + " has neither completed nor"
                + " timed out, yet DecisionTaskStarted event "
                + events[i].eventId()
                + " follows it");
      }
      if (decisionOutcome[i] == TaskOutcome.OPEN) {
        current = i;
      }
      while (r < recorded.size() && recorded.get(r).index() < i) {
        r++;
      }
      recordedBefore[count] = r;
      steps[count++] = i;
    }
    if (count == 0) {
      throw invalid(
          "the history has no DecisionTaskStarted event that is completed or current: the decider"
              + " replays the history of a started decision task");
    }
    return new History(
        events,
        types,
        Arrays.copyOf(steps, count),
        recorded,
        recordedAt,
        Arrays.copyOf(recordedBefore, count),
        decisionOutcome);
  }

  /** Reads event {@code i}: the command it records, the decision task it closes. */
  private static void readEvent(
      HistoryEvent[] events,
      EventType[] types,
      int i,
      TaskOutcome[] decisionOutcome,
      int[] recordedAt,
      List<Recorded> recorded) {
    HistoryEvent e = events[i];
    EventType type = types[i];
    if (type == EventType.LAMBDA_FUNCTION_SCHEDULED
        || type == EventType.SCHEDULE_LAMBDA_FUNCTION_FAILED) {
      throw invalid(
          e.eventTypeAsString()
              + " event "
              + e.eventId()
              + ": Flow workflows do not schedule Lambda functions");
    }
    Recorded r = EventRouter.recorded(i, e, types);
    if (r != null) {
      recordedAt[i] = recorded.size();
      recorded.add(r);
    }
    if (type == EventType.DECISION_TASK_COMPLETED) {
      markDecisionTask(
          types,
          decisionOutcome,
          e,
          e.decisionTaskCompletedEventAttributes().startedEventId(),
          TaskOutcome.COMPLETED);
    } else if (type == EventType.DECISION_TASK_TIMED_OUT
        && e.decisionTaskTimedOutEventAttributes().timeoutType()
            != DecisionTaskTimeoutType.SCHEDULE_TO_START) {
      // (a task that timed out before it started, on a sticky task list nobody polled, has
      // startedEventId 0 and closes no DecisionTaskStarted)
      markDecisionTask(
          types,
          decisionOutcome,
          e,
          e.decisionTaskTimedOutEventAttributes().startedEventId(),
          TaskOutcome.TIMED_OUT);
    }
  }

  private static void markDecisionTask(
      EventType[] types,
      TaskOutcome[] outcome,
      HistoryEvent e,
      Long startedEventId,
      TaskOutcome mark) {
    int s = startedEventId == null ? -1 : (int) (startedEventId - 1);
    if (s < 0 || s >= e.eventId() - 1 || types[s] != EventType.DECISION_TASK_STARTED) {
      throw invalid(
          e.eventTypeAsString()
              + " event "
              + e.eventId()
              + " refers by startedEventId to event "
              + startedEventId
              + ", which is not an earlier DecisionTaskStarted event");
    }
    if (outcome[s] != TaskOutcome.OPEN) {
      throw invalid(
          e.eventTypeAsString()
              + " event "
              + e.eventId()
              + " closes DecisionTaskStarted event "
              + startedEventId
              + ", which an earlier event closed already");
    }
    outcome[s] = mark;
  }

  /** Whether {@code eventId} names an event of {@code type} among {@code types}. */
  static boolean refersTo(EventType[] types, Long eventId, EventType type) {
    return eventId != null
        && eventId > 0
        && eventId <= types.length
        && types[(int) (eventId - 1)] == type;
  }

  static IllegalArgumentException invalid(String message) {
    return new IllegalArgumentException("invalid history: " + message);
  }

  static IllegalArgumentException invalid(String message, Throwable cause) {
    return new IllegalArgumentException("invalid history: " + message, cause);
  }
}
