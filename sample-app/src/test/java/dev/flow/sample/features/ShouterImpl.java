package dev.flow.sample.features;

public final class ShouterImpl implements Shouter {
  private final StepsStub steps = new StepsStub();

  public ShouterImpl() {}

  @Override
  public String shout(String text) {
    return steps.shout(text).get();
  }
}
