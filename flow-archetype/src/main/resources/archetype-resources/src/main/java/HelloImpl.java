package ${package};

public final class HelloImpl implements Hello {
  private final GreeterStub greeter;

  public HelloImpl(GreeterStub greeter) {
    this.greeter = greeter;
  }

  @Override
  public String hello(String name) {
    return greeter.greet(name).get();
  }
}
