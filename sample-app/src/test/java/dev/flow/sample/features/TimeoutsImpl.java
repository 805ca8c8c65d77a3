package dev.flow.sample.features;

import dev.flow.ActivityTimeoutFailure;

public final class TimeoutsImpl implements Timeouts {
  private final StepsStub steps = new StepsStub();

  public TimeoutsImpl() {}

  @Override
  public String run(String which) {
    try {
      return which.equals("heartbeat")
          ? steps.heartbeatsOnce("step-1").get()
          : steps.hangs("start-to-close").get();
    } catch (ActivityTimeoutFailure e) {
      return e.kind() + ":" + e.lastHeartbeatDetails(String.class);
    }
  }
}
