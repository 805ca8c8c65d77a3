package dev.flow.spring.hold;

public class HoldingImpl implements Holding {
  private final HoldStub hold;

  public HoldingImpl(HoldStub hold) {
    this.hold = hold;
  }

  @Override
  public String run(String what) {
    return hold.hold(what).get();
  }
}
