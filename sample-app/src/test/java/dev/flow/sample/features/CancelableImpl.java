package dev.flow.sample.features;

import dev.flow.CanceledFailure;
import dev.flow.Promise;
import dev.flow.Workflow;

public final class CancelableImpl implements Cancelable {
  private final StepsStub steps = new StepsStub();

  public CancelableImpl() {}

  @Override
  public String run() {
    Promise<String> held = steps.holdUntilReleased("cancel");
    try {
      return held.get();
    } catch (CanceledFailure e) {
      Workflow.nonCancellable(() -> steps.cleanup("after cancel").get());
      throw e;
    }
  }
}
