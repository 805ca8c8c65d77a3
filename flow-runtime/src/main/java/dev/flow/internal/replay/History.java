package dev.flow.internal.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.swf.model.DecisionTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionStartedEventAttributes;

/**
 * A history read once, in one pass plus one over the decision task events: its decision steps, the
 * commands it recorded in event order, and where each event's recorded command is. Checks the
 * invariants the decider relies on, naming the event ids involved.
 *
 * <p>Sticky execution {@link #extend extends} a history by each decision task's new events: the
 * longer history appends them to the arrays of this one, in place while they have room (growing
 * them by half when not), so that a run's tasks cost what their new events cost, not their whole
 * history each. A history reads only its own prefix of the arrays, which no later history changes,
 * except the outcome of its current decision task (which only {@link #extend} reads).
 */
final class History {
  private final HistoryEvent[] events;

  /**
   * Per event index: its type, read once ({@link HistoryEvent#eventType()} looks the type up in a
   * map at every call); null for a type this SDK does not know.
   */
  private final EventType[] types;

  /** How many events the history has: its prefix of {@link #events} and the arrays per event. */
  private final int size;

  final WorkflowExecutionStartedEventAttributes started;

  /** Indexes of the {@code DecisionTaskStarted} events that are decision steps, in order. */
  private final int[] steps;

  /** How many decision steps the history has: its prefix of {@link #steps}. */
  private final int stepCount;

  /** The recorded commands, in event order. */
  final List<Recorded> recorded;

  /** {@link #recorded}'s array, perhaps longer. */
  private final Recorded[] recordedArray;

  /** Per event index: the index in {@link #recorded} of the command it records, or -1. */
  private final int[] recordedAt;

  /** Per step: how many recorded commands precede its {@code DecisionTaskStarted}. */
  private final int[] recordedBefore;

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

  /**
   * Shared by the histories over the same event arrays: how many events the longest of them has.
   * Only that one appends to the arrays; the others, extended, read their events anew.
   */
  private static final class Tail {
    int used;
  }

  private final Tail tail;

  private History(
      HistoryEvent[] events,
      EventType[] types,
      int size,
      int[] steps,
      int stepCount,
      Recorded[] recorded,
      int recordedCount,
      int[] recordedAt,
      int[] recordedBefore,
      TaskOutcome[] decisionOutcome,
      Tail tail) {
    this.events = events;
    this.types = types;
    this.size = size;
    this.started = events[0].workflowExecutionStartedEventAttributes();
    this.steps = steps;
    this.stepCount = stepCount;
    this.recordedArray = recorded;
    this.recorded = Arrays.asList(recorded).subList(0, recordedCount);
    this.recordedAt = recordedAt;
    this.recordedBefore = recordedBefore;
    this.decisionOutcome = decisionOutcome;
    this.tail = tail;
    tail.used = size;
  }

  /** How many events the history has. */
  int size() {
    return size;
  }

  /** The event at index {@code i} (its id is {@code i + 1}). */
  HistoryEvent event(int i) {
    return events[Objects.checkIndex(i, size)];
  }

  /** The type of event {@code i}; null for a type this SDK does not know. */
  EventType type(int i) {
    return types[Objects.checkIndex(i, size)];
  }

  /** How many decision steps the history has. */
  int stepCount() {
    return stepCount;
  }

  /** The index of the {@code DecisionTaskStarted} event of step {@code s}. */
  int step(int s) {
    return steps[Objects.checkIndex(s, stepCount)];
  }

  /** How many recorded commands precede step {@code s}'s {@code DecisionTaskStarted}. */
  int recordedBefore(int s) {
    return recordedBefore[Objects.checkIndex(s, stepCount)];
  }

  /** The index in {@link #recorded} of the command event {@code i} records, or -1. */
  int recordedAt(int i) {
    return recordedAt[Objects.checkIndex(i, size)];
  }

  /**
   * Whether this history and {@code other} read the same array of steps: one extended the other in
   * place, so the shorter one's steps are the longer one's first ones, without comparing them.
   */
  boolean sharesStepsWith(History other) {
    return steps == other.steps;
  }

  /** Whether this history and {@code other} read the same array of events (as above). */
  boolean sharesEventsWith(History other) {
    return events == other.events;
  }

  /**
   * This history continued by {@code more} (the events after its last one, in order), reading only
   * the new events: what {@link #of} gives for the whole, for sticky execution's next task. Where
   * the new events change the old steps (the current task timed out) or break an invariant, it
   * reads the whole, which then says what is wrong; so it does when this history was extended
   * before.
   */
  History extend(List<HistoryEvent> more) {
    int n = size;
    int total = n + more.size();
    if (tail.used != n) {
      return of(withMore(more)); // extended before: its arrays' tail is another history's
    }
    HistoryEvent[] all = events;
    EventType[] allTypes = types;
    TaskOutcome[] outcome = decisionOutcome;
    int[] at = recordedAt;
    Recorded[] rec = recordedArray;
    int[] newSteps = steps;
    int[] before = recordedBefore;
    Tail shared = tail;
    if (total > events.length) {
      int capacity = grown(events.length, total);
      all = Arrays.copyOf(events, capacity);
      allTypes = Arrays.copyOf(types, capacity);
      outcome = Arrays.copyOf(decisionOutcome, capacity);
      at = Arrays.copyOf(recordedAt, capacity);
      shared = new Tail();
    }
    tail.used = total; // claimed, whatever happens below
    for (int i = n; i < total; i++) {
      all[i] = more.get(i - n);
      allTypes[i] = all[i].eventType();
      outcome[i] = TaskOutcome.OPEN;
      at[i] = -1;
    }
    int recordedCount = recorded.size();
    try {
      for (int i = n; i < total; i++) {
        if (all[i].eventId() == null || all[i].eventId() != i + 1) {
          return of(withMore(more));
        }
        Recorded r = read(all, allTypes, i, outcome);
        if (r != null) {
          if (recordedCount == rec.length) {
            rec = Arrays.copyOf(rec, grown(rec.length, recordedCount + 1));
          }
          at[i] = recordedCount;
          rec[recordedCount++] = r;
        }
      }
    } catch (RuntimeException irregular) {
      return of(withMore(more));
    }
    int last = steps[stepCount - 1];
    if (outcome[last] != TaskOutcome.COMPLETED) {
      return of(withMore(more)); // the current task timed out, or did not complete
    }
    int count = stepCount;
    int r = recordedBefore[stepCount - 1];
    int current = -1;
    for (int i = n; i < total; i++) {
      if (allTypes[i] != EventType.DECISION_TASK_STARTED || outcome[i] == TaskOutcome.TIMED_OUT) {
        continue;
      }
      if (current >= 0) {
        return of(withMore(more));
      }
      if (outcome[i] == TaskOutcome.OPEN) {
        current = i;
      }
      while (r < recordedCount && rec[r].index() < i) {
        r++;
      }
      if (count == newSteps.length) {
        newSteps = Arrays.copyOf(newSteps, grown(newSteps.length, count + 1));
        before = Arrays.copyOf(before, newSteps.length);
      }
      before[count] = r;
      newSteps[count++] = i;
    }
    return new History(
        all, allTypes, total, newSteps, count, rec, recordedCount, at, before, outcome, shared);
  }

  /** The length of an array of {@code length} grown to hold at least {@code needed}. */
  private static int grown(int length, int needed) {
    return Math.max(needed, Math.max(16, length + (length >> 1)));
  }

  /** This history's events followed by {@code more}. */
  private List<HistoryEvent> withMore(List<HistoryEvent> more) {
    List<HistoryEvent> all = new ArrayList<>(size + more.size());
    all.addAll(Arrays.asList(events).subList(0, size));
    all.addAll(more);
    return all;
  }

  /**
   * Whether the workflow code answered the decision task started at event index {@code started}:
   * the history holds its DecisionTaskCompleted, and the answer was not one a worker gave for
   * itself (a blocked decider's, or one recording the results a resumed run reuses).
   */
  boolean answeredByCode(int started) {
    long startedId = events[started].eventId();
    for (int i = started + 1; i < size; i++) {
      if (types[i] != EventType.DECISION_TASK_COMPLETED
          || events[i].decisionTaskCompletedEventAttributes().startedEventId() != startedId) {
        continue;
      }
      if (Blocked.CONTEXT.equals(
          events[i].decisionTaskCompletedEventAttributes().executionContext())) {
        return false;
      }
      long completedId = events[i].eventId();
      for (int j = i + 1; j < size && types[j] == EventType.MARKER_RECORDED; j++) {
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
    int misnumbered = n; // the first event whose id is not its position, n: none
    for (int i = 0; i < n; i++) {
      HistoryEvent e = events[i];
      types[i] = e.eventType();
      Long id = e.eventId();
      if (misnumbered == n && (id == null || id != i + 1)) {
        misnumbered = i;
      }
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
      if (i == misnumbered) {
        throw invalid(
            "event ids number the events from 1: event "
                + (i + 1)
                + " has id "
                + e.eventId()
                + (i == 0 ? "" : " after event " + events[i - 1].eventId()));
      }
      try {
        Recorded r = read(events, types, i, decisionOutcome);
        if (r != null) {
          recordedAt[i] = recorded.size();
          recorded.add(r);
        }
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
        n,
        Arrays.copyOf(steps, count),
        count,
        recorded.toArray(new Recorded[0]),
        recorded.size(),
        recordedAt,
        Arrays.copyOf(recordedBefore, count),
        decisionOutcome,
        new Tail());
  }

  /**
   * Reads event {@code i}: the decision task it closes (marked in {@code decisionOutcome}), and the
   * command it records, returned (null: none).
   */
  private static Recorded read(
      HistoryEvent[] events, EventType[] types, int i, TaskOutcome[] decisionOutcome) {
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
    return r;
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
