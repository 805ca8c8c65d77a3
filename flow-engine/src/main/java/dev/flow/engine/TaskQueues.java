package dev.flow.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * In-memory queues of scheduled task ids, one per (domain, task list), backed by the store (an
 * entry is only a hint: the poller re-checks the row before starting the task, and {@link Engine}
 * rebuilds the queues from the store on open). Higher priority first, then FIFO. Guarded by the
 * engine lock; long polls wait on the queue's condition.
 */
final class TaskQueues {
  private final ReentrantLock lock;
  private final Map<String, Queue> queues = new HashMap<>();
  private long sequence;

  TaskQueues(ReentrantLock lock) {
    this.lock = lock;
  }

  /**
   * A scheduled task: its run and the event id that names it (DecisionTaskScheduled or
   * ActivityTaskScheduled), and when it was queued (System.nanoTime, for the schedule-to-start
   * metric).
   */
  record Entry(String runId, long ref, int priority, long seq, long queuedNanos) {}

  static final class Queue {
    final PriorityQueue<Entry> entries =
        new PriorityQueue<>(
            (a, b) ->
                a.priority != b.priority
                    ? Integer.compare(b.priority, a.priority)
                    : Long.compare(a.seq, b.seq));
    final Condition nonEmpty;

    /** Whether a poll ever came for this list (time skipping: its tasks will be taken). */
    boolean polled;

    /** When a task was last queued (System.nanoTime); time skipping grants it a grace period. */
    long addedNanos;

    /** Long polls on this list now (waiting, or taking a task). */
    private int polls;

    /** When a long poll last came to this list or left it (System.nanoTime). */
    private long lastPollNanos;

    /** Whether a long poll ever came to this list (since the engine opened). */
    private boolean seen;

    /**
     * Whether the last long poll to leave this list left because its poller went away (interrupted:
     * a worker closing), and none came since.
     */
    private boolean pollerLeft;

    Queue(Condition nonEmpty) {
      this.nonEmpty = nonEmpty;
    }

    /** A long poll came to this list. */
    void pollStarts() {
      polls++;
      seen = true;
      pollerLeft = false;
      lastPollNanos = System.nanoTime();
    }

    /** The long poll of {@link #pollStarts} ended; {@code gone}: its poller went away. */
    void pollEnds(boolean gone) {
      polls--;
      lastPollNanos = System.nanoTime();
      if (gone && polls == 0) {
        pollerLeft = true;
      }
    }

    /**
     * Whether nobody will take this list's tasks: it was polled, no poll is on it now, and its last
     * poller went away (a worker closed) or none came for {@link #DESERTED_AFTER_NANOS}. A list
     * never polled is not deserted: its decider may be about to poll it.
     */
    boolean deserted(long nowNanos) {
      return seen && polls == 0 && (pollerLeft || nowNanos - lastPollNanos > DESERTED_AFTER_NANOS);
    }
  }

  /**
   * How long a polled list may go without a poll before it counts as deserted: far above the gap
   * between two polls of a working poller (it polls again as soon as it answered its task), as
   * Temporal's server gives a sticky queue 10 s.
   */
  static final long DESERTED_AFTER_NANOS = TimeUnit.SECONDS.toNanos(10);

  Queue get(String domain, String taskList) {
    return queues.computeIfAbsent(key(domain, taskList), k -> new Queue(lock.newCondition()));
  }

  /** Whether the list exists and is {@linkplain Queue#deserted deserted}. */
  boolean deserted(String domain, String taskList, long nowNanos) {
    Queue q = queues.get(key(domain, taskList));
    return q != null && q.deserted(nowNanos);
  }

  private static String key(String domain, String taskList) {
    return domain + '\u0000' + taskList;
  }

  void add(String domain, String taskList, String runId, long ref, int priority) {
    Queue q = get(domain, taskList);
    long now = System.nanoTime();
    q.entries.add(new Entry(runId, ref, priority, sequence++, now));
    q.addedNanos = now;
    q.nonEmpty.signal();
  }

  /**
   * Whether a queued task holds a time-skipping clock: one on a list that is polled will be taken
   * soon; one on a list nobody polled yet holds it for {@code graceNanos} after it was queued (a
   * worker may be starting).
   */
  boolean holdClock(long nowNanos, long graceNanos) {
    for (Queue q : queues.values()) {
      if (!q.entries.isEmpty() && (q.polled || nowNanos - q.addedNanos < graceNanos)) {
        return true;
      }
    }
    return false;
  }

  void wakeAll() {
    for (Queue q : queues.values()) {
      q.nonEmpty.signalAll();
    }
  }
}
