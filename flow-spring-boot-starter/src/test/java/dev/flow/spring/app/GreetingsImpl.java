package dev.flow.spring.app;

import org.springframework.stereotype.Component;

/** An activity bean with an injected dependency: a singleton, called from several threads. */
@Component
public class GreetingsImpl implements Greetings {
  private final Salutation salutation;

  public GreetingsImpl(Salutation salutation) {
    this.salutation = salutation;
  }

  @Override
  public String greet(String name) {
    return salutation.word() + ", " + name + "!";
  }
}
