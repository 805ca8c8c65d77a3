package dev.flow.sample.features;

import static dev.flow.sample.features.Histories.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.swf.model.EventType.ACTIVITY_TASK_SCHEDULED;
import static software.amazon.awssdk.services.swf.model.EventType.MARKER_RECORDED;

import dev.flow.FlowException;
import dev.flow.StartOptions;
import dev.flow.WorkflowFailedException;
import dev.flow.WorkflowHandle;
import dev.flow.testing.FlowExtension;
import dev.flow.testing.WorkflowReplayer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * Resuming a failed run: the activity calls that completed in it are not made again; the new run
 * records what it reused in its own history and replays alone.
 */
class ResumeEndToEndTest {
  @RegisterExtension
  static FlowExtension flow = FlowExtension.builder().manifest(new FlowManifest()).build();

  @AfterEach
  void reset() {
    StepsImpl.reset();
  }

  private static Map<Integer, Integer> invocations() {
    Map<Integer, Integer> counts = new TreeMap<>();
    StepsImpl.numbered.forEach((step, n) -> counts.put(step, n.get()));
    return counts;
  }

  private TenStepsWorkflowClient.Handle failedAtSeven() {
    StepsImpl.failAt = 7;
    TenStepsWorkflowClient.Handle failed = TenStepsWorkflowClient.create(flow.client()).start("o1");
    assertThatThrownBy(failed::result)
        .isInstanceOf(WorkflowFailedException.class)
        .hasMessageContaining("closed FAILED: dev.flow.ActivityFailure");
    assertThat(invocations()).containsEntry(6, 1).containsEntry(7, 1).doesNotContainKey(8);
    StepsImpl.failAt = 0; // the fix
    return failed;
  }

  @Test
  void resume_ofARunFailedAtStep7_runsSteps7To10Only_andItsHistoryReplaysAlone() {
    TenStepsWorkflowClient.Handle failed = failedAtSeven();

    WorkflowHandle<String> resumed = failed.untyped().resume();

    assertThat(resumed.workflowId()).isEqualTo(failed.workflowId());
    assertThat(resumed.runId()).isNotEqualTo(failed.runId());
    assertThat(resumed.result())
        .isEqualTo("o1 step-1 step-2 step-3 step-4 step-5 step-6 step-7 step-8 step-9 step-10");
    assertThat(invocations())
        .isEqualTo(Map.of(1, 1, 2, 1, 3, 1, 4, 1, 5, 1, 6, 1, 7, 2, 8, 1, 9, 1, 10, 1));
    List<HistoryEvent> history = flow.history(resumed.workflowId(), resumed.runId());
    List<HistoryEvent> markers = of(history, MARKER_RECORDED);
    assertThat(markers).hasSize(6);
    assertThat(markers.get(0).markerRecordedEventAttributes().markerName())
        .isEqualTo("flow.resumed");
    assertThat(markers.get(0).markerRecordedEventAttributes().details())
        .contains("\"purpose\":\"resume\"", "\"for\":\"activity:Steps.numbered-1\"")
        .contains("\"from\":\"" + failed.runId() + "\"");
    assertThat(of(history, ACTIVITY_TASK_SCHEDULED)).hasSize(4);

    WorkflowReplayer.Result replayed =
        WorkflowReplayer.replay(TenStepsDefinition.of(TenStepsImpl::new), history);
    assertThat(replayed.closed()).isTrue();
  }

  @Test
  void resumeFrom_throughTheGeneratedClient_andFromTheFlowClient_reuseTheSameResults() {
    TenStepsWorkflowClient.Handle failed = failedAtSeven();
    StepsImpl.failAt = 9;

    TenStepsWorkflowClient.Handle again =
        TenStepsWorkflowClient.create(flow.client())
            .withOptions(
                StartOptions.builder()
                    .workflowId(failed.workflowId())
                    .resumeFrom(failed.workflowId(), failed.runId())
                    .build())
            .start("o1");
    assertThatThrownBy(again::result).hasMessageContaining("closed FAILED");
    assertThat(invocations()).containsEntry(7, 2).containsEntry(9, 1).doesNotContainKey(10);
    StepsImpl.failAt = 0;
    // a resumed run resumes too: its reused results and its own completed ones
    WorkflowHandle<Object> third = flow.client().resume(failed.workflowId(), again.runId());

    assertThat(third.result())
        .isEqualTo("o1 step-1 step-2 step-3 step-4 step-5 step-6 step-7 step-8 step-9 step-10");
    assertThat(invocations())
        .isEqualTo(Map.of(1, 1, 2, 1, 3, 1, 4, 1, 5, 1, 6, 1, 7, 2, 8, 1, 9, 2, 10, 1));
  }

  @Test
  void flowClientResume_ofTheLatestRun_withAnotherInput_reusesTheCallsWithTheSameInputs() {
    TenStepsWorkflowClient.Handle failed = failedAtSeven();

    WorkflowHandle<Object> resumed = flow.client().resume(failed.workflowId(), null, "[\"o9\"]");

    assertThat(resumed.result())
        .isEqualTo("o9 step-1 step-2 step-3 step-4 step-5 step-6 step-7 step-8 step-9 step-10");
    assertThat(invocations()).containsEntry(1, 1).containsEntry(6, 1).containsEntry(7, 2);
  }

  @Test
  void resume_ofACompletedOrOpenRun_isRefused_sayingWhy() {
    TenStepsWorkflowClient.Handle done = TenStepsWorkflowClient.create(flow.client()).start("o2");
    done.result();

    assertThatThrownBy(() -> done.untyped().resume())
        .isInstanceOf(FlowException.class)
        .hasMessageContaining("completed; there is nothing to resume");
    assertThat(StepsImpl.numbered.values().stream().mapToInt(AtomicInteger::get).sum())
        .isEqualTo(10);
  }
}
