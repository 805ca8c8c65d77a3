package dev.flow.it.interop;

import dev.flow.ActivityFailure;

public final class QuoteImpl implements Quote {
  private final PricingStub pricing;

  public QuoteImpl(PricingStub pricing) {
    this.pricing = pricing;
  }

  @Override
  public String quote(String item) {
    try {
      return pricing.quote(item).get();
    } catch (ActivityFailure failure) {
      return "failed: " + failure.remoteType() + ": " + failure.remoteMessage();
    }
  }
}
