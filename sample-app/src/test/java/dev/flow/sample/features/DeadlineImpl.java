package dev.flow.sample.features;

import dev.flow.Workflow;
import java.time.Duration;
import java.time.Instant;

public final class DeadlineImpl implements Deadline {
  private String approvedBy;

  public DeadlineImpl() {}

  @Override
  public String run(long minutes) {
    Instant start = Workflow.now();
    boolean approved = Workflow.await(Duration.ofMinutes(minutes), () -> approvedBy != null);
    long waited = Duration.between(start, Workflow.now()).toMinutes();
    return approved
        ? "approved by " + approvedBy + " after " + waited + " min"
        : "no answer after " + waited + " min";
  }

  @Override
  public void approve(String by) {
    approvedBy = by;
  }
}
