package dev.flow.engine;

import dev.flow.history.SwfJson;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
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
import software.amazon.awssdk.awscore.exception.AwsServiceException;
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
 * <p>Concurrency: every action runs under one lock, all or nothing, and actions arriving together
 * share one SQLite transaction ({@link #tx}: group commit); what an action wakes (pollers, the
 * timer thread) is queued with {@link #afterAction}, what must wait for the commit (the event
 * cache) with {@link #afterCommit}. Long polls wait on their queue's condition of the same lock.
 * Release the lock with {@link #unlock}, which commits a group nobody else will join.
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
  final Tokens tokens;

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
    this.tokens = new Tokens(store.tokenKey());
    lock.lock();
    try {
      if (skipping != null) {
        skipping.skippedMillis =
            store.queryLong("SELECT value FROM meta WHERE key = 'skipped_ms'", 0);
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

  /**
   * Runs {@code action} under the lock, all or nothing, and returns once its writes are committed.
   *
   * <p>Group commit: actions that arrive together share one SQLite transaction, each in a savepoint
   * of its own. An action that fails is rolled back to its savepoint and answered with its failure;
   * the others of its group keep their writes (if SQLite lost the whole transaction, as it may
   * after an I/O error, the others run again in a new one). An action that succeeded waits,
   * releasing the lock, while other threads are queued for the lock to join its group (at most
   * {@link #MAX_GROUP} actions, at most {@link #GROUP_WAIT_NANOS} after the group opened); then
   * whoever comes last commits, and every caller of the group is answered only after that commit (a
   * failed commit fails them all, and keeps nothing). What an action wakes (pollers of the tasks it
   * queued, the timer thread) runs when the action succeeds, so a poller woken by it starts its
   * task in the same group; the engine's cache of parsed events is filled only after the commit
   * ({@link #afterCommit}). An action that read and wrote nothing, in a group without writes, needs
   * no commit and returns at once.
   */
  <T> T tx(Supplier<T> action) {
    lock.lock();
    try {
      if (closed) {
        throw Faults.internal("The engine is closed", null);
      }
      if (inTx) {
        return action.get();
      }
      if (group == null) {
        beginGroup();
      }
      Group g = group;
      Member<T> m = new Member<>(action);
      run(m);
      if (!m.wrote && !store.wrote()) {
        // Read only, and no write of another action seen: nothing to wait for.
      } else {
        if (!m.wrote) {
          g.readers++;
        }
        awaitCommit(g);
        if (!m.wrote && g.lost != null) {
          throw fault(g.lost); // what it read was not kept
        }
      }
      if (m.failure != null) {
        throw m.failure;
      }
      return m.result;
    } finally {
      unlock();
    }
  }

  /** At most this many actions share one transaction. */
  static final int MAX_GROUP = 64;

  /** How long a group waits for more actions at most, from when it opened. */
  static final long GROUP_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  /** {@link #GROUP_WAIT_NANOS}; tests raise it so that what joins a group does not race a clock. */
  long groupWaitNanos = GROUP_WAIT_NANOS;

  /** How many groups were committed (each one SQLite transaction). */
  private long commits;

  /** How many groups with writes were committed so far (SQLite transactions that wrote). */
  long commits() {
    lock.lock();
    try {
      return commits;
    } finally {
      lock.unlock();
    }
  }

  /** The group whose transaction is open and not yet committed, or null (under the lock). */
  private Group group;

  /** Signalled when a group committed or failed. */
  private final Condition groupDone = lock.newCondition();

  private boolean inTx;

  /** Actions sharing one transaction. */
  private static final class Group {
    /** The actions that wrote in it, in order, each to be answered after the commit. */
    final List<Member<?>> members = new ArrayList<>();

    /** Actions that only read, but may have seen the writes of the group: they wait too. */
    int readers;

    final long openedNanos = System.nanoTime();
    boolean done;

    /** Why the group's writes were not kept, if they were not. */
    Store.StoreException lost;

    /** Events its members appended (for the metrics of its commit). */
    int events;
  }

  /** One action of a group: what to run again if the transaction is lost, and its outcome. */
  private static final class Member<T> {
    final Supplier<T> action;
    T result;
    RuntimeException failure;
    boolean wrote;
    List<Runnable> afterCommit = List.of();

    Member(Supplier<T> action) {
      this.action = action;
    }
  }

  private void beginGroup() {
    try {
      store.begin();
    } catch (Store.StoreException e) {
      throw storeFault(e);
    }
    group = new Group();
  }

  /**
   * Runs {@code m}'s action in a savepoint of the open group: on success, keeps its writes in the
   * group (a member if it wrote) and wakes what it woke; on failure, undoes its writes only
   * (running the group's others again if SQLite lost the transaction) and throws its failure.
   */
  private <T> void run(Member<T> m) {
    Group g = group;
    // The first action that writes in a group needs no savepoint: undoing it is undoing the
    // transaction.
    boolean alone = g.members.isEmpty();
    long writesBefore = store.writes();
    inTx = true;
    actionEvents = 0;
    nowMs = clock.millis();
    try {
      if (!alone) {
        store.savepoint();
      }
      T result = m.action.get();
      saveTouched();
      if (!alone) {
        store.release();
      }
      m.result = result;
      m.failure = null;
      m.afterCommit = afterCommit.isEmpty() ? List.of() : new ArrayList<>(afterCommit);
      m.wrote = store.writes() != writesBefore;
      if (m.wrote) {
        g.members.add(m);
        g.events += actionEvents;
      }
      List<Runnable> wake = new ArrayList<>(afterAction);
      clearAction();
      for (Runnable r : wake) {
        r.run();
      }
    } catch (Store.StoreException e) {
      clearAction();
      undo(g, alone, e);
      throw storeFault(e);
    } catch (RuntimeException | Error e) {
      clearAction();
      undo(g, alone, e);
      throw e;
    }
  }

  private void clearAction() {
    inTx = false;
    afterCommit.clear();
    afterAction.clear();
    touched.clear();
  }

  /** Undoes the failed action's writes; if that lost the group's transaction, reruns the others. */
  private void undo(Group g, boolean alone, Throwable cause) {
    if (alone) {
      // Nothing else in the transaction: end it, and the group with it.
      rollback(cause);
      group = null;
      groupEvents.clear();
      g.done = true;
      groupDone.signalAll();
      return;
    }
    boolean kept;
    try {
      kept = store.rollbackToSavepoint();
    } catch (RuntimeException suppressed) {
      cause.addSuppressed(suppressed);
      kept = false;
    }
    if (kept) {
      return;
    }
    List<Member<?>> again = new ArrayList<>(g.members);
    g.members.clear();
    g.events = 0;
    groupEvents.clear();
    group = null;
    try {
      store.begin();
    } catch (Store.StoreException e) {
      fail(g, again, e);
      return;
    }
    group = g;
    for (Member<?> other : again) {
      if (g.done) { // the store failed again: nothing of the group was kept
        other.failure = fault(g.lost);
        continue;
      }
      try {
        run(other);
      } catch (RuntimeException | Error e) {
        other.failure =
            e instanceof RuntimeException ? (RuntimeException) e : new RuntimeException(e);
      }
    }
  }

  /** Fails every action of the group (their writes were not kept) and ends it. */
  private void fail(Group g, List<Member<?>> members, Store.StoreException e) {
    LOG.warn("Actions rolled back: {}", e.getMessage(), e);
    for (Member<?> m : members) {
      m.failure = fault(e);
    }
    g.lost = e;
    g.done = true;
    if (group == g) {
      group = null;
    }
    groupEvents.clear();
    groupDone.signalAll();
  }

  /**
   * Waits until {@code g} is committed, committing it here when nobody is queued to join it, when
   * it is full or when it waited long enough.
   */
  private void awaitCommit(Group g) {
    boolean interrupted = false;
    while (!g.done) {
      if (group == g
          && (!lock.hasQueuedThreads()
              || g.members.size() + g.readers >= MAX_GROUP
              || System.nanoTime() - g.openedNanos >= groupWaitNanos)) {
        commitGroup();
        break;
      }
      try {
        groupDone.awaitNanos(groupWaitNanos);
      } catch (InterruptedException e) {
        interrupted = true; // the writes may be committed by now: wait for the answer
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Commits the open group and runs its members' after-commit work; on failure, fails them all. */
  private void commitGroup() {
    Group g = group;
    boolean wrote = store.wrote();
    long commitStart = System.nanoTime();
    try {
      store.commit();
    } catch (Store.StoreException e) {
      rollback(e);
      fail(g, g.members, e);
      return;
    }
    group = null;
    groupEvents.clear();
    if (wrote) {
      commits++;
    }
    if (g.events > 0) {
      metrics.committed(System.nanoTime() - commitStart, g.events);
    }
    g.done = true;
    for (Member<?> m : g.members) {
      for (Runnable r : m.afterCommit) {
        r.run();
      }
    }
    groupDone.signalAll();
  }

  /**
   * Releases the lock; the last holder with nobody queued behind it commits the open group (its
   * actions are waiting for that). Use instead of {@code lock.unlock()}.
   */
  void unlock() {
    if (lock.getHoldCount() == 1) {
      commitIfAlone();
    }
    lock.unlock();
  }

  /**
   * Commits the open group if nobody is queued for the lock to join it; call under the lock before
   * waiting on a condition of it.
   */
  void commitIfAlone() {
    if (group != null && !lock.hasQueuedThreads()) {
      commitGroup();
    }
  }

  private void rollback(Throwable cause) {
    try {
      store.rollback();
    } catch (RuntimeException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }

  /**
   * The fault for a store failure, in the caller's terms; the store's own words go to the log.
   * Nothing of the action was kept (its writes were rolled back).
   */
  private static RuntimeException storeFault(Store.StoreException e) {
    LOG.warn("Action rolled back: {}", e.getMessage(), e);
    return fault(e);
  }

  private static RuntimeException fault(Store.StoreException e) {
    if (e.cannotWrite) {
      return Faults.unavailable(
          "The engine's store is not writable now (its disk is full, or its file was made"
              + " read-only): nothing of this request was kept. Retry once the store can write"
              + " again; the engine's log has the details.");
    }
    return Faults.internal(
        "The engine's store failed on this request: nothing of it was kept. The engine's log has"
            + " the details.",
        null);
  }

  /**
   * Why the store cannot write now, or null when it can. Each call probes the store ({@link
   * Store#probe}: a write of its own, undone, and the disk's free space), so the answer follows the
   * store: it turns as soon as the store is read-only or its disk full, and back once space returns.
   */
  String writeProblem() {
    lock.lock();
    try {
      if (group != null && !inTx) {
        commitGroup(); // a group left open (read only, or waiting) would keep the probe out
      }
      if (!inTx && !closed && group == null) {
        store.probe();
      }
      return store.writeProblem();
    } finally {
      unlock();
    }
  }

  /** Events appended by the running action (counted into its group's when it succeeds). */
  private int actionEvents;

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

  /** Work that must only happen once the action's writes are committed (filling caches). */
  void afterCommit(Runnable r) {
    afterCommit.add(r);
  }

  /**
   * Work that wakes others (pollers of a queued task, the timer thread): run as soon as the action
   * succeeded, before its group commits, so that what it wakes joins the group. What it wakes must
   * check the store again (queue entries are hints) and answer only after the commit.
   */
  void afterAction(Runnable r) {
    afterAction.add(r);
  }

  private final List<Runnable> afterAction = new ArrayList<>();

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
    actionEvents++;
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

  /**
   * The events appended by the actions of the open group (kept, not yet committed), so that a
   * decision task started in the same group reads them without parsing their JSON; cleared when the
   * group ends.
   */
  private final Map<String, Map<Long, HistoryEvent>> groupEvents = new HashMap<>();

  private void remember(String runId, long eventId, HistoryEvent event) {
    if (inTx) {
      afterAction(
          () -> groupEvents.computeIfAbsent(runId, k -> new HashMap<>()).put(eventId, event));
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
        Map<Long, HistoryEvent> uncommitted = groupEvents.get(runId);
        HistoryEvent event =
            parsed != null && id <= parsed.size()
                ? parsed.get((int) id - 1)
                : uncommitted != null && uncommitted.containsKey(id)
                    ? uncommitted.get(id)
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
    if (!ex.dtTaskList.equals(ex.taskList)
        && decisionQueues.deserted(ex.domain, ex.dtTaskList, System.nanoTime())) {
      // The decider the run is affine to has gone (its worker closed): the task goes to the run's
      // own list at once, instead of waiting out its schedule-to-start timeout on a list nobody
      // polls. SWF has no call to release a sticky list; there, only that timeout helps.
      ex.dtTaskList = ex.taskList;
      ex.dtS2sTimeout = null;
    }
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
    afterAction(
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
    afterAction(this::kickTimers);
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
          if (e instanceof AwsServiceException && ((AwsServiceException) e).statusCode() == 503) {
            throw e; // the store cannot write: the deadline stays, to fire once it can
          }
          LOG.error("Dropping deadline kind " + kind + " of run " + runId + " event " + ref, e);
          tx(
              () -> {
                disarm(runId, kind, ref);
                return null;
              });
        }
      } finally {
        unlock();
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
          commitIfAlone();
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
        unlock();
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
      if (skipOnlyWhileAwaited && nowNanos - resultAwaitedNanos > AWAITED_NANOS) {
        return false; // nobody waits on a result: a test may be about to signal
      }
      if (!idle(nowNanos)) {
        return false;
      }
      long due =
          store.queryLong(
              "SELECT MIN(due_ms) FROM deadlines WHERE kind != ?", Long.MAX_VALUE, RETENTION);
      if (due == Long.MAX_VALUE) {
        return false;
      }
      advanceClock(due);
      return true;
    } finally {
      unlock();
    }
  }

  /** Whether nothing could happen before the next deadline (under the lock); see above. */
  private boolean idle(long nowNanos) {
    if (closed
        || activeCalls.get() > 0
        || waitingPolls == 0
        || nowNanos - lastCallNanos < QUIET_NANOS
        || decisionQueues.holdClock(nowNanos, UNPOLLED_GRACE_NANOS)
        || activityQueues.holdClock(nowNanos, UNPOLLED_GRACE_NANOS)) {
      return false;
    }
    return store.queryLong(
            "SELECT (SELECT COUNT(*) FROM executions WHERE is_open = 1 AND dt_state = ?)"
                + " + (SELECT COUNT(*) FROM activities WHERE state = ?)",
            0,
            Execution.DT_STARTED,
            ActivityTask.STARTED)
        == 0;
  }

  /** Moves the skipping clock to {@code epochMillis} and stores it (under the lock). */
  private void advanceClock(long epochMillis) {
    long skipped = skipping.advanceTo(epochMillis);
    tx(
        () -> {
          store.update(
              "INSERT OR REPLACE INTO meta (key, value) VALUES ('skipped_ms', ?)",
              Long.toString(skipped));
          return null;
        });
    lastCallNanos = System.nanoTime(); // what fires is activity: wait for quiet again
  }

  /** How long after a client last read a run's last event it counts as waiting on a result. */
  static final long AWAITED_NANOS = TimeUnit.MILLISECONDS.toNanos(1_500);

  /** Whether time skips only while a client waits on a result (a test's {@code result()}). */
  private volatile boolean skipOnlyWhileAwaited;

  /** When a client last read the last event of a run, as a result wait does (System.nanoTime). */
  private volatile long resultAwaitedNanos = System.nanoTime() - AWAITED_NANOS - 1;

  void skipOnlyWhileAwaited(boolean enabled) {
    skipOnlyWhileAwaited = enabled;
  }

  /**
   * A client read the last event of a run (reverse order, one event), as a result wait does: while
   * the run is {@code open} the client waits on it; once it is closed, it waits no more.
   */
  void resultAwaited(boolean open) {
    resultAwaitedNanos = open ? System.nanoTime() : System.nanoTime() - AWAITED_NANOS - 1;
  }

  /**
   * Moves a time-skipping engine's clock forward by {@code by}, once the engine is idle (the work
   * in progress done, up to {@code settle}), and wakes the timer thread to fire what fell due.
   *
   * @throws IllegalStateException when the engine does not skip time
   */
  void skip(Duration by, Duration settle) {
    if (skipping == null) {
      throw new IllegalStateException(
          "the engine's clock moves only with time skipping: LocalEngine.builder()"
              + ".timeSkipping(true)");
    }
    long deadline = System.nanoTime() + settle.toNanos();
    while (true) {
      lock.lock();
      try {
        long nowNanos = System.nanoTime();
        if (idle(nowNanos) || nowNanos > deadline) {
          advanceClock(clock.millis() + by.toMillis());
          kickTimers();
          return;
        }
      } finally {
        lock.unlock();
      }
      try {
        Thread.sleep(SKIP_CHECK_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the engine to be idle", e);
      }
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
      unlock();
    }
    try {
      timerThread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lock.lock();
    try {
      if (group != null) {
        commitGroup(); // what waits for it is answered before the store closes
      }
      store.close();
    } finally {
      unlock();
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
