package dev.flow.engine;

import dev.flow.internal.SwfJson;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionCancelRequestedCause;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionTerminatedCause;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionTimeoutType;
import software.amazon.awssdk.services.swf.model.WorkflowType;

/**
 * The engine core: the lock, the store, the task queues and the timer service, plus the primitives
 * every action is made of (append an event, schedule a decision task, arm a deadline, close an
 * execution). The actions themselves live in {@link Registry}, {@link Actions} and {@link
 * Decisions}.
 *
 * <p>Concurrency: every action runs under one lock, in one SQLite transaction ({@link #tx}); work
 * that must only happen if the transaction commits (waking pollers, waking the timer thread) is
 * queued with {@link #afterCommit}. Long polls wait on their queue's condition of the same lock.
 */
final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  // Deadline kinds (stored; never renumber).
  static final int DT_START_TO_CLOSE = 1;
  static final int DT_SCHEDULE_TO_START = 2;
  static final int ACT_SCHEDULE_TO_START = 3;
  static final int ACT_SCHEDULE_TO_CLOSE = 4;
  static final int ACT_START_TO_CLOSE = 5;
  static final int ACT_HEARTBEAT = 6;
  static final int TIMER = 7;
  static final int EXECUTION = 8;
  static final int RETENTION = 9;

  static final int MAX_OPEN_ACTIVITIES = 1000;
  static final int MAX_OPEN_TIMERS = 1000;
  static final int MAX_OPEN_CHILDREN = 1000;
  static final long MAX_EVENTS = 25_000;

  final ReentrantLock lock = new ReentrantLock();
  final InstantSource clock;
  final Store store;
  final TaskQueues decisionQueues = new TaskQueues(lock);
  final TaskQueues activityQueues = new TaskQueues(lock);
  final long pollTimeoutNanos;

  /** What the engine counts; {@link EngineMetrics#NONE} unless a registry was given. */
  volatile EngineMetrics metrics = EngineMetrics.NONE;

  private final boolean polledClock;

  /** The clock that time skipping moves forward; null unless the engine skips time. */
  private final SkippingClock skipping;

  private final Condition timerWake = lock.newCondition();
  private final List<Runnable> afterCommit = new ArrayList<>();
  private final Thread timerThread;
  private boolean closed;
  private long nowMs;

  Engine(
      Path file,
      InstantSource clock,
      boolean polledClock,
      long pollTimeoutNanos,
      boolean timeSkipping) {
    this.skipping = timeSkipping ? new SkippingClock(clock) : null;
    this.clock = timeSkipping ? skipping : clock;
    this.polledClock = polledClock;
    this.pollTimeoutNanos = pollTimeoutNanos;
    this.store = Store.open(file);
    lock.lock();
    try {
      if (skipping != null) {
        skipping.skippedMillis =
            store.queryLong("SELECT value FROM meta WHERE key = 'skipped_ms'", 0);
        store.rollback();
      }
      rebuildQueues();
    } finally {
      lock.unlock();
    }
    timerThread = new Thread(this::runTimers, "flow-engine-timers");
    timerThread.setDaemon(true);
  }

  /** Starts the timer service, which fires due deadlines through {@code timeouts}. */
  void start(Timeouts timeouts) {
    this.timeouts = timeouts;
    timerThread.start();
  }

  // ---------------------------------------------------------------- transactions

  /** Runs {@code action} under the lock in one transaction; all or nothing. */
  <T> T tx(Supplier<T> action) {
    lock.lock();
    try {
      if (closed) {
        throw Faults.internal("The engine is closed", null);
      }
      if (inTx) {
        return action.get();
      }
      inTx = true;
      txEvents = 0;
      nowMs = clock.millis();
      try {
        T result = action.get();
        saveTouched();
        long commitStart = System.nanoTime();
        store.commit();
        if (txEvents > 0) {
          metrics.committed(System.nanoTime() - commitStart, txEvents);
        }
        for (Runnable r : afterCommit) {
          r.run();
        }
        return result;
      } catch (RuntimeException | Error e) {
        if (e instanceof Store.StoreException) {
          LOG.error("the store failed; the action was rolled back: {}", e.getMessage(), e);
        }
        try {
          store.rollback();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      } finally {
        inTx = false;
        afterCommit.clear();
        touched.clear();
      }
    } finally {
      lock.unlock();
    }
  }

  private boolean inTx;

  /** Events appended in the current transaction. */
  private int txEvents;

  /** The runs loaded for change in this transaction, one object per run, saved before commit. */
  private final Map<String, Execution> touched = new LinkedHashMap<>();

  /**
   * Loads a run for change: within one transaction every load of a run returns the same object, so
   * actions that reach several runs (parent and child, signal source and target) never work on a
   * stale copy. Every loaded run is saved before the commit.
   */
  Execution load(String sqlWhere, Object... args) {
    Execution e = Execution.load(store, sqlWhere, args);
    if (e == null) {
      return null;
    }
    Execution known = touched.get(e.runId);
    if (known != null) {
      return known;
    }
    touched.put(e.runId, e);
    return e;
  }

  /**
   * Writes a run now (it is written again at commit), for a constraint the next statement checks.
   */
  void flush(Execution e) {
    e.save(store);
  }

  /** Tracks a run inserted in this transaction. */
  void track(Execution e) {
    touched.put(e.runId, e);
  }

  private void saveTouched() {
    int saved = 0;
    while (saved < touched.size()) {
      List<Execution> all = new ArrayList<>(touched.values());
      for (Execution e : all.subList(saved, all.size())) {
        save(e);
      }
      saved = all.size();
    }
  }

  void afterCommit(Runnable r) {
    afterCommit.add(r);
  }

  /**
   * The action's time: read once per transaction, so every event of one action has the same time.
   */
  long now() {
    return inTx ? nowMs : clock.millis();
  }

  boolean isClosed() {
    return closed;
  }

  // ---------------------------------------------------------------- events

  /** Appends an event of {@code type} to the run's history and returns its id. */
  long append(Execution ex, EventType type, Consumer<HistoryEvent.Builder> attributes) {
    long id = ex.nextEventId++;
    txEvents++;
    HistoryEvent.Builder b =
        HistoryEvent.builder()
            .eventId(id)
            .eventType(type)
            .eventTimestamp(Instant.ofEpochMilli(now()));
    attributes.accept(b);
    HistoryEvent event = b.build();
    store.update(
        "INSERT INTO events (run_id, event_id, type, body) VALUES (?, ?, ?, ?)",
        ex.runId,
        id,
        type.toString(),
        SwfJson.toText(event));
    remember(ex.runId, id, event);
    return id;
  }

  static HistoryEvent readEvent(String body) {
    return SwfJson.fromText(body, HistoryEvent::builder);
  }

  /**
   * The parsed events of recently used runs, each list holding events 1..n in order, so a decision
   * task reads its history from memory instead of parsing its whole history from JSON again (that
   * was most of the cost of a long workflow). At most {@link #PARSED_EVENTS} events in all, least
   * recently used runs dropped first. Events never change once committed and run ids are never
   * reused; an event goes in only once its transaction committed. Guarded by the lock.
   */
  private final LinkedHashMap<String, List<HistoryEvent>> parsedRuns =
      new LinkedHashMap<>(256, 0.75f, true);

  private int parsedEvents;

  static final int PARSED_EVENTS = 30_000;

  private void remember(String runId, long eventId, HistoryEvent event) {
    if (inTx) {
      afterCommit(() -> rememberCommitted(runId, eventId, event));
    } else {
      rememberCommitted(runId, eventId, event);
    }
  }

  private void rememberCommitted(String runId, long eventId, HistoryEvent event) {
    List<HistoryEvent> events = parsedRuns.get(runId);
    if (events == null) {
      if (eventId != 1) {
        return; // only whole histories from the start
      }
      events = new ArrayList<>();
      parsedRuns.put(runId, events);
    }
    if (eventId != events.size() + 1) {
      return; // already known, or a gap: keep the list contiguous
    }
    events.add(event);
    parsedEvents++;
    var eldest = parsedRuns.entrySet().iterator();
    while (parsedEvents > PARSED_EVENTS && eldest.hasNext()) {
      parsedEvents -= eldest.next().getValue().size();
      eldest.remove();
    }
  }

  /** Events {@code [lo, hi]} from {@code cursor} on (or down, if reverse), at most {@code max}. */
  Page history(String runId, long lo, long hi, long cursor, boolean reverse, int max) {
    long from = reverse ? lo : Math.max(lo, cursor);
    long to = reverse ? Math.min(hi, cursor) : hi;
    List<HistoryEvent> parsed = parsedRuns.get(runId);
    if (parsed != null && from >= 1 && to <= parsed.size()) {
      // Event ids are 1..n without gaps, as the query below would find them.
      List<HistoryEvent> events = new ArrayList<>();
      if (from > to) {
        return new Page(events, -1);
      }
      if (reverse) {
        long last = Math.max(from, to - max + 1);
        for (long id = to; id >= last; id--) {
          events.add(parsed.get((int) id - 1));
        }
        return new Page(events, last > from ? last - 1 : -1);
      }
      long last = Math.min(to, from + max - 1);
      events.addAll(parsed.subList((int) from - 1, (int) last));
      return new Page(events, last < to ? last + 1 : -1);
    }
    String sql =
        reverse
            ? "SELECT event_id, body FROM events WHERE run_id = ? AND event_id >= ? AND event_id"
                + " <= ? ORDER BY event_id DESC LIMIT ?"
            : "SELECT event_id, body FROM events WHERE run_id = ? AND event_id >= ? AND event_id"
                + " <= ? ORDER BY event_id ASC LIMIT ?";
    List<HistoryEvent> events = new ArrayList<>();
    long next = -1;
    try (ResultSet rs = store.query(sql, runId, from, to, max + 1)) {
      while (rs.next()) {
        if (events.size() == max) {
          next = rs.getLong(1);
          break;
        }
        long id = rs.getLong(1);
        HistoryEvent event =
            parsed != null && id <= parsed.size()
                ? parsed.get((int) id - 1)
                : readEvent(rs.getString(2));
        remember(runId, id, event);
        events.add(event);
      }
    } catch (SQLException e) {
      throw new Store.StoreException(e);
    }
    return new Page(events, next);
  }

  /** A page of events and the cursor of the next one, or -1 if this is the last page. */
  record Page(List<HistoryEvent> events, long next) {}

  static WorkflowExecution execution(Execution ex) {
    return WorkflowExecution.builder().workflowId(ex.workflowId).runId(ex.runId).build();
  }

  static WorkflowType workflowType(Execution ex) {
    return WorkflowType.builder().name(ex.typeName).version(ex.typeVersion).build();
  }

  // ---------------------------------------------------------------- decision tasks

  /** An event the decider must see arrived: schedule a decision task, or remember it for later. */
  void notifyDecider(Execution ex) {
    if (!ex.open) {
      return;
    }
    if (ex.dtState == Execution.DT_NONE) {
      scheduleDecisionTask(ex);
    } else if (ex.dtState == Execution.DT_STARTED) {
      ex.dtPending = true;
    }
  }

  void scheduleDecisionTask(Execution ex) {
    String s2s = ex.dtS2sTimeout;
    long id =
        append(
            ex,
            EventType.DECISION_TASK_SCHEDULED,
            b ->
                b.decisionTaskScheduledEventAttributes(
                    a ->
                        a.taskList(t -> t.name(ex.dtTaskList))
                            .taskPriority(ex.taskPriority)
                            .startToCloseTimeout(ex.taskTimeout)
                            .scheduleToStartTimeout(s2s)));
    ex.dtState = Execution.DT_SCHEDULED;
    ex.dtScheduledId = id;
    ex.dtStartedId = 0;
    ex.dtPending = false;
    long s2sSeconds = Check.seconds(s2s, true, "taskListScheduleToStartTimeout");
    if (s2sSeconds != Check.NONE) {
      arm(ex.runId, DT_SCHEDULE_TO_START, id, s2sSeconds);
    }
    String domain = ex.domain;
    String taskList = ex.dtTaskList;
    String runId = ex.runId;
    int priority = ex.taskPriority == null ? 0 : Integer.parseInt(ex.taskPriority);
    afterCommit(
        () -> {
          decisionQueues.add(domain, taskList, runId, id, priority);
          metrics.taskScheduled("decision", taskList);
        });
  }

  /**
   * Saves the run at the end of an action. A run whose history has reached SWF's 25,000 events is
   * terminated with cause EVENT_LIMIT_EXCEEDED, as SWF does.
   */
  private void save(Execution ex) {
    if (ex.open && ex.nextEventId > MAX_EVENTS) {
      String childPolicy = ex.childPolicy;
      append(
          ex,
          EventType.WORKFLOW_EXECUTION_TERMINATED,
          b ->
              b.workflowExecutionTerminatedEventAttributes(
                  a ->
                      a.childPolicy(childPolicy)
                          .cause(WorkflowExecutionTerminatedCause.EVENT_LIMIT_EXCEEDED)
                          .reason("The history reached " + MAX_EVENTS + " events")));
      closeExecution(ex, Close.terminated(childPolicy));
    }
    ex.save(store);
  }

  // ---------------------------------------------------------------- closing

  /**
   * How a run closed: its close status, what its parent is told (result, reason, details), and the
   * child policy to apply to its open children (only when terminated or timed out, as in SWF; null
   * otherwise).
   */
  record Close(String status, String result, String reason, String details, String childPolicy) {
    static Close completed(String result) {
      return new Close("COMPLETED", result, null, null, null);
    }

    static Close failed(String reason, String details) {
      return new Close("FAILED", null, reason, details, null);
    }

    static Close canceled(String details) {
      return new Close("CANCELED", null, null, details, null);
    }

    static Close terminated(String childPolicy) {
      return new Close("TERMINATED", null, null, null, childPolicy);
    }

    static Close timedOut(String childPolicy) {
      return new Close("TIMED_OUT", null, null, null, childPolicy);
    }

    static Close continuedAsNew() {
      return new Close("CONTINUED_AS_NEW", null, null, null, null);
    }
  }

  /**
   * Closes the run: its open tasks, timers and deadlines go (its record and history stay for the
   * domain's retention period, then are deleted), the child policy is applied to its open children,
   * and its parent (if any, and open) records the child's close and gets a decision task. A run
   * continued as new hands its parent link to the new run instead.
   */
  void closeExecution(Execution ex, Close close) {
    ex.open = false;
    ex.closeStatus = close.status();
    ex.closeMs = now();
    ex.dtState = Execution.DT_NONE;
    ex.dtPending = false;
    ex.openActivities = 0;
    ex.openTimers = 0;
    store.update("DELETE FROM activities WHERE run_id = ?", ex.runId);
    store.update("DELETE FROM timers WHERE run_id = ?", ex.runId);
    store.update("DELETE FROM deadlines WHERE run_id = ?", ex.runId);
    String retention = store.queryString("SELECT retention FROM domains WHERE name = ?", ex.domain);
    long days = retention == null || retention.equals("NONE") ? 0 : Long.parseLong(retention);
    if (skipping == null) { // a time-skipping engine (for tests) keeps every closed run readable
      arm(ex.runId, RETENTION, 0, TimeUnit.DAYS.toSeconds(days));
    }
    if (close.childPolicy() != null && ex.openChildren > 0) {
      applyChildPolicy(ex, close.childPolicy());
    }
    if (ex.parentRunId != null && !close.status().equals("CONTINUED_AS_NEW")) {
      notifyParent(ex, close);
    }
  }

  private void applyChildPolicy(Execution parent, String policy) {
    if (policy.equals("ABANDON")) {
      return;
    }
    List<String> children = new ArrayList<>();
    try (ResultSet rs =
        store.query(
            "SELECT run_id FROM executions WHERE parent_run_id = ? AND is_open = 1",
            parent.runId)) {
      while (rs.next()) {
        children.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new Store.StoreException(e);
    }
    for (String runId : children) {
      Execution child = load("run_id = ?", runId);
      if (child == null || !child.open) {
        continue;
      }
      if (policy.equals("TERMINATE")) {
        String childPolicy = child.childPolicy;
        append(
            child,
            EventType.WORKFLOW_EXECUTION_TERMINATED,
            b ->
                b.workflowExecutionTerminatedEventAttributes(
                    a ->
                        a.childPolicy(childPolicy)
                            .cause(WorkflowExecutionTerminatedCause.CHILD_POLICY_APPLIED)));
        closeExecution(child, Close.terminated(childPolicy));
      } else if (!child.cancelRequested) {
        child.cancelRequested = true;
        append(
            child,
            EventType.WORKFLOW_EXECUTION_CANCEL_REQUESTED,
            b ->
                b.workflowExecutionCancelRequestedEventAttributes(
                    a -> a.cause(WorkflowExecutionCancelRequestedCause.CHILD_POLICY_APPLIED)));
        notifyDecider(child);
      }
    }
  }

  private void notifyParent(Execution child, Close close) {
    Execution parent = load("run_id = ?", child.parentRunId);
    if (parent == null || !parent.open) {
      return;
    }
    WorkflowExecution execution = execution(child);
    WorkflowType type = workflowType(child);
    long initiated = child.parentInitiatedId;
    long started = child.parentStartedId;
    switch (close.status()) {
      case "COMPLETED":
        append(
            parent,
            EventType.CHILD_WORKFLOW_EXECUTION_COMPLETED,
            b ->
                b.childWorkflowExecutionCompletedEventAttributes(
                    a ->
                        a.workflowExecution(execution)
                            .workflowType(type)
                            .result(close.result())
                            .initiatedEventId(initiated)
                            .startedEventId(started)));
        break;
      case "FAILED":
        append(
            parent,
            EventType.CHILD_WORKFLOW_EXECUTION_FAILED,
            b ->
                b.childWorkflowExecutionFailedEventAttributes(
                    a ->
                        a.workflowExecution(execution)
                            .workflowType(type)
                            .reason(close.reason())
                            .details(close.details())
                            .initiatedEventId(initiated)
                            .startedEventId(started)));
        break;
      case "CANCELED":
        append(
            parent,
            EventType.CHILD_WORKFLOW_EXECUTION_CANCELED,
            b ->
                b.childWorkflowExecutionCanceledEventAttributes(
                    a ->
                        a.workflowExecution(execution)
                            .workflowType(type)
                            .details(close.details())
                            .initiatedEventId(initiated)
                            .startedEventId(started)));
        break;
      case "TERMINATED":
        append(
            parent,
            EventType.CHILD_WORKFLOW_EXECUTION_TERMINATED,
            b ->
                b.childWorkflowExecutionTerminatedEventAttributes(
                    a ->
                        a.workflowExecution(execution)
                            .workflowType(type)
                            .initiatedEventId(initiated)
                            .startedEventId(started)));
        break;
      case "TIMED_OUT":
        append(
            parent,
            EventType.CHILD_WORKFLOW_EXECUTION_TIMED_OUT,
            b ->
                b.childWorkflowExecutionTimedOutEventAttributes(
                    a ->
                        a.workflowExecution(execution)
                            .workflowType(type)
                            .timeoutType(WorkflowExecutionTimeoutType.START_TO_CLOSE)
                            .initiatedEventId(initiated)
                            .startedEventId(started)));
        break;
      default:
        throw new IllegalStateException("unexpected close status " + close.status());
    }
    parent.openChildren--;
    notifyDecider(parent);
  }

  // ---------------------------------------------------------------- deadlines

  void arm(String runId, int kind, long ref, long seconds) {
    long due = now() + TimeUnit.SECONDS.toMillis(seconds);
    store.update(
        "INSERT OR REPLACE INTO deadlines (run_id, kind, ref, due_ms) VALUES (?, ?, ?, ?)",
        runId,
        kind,
        ref,
        due);
    afterCommit(this::kickTimers);
  }

  void disarm(String runId, int kind, long ref) {
    store.update(
        "DELETE FROM deadlines WHERE run_id = ? AND kind = ? AND ref = ?", runId, kind, ref);
  }

  /** Fires every deadline due now, each in its own transaction. Returns the next due time. */
  long fireDue(Timeouts timeouts) {
    while (true) {
      lock.lock();
      try {
        if (closed) {
          return Long.MAX_VALUE;
        }
        String runId;
        int kind;
        long ref;
        long due;
        try (ResultSet rs =
            store.query(
                "SELECT run_id, kind, ref, due_ms FROM deadlines ORDER BY due_ms LIMIT 1")) {
          if (!rs.next()) {
            return Long.MAX_VALUE;
          }
          runId = rs.getString(1);
          kind = rs.getInt(2);
          ref = rs.getLong(3);
          due = rs.getLong(4);
        } catch (SQLException e) {
          throw new Store.StoreException(e);
        } finally {
          store.rollback(); // end the read transaction
        }
        if (due > clock.millis()) {
          return due;
        }
        try {
          tx(
              () -> {
                disarm(runId, kind, ref);
                timeouts.fire(runId, kind, ref);
                return null;
              });
        } catch (RuntimeException e) {
          LOG.error("Dropping deadline kind " + kind + " of run " + runId + " event " + ref, e);
          tx(
              () -> {
                disarm(runId, kind, ref);
                return null;
              });
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private volatile Timeouts timeouts;

  /**
   * The timer service: fires what is due (taking the lock once per deadline, so actions and polls
   * interleave with a burst of timeouts), then sleeps until the next deadline or until an action
   * arms an earlier one ({@link #timerKick} closes the gap between the two).
   */
  private void runTimers() {
    while (true) {
      long next;
      try {
        next = fireDue(timeouts);
        if (skipping != null && skipToNextDeadline()) {
          continue;
        }
      } catch (RuntimeException e) {
        LOG.error("Timer service failed; retrying in 1 s", e);
        next = clock.millis() + 1000;
      }
      lock.lock();
      try {
        if (closed) {
          return;
        }
        long wait = next == Long.MAX_VALUE ? Long.MAX_VALUE : next - clock.millis();
        if (polledClock) {
          wait = Math.min(wait, 10);
        }
        if (skipping != null) {
          wait = Math.min(wait, SKIP_CHECK_MILLIS);
        }
        if (wait > 0 && !timerKick) {
          if (wait == Long.MAX_VALUE) {
            timerWake.await();
          } else {
            timerWake.await(wait, TimeUnit.MILLISECONDS);
          }
        }
        timerKick = false;
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
    }
  }

  /** Set (under the lock) when a deadline was armed since the timer thread last looked. */
  private boolean timerKick;

  private void kickTimers() {
    timerKick = true;
    timerWake.signal();
  }

  // ---------------------------------------------------------------- time skipping

  /** How long no call may have come in before the engine counts as idle. */
  static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(15);

  /** How long a task queued on a list nobody polled yet holds the clock. */
  static final long UNPOLLED_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  /** How often the timer thread looks for idleness when skipping time. */
  private static final long SKIP_CHECK_MILLIS = 5;

  /** Calls in progress, waiting long polls excepted (any thread; no lock). */
  private final AtomicInteger activeCalls = new AtomicInteger();

  /** When a call last started or ended (System.nanoTime). */
  private volatile long lastCallNanos = System.nanoTime();

  /** Long polls waiting for a task (changed under the lock; read by metrics without it). */
  private volatile int waitingPolls;

  /** How many long polls are waiting for a task now. */
  int waitingPolls() {
    return waitingPolls;
  }

  /** How many executions are open, in every domain. */
  long openExecutions() {
    return tx(() -> store.queryLong("SELECT COUNT(*) FROM executions WHERE is_open = 1", 0));
  }

  /**
   * Whether the store takes a write now: writes and commits one row of its own; null when it does,
   * else what the store answered. This is the probe behind {@code GET /health}.
   */
  String storeWriteProblem() {
    try {
      tx(
          () ->
              store.update(
                  "INSERT OR REPLACE INTO meta (key, value) VALUES ('health_probe', ?)",
                  Long.toString(clock.millis())));
      return null;
    } catch (RuntimeException e) {
      return String.valueOf(e.getMessage());
    }
  }

  /**
   * A call that may change the engine's state starts (read-only calls need not: they change nothing
   * time skipping looks at, and a client polling for a result must not hold the clock).
   */
  void callStarts() {
    activeCalls.incrementAndGet();
    lastCallNanos = System.nanoTime();
  }

  /** The call of {@link #callStarts} ended. */
  void callEnds() {
    lastCallNanos = System.nanoTime();
    activeCalls.decrementAndGet();
  }

  /** A long poll of {@code q} starts waiting (under the lock): it no longer counts as a call. */
  void pollWaits(TaskQueues.Queue q) {
    q.polled = true;
    waitingPolls++;
    callEnds();
  }

  /** The long poll of {@link #pollWaits} woke up (under the lock). */
  void pollWakes() {
    waitingPolls--;
    callStarts();
  }

  /**
   * Time skipping: when the engine is idle, moves the clock to the next deadline (the timer thread
   * then fires it) and returns true. Idle means: no call in progress and none for {@link
   * #QUIET_NANOS} (a worker between two calls, such as a decider about to poll again, is not idle),
   * at least one long poll waiting, no task queued that a poller will take (or that was queued
   * moments ago), and no decision or activity task started and unanswered (a decider or an activity
   * at work holds the clock, so an activity's own timeouts are measured in real time). Retention
   * deadlines are never skipped to: a closed run's history stays readable.
   */
  private boolean skipToNextDeadline() {
    lock.lock();
    try {
      long nowNanos = System.nanoTime();
      if (closed
          || activeCalls.get() > 0
          || waitingPolls == 0
          || nowNanos - lastCallNanos < QUIET_NANOS
          || decisionQueues.holdClock(nowNanos, UNPOLLED_GRACE_NANOS)
          || activityQueues.holdClock(nowNanos, UNPOLLED_GRACE_NANOS)) {
        return false;
      }
      long due;
      try {
        long started =
            store.queryLong(
                "SELECT (SELECT COUNT(*) FROM executions WHERE is_open = 1 AND dt_state = ?)"
                    + " + (SELECT COUNT(*) FROM activities WHERE state = ?)",
                0,
                Execution.DT_STARTED,
                ActivityTask.STARTED);
        if (started > 0) {
          return false;
        }
        due =
            store.queryLong(
                "SELECT MIN(due_ms) FROM deadlines WHERE kind != ?", Long.MAX_VALUE, RETENTION);
        if (due == Long.MAX_VALUE) {
          return false;
        }
      } finally {
        store.rollback(); // end the read transaction
      }
      long skipped = skipping.advanceTo(due);
      tx(
          () -> {
            store.update(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('skipped_ms', ?)",
                Long.toString(skipped));
            return null;
          });
      lastCallNanos = System.nanoTime(); // what fires is activity: wait for quiet again
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The clock of a time-skipping engine: the base clock plus the time skipped so far, so it also
   * moves by itself (a decider or activity at work sees time pass as usual).
   */
  static final class SkippingClock implements InstantSource {
    private final InstantSource base;
    volatile long skippedMillis;

    SkippingClock(InstantSource base) {
      this.base = base;
    }

    @Override
    public long millis() {
      return base.millis() + skippedMillis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    /**
     * Moves the clock forward to {@code epochMillis}, if it is not there yet; returns the time
     * skipped so far (stored, so that an engine reopened on its file goes on from there).
     */
    synchronized long advanceTo(long epochMillis) {
      long now = millis();
      if (epochMillis > now) {
        skippedMillis += epochMillis - now;
      }
      return skippedMillis;
    }
  }

  // ---------------------------------------------------------------- open / close

  private void rebuildQueues() {
    try (ResultSet rs =
        store.query(
            "SELECT domain, dt_task_list, run_id, dt_scheduled_id, task_priority FROM executions"
                + " WHERE is_open = 1 AND dt_state = 1 ORDER BY dt_scheduled_id")) {
      while (rs.next()) {
        String priority = rs.getString(5);
        decisionQueues.add(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getLong(4),
            priority == null ? 0 : Integer.parseInt(priority));
      }
    } catch (SQLException e) {
      throw new Store.StoreException(e);
    }
    try (ResultSet rs =
        store.query(
            "SELECT domain, task_list, run_id, scheduled_id, priority FROM activities WHERE"
                + " state = 0 ORDER BY run_id, scheduled_id")) {
      while (rs.next()) {
        activityQueues.add(
            rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5));
      }
    } catch (SQLException e) {
      throw new Store.StoreException(e);
    }
    store.rollback();
  }

  void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      decisionQueues.wakeAll();
      activityQueues.wakeAll();
      timerWake.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      timerThread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lock.lock();
    try {
      store.close();
    } finally {
      lock.unlock();
    }
  }

  static String newRunId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /** Fires one due deadline; implemented by the actions. */
  interface Timeouts {
    void fire(String runId, int kind, long ref);
  }
}
