package dev.flow.sample.wire;

import dev.flow.ActivityFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * Each step in turn; a step that fails or times out (its worker or the engine went away) is called
 * again, up to {@link #ATTEMPTS} times, as a new activity.
 */
public final class ChainImpl implements Chain {
  static final int ATTEMPTS = 5;

  private final StepsStub steps;

  public ChainImpl(StepsStub steps) {
    this.steps = steps;
  }

  @Override
  public List<String> run(String name, int count) {
    List<String> results = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      results.add(step(name, n));
    }
    return results;
  }

  private String step(String name, int n) {
    for (int attempt = 1; ; attempt++) {
      try {
        return steps.step(name, n).get();
      } catch (ActivityFailure failure) {
        if (attempt == ATTEMPTS) {
          throw failure;
        }
      }
    }
  }
}
