package dev.flow.it.interop;

public final class GreeterImpl implements Greeter {
  @Override
  public String greet(String name) {
    return "Hello, " + name + "!";
  }
}
