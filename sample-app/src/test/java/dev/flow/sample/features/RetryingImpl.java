package dev.flow.sample.features;

import dev.flow.ActivityFailure;

public final class RetryingImpl implements Retrying {
  private final StepsStub steps = new StepsStub();

  public RetryingImpl() {}

  @Override
  public String run(String key, int failures) {
    try {
      return steps.flaky(key, failures).get();
    } catch (ActivityFailure e) {
      StringBuilder s = new StringBuilder("gave up after ").append(e.activityId());
      for (Throwable earlier : e.getSuppressed()) {
        s.append(", ").append(((ActivityFailure) earlier).activityId());
        s.append(" (").append(((ActivityFailure) earlier).remoteMessage()).append(")");
      }
      return s.append(": ").append(e.remoteMessage()).toString();
    }
  }
}
