package dev.flow.sample.features;

import dev.flow.ActivityCanceledException;
import dev.flow.ActivityContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The feature tests' activities, with static state the tests read and reset. */
public final class StepsImpl implements Steps {
  static final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  static final Map<String, CountDownLatch> started = new ConcurrentHashMap<>();
  static final Map<String, CountDownLatch> released = new ConcurrentHashMap<>();
  static final List<String> cleanups = new CopyOnWriteArrayList<>();
  static final List<String> cancelsSeen = new CopyOnWriteArrayList<>();
  static final AtomicInteger charges = new AtomicInteger();
  static final Map<Integer, AtomicInteger> numbered = new ConcurrentHashMap<>();
  static volatile int failAt;
  static final BlockingQueue<String> tokens = new LinkedBlockingQueue<>();

  public StepsImpl() {}

  static void reset() {
    released.values().forEach(CountDownLatch::countDown);
    attempts.clear();
    started.clear();
    released.clear();
    cleanups.clear();
    cancelsSeen.clear();
    charges.set(0);
    numbered.clear();
    failAt = 0;
    tokens.clear();
  }

  /** Waits until an activity holding {@code key} runs. */
  static void awaitStarted(String key) throws InterruptedException {
    if (!latch(started, key).await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("no activity started holding " + key);
    }
  }

  static void release(String key) {
    latch(released, key).countDown();
  }

  private static CountDownLatch latch(Map<String, CountDownLatch> latches, String key) {
    return latches.computeIfAbsent(key, k -> new CountDownLatch(1));
  }

  private static void hold(String key) {
    latch(started, key).countDown();
    try {
      latch(released, key).await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String flaky(String key, int failures) {
    int attempt = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    if (attempt <= failures) {
      throw new IllegalStateException("attempt " + attempt + " of " + key + " failed");
    }
    return "ok:" + key + "@" + ActivityContext.current().attempt();
  }

  @Override
  public String hangs(String key) {
    hold(key);
    return "finished late";
  }

  @Override
  public String heartbeatsOnce(String progress) {
    ActivityContext.current().heartbeat(progress);
    hold(progress);
    return "finished late";
  }

  @Override
  public String echo(String value) {
    return value;
  }

  @Override
  public String numbered(int n) {
    numbered.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
    if (n == failAt) {
      throw new IllegalStateException("step " + n + " fails");
    }
    return "step-" + n;
  }

  @Override
  public String charge(String account, int cents) {
    return "charged " + account + " " + cents + " #" + charges.incrementAndGet();
  }

  @Override
  public String holdUntilReleased(String key) {
    hold(key);
    return "released " + key;
  }

  @Override
  public String cleanup(String what) {
    cleanups.add(what);
    return "cleaned " + what;
  }

  @Override
  public String shout(String text) {
    return text.toUpperCase(Locale.ROOT);
  }

  @Override
  public String completedByHand(String key) {
    ActivityContext task = ActivityContext.current();
    task.doNotCompleteOnReturn();
    tokens.add(task.taskToken());
    return null;
  }

  @Override
  public String heartbeatsUntilCanceled(String key) {
    ActivityContext task = ActivityContext.current();
    latch(started, key).countDown();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < end) {
      try {
        task.heartbeat(key);
      } catch (ActivityCanceledException e) {
        cancelsSeen.add(key);
        throw e;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return "never canceled";
  }
}
