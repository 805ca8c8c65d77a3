package dev.flow.spring.app;

import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/** A workflow bean: prototype, one instance per run, its generated stub injected. */
@Component
@Scope("prototype")
public class WelcomeImpl implements Welcome {
  private final GreetingsStub greetings;

  public WelcomeImpl(GreetingsStub greetings) {
    this.greetings = greetings;
  }

  @Override
  public String welcome(String name) {
    return greetings.greet(name).get();
  }
}
