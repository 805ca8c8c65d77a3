package dev.flow.spring.hold;

import dev.flow.annotations.Activity;

@Activity(version = "1.0", taskList = "spring-hold")
public interface Hold {
  String hold(String what);
}
