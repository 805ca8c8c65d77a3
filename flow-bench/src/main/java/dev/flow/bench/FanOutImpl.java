package dev.flow.bench;

import dev.flow.Promise;
import dev.flow.Promises;
import java.util.ArrayList;
import java.util.List;

/** Schedules a wave of calls in one decision, waits for all of them, then the next wave. */
public final class FanOutImpl implements FanOut {
  private final BenchActivitiesStub activities;

  public FanOutImpl(BenchActivitiesStub activities) {
    this.activities = activities;
  }

  @Override
  public int run(int count, int wave) {
    int sum = 0;
    for (int start = 0; start < count; start += wave) {
      List<Promise<Integer>> calls = new ArrayList<>();
      for (int i = start; i < Math.min(count, start + wave); i++) {
        calls.add(activities.increment(i));
      }
      for (int value : Promises.getAll(calls)) {
        sum += value;
      }
    }
    return sum;
  }
}
