package dev.flow.sample.features;

import dev.flow.Workflow;
import java.time.Duration;

public final class ReplayedImpl implements Replayed {
  private final StepsStub steps = new StepsStub();

  public ReplayedImpl() {}

  @Override
  public String run() {
    String values = values();
    String first = steps.echo(values).get(); // recorded in the first decision
    Workflow.sleep(Duration.ofMinutes(5)); // more decisions, each replaying from the start
    steps.echo("again").get();
    return first + " | " + values;
  }

  private static String values() {
    return Workflow.random().nextLong()
        + " "
        + Workflow.randomUUID()
        + " "
        + Workflow.sideEffect(Long.class, System::nanoTime)
        + " "
        + Workflow.getVersion("feature", Workflow.DEFAULT_VERSION, 2);
  }
}
