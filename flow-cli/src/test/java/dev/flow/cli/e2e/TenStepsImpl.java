package dev.flow.cli.e2e;

/** See {@link TenSteps}. */
public final class TenStepsImpl implements TenSteps {
  private final CountedStub steps;

  public TenStepsImpl(CountedStub steps) {
    this.steps = steps;
  }

  @Override
  public int run() {
    int sum = 0;
    for (int i = 1; i <= 10; i++) {
      sum += steps.step(i).get();
    }
    return sum;
  }
}
