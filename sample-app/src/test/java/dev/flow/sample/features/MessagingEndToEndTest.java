package dev.flow.sample.features;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.swf.model.EventType.ACTIVITY_TASK_CANCELED;

import dev.flow.testing.FlowExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Signals between executions, and an activity canceled by its workflow through heartbeats. */
class MessagingEndToEndTest {
  @RegisterExtension
  static FlowExtension flow = FlowExtension.builder().manifest(new FlowManifest()).build();

  @AfterEach
  void reset() {
    StepsImpl.reset();
  }

  @Test
  void signalToAnotherExecution_reachesItsHandler() {
    assertThat(SenderWorkflowClient.create(flow.client()).execute("hi")).isEqualTo("got hi");
  }

  @Test
  void workflowCancelsAnActivity_theActivityLearnsItFromItsHeartbeat() throws Exception {
    ActivityCancelerWorkflowClient.Handle run =
        ActivityCancelerWorkflowClient.create(flow.client()).start();
    StepsImpl.awaitStarted("beating");

    run.stop();

    assertThat(run.result()).isEqualTo("canceled");
    assertThat(StepsImpl.cancelsSeen).containsExactly("beating");
    assertThat(Histories.count(flow.history(run.workflowId(), run.runId()), ACTIVITY_TASK_CANCELED))
        .isEqualTo(1);
  }
}
