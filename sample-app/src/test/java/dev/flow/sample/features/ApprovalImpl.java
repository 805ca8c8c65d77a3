package dev.flow.sample.features;

import dev.flow.Promise;
import dev.flow.Workflow;

public final class ApprovalImpl implements Approval {
  private final StepsStub steps = new StepsStub();

  public ApprovalImpl() {}

  private String approvedBy;

  @Override
  public String run() {
    Promise<String> held = steps.holdUntilReleased("approval");
    Workflow.await(() -> approvedBy != null);
    return "approved by " + approvedBy + ", " + held.get();
  }

  @Override
  public void approve(String by) {
    approvedBy = by;
  }
}
