package ${package};

import dev.flow.annotations.Activity;

@Activity(version = "1.0", taskList = "hello-activities")
public interface Greeter {
  String greet(String name);
}
