package dev.flow.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Armed timeouts ({@link DeadlineTable}) and the timer service that fires them: a thread that fires
 * what is due, each deadline in a transaction of its own (so actions and polls interleave with a
 * burst of timeouts), then sleeps until the next one is due or an action arms an earlier one.
 */
final class Deadlines {
  private static final Logger LOG = LoggerFactory.getLogger(Deadlines.class);

  private final Engine engine;
  private final Condition wake;
  private final Thread thread;
  private volatile Timeouts timeouts;

  /** Set (under the lock) when an earlier deadline was armed since the thread last looked. */
  private boolean kicked;

  /** When the thread means to wake next (under the lock): earlier deadlines wake it. */
  private long nextDueMs = Long.MIN_VALUE;

  Deadlines(Engine engine) {
    this.engine = engine;
    this.wake = engine.lock.newCondition();
    this.thread = new Thread(this::run, "flow-engine-timers");
    thread.setDaemon(true);
  }

  /** Starts the timer service, which fires due deadlines through {@code timeouts}. */
  void start(Timeouts timeouts) {
    this.timeouts = timeouts;
    thread.start();
  }

  /** Arms (or moves) a deadline {@code seconds} from the action's time. */
  void arm(Tx tx, String runId, DeadlineKind kind, long ref, long seconds) {
    long due = tx.now() + TimeUnit.SECONDS.toMillis(seconds);
    tx.deadlines().arm(runId, kind, ref, due);
    tx.afterAction(() -> kick(due));
  }

  void disarm(Tx tx, String runId, DeadlineKind kind, long ref) {
    tx.deadlines().disarm(runId, kind, ref);
  }

  /** Wakes the thread (under the lock) if {@code dueMs} comes before what it waits for. */
  void kick(long dueMs) {
    if (dueMs < nextDueMs) {
      kicked = true;
      wake.signal();
    }
  }

  /** Wakes the thread now (the clock moved, or the engine closes). */
  void kickNow() {
    kicked = true;
    wake.signalAll();
  }

  /** Fires every deadline due now, each in its own transaction. Returns the next due time. */
  long fireDue() {
    while (true) {
      engine.lock.lock();
      try {
        if (engine.isClosed()) {
          return Long.MAX_VALUE;
        }
        DeadlineTable.Deadline d = engine.tables.deadlines().first();
        if (d == null) {
          nextDueMs = Long.MAX_VALUE;
          return Long.MAX_VALUE;
        }
        if (d.dueMs() > engine.clock.millis()) {
          nextDueMs = d.dueMs();
          return d.dueMs();
        }
        nextDueMs = Long.MIN_VALUE; // firing: every arm counts
        try {
          engine.tx(
              tx -> {
                disarm(tx, d.runId(), d.kind(), d.ref());
                timeouts.fire(tx, d.runId(), d.kind(), d.ref());
                return null;
              });
        } catch (RuntimeException e) {
          if (e instanceof AwsServiceException aws && aws.statusCode() == 503) {
            throw e; // the store cannot write: the deadline stays, to fire once it can
          }
          LOG.error(
              "Dropping deadline " + d.kind() + " of run " + d.runId() + " event " + d.ref(), e);
          engine.tx(
              tx -> {
                disarm(tx, d.runId(), d.kind(), d.ref());
                return null;
              });
        }
      } finally {
        engine.unlock();
      }
    }
  }

  private void run() {
    while (true) {
      long next;
      try {
        next = fireDue();
        if (engine.skipping != null && engine.skipping.skipToNextDeadline()) {
          continue;
        }
      } catch (RuntimeException e) {
        LOG.error("Timer service failed; retrying in 1 s", e);
        next = engine.clock.millis() + 1000;
      }
      engine.lock.lock();
      try {
        if (engine.isClosed()) {
          return;
        }
        long wait = next == Long.MAX_VALUE ? Long.MAX_VALUE : next - engine.clock.millis();
        if (engine.polledClock) {
          wait = Math.min(wait, 10);
        }
        if (engine.skipping != null) {
          wait = Math.min(wait, TimeSkipping.CHECK_MILLIS);
        }
        if (wait > 0 && !kicked) {
          engine.commitIfAlone();
          if (wait == Long.MAX_VALUE) {
            wake.await();
          } else {
            wake.await(wait, TimeUnit.MILLISECONDS);
          }
        }
        kicked = false;
      } catch (InterruptedException e) {
        return;
      } finally {
        engine.unlock();
      }
    }
  }

  /** Waits for the thread to end (after the engine closed and {@link #kickNow}). */
  void join() {
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Fires one due deadline. */
  interface Timeouts {
    void fire(Tx tx, String runId, DeadlineKind kind, long ref);
  }
}
