package dev.flow.sample.features;

import dev.flow.Workflow;

public final class CountdownImpl implements Countdown {
  private final StepsStub steps = new StepsStub();

  public CountdownImpl() {}

  @Override
  public int count(int n, int acc) {
    if (n == 0) {
      return acc;
    }
    steps.echo("run " + n).get(); // some history in every run
    Workflow.continueAsNew(n - 1, acc + n);
    throw new AssertionError("continueAsNew returned");
  }
}
