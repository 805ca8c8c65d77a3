package dev.flow.sample.features;

public final class GreeterImpl implements Greeter {
  private final StepsStub steps = new StepsStub();

  public GreeterImpl() {}

  @Override
  public String greet(String name, boolean fail) {
    if (fail) {
      throw new IllegalArgumentException("no greeting for " + name);
    }
    return steps.echo("hello " + name).get();
  }
}
