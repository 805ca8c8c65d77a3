package dev.flow.sample.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.testing.FlowExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * Child workflows through their generated stub and typed child handle, continue-as-new through the
 * generated self stub, and a wide fan-out.
 */
class CompositionEndToEndTest {
  @RegisterExtension
  static FlowExtension flow = FlowExtension.builder().manifest(new FlowManifest()).build();

  @AfterEach
  void reset() {
    StepsImpl.reset();
  }

  @Test
  void childWorkflow_result_reachesTheParent() {
    assertThat(ParentWorkflowClient.create(flow.client()).execute("bob", false))
        .isEqualTo("child said hello bob");
  }

  @Test
  void childWorkflow_failure_reachesTheParentAsChildWorkflowFailure() {
    assertThat(ParentWorkflowClient.create(flow.client()).execute("bob", true))
        .isEqualTo("child failed: java.lang.IllegalArgumentException: no greeting for bob");
  }

  @Test
  void childWorkflow_signaledThroughItsTypedChildHandle() {
    CourierWorkflowClient.Handle run = CourierWorkflowClient.create(flow.client()).start("parcel");

    assertThat(run.result()).isEqualTo(run.workflowId() + ".1 got parcel");
    List<HistoryEvent> events = flow.history(run.workflowId(), run.runId());
    assertThat(Histories.count(events, EventType.EXTERNAL_WORKFLOW_EXECUTION_SIGNALED))
        .isEqualTo(1);
  }

  @Test
  void continueAsNew_startsANewRun_andTheHandleFollowsItToTheResult() {
    CountdownWorkflowClient.Handle run = CountdownWorkflowClient.create(flow.client()).start(4, 0);

    assertThat(run.result()).isEqualTo(10);

    var first = flow.history(run.workflowId(), run.runId());
    assertThat(first.get(first.size() - 1).eventType().toString())
        .isEqualTo("WorkflowExecutionContinuedAsNew");
  }

  @Test
  void fanOutOf250Activities_isSplitOverDecisions_andEveryOneAnswers() {
    FanOutWorkflowClient.Handle run = FanOutWorkflowClient.create(flow.client()).start(250);

    assertThat(run.result()).isEqualTo(250);

    List<HistoryEvent> events = flow.history(run.workflowId(), run.runId());
    assertThat(Histories.count(events, EventType.ACTIVITY_TASK_COMPLETED)).isEqualTo(250);
    // SWF takes at most 100 decisions per answer: the scheduling spans several decision tasks.
    assertThat(
            Histories.of(events, EventType.ACTIVITY_TASK_SCHEDULED).stream()
                .map(e -> e.activityTaskScheduledEventAttributes().decisionTaskCompletedEventId())
                .distinct()
                .count())
        .isGreaterThanOrEqualTo(3);
  }
}
