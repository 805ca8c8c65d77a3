package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.T0;
import static dev.flow.internal.replay.ReplayTesting.assertCompletesAndReplays;
import static dev.flow.internal.replay.ReplayTesting.assertReplaysAsRecorded;
import static dev.flow.internal.replay.ReplayTesting.decide;
import static dev.flow.internal.replay.ReplayTesting.definition;
import static dev.flow.internal.replay.ReplayTesting.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.CanceledFailure;
import dev.flow.ChildWorkflowFailure;
import dev.flow.Promise;
import dev.flow.Workflow;
import dev.flow.internal.replay.ReplayTesting.MediaStub;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.SignalSpec;
import dev.flow.spi.Stubs;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Cancellation of the execution, of activities, timers and children. */
class CancellationReplayTest {
  /** Encodes; when canceled, cancels the encoding and cleans up before closing as canceled. */
  static final WorkflowDefinition CLEANING_UP =
      definition(
          ActivityReplayTest.PROCESS_VIDEO,
          () -> {
            MediaStub media = new MediaStub();
            return instance(
                args -> {
                  Promise<String> webm = media.encodeVideo("v", "webm");
                  try {
                    return webm.get();
                  } catch (CanceledFailure e) {
                    Workflow.cancel(webm);
                    Workflow.nonCancellable(() -> media.targetAds("cleanup").get());
                    throw e;
                  }
                });
          });

  @Test
  void
      cancelRequest_throwsCanceledFailureAtTheNextWait_cleanupWaitsInNonCancellable_closesCanceled() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.encodeVideo-1
    // 6 WorkflowExecutionCancelRequested  7 DecisionTaskScheduled  8 DecisionTaskStarted
    // 9 DecisionTaskCompleted  10 ActivityTaskCancelRequested Media.encodeVideo-1
    // 11 ActivityTaskScheduled Media.targetAds-3  12 ActivityTaskCanceled(5)
    // 13 ActivityTaskCompleted(11)  14 DecisionTaskScheduled  15 DecisionTaskStarted
    // 16 DecisionTaskCompleted  17 WorkflowExecutionCanceled
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    assertThat(decide(CLEANING_UP, h.build()))
        .containsExactly("schedule Media.encodeVideo-1 [\"v\",\"webm\"]");
    h.decisionCompleted();
    long encode =
        h.activityScheduled("Media.encodeVideo", "1.0", "Media.encodeVideo-1", "[\"v\",\"webm\"]");
    h.cancelRequested();
    h.decisionTask();
    assertThat(decide(CLEANING_UP, h.build()))
        .containsExactly(
            "cancel activity Media.encodeVideo-1", "schedule Media.targetAds-3 [\"cleanup\"]");
    h.decisionCompleted();
    long cancel = h.activityCancelRequested("Media.encodeVideo-1");
    long cleanup =
        h.activityScheduled("Media.targetAds", "1.0", "Media.targetAds-3", "[\"cleanup\"]");
    h.activityCanceled(encode, cancel);
    h.activityCompleted(cleanup, "[]");
    h.decisionTask();
    assertThat(decide(CLEANING_UP, h.build())).containsExactly("canceled");
    h.decisionCompleted();
    h.workflowCanceled("cancellation of workflow execution video-42 was requested (event 6)");

    assertReplaysAsRecorded(CLEANING_UP, h.build());
  }

  @Test
  void canceledActivityWhoseResultWonTheRace_completesNormally() {
    WorkflowDefinition workflow =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () ->
                instance(
                    args -> {
                      Promise<String> embed = new MediaStub().embedSubtitle("v", "s");
                      Workflow.sleep(Duration.ofSeconds(5));
                      Workflow.cancel(embed);
                      return embed.get();
                    }));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1
    // 6 TimerStarted timer-2  7 TimerFired(6)  8 DecisionTaskScheduled  9 DecisionTaskStarted
    // 10 DecisionTaskCompleted  11 ActivityTaskCancelRequested Media.embedSubtitle-1
    // 12 ActivityTaskCompleted(5) "v2"  13 DecisionTaskScheduled  14 DecisionTaskStarted
    // 15 DecisionTaskCompleted  16 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    assertThat(decide(workflow, h.build()))
        .containsExactly("schedule Media.embedSubtitle-1 [\"v\",\"s\"]", "timer timer-2 5s");
    h.decisionCompleted();
    long embed =
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    h.timerFired(h.timerStarted("timer-2", 5));
    h.decisionTask();
    assertThat(decide(workflow, h.build()))
        .containsExactly("cancel activity Media.embedSubtitle-1");
    h.decisionCompleted();
    h.activityCancelRequested("Media.embedSubtitle-1");
    h.activityCompleted(embed, "\"v2\"");
    assertCompletesAndReplays(workflow, h, "\"v2\"");
  }

  @Test
  void callWaitingForItsArguments_canceled_failsAtOnce_andIsNeverIssued() {
    WorkflowDefinition workflow =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () -> {
              MediaStub media = new MediaStub();
              return instance(
                  args -> {
                    Promise<String> url = media.embedSubtitle("v", "s");
                    Promise<String> webm = media.encodeVideo(url, "webm");
                    Workflow.cancel(webm);
                    String outcome;
                    try {
                      outcome = webm.get();
                    } catch (CanceledFailure e) {
                      outcome = "webm canceled";
                    }
                    return url.get() + " " + outcome;
                  });
            });
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1
    // 6 ActivityTaskCompleted(5) "v2"  7 DecisionTaskScheduled  8 DecisionTaskStarted
    // 9 DecisionTaskCompleted  10 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    assertThat(decide(workflow, h.build()))
        .containsExactly("schedule Media.embedSubtitle-1 [\"v\",\"s\"]");
    h.decisionCompleted();
    long embed =
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    h.activityCompleted(embed, "\"v2\"");
    assertCompletesAndReplays(workflow, h, "\"v2 webm canceled\"");
  }

  @Test
  void canceledChild_getsRequestCancelExternal_andItsCancelFailsThePromise() {
    WorkflowDefinition parent =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () ->
                instance(
                    args -> {
                      Promise<String> child =
                          Stubs.childWorkflow(HistoryReplayTest.CHILD, null, "v");
                      Workflow.sleep(Duration.ofSeconds(10));
                      Workflow.cancel(child);
                      try {
                        return child.get();
                      } catch (ChildWorkflowFailure e) {
                        return e.reason() + " " + e.getCause().getClass().getSimpleName();
                      }
                    }));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 StartChildWorkflowExecutionInitiated video-42.1
    // 6 TimerStarted timer-2  7 ChildWorkflowExecutionStarted(5)  8 TimerFired(6)
    // 9 DecisionTaskScheduled  10 DecisionTaskStarted  11 DecisionTaskCompleted
    // 12 RequestCancelExternalWorkflowExecutionInitiated video-42.1
    // 13 ExternalWorkflowExecutionCancelRequested(12)  14 ChildWorkflowExecutionCanceled(5)
    // 15 DecisionTaskScheduled  16 DecisionTaskStarted  17 DecisionTaskCompleted
    // 18 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    assertThat(decide(parent, h.build()))
        .containsExactly("child Thumbnail video-42.1 [\"v\"]", "timer timer-2 10s");
    h.decisionCompleted();
    long child = h.childInitiated("Thumbnail", "2.0", "video-42.1", "[\"v\"]");
    long timer = h.timerStarted("timer-2", 10);
    long started = h.childStarted(child, "child-run");
    h.timerFired(timer);
    h.decisionTask();
    assertThat(decide(parent, h.build())).containsExactly("cancel workflow video-42.1");
    h.decisionCompleted();
    h.externalCancelRequested(h.cancelExternalInitiated("video-42.1", "child-run"));
    h.childCanceled(child, started);
    assertCompletesAndReplays(parent, h, "\"canceled CanceledFailure\"");
  }

  static final WorkflowSpec APPROVAL =
      WorkflowSpec.builder("Approval", "1.0")
          .resultType(String.class)
          .signals(SignalSpec.of("approve", String.class))
          .build();

  /** Waits an hour at most for approval. */
  static final WorkflowDefinition APPROVING =
      definition(
          APPROVAL,
          () -> {
            String[] approver = new String[1];
            return instance(
                args ->
                    Workflow.await(Duration.ofHours(1), () -> approver[0] != null)
                        ? "approved by " + approver[0]
                        : "no answer",
                (name, args) -> approver[0] = (String) args[0]);
          });

  @Test
  void awaitWithTimeout_conditionFirst_cancelsItsTimer_andReturnsTrue() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 TimerStarted timer-1 3600s  6 WorkflowExecutionSignaled approve
    // 7 DecisionTaskScheduled  8 DecisionTaskStarted  9 DecisionTaskCompleted
    // 10 TimerCanceled(5)  11 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Approval", "1.0", "[]");
    h.decisionTask();
    assertThat(decide(APPROVING, h.build())).containsExactly("timer timer-1 3600s");
    h.decisionCompleted();
    long timer = h.timerStarted("timer-1", 3600);
    h.signaled("approve", "[\"bob\"]");
    h.decisionTask();
    assertThat(decide(APPROVING, h.build()))
        .containsExactly("cancel timer timer-1", "complete \"approved by bob\"");
    h.decisionCompleted();
    h.timerCanceled(timer);
    h.workflowCompleted("\"approved by bob\"");

    assertReplaysAsRecorded(APPROVING, h.build());
  }

  @Test
  void awaitWithTimeout_timerFirst_returnsFalse() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 TimerStarted timer-1 3600s  6 TimerFired(5)
    // 7 DecisionTaskScheduled  8 DecisionTaskStarted  9 DecisionTaskCompleted
    // 10 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Approval", "1.0", "[]");
    h.decisionTask();
    h.decisionCompleted();
    h.timerFired(h.timerStarted("timer-1", 3600));
    assertCompletesAndReplays(APPROVING, h, "\"no answer\"");
  }

  @Test
  void awaitWithTimeout_timerFiredThenSignalInOneDecisionTask_returnsFalse() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 TimerStarted timer-1 3600s  6 TimerFired(5)
    // 7 WorkflowExecutionSignaled approve ["bob"]  8 DecisionTaskScheduled  9 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Approval", "1.0", "[]");
    h.decisionTask();
    h.decisionCompleted();
    h.timerFired(h.timerStarted("timer-1", 3600));
    h.signaled("approve", "[\"bob\"]");
    h.decisionTask();

    assertThat(decide(APPROVING, h.build())).containsExactly("complete \"no answer\"");
  }

  @Test
  void awaitWithTimeout_signalThenTimerFiredInOneDecisionTask_returnsTrue() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 TimerStarted timer-1 3600s  6 WorkflowExecutionSignaled approve
    // 7 TimerFired(5)  8 DecisionTaskScheduled  9 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Approval", "1.0", "[]");
    h.decisionTask();
    h.decisionCompleted();
    long timer = h.timerStarted("timer-1", 3600);
    h.signaled("approve", "[\"bob\"]");
    h.timerFired(timer);
    h.decisionTask();

    assertThat(decide(APPROVING, h.build())).containsExactly("complete \"approved by bob\"");
  }

  @Test
  void canceledTimer_failsItsPromiseAtOnce_withCancelTimer() {
    WorkflowDefinition workflow =
        definition(
            APPROVAL,
            () ->
                instance(
                    args -> {
                      Promise<Void> t = Workflow.timer(Duration.ofMinutes(1));
                      Workflow.cancel(t);
                      try {
                        t.get();
                        return "fired";
                      } catch (CanceledFailure e) {
                        return e.getMessage();
                      }
                    }));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Approval", "1.0", "[]");
    h.decisionTask();

    assertThat(decide(workflow, h.build()))
        .containsExactly(
            "timer timer-1 60s", "cancel timer timer-1", "complete \"timer timer-1 was canceled\"");
  }

  @Test
  void awaitWithTimeout_conditionHoldingAlready_startsNoTimer() {
    WorkflowDefinition workflow =
        definition(
            APPROVAL,
            () -> instance(args -> "held " + Workflow.await(Duration.ofHours(1), () -> true)));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Approval", "1.0", "[]");
    h.decisionTask();

    assertThat(decide(workflow, h.build())).containsExactly("complete \"held true\"");
  }

  @Test
  void callCanceledWhileWaitingToRetry_cancelsTheWaitsTimer_andFailsAtOnce_withTheFailureBefore() {
    WorkflowDefinition workflow =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () ->
                instance(
                    args -> {
                      Promise<String> embed =
                          Stubs.activity(RetryReplayTest.EMBED_WITH_RETRY, null, "v", "s");
                      Workflow.await(() -> Workflow.info().historyLength() > 3);
                      Workflow.cancel(embed);
                      try {
                        return embed.get();
                      } catch (CanceledFailure e) {
                        return e.getMessage() + " after " + e.getSuppressed().length;
                      }
                    }));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1
    // 6 ActivityTaskFailed(5)  7 DecisionTaskScheduled  8 DecisionTaskStarted
    // 9 DecisionTaskCompleted  10 TimerStarted timer-2  11 TimerCanceled(10)
    // 12 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    assertThat(decide(workflow, h.build()))
        .containsExactly("schedule Media.embedSubtitle-1 [\"v\",\"s\"]");
    h.decisionCompleted();
    long embed =
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    h.activityFailed(embed, "java.io.IOException", RetryReplayTest.IO_FAILURE);
    h.decisionTask();
    String result =
        "\"activity Media.embedSubtitle (id Media.embedSubtitle-1) was canceled while waiting to"
            + " try again after 1\"";
    assertThat(decide(workflow, h.build()))
        .containsExactly("timer timer-2 2s", "cancel timer timer-2", "complete " + result);
    h.decisionCompleted();
    h.timerCanceled(h.timerStarted("timer-2", 2));
    h.workflowCompleted(result);

    assertReplaysAsRecorded(workflow, h.build());
  }
}
