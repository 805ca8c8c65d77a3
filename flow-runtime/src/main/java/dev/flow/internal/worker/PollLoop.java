package dev.flow.internal.worker;

import dev.flow.internal.Retries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poller thread: polls a task list, handles what it gets in the same thread (so a busy thread
 * never polls), and retries failed polls with a doubling, jittered backoff (so that workers
 * throttled together do not retry together). It ends when the worker stops running, or after
 * {@value #MAX_CONFIGURATION_FAILURES} configuration failures in a row (no credentials, no region),
 * which waiting does not fix.
 */
final class PollLoop<T> implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);

  /** Polls one task list and handles its tasks; {@link #handle} must not throw. */
  interface TaskSource<T> {
    /** Long-polls once: a task, or null when the poll ended empty. */
    T poll() throws Exception;

    /** Handles a task, reporting its outcome to the engine. */
    void handle(T task);
  }

  private final TaskTracker tasks;
  private final WorkerMetrics metrics;
  private final String kind;
  private final String taskList;
  private final TaskSource<T> source;
  private final long firstRetryMillis;
  private final long maxRetryMillis;
  private Thread thread;
  private boolean handling; // guarded by this

  PollLoop(
      TaskTracker tasks,
      WorkerMetrics metrics,
      String kind,
      String taskList,
      TaskSource<T> source,
      long firstRetryMillis,
      long maxRetryMillis) {
    this.tasks = tasks;
    this.metrics = metrics;
    this.kind = kind;
    this.taskList = taskList;
    this.source = source;
    this.firstRetryMillis = Math.max(1, firstRetryMillis);
    this.maxRetryMillis = Math.max(this.firstRetryMillis, maxRetryMillis);
  }

  String kind() {
    return kind;
  }

  String taskList() {
    return taskList;
  }

  synchronized void start(Thread thread) {
    this.thread = thread;
    thread.start();
  }

  /** Configuration failures in a row after which the loop stops: waiting does not fix them. */
  static final int MAX_CONFIGURATION_FAILURES = 10;

  @Override
  public void run() {
    long retry = firstRetryMillis;
    int configurationFailures = 0;
    while (true) {
      // A stale interrupt (left by a task) must not disturb the poll; close() clears the running
      // flag before it interrupts, so checking the flag after clearing loses no stop request.
      Thread.interrupted();
      if (!tasks.running()) {
        break;
      }
      T task;
      try {
        task = source.poll();
        retry = firstRetryMillis;
        configurationFailures = 0;
      } catch (Throwable e) {
        if (!tasks.running()) {
          break;
        }
        String configuration = Retries.configurationProblem(e);
        if (configuration != null) {
          if (++configurationFailures >= MAX_CONFIGURATION_FAILURES) {
            LOG.error(
                "stopped polling for "
                    + kind
                    + " tasks on task list "
                    + taskList
                    + " after "
                    + configurationFailures
                    + " failures in a row: "
                    + configuration
                    + "; then restart the worker");
            break;
          }
          retry = maxRetryMillis; // waiting briefly does not fix the configuration
        }
        long wait = Retries.jittered(retry);
        metrics.pollError(kind, taskList);
        if (Retries.isThrottled(e)) {
          metrics.throttled();
        }
        LOG.warn(
            "polling for "
                + kind
                + " tasks on task list "
                + taskList
                + " failed; retrying in "
                + wait
                + " ms: "
                + (configuration != null ? configuration : e));
        try {
          Thread.sleep(wait);
        } catch (InterruptedException interrupted) {
          // close() interrupts idle pollers; the loop condition decides
        }
        retry = Math.min(retry * 2, maxRetryMillis);
        continue;
      }
      if (task == null) {
        continue;
      }
      synchronized (this) {
        handling = true;
        Thread.interrupted(); // an interrupt meant for the poll must not reach the task
      }
      tasks.taskStarted();
      try {
        source.handle(task);
      } catch (Throwable e) {
        LOG.error("unexpected failure handling a " + kind + " task on " + taskList, e);
      } finally {
        tasks.taskFinished();
        synchronized (this) {
          handling = false;
        }
      }
    }
  }

  /** Interrupts the thread if it is polling (or backing off), not if it handles a task. */
  synchronized void interruptIfPolling() {
    if (!handling && thread != null) {
      thread.interrupt();
    }
  }

  synchronized void interrupt() {
    if (thread != null) {
      thread.interrupt();
    }
  }

  /** Waits up to {@code millis} for the thread to end; true if the caller was interrupted. */
  boolean join(long millis) {
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t == null) {
      return false;
    }
    try {
      t.join(millis);
      return false;
    } catch (InterruptedException e) {
      return true;
    }
  }
}
