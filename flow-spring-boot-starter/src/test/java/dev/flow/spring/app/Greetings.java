package dev.flow.spring.app;

import dev.flow.annotations.Activity;

@Activity(version = "1.0", taskList = "spring-greetings")
public interface Greetings {
  String greet(String name);
}
