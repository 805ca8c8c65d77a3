package dev.flow.sample.features;

import dev.flow.CallOptions;
import dev.flow.Workflow;
import dev.flow.WorkflowInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public final class OptionsImpl implements Options {
  private final StepsStub steps = new StepsStub();

  public OptionsImpl() {}

  @Override
  public List<String> run() {
    CallOptions options =
        CallOptions.builder()
            .priority(7)
            .startToCloseTimeout(Duration.ofSeconds(42))
            .heartbeatTimeout(Duration.ofSeconds(9))
            .build();
    steps.withOptions(options).echo("with options").get();
    WorkflowInfo info = Workflow.info();
    List<String> seen = new ArrayList<>(info.tags());
    seen.add("attempt " + info.attempt());
    seen.add("type " + info.workflowType() + " " + info.workflowVersion());
    return seen;
  }
}
