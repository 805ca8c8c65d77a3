package dev.flow.cli.e2e;

import dev.flow.Workflow;

/**
 * Version 1: step 1, wait for {@code go}, step 2. Version 2 (a non-deterministic change): calls
 * {@code other} first.
 */
public final class ChangingImpl implements Changing {
  /** The version of the code deployed. */
  public static volatile int version = 1;

  private final CountedStub steps;
  private boolean go;

  public ChangingImpl(CountedStub steps) {
    this.steps = steps;
  }

  @Override
  public int run() {
    if (version == 2) {
      steps.other("changed").get();
    }
    int one = steps.step(1).get();
    Workflow.await(() -> go);
    return one + steps.step(2).get();
  }

  @Override
  public void go() {
    go = true;
  }
}
