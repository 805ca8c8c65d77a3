package dev.flow.sample.features;

import dev.flow.CanceledFailure;
import dev.flow.Promise;
import dev.flow.Workflow;

public final class ActivityCancelerImpl implements ActivityCanceler {
  private final StepsStub steps = new StepsStub();
  private boolean stop;

  public ActivityCancelerImpl() {}

  @Override
  public String run() {
    Promise<String> beating = steps.heartbeatsUntilCanceled("beating");
    Workflow.await(() -> stop);
    Workflow.cancel(beating);
    try {
      return "not canceled: " + beating.get();
    } catch (CanceledFailure e) {
      return "canceled";
    }
  }

  @Override
  public void stop() {
    stop = true;
  }
}
