package dev.flow.sample.features;

/** A workflow the test changes incompatibly while an execution runs, then fixes. */
public final class ChangingImpl implements Changing {
  /** The incompatible change is deployed: the first call is another activity. */
  static volatile boolean changed;

  private final StepsStub steps = new StepsStub();

  public ChangingImpl() {}

  @Override
  public String run(String key) {
    String first = changed ? steps.shout(key).get() : steps.holdUntilReleased(key).get();
    return steps.echo(first).get();
  }
}
