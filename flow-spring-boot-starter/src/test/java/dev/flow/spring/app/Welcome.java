package dev.flow.spring.app;

import dev.flow.annotations.Workflow;

@Workflow(version = "1.0", taskList = "spring-welcome")
public interface Welcome {
  String welcome(String name);
}
