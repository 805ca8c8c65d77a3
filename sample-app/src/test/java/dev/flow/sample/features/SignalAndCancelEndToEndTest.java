package dev.flow.sample.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flow.WorkflowFailedException;
import dev.flow.testing.FlowExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signals and cancellation through generated client handles. Each workflow runs an activity that
 * the test holds until it has signaled or canceled: a running activity holds the engine's clock, so
 * time cannot skip to the execution timeout first.
 */
class SignalAndCancelEndToEndTest {
  @RegisterExtension
  static FlowExtension flow = FlowExtension.builder().manifest(new FlowManifest()).build();

  @AfterEach
  void reset() {
    StepsImpl.reset();
  }

  @Test
  void signal_throughTheGeneratedHandle_unblocksTheWorkflow() throws Exception {
    ApprovalWorkflowClient.Handle run = ApprovalWorkflowClient.create(flow.client()).start();
    StepsImpl.awaitStarted("approval");

    run.approve("ann");
    StepsImpl.release("approval");

    assertThat(run.result()).isEqualTo("approved by ann, released approval");
  }

  @Test
  void cancel_reachesTheWorkflowAsCanceledFailure_andCleanupRunsNonCancellable() throws Exception {
    CancelableWorkflowClient.Handle run = CancelableWorkflowClient.create(flow.client()).start();
    StepsImpl.awaitStarted("cancel");

    run.cancel();

    assertThatThrownBy(run::result)
        .isInstanceOfSatisfying(
            WorkflowFailedException.class, f -> assertThat(f.closeStatus()).isEqualTo("CANCELED"));
    assertThat(StepsImpl.cleanups).containsExactly("after cancel");
  }
}
