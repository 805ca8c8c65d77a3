package dev.flow.sample.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.testing.FlowExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Timers, waits and activity timeouts on a time-skipping engine. */
class TimeEndToEndTest {
  @RegisterExtension
  static FlowExtension flow = FlowExtension.builder().manifest(new FlowManifest()).build();

  @AfterEach
  void reset() {
    StepsImpl.reset();
  }

  @Test
  void sleepOfADay_takesADayOfWorkflowTime_andMillisecondsOfRealTime() {
    long t0 = System.nanoTime();

    long slept = SleeperWorkflowClient.create(flow.client()).execute(86_400);

    assertThat(slept).isBetween(86_400L, 86_410L);
    assertThat(Histories.realMillisSince(t0)).isLessThan(5_000);
  }

  @Test
  void awaitWithTimeout_timesOut_whenTheConditionNeverHolds() {
    assertThat(AwaiterWorkflowClient.create(flow.client()).execute(false))
        .isEqualTo("false after 120 min");
  }

  @Test
  void awaitWithTimeout_returnsTrue_whenTheConditionHoldsFirst() {
    // The echo activity holds the clock while it runs, so it wins against the two-hour timer.
    assertThat(AwaiterWorkflowClient.create(flow.client()).execute(true))
        .isEqualTo("true after 0 min");
  }

  @Test
  void activityStartToCloseTimeout_reachesTheWorkflowAsActivityTimeout() {
    assertThat(TimeoutsWorkflowClient.create(flow.client()).execute("start-to-close"))
        .isEqualTo("START_TO_CLOSE:null");
  }

  @Test
  void activityHeartbeatTimeout_carriesTheLastHeartbeatDetails() {
    assertThat(TimeoutsWorkflowClient.create(flow.client()).execute("heartbeat"))
        .isEqualTo("HEARTBEAT:step-1");
  }
}
