package dev.flow.sample.features;

import static dev.flow.sample.features.Histories.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.swf.model.EventType.ACTIVITY_TASK_SCHEDULED;
import static software.amazon.awssdk.services.swf.model.EventType.DECISION_TASK_COMPLETED;
import static software.amazon.awssdk.services.swf.model.EventType.MARKER_RECORDED;

import dev.flow.history.SwfJson;
import dev.flow.testing.FlowExtension;
import dev.flow.testing.NonDeterminismError;
import dev.flow.testing.WorkflowReplayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * Replay on the engine: the worker replays the whole history at every decision, so values that come
 * from markers must come back the same; idempotent activities; saved histories replayed.
 */
class DeterminismEndToEndTest {
  @RegisterExtension
  static FlowExtension flow = FlowExtension.builder().manifest(new FlowManifest()).build();

  @TempDir Path dir;

  @AfterEach
  void reset() {
    StepsImpl.reset();
  }

  @Test
  void randomSideEffectAndVersion_areStableAcrossReplays() {
    ReplayedWorkflowClient.Handle run = ReplayedWorkflowClient.create(flow.client()).start();

    String[] firstAndLast = run.result().split(" \\| ");

    assertThat(firstAndLast).hasSize(2);
    assertThat(firstAndLast[1]).isEqualTo(firstAndLast[0]).endsWith(" 2");
    List<HistoryEvent> events = flow.history(run.workflowId(), run.runId());
    assertThat(count(events, DECISION_TASK_COMPLETED)).isGreaterThanOrEqualTo(4);
    assertThat(count(events, MARKER_RECORDED)).isGreaterThanOrEqualTo(2);
  }

  @Test
  void idempotentActivity_calledTwiceWithTheSameInput_isScheduledOnce() {
    ChargesWorkflowClient.Handle run =
        ChargesWorkflowClient.create(flow.client()).start("acct", 100);

    assertThat(run.result()).isEqualTo("charged acct 100 #1 / charged acct 100 #1");

    assertThat(count(flow.history(run.workflowId(), run.runId()), ACTIVITY_TASK_SCHEDULED))
        .isEqualTo(1);
    assertThat(StepsImpl.charges).hasValue(1);
  }

  @Test
  void replayer_replaysAnExportedHistoryClean_andCatchesAChangedImplementation() throws Exception {
    ReplayedWorkflowClient.Handle run = ReplayedWorkflowClient.create(flow.client()).start();
    run.result();
    Path saved = dir.resolve("determinism.json");
    Files.writeString(
        saved,
        SwfJson.writeHistory(flow.history(run.workflowId(), run.runId())).toString(),
        StandardCharsets.UTF_8);

    WorkflowReplayer.Result replayed =
        WorkflowReplayer.replay(ReplayedDefinition.of(ReplayedImpl::new), saved);

    assertThat(replayed.closed()).isTrue();
    assertThat(replayed.steps()).isGreaterThanOrEqualTo(4);
    Replayed changed =
        () -> {
          return new StepsStub().echo("no random values any more").get();
        };
    assertThatThrownBy(() -> WorkflowReplayer.replay(ReplayedDefinition.of(() -> changed), saved))
        .isInstanceOf(NonDeterminismError.class);
  }
}
