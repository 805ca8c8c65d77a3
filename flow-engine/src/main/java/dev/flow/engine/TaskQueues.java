package dev.flow.engine;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * In-memory queues of scheduled task ids, one per (domain, task list), backed by the store (an
 * entry is only a hint: the poller re-checks the row before starting the task, and {@link Engine}
 * rebuilds the queues from the store on open). Higher priority first, then FIFO. An entry may be
 * held back for a while ({@link #hold}): a decision task batching a burst of activity completions.
 * Guarded by the engine lock; long polls wait on the queue's condition.
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

    /** Entries held back until their time (System.nanoTime), earliest first. */
    private final ArrayDeque<Held> held = new ArrayDeque<>();

    Queue(Condition nonEmpty) {
      this.nonEmpty = nonEmpty;
    }

    /** The next task to start at {@code nowNanos} (held ones whose time came included), or null. */
    Entry poll(long nowNanos) {
      while (!held.isEmpty() && held.peekFirst().untilNanos - nowNanos <= 0) {
        entries.add(held.pollFirst().entry);
      }
      return entries.poll();
    }

    /** Puts back a task that could not be started. */
    void putBack(Entry entry) {
      entries.add(entry);
    }

    /** How long until a held task's time comes (for a poller's wait), or Long.MAX_VALUE if none. */
    long untilNextHeld(long nowNanos) {
      return held.isEmpty() ? Long.MAX_VALUE : Math.max(0, held.peekFirst().untilNanos - nowNanos);
    }

    boolean isEmpty() {
      return entries.isEmpty() && held.isEmpty();
    }
  }

  private record Held(Entry entry, long untilNanos) {}

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
   * Queues a task that pollers take only {@code holdNanos} from now, or once {@link #release}d.
   * Waiting pollers are woken to wait for its time instead.
   */
  void hold(String domain, String taskList, String runId, long ref, int priority, long holdNanos) {
    Queue q = get(domain, taskList);
    long now = System.nanoTime();
    q.held.addLast(new Held(new Entry(runId, ref, priority, sequence++, now), now + holdNanos));
    q.addedNanos = now;
    q.nonEmpty.signalAll();
  }

  /** Makes the held task of {@code runId} (if any) ready now. */
  void release(String domain, String taskList, String runId) {
    Queue q = get(domain, taskList);
    for (Iterator<Held> it = q.held.iterator(); it.hasNext(); ) {
      Held h = it.next();
      if (h.entry.runId().equals(runId)) {
        it.remove();
        q.entries.add(h.entry);
        q.nonEmpty.signal();
        return;
      }
    }
  }

  /**
   * Whether a queued task holds a time-skipping clock: one on a list that is polled will be taken
   * soon; one on a list nobody polled yet holds it for {@code graceNanos} after it was queued (a
   * worker may be starting).
   */
  boolean holdClock(long nowNanos, long graceNanos) {
    for (Queue q : queues.values()) {
      if (!q.isEmpty() && (q.polled || nowNanos - q.addedNanos < graceNanos)) {
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
