package dev.flow.engine;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * In-memory queues of scheduled task ids, one per (domain, task list), backed by the store (an
 * entry is only a hint: the poller re-checks the row before starting the task, and {@link Engine}
 * rebuilds the queues from the store on open). Higher priority first, then FIFO. An entry may be
 * held back for a while ({@link #hold}): a decision task batching a burst of activity completions.
 * A queue also counts the long polls on it, to tell when nobody will take its tasks ({@link
 * Queue#deserted}). Guarded by the engine lock; long polls wait on the queue's condition.
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

  private record Held(Entry entry, long untilNanos) {}

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
