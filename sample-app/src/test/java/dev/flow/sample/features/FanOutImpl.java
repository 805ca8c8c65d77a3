package dev.flow.sample.features;

import dev.flow.Promise;
import dev.flow.Promises;
import java.util.ArrayList;
import java.util.List;

public final class FanOutImpl implements FanOut {
  private final StepsStub steps = new StepsStub();

  public FanOutImpl() {}

  @Override
  public int fanOut(int n) {
    List<Promise<String>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(steps.echo("item " + i));
    }
    return Promises.getAll(all).size();
  }
}
