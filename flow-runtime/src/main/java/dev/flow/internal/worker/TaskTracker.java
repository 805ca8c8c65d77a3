package dev.flow.internal.worker;

import java.util.concurrent.TimeUnit;

/**
 * Whether a worker's poller threads should go on, and how many tasks they are handling: what each
 * {@link PollLoop} reports to, and what closing the worker waits on.
 */
final class TaskTracker {
  private final Object lock = new Object();
  private volatile boolean running;
  private int inFlight; // guarded by lock

  /** Whether the poller threads should go on polling. */
  boolean running() {
    return running;
  }

  /** The poller threads go on polling from now. */
  void run() {
    running = true;
  }

  /** The poller threads stop polling once they are done with the task in hand. */
  void stop() {
    running = false;
  }

  /** A poller thread took a task. */
  void taskStarted() {
    synchronized (lock) {
      inFlight++;
    }
  }

  /** A poller thread is done with its task. */
  void taskFinished() {
    synchronized (lock) {
      inFlight--;
      lock.notifyAll();
    }
  }

  /**
   * Waits until no task is in flight, or until {@code deadlineNanos} ({@link System#nanoTime()}).
   *
   * @return how many tasks are still in flight
   * @throws InterruptedException when the waiting thread is interrupted
   */
  int awaitIdle(long deadlineNanos) throws InterruptedException {
    synchronized (lock) {
      while (inFlight > 0) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          break;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return inFlight;
    }
  }
}
