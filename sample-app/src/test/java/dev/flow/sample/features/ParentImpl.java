package dev.flow.sample.features;

import dev.flow.ChildWorkflowFailure;

public final class ParentImpl implements Parent {
  private final StepsStub steps = new StepsStub();

  public ParentImpl() {}

  @Override
  public String run(String name, boolean childFails) {
    try {
      return "child said " + new GreeterStub().greet(name, childFails).get();
    } catch (ChildWorkflowFailure e) {
      return "child failed: " + e.remoteType() + ": " + e.remoteMessage();
    }
  }
}
