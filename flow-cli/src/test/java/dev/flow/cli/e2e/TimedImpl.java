package dev.flow.cli.e2e;

import dev.flow.Workflow;
import java.time.Duration;

/** See {@link Timed}. */
public final class TimedImpl implements Timed {
  private final StepsStub steps;

  public TimedImpl(StepsStub steps) {
    this.steps = steps;
  }

  @Override
  public String run(String name) {
    Workflow.sleep(Duration.ofSeconds(30));
    return steps.flaky(name).get();
  }
}
