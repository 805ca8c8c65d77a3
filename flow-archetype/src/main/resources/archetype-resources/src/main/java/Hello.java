package ${package};

import dev.flow.annotations.Workflow;

@Workflow(version = "1.0", taskList = "hello")
public interface Hello {
  String hello(String name);
}
