package dev.flow.cli.e2e;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Fails the first call for each name. */
public final class StepsImpl implements Steps {
  private final Map<String, Integer> calls = new ConcurrentHashMap<>();

  @Override
  public String flaky(String name) {
    if (calls.merge(name, 1, Integer::sum) == 1) {
      throw new IllegalStateException("first attempt of " + name + " fails");
    }
    return name + " done";
  }
}
