package dev.flow.sample.features;

public final class CountdownImpl implements Countdown {
  private final StepsStub steps = new StepsStub();
  private final CountdownSelf self = new CountdownSelf();

  public CountdownImpl() {}

  @Override
  public int count(int n, int acc) {
    if (n == 0) {
      return acc;
    }
    steps.echo("run " + n).get(); // some history in every run
    return self.count(n - 1, acc + n); // continue-as-new through the generated self stub
  }
}
