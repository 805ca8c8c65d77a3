package dev.flow.bench;

/** Returns its input plus one. */
public final class BenchActivitiesImpl implements BenchActivities {
  @Override
  public int increment(int value) {
    return value + 1;
  }
}
