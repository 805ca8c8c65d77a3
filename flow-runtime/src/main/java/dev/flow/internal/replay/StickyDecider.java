package dev.flow.internal.replay;

import dev.flow.DataConverter;
import dev.flow.spi.WorkflowDefinition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * The sticky decider: the same replay as {@link Decider}, but the workflow code of each execution
 * runs on a thread of its own (virtual where the JDK has them) and, where it blocks at the end of
 * the history, parks instead of unwinding. Parked executions stay in a cache of bounded size, keyed
 * by run id, least recently used evicted; an evicted execution is unwound (the internal {@link
 * Unwind}, as full replay does) and its thread ends.
 *
 * <p>{@link #decide} replays a whole history from the start, like {@link Decider#decide}, and keeps
 * the execution parked. {@link #decideNew} feeds a parked execution only the events of its next
 * decision task and lets the code run on from where it parked, through the same horizon and command
 * matching ({@code Execution}); it answers null when the run is not parked here or the events do
 * not continue what it saw (the caller then replays the whole history with {@link #decide}). Both
 * give the decisions {@link Decider#decide} gives for the same whole history.
 *
 * <p>Thread-safe; an execution is used by one caller at a time (it leaves the cache while a task of
 * its run is decided). Control passes between the caller and the workflow thread by handoff: one of
 * them runs at a time.
 */
public final class StickyDecider implements AutoCloseable {
  private static final Object YIELDED = new Object();
  private static final Object DONE = new Object();

  private final int capacity;
  private final LinkedHashMap<String, Parked> cache = new LinkedHashMap<>(16, 0.75f, true);
  private final AtomicInteger liveThreads = new AtomicInteger();
  private final AtomicLong evictions = new AtomicLong();
  private boolean closed; // guarded by this

  /**
   * @param capacity how many executions stay parked at most (at least 1)
   */
  public StickyDecider(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  /** Whether workflow code runs on virtual threads (JDK 21+) rather than platform threads. */
  public static boolean virtualThreads() {
    return WorkflowThreads.virtual();
  }

  /**
   * Replays {@code history} (every event of the run so far) from the start, as {@link
   * Decider#decide(WorkflowDefinition, WorkflowExecution, List, DataConverter)} does, on a thread
   * of its own, and keeps the run parked when its code blocks; an execution of the same run parked
   * before is evicted.
   */
  public List<Decision> decide(
      WorkflowDefinition definition,
      WorkflowExecution execution,
      List<HistoryEvent> history,
      DataConverter converter) {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(converter, "converter");
    evict(execution.runId());
    Execution replay =
        new Execution(
            definition, execution, History.of(history), converter, Limits.fromSystemProperties());
    Parked parked = new Parked(execution.runId(), replay);
    Thread thread =
        WorkflowThreads.newThread(String.valueOf(execution.workflowId()), parked::runCode);
    liveThreads.incrementAndGet();
    thread.start();
    parked.awaitYield();
    return answer(parked);
  }

  /**
   * Feeds the parked execution of {@code execution}'s run the events of its next decision task and
   * returns the decisions, or null when the run is not parked here or the events do not continue
   * its history (the run is then evicted; replay the whole history with {@link #decide}).
   *
   * @param previousStartedEventId the decision task's {@code previousStartedEventId}: the {@code
   *     DecisionTaskStarted} event of the task the parked code answered
   * @param events the events of the task from {@code previousStartedEventId} or before, in order,
   *     up to its {@code DecisionTaskStarted} (as {@code startAtPreviousStartedEvent} returns them;
   *     the whole history will do too)
   */
  public List<Decision> decideNew(
      WorkflowExecution execution, long previousStartedEventId, List<HistoryEvent> events) {
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(events, "events");
    Parked parked;
    synchronized (this) {
      parked = cache.remove(execution.runId());
    }
    if (parked == null) {
      return null;
    }
    long last = parked.replay.horizon().startedEventId();
    if (last != previousStartedEventId) {
      parked.unwind();
      return null;
    }
    History seen = parked.replay.history();
    List<HistoryEvent> more = new ArrayList<>(events.size());
    for (HistoryEvent e : events) {
      Long id = e.eventId();
      if (id != null && id > last) {
        if (id != seen.size() + more.size() + 1) {
          parked.unwind(); // a gap: not the history the code saw, continued
          return null;
        }
        more.add(e);
      }
    }
    History longer;
    try {
      longer = seen.extend(more);
    } catch (IllegalArgumentException invalid) {
      parked.unwind(); // replay from the start reports it
      return null;
    }
    if (!parked.replay.extend(longer)) {
      parked.unwind();
      return null;
    }
    parked.toCode.add(Boolean.TRUE);
    parked.awaitYield();
    return answer(parked);
  }

  /** Whether the run {@code runId} is parked here. */
  public synchronized boolean isParked(String runId) {
    return cache.containsKey(runId);
  }

  /** How many executions are parked. */
  public synchronized int size() {
    return cache.size();
  }

  /** How many workflow threads have not ended yet (parked, running or unwinding). */
  public int liveThreads() {
    return liveThreads.get();
  }

  /** Unwinds the parked execution of run {@code runId}, if any. */
  public void evict(String runId) {
    Parked parked;
    synchronized (this) {
      parked = cache.remove(runId);
    }
    if (parked != null) {
      evictions.incrementAndGet();
      parked.unwind();
    }
  }

  /**
   * How many parked executions were dropped before their run closed: evicted for room, or because a
   * task of their run could not go on from where they parked.
   */
  public long evictions() {
    return evictions.get();
  }

  /** Unwinds every parked execution; keeps none from now on. */
  @Override
  public void close() {
    List<Parked> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(cache.values());
      cache.clear();
    }
    all.forEach(Parked::unwind);
  }

  /** The decisions of the code that yielded; keeps it parked if it blocked. */
  private List<Decision> answer(Parked parked) {
    List<Decision> decisions;
    try {
      decisions = parked.replay.answer();
    } catch (RuntimeException | Error e) {
      parked.unwind();
      throw e;
    }
    if (!parked.replay.suspended()) {
      parked.unwind(); // closed or aborted: its thread has ended or is ending
      return decisions;
    }
    List<Parked> evicted = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        evicted.add(parked);
      } else {
        cache.put(parked.runId, parked);
        Iterator<Map.Entry<String, Parked>> eldest = cache.entrySet().iterator();
        while (cache.size() > capacity) {
          evicted.add(eldest.next().getValue());
          eldest.remove();
          evictions.incrementAndGet();
        }
      }
    }
    evicted.forEach(Parked::unwind);
    return decisions;
  }

  /** One execution and its thread: the handoff between the caller and the workflow code. */
  private final class Parked implements Execution.Parking {
    final String runId;
    final Execution replay;

    /** To the parked code: true, run on (the history was extended); false, unwind. */
    final LinkedBlockingQueue<Boolean> toCode = new LinkedBlockingQueue<>();

    /** To the caller: {@link #YIELDED}, {@link #DONE}, or what escaped the code. */
    final LinkedBlockingQueue<Object> toCaller = new LinkedBlockingQueue<>();

    Parked(String runId, Execution replay) {
      this.runId = runId;
      this.replay = replay;
      replay.parkWith(this);
    }

    /** The workflow thread's body. */
    void runCode() {
      try {
        replay.runCode();
        toCaller.add(DONE);
      } catch (Throwable escaped) {
        toCaller.add(escaped);
      } finally {
        liveThreads.decrementAndGet();
      }
    }

    @Override
    public boolean park() {
      toCaller.add(YIELDED);
      try {
        return toCode.take();
      } catch (InterruptedException e) {
        return false;
      }
    }

    /** Waits until the code parks or ends (uninterruptibly: the code runs as it would inline). */
    void awaitYield() {
      boolean interrupted = false;
      Object signal;
      while (true) {
        try {
          signal = toCaller.take();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (signal instanceof RuntimeException e) {
        throw e;
      }
      if (signal instanceof Error e) {
        throw e;
      }
      if (signal instanceof Throwable t) {
        throw new IllegalStateException("workflow code threw " + t, t);
      }
    }

    void unwind() {
      toCode.add(Boolean.FALSE);
    }
  }
}
