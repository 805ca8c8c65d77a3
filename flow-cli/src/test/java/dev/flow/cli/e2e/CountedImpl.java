package dev.flow.cli.e2e;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts calls per step; step {@link #failAt} fails. */
public final class CountedImpl implements Counted {
  public final ConcurrentMap<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();
  public volatile int failAt;

  @Override
  public int step(int n) {
    calls.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
    if (n == failAt) {
      throw new IllegalStateException("step " + n + " fails");
    }
    return n;
  }

  @Override
  public String other(String name) {
    return name;
  }

  public int calls(int n) {
    AtomicInteger c = calls.get(n);
    return c == null ? 0 : c.get();
  }
}
