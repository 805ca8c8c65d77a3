package dev.flow.cli.e2e;

import dev.flow.Workflow;

/** See {@link Waiter}. */
public final class WaiterImpl implements Waiter {
  private String by;

  public WaiterImpl() {}

  @Override
  public String run(String note) {
    Workflow.await(() -> by != null);
    return note + " released by " + by;
  }

  @Override
  public void release(String by) {
    this.by = by;
  }
}
