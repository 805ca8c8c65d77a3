package dev.flow.sample.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.testing.FlowExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.swf.model.EventType;

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
  void aSignalSentWhileTheTestDoesNotWaitOnAResult_comesBeforeTheTimer() throws Exception {
    DeadlineWorkflowClient.Handle run = DeadlineWorkflowClient.create(flow.client()).start(60L);
    awaitTimerStarted(run.workflowId(), run.runId());
    Thread.sleep(300); // the workflow only waits; the test is not waiting on a result: no skipping

    run.approve("ann");

    assertThat(run.result()).isEqualTo("approved by ann after 0 min");
  }

  /** Waits (up to 10 s) until the run waits on its timer. */
  private static void awaitTimerStarted(String workflowId, String runId) throws Exception {
    for (int i = 0; i < 1_000; i++) {
      if (flow.history(workflowId, runId).stream()
          .anyMatch(e -> e.eventType() == EventType.TIMER_STARTED)) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("workflow " + workflowId + " started no timer within 10 s");
  }

  @Test
  void skip_movesTheClock_firingWhatFallsDue() {
    DeadlineWorkflowClient.Handle run = DeadlineWorkflowClient.create(flow.client()).start(60L);

    flow.skip(Duration.ofMinutes(30));
    run.approve("bob");

    assertThat(run.result()).isEqualTo("approved by bob after 30 min");
    DeadlineWorkflowClient.Handle late = DeadlineWorkflowClient.create(flow.client()).start(60L);
    flow.skip(Duration.ofMinutes(61));
    assertThat(late.result()).isEqualTo("no answer after 61 min");
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
