package dev.flow.sample.features;

import dev.flow.Promise;

public final class ChargesImpl implements Charges {
  private final StepsStub steps = new StepsStub();

  public ChargesImpl() {}

  @Override
  public String run(String account, int cents) {
    Promise<String> first = steps.charge(account, cents);
    Promise<String> second = steps.charge(account, cents);
    return first.get() + " / " + second.get();
  }
}
