package dev.flow.spring.hold;

import java.util.concurrent.CountDownLatch;

/** An activity that runs until released, to stop a worker while it runs. */
public class HoldImpl implements Hold {
  /** Counted down when the activity has started. */
  public final CountDownLatch entered = new CountDownLatch(1);

  /** What the activity waits for. */
  public final CountDownLatch release = new CountDownLatch(1);

  @Override
  public String hold(String what) {
    entered.countDown();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while holding " + what, e);
    }
    return what + " held";
  }
}
