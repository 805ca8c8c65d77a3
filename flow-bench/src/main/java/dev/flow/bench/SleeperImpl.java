package dev.flow.bench;

import dev.flow.Workflow;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Starts one timer and waits for it. */
public final class SleeperImpl implements Sleeper {
  /**
   * How many times workflow code reached the timer in this JVM (replays included), so the benchmark
   * knows when every execution has decided; not something workflow code should do.
   */
  static final AtomicInteger TIMERS_ISSUED = new AtomicInteger();

  @Override
  public void sleep(long seconds) {
    TIMERS_ISSUED.incrementAndGet();
    Workflow.sleep(Duration.ofSeconds(seconds));
  }
}
