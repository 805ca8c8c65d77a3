package dev.flow.sample.features;

public final class TenStepsImpl implements TenSteps {
  private final StepsStub steps = new StepsStub();

  public TenStepsImpl() {}

  @Override
  public String run(String order) {
    StringBuilder done = new StringBuilder(order);
    for (int i = 1; i <= 10; i++) {
      done.append(' ').append(steps.numbered(i).get());
    }
    return done.toString();
  }
}
