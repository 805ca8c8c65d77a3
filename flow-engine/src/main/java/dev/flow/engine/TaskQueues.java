package dev.flow.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
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

    Queue(Condition nonEmpty) {
      this.nonEmpty = nonEmpty;
    }
  }

  Queue get(String domain, String taskList) {
    return queues.computeIfAbsent(
        domain + '\u0000' + taskList, k -> new Queue(lock.newCondition()));
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
