package dev.flow.sample.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.StartOptions;
import dev.flow.testing.FlowExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.swf.model.ActivityTaskScheduledEventAttributes;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** Per-call options, Workflow.info(), and the soft cap on open activities, on the engine. */
class OptionsAndLimitsEndToEndTest {
  @RegisterExtension
  static FlowExtension flow = FlowExtension.builder().manifest(new FlowManifest()).build();

  @Test
  void perCallOptions_reachTheScheduledActivity_andInfoSeesTheTagsGivenAtStart() {
    OptionsWorkflowClient.Handle run =
        OptionsWorkflowClient.create(flow.client())
            .withOptions(StartOptions.builder().tags("batch", "eu").build())
            .start();

    assertThat(run.result()).containsExactly("batch", "eu", "attempt 1", "type Options 1");

    ActivityTaskScheduledEventAttributes scheduled =
        Histories.of(flow.history(run.workflowId(), run.runId()), EventType.ACTIVITY_TASK_SCHEDULED)
            .get(0)
            .activityTaskScheduledEventAttributes();
    assertThat(scheduled.taskPriority()).isEqualTo("7");
    assertThat(scheduled.startToCloseTimeout()).isEqualTo("42");
    assertThat(scheduled.heartbeatTimeout()).isEqualTo("9");
    assertThat(scheduled.taskList().name()).isEqualTo("feature-steps");
  }

  @Test
  void activitiesBeyondTheOpenActivityCap_waitForOthersToClose() {
    String previous = System.setProperty("flow.decider.maxOpenActivities", "10");
    try {
      FanOutWorkflowClient.Handle run = FanOutWorkflowClient.create(flow.client()).start(40);

      assertThat(run.result()).isEqualTo(40);

      List<HistoryEvent> events = flow.history(run.workflowId(), run.runId());
      assertThat(Histories.count(events, EventType.ACTIVITY_TASK_COMPLETED)).isEqualTo(40);
      assertThat(maxOpenActivities(events)).isEqualTo(10);
    } finally {
      if (previous == null) {
        System.clearProperty("flow.decider.maxOpenActivities");
      } else {
        System.setProperty("flow.decider.maxOpenActivities", previous);
      }
    }
  }

  private static int maxOpenActivities(List<HistoryEvent> events) {
    int open = 0;
    int max = 0;
    for (HistoryEvent e : events) {
      switch (e.eventType()) {
        case ACTIVITY_TASK_SCHEDULED -> max = Math.max(max, ++open);
        case ACTIVITY_TASK_COMPLETED,
            ACTIVITY_TASK_FAILED,
            ACTIVITY_TASK_TIMED_OUT,
            ACTIVITY_TASK_CANCELED ->
            open--;
        default -> {}
      }
    }
    return max;
  }
}
