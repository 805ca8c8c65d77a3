package dev.flow.sample.features;

import dev.flow.Workflow;
import java.time.Duration;
import java.time.Instant;

public final class SleeperImpl implements Sleeper {
  private final StepsStub steps = new StepsStub();

  public SleeperImpl() {}

  @Override
  public long sleep(long seconds) {
    Instant before = Workflow.now();
    Workflow.sleep(Duration.ofSeconds(seconds));
    return Duration.between(before, Workflow.now()).getSeconds();
  }
}
