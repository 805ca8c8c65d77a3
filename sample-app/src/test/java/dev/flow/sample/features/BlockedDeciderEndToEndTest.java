package dev.flow.sample.features;

import static dev.flow.sample.features.Histories.of;
import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.swf.model.EventType.DECISION_TASK_TIMED_OUT;
import static software.amazon.awssdk.services.swf.model.EventType.MARKER_RECORDED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flow.testing.FlowExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * A non-deterministic change blocks the execution's decisions visibly (a marker that says why and
 * where, in the execution's own history) and the execution completes once the change is undone.
 */
class BlockedDeciderEndToEndTest {
  // a deployment starts new workers: their deciders replay from the start (no sticky cache)
  @RegisterExtension
  static FlowExtension flow =
      FlowExtension.builder()
          .manifest(new FlowManifest())
          .workerOptions(w -> w.stickyCacheSize(0))
          .build();

  @AfterEach
  void reset() {
    ChangingImpl.changed = false;
    StepsImpl.reset();
  }

  /** The flow.blocked markers of the run, waiting (at most {@code seconds}) for a first one. */
  private static List<HistoryEvent> blockedMarkers(ChangingWorkflowClient.Handle run, int seconds)
      throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (true) {
      List<HistoryEvent> markers =
          of(flow.history(run.workflowId(), run.runId()), MARKER_RECORDED).stream()
              .filter(e -> e.markerRecordedEventAttributes().markerName().equals("flow.blocked"))
              .toList();
      if (!markers.isEmpty() || System.nanoTime() > end) {
        return markers;
      }
      Thread.sleep(20);
    }
  }

  @Test
  void nonDeterministicChange_showsAsBlockedWithinOneDecisionTaskTimeout_andCompletesOnceFixed()
      throws Exception {
    ChangingWorkflowClient.Handle run = ChangingWorkflowClient.create(flow.client()).start("k1");
    StepsImpl.awaitStarted("k1");
    ChangingImpl.changed = true; // an incompatible change is deployed while the activity runs
    StepsImpl.release("k1");

    List<HistoryEvent> markers = blockedMarkers(run, 30); // the decision task timeout: 30 s

    assertThat(markers).hasSize(1);
    JsonNode details =
        new ObjectMapper().readTree(markers.get(0).markerRecordedEventAttributes().details());
    assertThat(details.path("flow").asInt()).isEqualTo(1);
    assertThat(details.path("reason").asText()).isEqualTo("non-determinism");
    assertThat(details.path("message").asText())
        .contains("Steps.shout", "Steps.holdUntilReleased");
    assertThat(details.path("where").asText())
        .startsWith(ChangingImpl.class.getName() + ".run(ChangingImpl.java:");
    assertThat(details.path("worker").asText()).isEqualTo(flow.client().identity());

    ChangingImpl.changed = false; // the fix is deployed

    assertThat(run.result()).isEqualTo("released k1");
    List<HistoryEvent> history = flow.history(run.workflowId(), run.runId());
    assertThat(of(history, DECISION_TASK_TIMED_OUT)).isEmpty();
    assertThat(
            of(history, MARKER_RECORDED).stream()
                .filter(e -> e.markerRecordedEventAttributes().markerName().equals("flow.blocked")))
        .hasSize(1);
  }
}
