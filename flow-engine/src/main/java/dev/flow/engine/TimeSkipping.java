package dev.flow.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

/**
 * Time skipping (tests only): when the engine is idle, the clock jumps to the next deadline, which
 * the timer service then fires. Keeps the bookkeeping that says whether the engine is idle: calls
 * in progress, long polls waiting, a client waiting on a result.
 */
final class TimeSkipping {
  /** How long no call may have come in before the engine counts as idle. */
  static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(15);

  /** How long a task queued on a list nobody polled yet holds the clock. */
  static final long UNPOLLED_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  /** How often the timer thread looks for idleness when skipping time. */
  static final long CHECK_MILLIS = 5;

  /** How long after a client last read a run's last event it counts as waiting on a result. */
  static final long AWAITED_NANOS = TimeUnit.MILLISECONDS.toNanos(1_500);

  private final Engine engine;
  final SkippingClock clock;

  /** Whether time skips only while a client waits on a result (a test's {@code result()}). */
  private volatile boolean onlyWhileAwaited;

  /** When a client last read the last event of a run, as a result wait does (System.nanoTime). */
  private volatile long resultAwaitedNanos = System.nanoTime() - AWAITED_NANOS - 1;

  TimeSkipping(Engine engine, SkippingClock clock) {
    this.engine = engine;
    this.clock = clock;
  }

  void onlyWhileAwaited(boolean enabled) {
    onlyWhileAwaited = enabled;
  }

  /**
   * A client read the last event of a run (reverse order, one event), as a result wait does: while
   * the run is {@code open} the client waits on it; once it is closed, it waits no more.
   */
  void resultAwaited(boolean open) {
    resultAwaitedNanos = open ? System.nanoTime() : System.nanoTime() - AWAITED_NANOS - 1;
  }

  /**
   * When the engine is idle, moves the clock to the next deadline (the timer thread then fires it)
   * and returns true. Idle means: no call in progress and none for {@link #QUIET_NANOS} (a worker
   * between two calls, such as a decider about to poll again, is not idle), at least one long poll
   * waiting, no task queued that a poller will take (or that was queued moments ago), and no
   * decision or activity task started and unanswered (a decider or an activity at work holds the
   * clock, so an activity's own timeouts are measured in real time). Retention deadlines are never
   * skipped to: a closed run's history stays readable.
   */
  boolean skipToNextDeadline() {
    engine.lock.lock();
    try {
      long nowNanos = System.nanoTime();
      if (onlyWhileAwaited && nowNanos - resultAwaitedNanos > AWAITED_NANOS) {
        return false; // nobody waits on a result: a test may be about to signal
      }
      if (!idle(nowNanos)) {
        return false;
      }
      long due = engine.tables.deadlines().firstDueExceptRetention();
      if (due == Long.MAX_VALUE) {
        return false;
      }
      advanceTo(due);
      return true;
    } finally {
      engine.unlock();
    }
  }

  /** Whether nothing could happen before the next deadline (under the lock); see above. */
  private boolean idle(long nowNanos) {
    Engine.Calls calls = engine.calls;
    if (engine.isClosed()
        || calls.active() > 0
        || calls.waitingPolls() == 0
        || nowNanos - calls.lastCallNanos() < QUIET_NANOS
        || engine.decisionQueues.holdClock(nowNanos, UNPOLLED_GRACE_NANOS)
        || engine.activityQueues.holdClock(nowNanos, UNPOLLED_GRACE_NANOS)) {
      return false;
    }
    return engine.tables.runs().countDecisionTasksStarted() == 0
        && engine.tables.activities().countStarted() == 0;
  }

  /** Moves the skipping clock to {@code epochMillis} and stores it (under the lock). */
  private void advanceTo(long epochMillis) {
    long skipped = clock.advanceTo(epochMillis);
    engine.tx(
        tx -> {
          tx.meta().putSkippedMillis(skipped);
          return null;
        });
    engine.calls.quiet(); // what fires is activity: wait for quiet again
  }

  /**
   * Moves the clock forward by {@code by}, once the engine is idle (the work in progress done, up
   * to {@code settle}), and wakes the timer thread to fire what fell due.
   */
  void skip(Duration by, Duration settle) {
    long deadline = System.nanoTime() + settle.toNanos();
    while (true) {
      engine.lock.lock();
      try {
        long nowNanos = System.nanoTime();
        if (idle(nowNanos) || nowNanos > deadline) {
          advanceTo(clock.millis() + by.toMillis());
          engine.deadlines.kickNow();
          return;
        }
      } finally {
        engine.lock.unlock();
      }
      try {
        Thread.sleep(CHECK_MILLIS);
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
}
