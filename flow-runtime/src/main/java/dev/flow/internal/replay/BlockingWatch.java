package dev.flow.internal.replay;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds workflow code that blocks outside Flow: a thread that runs an execution's code and has not
 * called into Flow (a stub, {@code get()}, {@code Workflow.*}) for longer than the bound is sampled
 * (its stack, the blocking frame) and interrupted, and the execution's next call into Flow aborts
 * the decision with a {@link WorkflowBlockedException} naming the frame that blocked (the first
 * outside the JDK) and the JDK frame it blocks in, so the decision task fails instead of stalling a
 * worker thread without a word. Time parked between decision tasks does not count, nor time in
 * Flow's own code (the sample's innermost frame outside the JDK is Flow's runtime).
 *
 * <p>The bound is the system property {@value #BOUND_PROPERTY} in milliseconds (default {@value
 * #DEFAULT_BOUND_MILLIS}; 0 turns the check off), read when an execution starts. One daemon thread
 * watches every running execution of the JVM, and sleeps while none runs.
 */
final class BlockingWatch {
  /** The system property that sets the bound, in milliseconds; 0 turns the watch off. */
  static final String BOUND_PROPERTY = "flow.decider.blockingBoundMillis";

  static final long DEFAULT_BOUND_MILLIS = 1_000;

  private static final Set<BlockingWatch> RUNNING = ConcurrentHashMap.newKeySet();
  private static final Object WAKE = new Object();
  private static Thread watcher;

  private final long boundNanos;
  private Thread thread; // guarded by this
  private volatile long lastTouch;
  private boolean interrupted; // guarded by this
  private volatile StackTraceElement[] blockedAt;

  private BlockingWatch(long boundNanos) {
    this.boundNanos = boundNanos;
  }

  /** A watch with the bound of {@link #BOUND_PROPERTY}, or null when the watch is off. */
  static BlockingWatch fromSystemProperty() {
    long millis = DEFAULT_BOUND_MILLIS;
    String value = System.getProperty(BOUND_PROPERTY);
    if (value != null && !value.isBlank()) {
      try {
        millis = Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            BOUND_PROPERTY + " must be a number of milliseconds (0: off), was '" + value + "'", e);
      }
    }
    return millis <= 0 ? null : new BlockingWatch(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  /** The calling thread starts (or resumes) running the execution's code. */
  void enter() {
    synchronized (this) {
      thread = Thread.currentThread();
      lastTouch = System.nanoTime();
    }
    RUNNING.add(this);
    ensureWatcher();
  }

  /**
   * The code stops running on the calling thread (it parked or ended); clears an interrupt this
   * watch made, so that the thread (a poller's, without sticky execution) runs on undisturbed.
   */
  void exit() {
    RUNNING.remove(this);
    synchronized (this) {
      thread = null;
      if (interrupted) {
        interrupted = false;
        Thread.interrupted();
      }
    }
  }

  /** The code called into Flow. */
  void touch() {
    lastTouch = System.nanoTime();
  }

  /** The stack of the code when it was found blocked, or null while it is not. */
  StackTraceElement[] blockedAt() {
    return blockedAt;
  }

  /** Samples and interrupts the thread if it has not touched Flow within the bound. */
  private synchronized void check(long now) {
    if (thread == null || blockedAt != null || now - lastTouch <= boundNanos) {
      return;
    }
    StackTraceElement[] stack = thread.getStackTrace();
    if (flowAtWork(stack)) {
      lastTouch = now; // Flow's own work (decoding a payload, loading classes) is not blocking
      return;
    }
    blockedAt = stack;
    interrupted = true;
    thread.interrupt();
  }

  /**
   * Whether the innermost frame outside the JDK and the runtime's libraries (Jackson, the AWS SDK)
   * is Flow's runtime: Flow is working for the code, not the code blocking.
   */
  static boolean flowAtWork(StackTraceElement[] stack) {
    for (StackTraceElement f : stack) {
      String c = f.getClassName();
      if (isPlatform(c)
          || c.startsWith("com.fasterxml.jackson.")
          || c.startsWith("software.amazon.awssdk.")) {
        continue;
      }
      String pkg = c.lastIndexOf('.') < 0 ? "" : c.substring(0, c.lastIndexOf('.'));
      return pkg.equals("dev.flow")
          || pkg.equals("dev.flow.spi")
          || pkg.startsWith("dev.flow.internal.");
    }
    return false;
  }

  /**
   * The failure of a decision whose code blocked at {@code stack} for longer than the bound, naming
   * the blocking frame and the workflow code's frame.
   */
  WorkflowBlockedException failure(String workflow, StackTraceElement[] stack) {
    String top = stack.length == 0 ? "an unknown frame" : frame(stack[0]);
    StackTraceElement caller =
        Arrays.stream(stack).filter(f -> !isPlatform(f.getClassName())).findFirst().orElse(null);
    WorkflowBlockedException e =
        new WorkflowBlockedException(
            "the code of workflow "
                + workflow
                + " blocked outside Flow for more than "
                + TimeUnit.NANOSECONDS.toMillis(boundNanos)
                + " ms"
                + (caller == null ? "" : " at " + frame(caller))
                + ", in "
                + top
                + "; the decision task fails and is retried. Workflow code waits only through"
                + " Flow (Promise.get, Workflow.sleep, Workflow.await); do blocking work in an"
                + " activity. The bound is the system property "
                + BOUND_PROPERTY
                + " (milliseconds; 0 turns the check off)");
    e.setStackTrace(stack);
    return e;
  }

  /** Whether the class is the JDK's: the frame that called it is the one that blocked. */
  private static boolean isPlatform(String className) {
    return className.startsWith("java.")
        || className.startsWith("javax.")
        || className.startsWith("jdk.")
        || className.startsWith("sun.")
        || className.startsWith("com.sun.");
  }

  /** {@code Class.method(File.java:12)}, without module and class loader names. */
  private static String frame(StackTraceElement f) {
    String where =
        f.isNativeMethod()
            ? "Native Method"
            : f.getFileName() == null
                ? "Unknown Source"
                : f.getLineNumber() >= 0
                    ? f.getFileName() + ":" + f.getLineNumber()
                    : f.getFileName();
    return f.getClassName() + "." + f.getMethodName() + "(" + where + ")";
  }

  private static void ensureWatcher() {
    synchronized (WAKE) {
      if (watcher == null) {
        watcher = new Thread(BlockingWatch::watch, "flow-blocking-watch");
        watcher.setDaemon(true);
        watcher.start();
      }
      WAKE.notifyAll();
    }
  }

  /** Checks every running execution ten times per smallest bound (at least every 100 ms). */
  private static void watch() {
    while (true) {
      try {
        synchronized (WAKE) {
          while (RUNNING.isEmpty()) {
            WAKE.wait();
          }
        }
        long period = TimeUnit.MILLISECONDS.toNanos(100);
        for (BlockingWatch w : RUNNING) {
          period = Math.min(period, Math.max(w.boundNanos / 10, TimeUnit.MILLISECONDS.toNanos(1)));
        }
        TimeUnit.NANOSECONDS.sleep(period);
        long now = System.nanoTime();
        for (BlockingWatch w : RUNNING) {
          w.check(now);
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
