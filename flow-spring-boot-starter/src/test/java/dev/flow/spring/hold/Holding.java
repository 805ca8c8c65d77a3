package dev.flow.spring.hold;

import dev.flow.annotations.Workflow;

@Workflow(version = "1.0", taskList = "spring-holding")
public interface Holding {
  String run(String what);
}
