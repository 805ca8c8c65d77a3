package dev.flow.cli.e2e;

import dev.flow.annotations.Workflow;

/** Steps 1 to 10 in sequence; returns their sum. */
@Workflow(version = "1.0", taskList = "cli-ten")
public interface TenSteps {
  int run();
}
