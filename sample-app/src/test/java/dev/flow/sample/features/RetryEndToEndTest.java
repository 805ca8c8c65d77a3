package dev.flow.sample.features;

import static dev.flow.sample.features.Histories.count;
import static dev.flow.sample.features.Histories.of;
import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.swf.model.EventType.ACTIVITY_TASK_FAILED;
import static software.amazon.awssdk.services.swf.model.EventType.ACTIVITY_TASK_SCHEDULED;
import static software.amazon.awssdk.services.swf.model.EventType.TIMER_FIRED;
import static software.amazon.awssdk.services.swf.model.EventType.TIMER_STARTED;

import dev.flow.testing.FlowExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** Activity retries on the engine: durable timers between attempts, skipped in tests. */
class RetryEndToEndTest {
  @RegisterExtension
  static FlowExtension flow = FlowExtension.builder().manifest(new FlowManifest()).build();

  @AfterEach
  void reset() {
    StepsImpl.reset();
  }

  @Test
  void retry_backsOffWithTimers_thenSucceeds() {
    long t0 = System.nanoTime();
    RetryingWorkflowClient.Handle run = RetryingWorkflowClient.create(flow.client()).start("k", 2);

    assertThat(run.result()).isEqualTo("ok:k@3");

    assertThat(Histories.realMillisSince(t0)).isLessThan(10_000); // 3 minutes of backoff skipped
    assertThat(StepsImpl.attempts.get("k")).hasValue(3);
    List<HistoryEvent> events = flow.history(run.workflowId(), run.runId());
    assertThat(count(events, ACTIVITY_TASK_SCHEDULED)).isEqualTo(3);
    assertThat(count(events, ACTIVITY_TASK_FAILED)).isEqualTo(2);
    assertThat(count(events, TIMER_FIRED)).isEqualTo(2);
    assertThat(of(events, TIMER_STARTED))
        .extracting(e -> e.timerStartedEventAttributes().startToFireTimeout())
        .containsExactly("60", "120");
  }

  @Test
  void retry_givesUp_andTheFailureCarriesEveryAttempt() {
    String outcome = RetryingWorkflowClient.create(flow.client()).execute("k", 10);

    assertThat(StepsImpl.attempts.get("k")).hasValue(4);
    assertThat(outcome)
        .matches("gave up after Steps\\.flaky-\\d+@4, .*: attempt 4 of k failed")
        .contains("(attempt 1 of k failed)")
        .contains("@2 (attempt 2 of k failed)")
        .contains("@3 (attempt 3 of k failed)");
  }
}
