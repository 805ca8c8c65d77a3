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
 * readable names, outcomes, times and the dependencies the decider recorded in {@code control}; the
 * decision tasks; how the execution started and closed; and whether its decider is blocked.
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

  // Filled in by HistoryReader, once, before of() returns.
  final List<HistoryEvent> events;
  final List<Call> calls = new ArrayList<>();
  final Map<Long, Call> callOfEvent = new HashMap<>();
  final List<DecisionTask> decisionTasks = new ArrayList<>();
  boolean hasControl;
  Blocked blocked;
  HistoryEvent started;
  HistoryEvent closeEvent;

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
    new HistoryReader(h).read();
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
    return switch (closeEvent.eventType()) {
      case WORKFLOW_EXECUTION_COMPLETED -> "COMPLETED";
      case WORKFLOW_EXECUTION_FAILED -> "FAILED";
      case WORKFLOW_EXECUTION_TIMED_OUT -> "TIMED_OUT";
      case WORKFLOW_EXECUTION_CANCELED -> "CANCELED";
      case WORKFLOW_EXECUTION_TERMINATED -> "TERMINATED";
      case WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> "CONTINUED_AS_NEW";
      default -> closeEvent.eventTypeAsString();
    };
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
}
