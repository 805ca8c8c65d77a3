package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.T0;
import static dev.flow.internal.replay.ReplayTesting.assertCompletesAndReplays;
import static dev.flow.internal.replay.ReplayTesting.assertReplaysAsRecorded;
import static dev.flow.internal.replay.ReplayTesting.decide;
import static dev.flow.internal.replay.ReplayTesting.definition;
import static dev.flow.internal.replay.ReplayTesting.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.ChildWorkflowFailure;
import dev.flow.FlowException;
import dev.flow.Promise;
import dev.flow.Workflow;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.ChildHandle;
import dev.flow.spi.Stubs;
import dev.flow.spi.WorkflowDefinition;
import org.junit.jupiter.api.Test;

/** Signals to other executions, child handles, child failures. */
class SignalsAndChildrenReplayTest {
  @Test
  void signalToAnotherExecution_isReadyWhenDelivered_andFailsWhenSwfCouldNot() {
    WorkflowDefinition workflow =
        definition(
            TimeAndSignalsReplayTest.CLOCK,
            () ->
                instance(
                    args -> {
                      Promise<Void> ok = Workflow.signal("other", null, "approve", "bob");
                      Promise<Void> bad = Workflow.signal("gone", "r1", "approve", "x");
                      ok.get();
                      try {
                        bad.get();
                        return "both";
                      } catch (FlowException e) {
                        return e.getMessage();
                      }
                    }));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 SignalExternalWorkflowExecutionInitiated other approve
    // 6 SignalExternalWorkflowExecutionInitiated gone approve  7
    // ExternalWorkflowExecutionSignaled(5)
    // 8 SignalExternalWorkflowExecutionFailed(6) UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION
    // 9 DecisionTaskScheduled  10 DecisionTaskStarted  11 DecisionTaskCompleted
    // 12 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Clock", "1.0", "[]");
    h.decisionTask();
    assertThat(decide(workflow, h.build()))
        .containsExactly("signal other approve [\"bob\"]", "signal gone approve [\"x\"]");
    h.decisionCompleted();
    long ok = h.signalExternalInitiated("other", null, "approve", "[\"bob\"]");
    long bad = h.signalExternalInitiated("gone", "r1", "approve", "[\"x\"]");
    h.externalSignaled(ok);
    h.signalExternalFailed(bad, "UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION");
    h.decisionTask();
    String result =
        "\"signal approve to workflow gone failed: UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION\"";
    assertThat(decide(workflow, h.build())).containsExactly("complete " + result);
    h.decisionCompleted();
    h.workflowCompleted(result);

    assertReplaysAsRecorded(workflow, h.build());
  }

  @Test
  void childHandle_signalsTheChildOnceStarted_andGivesItsIdAndResult() {
    WorkflowDefinition parent =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () ->
                instance(
                    args -> {
                      ChildHandle<String> child =
                          Stubs.startChild(HistoryReplayTest.CHILD, null, "v");
                      Promise<Void> sent = child.signal("addChapter", "intro");
                      return child.workflowId().get()
                          + " "
                          + child.result().get()
                          + " "
                          + sent.isReady();
                    }));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 StartChildWorkflowExecutionInitiated video-42.1
    // 6 ChildWorkflowExecutionStarted(5)  7 DecisionTaskScheduled  8 DecisionTaskStarted
    // 9 DecisionTaskCompleted  10 SignalExternalWorkflowExecutionInitiated video-42.1 addChapter
    // 11 ExternalWorkflowExecutionSignaled(10)  12 ChildWorkflowExecutionCompleted(5) "thumb"
    // 13 DecisionTaskScheduled  14 DecisionTaskStarted  15 DecisionTaskCompleted
    // 16 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    assertThat(decide(parent, h.build())).containsExactly("child Thumbnail video-42.1 [\"v\"]");
    h.decisionCompleted();
    long child = h.childInitiated("Thumbnail", "2.0", "video-42.1", "[\"v\"]");
    long started = h.childStarted(child, "child-run");
    h.decisionTask();
    assertThat(decide(parent, h.build()))
        .containsExactly("signal video-42.1 addChapter [\"intro\"]");
    h.decisionCompleted();
    h.externalSignaled(h.signalExternalInitiated("video-42.1", null, "addChapter", "[\"intro\"]"));
    h.childCompleted(child, started, "\"thumb\"");
    assertCompletesAndReplays(parent, h, "\"video-42.1 thumb true\"");
  }

  /** Describes how its child failed. */
  static final WorkflowDefinition DESCRIBING_PARENT =
      definition(
          ActivityReplayTest.PROCESS_VIDEO,
          () ->
              instance(
                  args -> {
                    ChildHandle<String> child =
                        Stubs.startChild(HistoryReplayTest.CHILD, null, "v");
                    try {
                      return child.result().get();
                    } catch (ChildWorkflowFailure e) {
                      String id;
                      try {
                        id = child.workflowId().get();
                      } catch (ChildWorkflowFailure again) {
                        id = "never started";
                      }
                      return e.reason()
                          + " / "
                          + e.remoteType()
                          + " / "
                          + e.remoteMessage()
                          + " / "
                          + (e.getCause() == null ? null : e.getCause().getClass().getSimpleName())
                          + " / "
                          + id;
                    }
                  }));

  @Test
  void childFailure_isParsedLikeAnActivitys_withATypedCause() {
    String details =
        "{\"type\":\"java.lang.IllegalStateException\",\"message\":\"no frames\","
            + "\"stackTrace\":\"\",\"cause\":null}";
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 StartChildWorkflowExecutionInitiated video-42.1
    // 6 ChildWorkflowExecutionStarted(5)  7 ChildWorkflowExecutionFailed(5)
    // 8 DecisionTaskScheduled  9 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    long child = h.childInitiated("Thumbnail", "2.0", "video-42.1", "[\"v\"]");
    h.childFailed(child, h.childStarted(child, "r"), "java.lang.IllegalStateException", details);
    h.decisionTask();

    assertThat(decide(DESCRIBING_PARENT, h.build()))
        .containsExactly(
            "complete \"java.lang.IllegalStateException / java.lang.IllegalStateException / no"
                + " frames / IllegalStateException / video-42.1\"");
  }

  @Test
  void childThatCouldNotStart_failsItsResultAndItsId() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 StartChildWorkflowExecutionInitiated video-42.1
    // 6 StartChildWorkflowExecutionFailed(5) WORKFLOW_ALREADY_RUNNING  7 DecisionTaskScheduled
    // 8 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    long child = h.childInitiated("Thumbnail", "2.0", "video-42.1", "[\"v\"]");
    h.startChildFailed(child, "WORKFLOW_ALREADY_RUNNING");
    h.decisionTask();

    assertThat(decide(DESCRIBING_PARENT, h.build()))
        .containsExactly(
            "complete \"failed to start: WORKFLOW_ALREADY_RUNNING / null / null / null / never"
                + " started\"");
  }

  @Test
  void childOfARunContinuedAsNew_hasAnIdWithTheRunId_soItNeverMeetsTheChildrenOfRunsBefore() {
    WorkflowDefinition parent =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () -> instance(args -> Stubs.childWorkflow(HistoryReplayTest.CHILD, null, "v").get()));
    // 1 WorkflowExecutionStarted (continued from run-0)  2 DecisionTaskScheduled
    // 3 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowContinued("ProcessVideo", "1.0", "[\"v\",\"s\"]", "run-0");
    h.decisionTask();

    assertThat(decide(parent, h.build()))
        .containsExactly("child Thumbnail video-42.run-1.1 [\"v\"]");
  }

  @Test
  void childHandleWhoseArgumentFailed_failsItsIdAndResultWithThatFailure_startingNothing() {
    WorkflowDefinition parent =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () ->
                instance(
                    args -> {
                      Promise<String> url = Promise.failed(new IllegalStateException("no url"));
                      ChildHandle<String> child =
                          Stubs.startChild(HistoryReplayTest.CHILD, null, url);
                      Promise<Void> sent = child.signal("addChapter", "intro");
                      try {
                        child.workflowId().get();
                        return "started";
                      } catch (IllegalStateException e) {
                        return e.getMessage() + " " + sent.isReady();
                      }
                    }));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();

    assertThat(decide(parent, h.build())).containsExactly("complete \"no url true\"");
  }
}
