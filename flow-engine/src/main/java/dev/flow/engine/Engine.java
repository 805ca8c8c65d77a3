package dev.flow.engine;

import dev.flow.internal.SwfLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The engine core: the lock, the store and its tables, the task queues, and the parts every action
 * is made of: group commit ({@link #tx}), the event log, the decision task's state machine, a run's
 * life (start, close), deadlines with their timer service, and time skipping. The SWF actions
 * themselves are in the {@code *Requests} classes and {@link DecisionTaskCompletion}.
 *
 * <p>Concurrency: every action runs under one lock, all or nothing, and actions arriving together
 * share one SQLite transaction ({@link GroupCommit}). Long polls wait on their queue's condition of
 * the same lock. Release the lock with {@link #unlock}, which commits a group nobody else will
 * join.
 */
final class Engine {
  static final int MAX_OPEN_ACTIVITIES = SwfLimits.MAX_OPEN_ACTIVITIES;
  static final int MAX_OPEN_TIMERS = 1000;
  static final int MAX_OPEN_CHILDREN = 1000;

  final ReentrantLock lock = new ReentrantLock();
  final InstantSource clock;
  final boolean polledClock;
  final Store store;
  final Tables tables;
  final EventLog events;
  final GroupCommit groupCommit;
  final TaskQueues decisionQueues = new TaskQueues(lock);
  final TaskQueues activityQueues = new TaskQueues(lock);
  final DecisionTaskMachine decisionTasks;
  final RunLifecycle runs;
  final Deadlines deadlines;
  final Calls calls = new Calls();
  final long pollTimeoutNanos;
  final Tokens tokens;

  /** Time skipping, or null unless the engine skips time. */
  final TimeSkipping skipping;

  /** What the engine counts; {@link EngineMetrics#NONE} unless a registry was given. */
  volatile EngineMetrics metrics = EngineMetrics.NONE;

  private volatile boolean closed;

  Engine(
      Path file,
      InstantSource clock,
      boolean polledClock,
      long pollTimeoutNanos,
      boolean timeSkipping) {
    TimeSkipping.SkippingClock skippingClock =
        timeSkipping ? new TimeSkipping.SkippingClock(clock) : null;
    this.clock = timeSkipping ? skippingClock : clock;
    this.polledClock = polledClock;
    this.pollTimeoutNanos = pollTimeoutNanos;
    this.store = Store.open(file);
    this.tables = Tables.of(store);
    this.tokens = new Tokens(tables.meta().tokenKey());
    this.events = new EventLog(tables.events());
    this.runs = new RunLifecycle(this);
    this.decisionTasks = new DecisionTaskMachine(this);
    this.deadlines = new Deadlines(this);
    this.skipping = timeSkipping ? new TimeSkipping(this, skippingClock) : null;
    this.groupCommit = new GroupCommit(this, store, tables, this.clock, events, runs::endOfAction);
    lock.lock();
    try {
      if (skippingClock != null) {
        skippingClock.skippedMillis = tables.meta().skippedMillis();
      }
      rebuildQueues();
    } finally {
      lock.unlock();
    }
  }

  /** Starts the timer service. */
  void start() {
    deadlines.start(new Timeouts(this));
  }

  /**
   * Runs {@code action} in a transaction, under the lock, all or nothing, and returns once its
   * writes are committed (actions arriving together share one commit: {@link GroupCommit}).
   *
   * @throws IllegalStateException when called from inside a transaction: they do not nest
   */
  <T> T tx(Function<Tx, T> action) {
    return groupCommit.tx(action);
  }

  /**
   * Releases the lock; the last holder with nobody queued behind it commits the open group. Use
   * instead of {@code lock.unlock()}.
   */
  void unlock() {
    groupCommit.unlock();
  }

  /** Commits the open group if nobody is queued to join it; before waiting on a condition. */
  void commitIfAlone() {
    groupCommit.commitIfAlone();
  }

  /** How many groups with writes were committed so far (SQLite transactions that wrote). */
  long commits() {
    return groupCommit.commits();
  }

  boolean isClosed() {
    return closed;
  }

  /**
   * Why the store cannot write now, or null when it can. Each call probes the store ({@link
   * Store#probe}: a write of its own, undone, and the disk's free space), so the answer follows the
   * store: it turns as soon as the store is read-only or its disk full, and back once space
   * returns.
   */
  String writeProblem() {
    lock.lock();
    try {
      if (groupCommit.groupOpen() && !groupCommit.inAction()) {
        groupCommit.commitGroup(); // a group left open would keep the probe out
      }
      if (!groupCommit.inAction() && !closed && !groupCommit.groupOpen()) {
        store.probe();
      }
      return store.writeProblem();
    } finally {
      unlock();
    }
  }

  /** How many executions are open, in every domain. */
  long openExecutions() {
    return tx(tx -> tx.runs().countOpen());
  }

  /** How many long polls are waiting for a task now. */
  int waitingPolls() {
    return calls.waitingPolls();
  }

  /** Fires what is due now (a clock moved by hand). */
  void fireDue() {
    deadlines.fireDue();
  }

  // ---------------------------------------------------------------- time skipping

  void skipOnlyWhileAwaited(boolean enabled) {
    if (skipping != null) {
      skipping.onlyWhileAwaited(enabled);
    }
  }

  /** A client read the last event of a run, as a result wait does (see {@link TimeSkipping}). */
  void resultAwaited(boolean open) {
    if (skipping != null) {
      skipping.resultAwaited(open);
    }
  }

  /**
   * Moves a time-skipping engine's clock forward by {@code by}, once the engine is idle.
   *
   * @throws IllegalStateException when the engine does not skip time
   */
  void skip(Duration by, Duration settle) {
    if (skipping == null) {
      throw new IllegalStateException(
          "the engine's clock moves only with time skipping: LocalEngine.builder()"
              + ".timeSkipping(true)");
    }
    skipping.skip(by, settle);
  }

  /**
   * Calls in progress, waiting long polls excepted, and long polls waiting (for time skipping and
   * the metrics).
   */
  static final class Calls {
    private final AtomicInteger active = new AtomicInteger();
    private volatile long lastCallNanos = System.nanoTime();
    private final AtomicInteger waitingPolls = new AtomicInteger();

    /**
     * A call that may change the engine's state starts (read-only calls need not: they change
     * nothing time skipping looks at, and a client polling for a result must not hold the clock).
     */
    void starts() {
      active.incrementAndGet();
      lastCallNanos = System.nanoTime();
    }

    /** The call of {@link #starts} ended. */
    void ends() {
      lastCallNanos = System.nanoTime();
      active.decrementAndGet();
    }

    /** A long poll of {@code q} starts waiting (under the lock): it no longer counts as a call. */
    void pollWaits(TaskQueues.Queue q) {
      q.polled = true;
      waitingPolls.incrementAndGet();
      ends();
    }

    /** The long poll of {@link #pollWaits} woke up (under the lock). */
    void pollWakes() {
      waitingPolls.decrementAndGet();
      starts();
    }

    int active() {
      return active.get();
    }

    int waitingPolls() {
      return waitingPolls.get();
    }

    long lastCallNanos() {
      return lastCallNanos;
    }

    /** Counts as a call just now (what the clock fired is activity: wait for quiet again). */
    void quiet() {
      lastCallNanos = System.nanoTime();
    }
  }

  // ---------------------------------------------------------------- open / close

  private void rebuildQueues() {
    tables
        .runs()
        .eachScheduledDecisionTask(
            t -> decisionQueues.add(t.domain(), t.taskList(), t.runId(), t.ref(), t.priority()));
    tables
        .activities()
        .eachScheduled(
            t -> activityQueues.add(t.domain(), t.taskList(), t.runId(), t.ref(), t.priority()));
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
      deadlines.kickNow();
    } finally {
      unlock();
    }
    deadlines.join();
    lock.lock();
    try {
      if (groupCommit.groupOpen()) {
        groupCommit.commitGroup(); // what waits for it is answered before the store closes
      }
      store.close();
    } finally {
      unlock();
    }
  }
}
