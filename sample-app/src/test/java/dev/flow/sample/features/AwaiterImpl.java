package dev.flow.sample.features;

import dev.flow.Promise;
import dev.flow.Workflow;
import java.time.Duration;
import java.time.Instant;

public final class AwaiterImpl implements Awaiter {
  private final StepsStub steps = new StepsStub();

  public AwaiterImpl() {}

  @Override
  public String run(boolean withActivity) {
    Instant before = Workflow.now();
    Promise<String> echo = withActivity ? steps.echo("done") : null;
    boolean held = Workflow.await(Duration.ofHours(2), () -> echo != null && echo.isReady());
    return held + " after " + Duration.between(before, Workflow.now()).toMinutes() + " min";
  }
}
