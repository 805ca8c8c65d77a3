package dev.flow.bench;

/** Each call takes the previous result, so exactly one activity is open at a time. */
public final class SequentialImpl implements Sequential {
  private final BenchActivitiesStub activities;

  public SequentialImpl(BenchActivitiesStub activities) {
    this.activities = activities;
  }

  @Override
  public int run(int count) {
    int value = 0;
    for (int i = 0; i < count; i++) {
      value = activities.increment(value).get();
    }
    return value;
  }
}
