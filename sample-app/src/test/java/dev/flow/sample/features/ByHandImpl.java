package dev.flow.sample.features;

public final class ByHandImpl implements ByHand {
  private final StepsStub steps = new StepsStub();

  public ByHandImpl() {}

  @Override
  public String run(String key) {
    return "got " + steps.completedByHand(key).get();
  }
}
