package dev.flow.cli;

import dev.flow.cli.ExecutionHistory.Attempt;
import dev.flow.cli.ExecutionHistory.Call;
import dev.flow.cli.ExecutionHistory.DecisionTask;
import dev.flow.cli.ExecutionHistory.Kind;
import dev.flow.cli.ExecutionHistory.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the time of one execution (or of many of one type) went: per activity type the calls,
 * attempts, failures, timeouts by kind, and schedule-to-start and start-to-close percentiles; the
 * slowest tasks; the critical path (the chain of dependent calls that set the wall time); and the
 * wall time split by what the execution was waiting for: its decider, activity workers, child
 * workflows, timers, or nothing Flow runs (a signal, say).
 *
 * <p>The split takes, at each moment, the first that holds of: an activity attempt scheduled or
 * running (workers), a child open (children), a decision task scheduled or running (deciders), a
 * timer open (timers); else other. So the parts add up to the wall time, and "deciders" is the time
 * in which only a decider could move the execution on.
 */
public final class ExecutionStats {
  /** The nearest-rank 50th and 95th percentiles and the maximum of {@code count} durations. */
  public record Percentiles(int count, Duration p50, Duration p95, Duration max) {
    static Percentiles of(List<Duration> values) {
      if (values.isEmpty()) {
        return new Percentiles(0, null, null, null);
      }
      List<Duration> sorted = new ArrayList<>(values);
      sorted.sort(Comparator.naturalOrder());
      return new Percentiles(
          sorted.size(), rank(sorted, 0.50), rank(sorted, 0.95), sorted.get(sorted.size() - 1));
    }

    private static Duration rank(List<Duration> sorted, double p) {
      int i = (int) Math.ceil(p * sorted.size()) - 1;
      return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
  }

  /**
   * One activity type.
   *
   * @param calls the calls (an activity with its retries is one call)
   * @param attempts the scheduled tasks, retries included
   * @param failures the attempts that failed (a schedule failure too)
   * @param timeouts the attempts that timed out, by kind ({@code START_TO_CLOSE}, ...)
   */
  public record ActivityType(
      String type,
      int calls,
      int attempts,
      int failures,
      Map<String, Integer> timeouts,
      Percentiles scheduleToStart,
      Percentiles startToClose) {}

  /** One activity attempt among the slowest, by start-to-close. */
  public record Task(
      String workflowId,
      String label,
      String activityId,
      Duration scheduleToStart,
      Duration startToClose,
      Outcome outcome) {}

  /** The wall time split by what was awaited (see the class comment). */
  public record Waiting(
      Duration deciders, Duration workers, Duration children, Duration timers, Duration other) {}

  /** One step of the critical path: a call and how long it took. */
  public record Step(String key, String label, Duration duration, Outcome outcome) {}

  // What the execution waits for, as indices of waiting(); the first open in PRIORITY counts.
  private static final int DECIDERS = 0;
  private static final int WORKERS = 1;
  private static final int CHILDREN = 2;
  private static final int TIMERS = 3;
  private static final int OTHER = 4;
  private static final int[] PRIORITY = {WORKERS, CHILDREN, DECIDERS, TIMERS};

  private final int executions;
  private final Percentiles wall;
  private final List<ActivityType> activityTypes;
  private final List<Task> slowest;
  private final List<Step> criticalPath;
  private final boolean criticalPathFromControl;
  private final Waiting waiting;

  private ExecutionStats(
      int executions,
      Percentiles wall,
      List<ActivityType> activityTypes,
      List<Task> slowest,
      List<Step> criticalPath,
      boolean criticalPathFromControl,
      Waiting waiting) {
    this.executions = executions;
    this.wall = wall;
    this.activityTypes = List.copyOf(activityTypes);
    this.slowest = List.copyOf(slowest);
    this.criticalPath = List.copyOf(criticalPath);
    this.criticalPathFromControl = criticalPathFromControl;
    this.waiting = waiting;
  }

  /** The statistics of one execution (an open one up to its last event). */
  public static ExecutionStats of(ExecutionHistory history, String workflowId, int slowestCount) {
    return of(List.of(history), List.of(workflowId), slowestCount);
  }

  /**
   * The statistics of many executions together ({@code workflowIds} in the same order, for the
   * slowest tasks); the critical path only for a single execution.
   */
  public static ExecutionStats of(
      List<ExecutionHistory> histories, List<String> workflowIds, int slowestCount) {
    Map<String, List<Attempt>> byType = new TreeMap<>();
    Map<String, Integer> callsByType = new TreeMap<>();
    List<Task> tasks = new ArrayList<>();
    List<Duration> walls = new ArrayList<>();
    Duration[] wait = new Duration[5];
    java.util.Arrays.fill(wait, Duration.ZERO);
    for (int i = 0; i < histories.size(); i++) {
      ExecutionHistory h = histories.get(i);
      walls.add(Duration.between(h.startTime(), h.endTime()));
      for (Call call : h.calls()) {
        if (call.kind() != Kind.ACTIVITY) {
          continue;
        }
        callsByType.merge(call.type(), 1, Integer::sum);
        for (Attempt a : call.attempts()) {
          byType.computeIfAbsent(call.type(), t -> new ArrayList<>()).add(a);
          if (a.startToClose() != null) {
            tasks.add(
                new Task(
                    workflowIds.get(i),
                    call.label(),
                    a.id(),
                    a.scheduleToStart(),
                    a.startToClose(),
                    a.outcome()));
          }
        }
      }
      Duration[] w = waiting(h);
      for (int k = 0; k < w.length; k++) {
        wait[k] = wait[k].plus(w[k]);
      }
    }
    List<ActivityType> types = new ArrayList<>();
    byType.forEach(
        (type, attempts) -> {
          Map<String, Integer> timeouts = new TreeMap<>();
          List<Duration> toStart = new ArrayList<>();
          List<Duration> toClose = new ArrayList<>();
          int failures = 0;
          for (Attempt a : attempts) {
            if (a.outcome() == Outcome.FAILED) {
              failures++;
            }
            if (a.outcome() == Outcome.TIMED_OUT) {
              timeouts.merge(
                  a.timeoutType() == null ? "UNKNOWN" : a.timeoutType(), 1, Integer::sum);
            }
            if (a.scheduleToStart() != null) {
              toStart.add(a.scheduleToStart());
            }
            if (a.startToClose() != null) {
              toClose.add(a.startToClose());
            }
          }
          types.add(
              new ActivityType(
                  type,
                  callsByType.get(type),
                  attempts.size(),
                  failures,
                  timeouts,
                  Percentiles.of(toStart),
                  Percentiles.of(toClose)));
        });
    tasks.sort(Comparator.comparing(Task::startToClose).reversed());
    List<Step> path = List.of();
    boolean fromControl = false;
    if (histories.size() == 1) {
      ExecutionHistory h = histories.get(0);
      fromControl = h.hasControl();
      path = criticalPath(h);
    }
    return new ExecutionStats(
        histories.size(),
        Percentiles.of(walls),
        types,
        tasks.subList(0, Math.min(slowestCount, tasks.size())),
        path,
        fromControl,
        new Waiting(wait[0], wait[1], wait[2], wait[3], wait[4]));
  }

  /** How many executions these statistics cover. */
  public int executions() {
    return executions;
  }

  /** The executions' wall times (first event to close, or to the last event while open). */
  public Percentiles wall() {
    return wall;
  }

  /** Per activity type, by name. */
  public List<ActivityType> activityTypes() {
    return activityTypes;
  }

  /** The slowest activity attempts by start-to-close, slowest first. */
  public List<Task> slowest() {
    return slowest;
  }

  /**
   * The critical path of a single execution, first call first: from the call that ended last, back
   * through the dependency it waited for longest (its {@code control} deps and waits; without
   * control, the call that ended last before it was issued). Empty for many executions.
   */
  public List<Step> criticalPath() {
    return criticalPath;
  }

  /** Whether the critical path follows recorded dependencies (else it is inferred from times). */
  public boolean criticalPathFromControl() {
    return criticalPathFromControl;
  }

  /** The wall time by what was awaited, summed over the executions. */
  public Waiting waiting() {
    return waiting;
  }

  private static List<Step> criticalPath(ExecutionHistory h) {
    Instant until = h.endTime();
    Call last = null;
    for (Call call : h.calls()) {
      if (!call.internal()
          && isWork(call)
          && endOf(call, until).compareTo(endOf(last, until)) >= 0) {
        last = call;
      }
    }
    List<Step> path = new ArrayList<>();
    java.util.Set<Call> seen = new java.util.HashSet<>();
    for (Call at = last; at != null && seen.add(at); at = predecessor(h, at, until)) {
      path.add(0, new Step(at.key(), at.label(), at.duration(until), at.outcome()));
    }
    return path;
  }

  private static boolean isWork(Call call) {
    return call.kind() == Kind.ACTIVITY || call.kind() == Kind.CHILD || call.kind() == Kind.TIMER;
  }

  private static Instant endOf(Call call, Instant until) {
    return call == null ? Instant.MIN : call.end() != null ? call.end() : until;
  }

  private static Call predecessor(ExecutionHistory h, Call call, Instant until) {
    List<Call> candidates = new ArrayList<>();
    if (h.hasControl()) {
      candidates.addAll(call.deps());
      candidates.addAll(call.after());
    } else {
      for (Call other : h.calls()) {
        if (other != call
            && !other.internal()
            && isWork(other)
            && other.end() != null
            && !other.end().isAfter(call.start())) {
          candidates.add(other);
        }
      }
    }
    Call best = null;
    for (Call c : candidates) {
      if (best == null || endOf(c, until).isAfter(endOf(best, until))) {
        best = c;
      }
    }
    return best;
  }

  /** deciders, workers, children, timers, other. */
  private static Duration[] waiting(ExecutionHistory h) {
    Instant end = h.endTime();
    List<long[]> marks = new ArrayList<>(); // {time, category, +1/-1}
    for (DecisionTask t : h.decisionTasks()) {
      interval(marks, t.scheduled(), t.closed(), end, DECIDERS);
    }
    for (Call call : h.calls()) {
      int category =
          switch (call.kind()) {
            case ACTIVITY -> WORKERS;
            case CHILD -> CHILDREN;
            case TIMER -> TIMERS;
            default -> -1;
          };
      if (category < 0) {
        continue;
      }
      for (Attempt a : call.attempts()) {
        interval(marks, a.scheduled(), a.closed(), end, category);
      }
    }
    marks.sort(Comparator.comparingLong((long[] m) -> m[0]));
    long[] total = new long[5];
    int[] open = new int[4];
    long from = h.startTime().toEpochMilli();
    long stop = end.toEpochMilli();
    int i = 0;
    while (from < stop) {
      while (i < marks.size() && marks.get(i)[0] <= from) {
        open[(int) marks.get(i)[1]] += (int) marks.get(i)[2];
        i++;
      }
      long next = i < marks.size() ? Math.min(marks.get(i)[0], stop) : stop;
      int category = OTHER;
      for (int k : PRIORITY) {
        if (open[k] > 0) {
          category = k;
          break;
        }
      }
      total[category] += next - from;
      from = next;
    }
    Duration[] out = new Duration[5];
    for (int k = 0; k < 5; k++) {
      out[k] = Duration.ofMillis(total[k]);
    }
    return out;
  }

  private static void interval(List<long[]> marks, Instant from, Instant to, Instant end, int c) {
    Instant until = to != null ? to : end;
    if (from == null || until.isBefore(from)) {
      return;
    }
    marks.add(new long[] {from.toEpochMilli(), c, 1});
    marks.add(new long[] {until.toEpochMilli(), c, -1});
  }
}
