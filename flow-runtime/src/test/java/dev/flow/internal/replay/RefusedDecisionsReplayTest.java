package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.EXECUTION;
import static dev.flow.internal.replay.ReplayTesting.JSON;
import static dev.flow.internal.replay.ReplayTesting.T0;
import static dev.flow.internal.replay.ReplayTesting.decide;
import static dev.flow.internal.replay.ReplayTesting.definition;
import static dev.flow.internal.replay.ReplayTesting.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.FlowException;
import dev.flow.Promise;
import dev.flow.Workflow;
import dev.flow.internal.replay.ReplayTesting.MediaStub;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;

/** Decisions SWF refused (the *Failed events), and failing on non-determinism. */
class RefusedDecisionsReplayTest {
  @Test
  void failureRefusedBySwf_isDecidedAgain_atTheNextTask() {
    WorkflowDefinition failing =
        definition(
            StepsReplayTest.ECHO,
            () ->
                instance(
                    args -> {
                      throw new IllegalStateException("no");
                    }));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 WorkflowExecutionSignaled  5 DecisionTaskCompleted
    // 6 FailWorkflowExecutionFailed UNHANDLED_DECISION  7 DecisionTaskScheduled
    // 8 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Echo", "1.0", "[]");
    h.decisionTask();
    assertThat(decide(failing, h.build())).containsExactly("fail java.lang.IllegalStateException");
    h.signaled("add", "[\"late\"]");
    h.decisionCompleted();
    h.failWorkflowFailed("UNHANDLED_DECISION");
    h.decisionTask();

    assertThat(decide(failing, h.build())).containsExactly("fail java.lang.IllegalStateException");
  }

  @Test
  void cancelRefusedBySwf_isDecidedAgain_atTheNextTask() {
    WorkflowDefinition waiting =
        definition(
            StepsReplayTest.ECHO,
            () ->
                instance(
                    args -> {
                      Workflow.await(() -> false);
                      return "never";
                    },
                    (name, args) -> {}));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 WorkflowExecutionCancelRequested  6 DecisionTaskScheduled
    // 7 DecisionTaskStarted  8 WorkflowExecutionSignaled  9 DecisionTaskCompleted
    // 10 CancelWorkflowExecutionFailed UNHANDLED_DECISION  11 DecisionTaskScheduled
    // 12 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Echo", "1.0", "[]");
    h.decisionTask();
    assertThat(decide(waiting, h.build())).isEmpty();
    h.decisionCompleted();
    h.cancelRequested();
    h.decisionTask();
    assertThat(decide(waiting, h.build())).containsExactly("canceled");
    h.signaled("add", "[\"late\"]");
    h.decisionCompleted();
    h.cancelWorkflowFailed("UNHANDLED_DECISION");
    h.decisionTask();

    assertThat(decide(waiting, h.build())).containsExactly("canceled");
  }

  @Test
  void startTimerFailed_failsTheTimersPromise_andTheCodeGoesOn() {
    WorkflowDefinition sleeper =
        definition(
            TimeAndSignalsReplayTest.CLOCK,
            () ->
                instance(
                    args -> {
                      try {
                        Workflow.sleep(Duration.ofMinutes(1));
                        return "slept";
                      } catch (FlowException e) {
                        return e.getMessage();
                      }
                    }));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 StartTimerFailed timer-1 TIMER_CREATION_RATE_EXCEEDED
    // 6 DecisionTaskScheduled  7 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Clock", "1.0", "[]");
    h.decisionTask();
    assertThat(decide(sleeper, h.build())).containsExactly("timer timer-1 60s");
    h.decisionCompleted();
    h.startTimerFailed("timer-1", "TIMER_CREATION_RATE_EXCEEDED");
    h.decisionTask();

    assertThat(decide(sleeper, h.build()))
        .containsExactly(
            "complete \"timer timer-1 could not start: TIMER_CREATION_RATE_EXCEEDED\"");
  }

  @Test
  void requestCancelActivityTaskFailed_leavesTheActivitysOwnOutcome() {
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
    // 6 TimerStarted timer-2  7 ActivityTaskCompleted(5) "v2"  8 TimerFired(6)
    // 9 DecisionTaskScheduled  10 DecisionTaskStarted  11 DecisionTaskCompleted
    // 12 RequestCancelActivityTaskFailed ACTIVITY_ID_UNKNOWN  13 DecisionTaskScheduled
    // 14 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    long embed =
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    long timer = h.timerStarted("timer-2", 5);
    h.activityCompleted(embed, "\"v2\"");
    h.timerFired(timer);
    h.decisionTask();
    // the activity completed in the same step: canceling a ready promise issues nothing
    assertThat(decide(workflow, h.build())).containsExactly("complete \"v2\"");

    // a decider that saw the timer fire before the result asked for the cancel; SWF refused it
    HistoryBuilder g = new HistoryBuilder(T0);
    g.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    g.decisionTask();
    g.decisionCompleted();
    long embed2 =
        g.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    g.timerFired(g.timerStarted("timer-2", 5));
    g.decisionTask();
    assertThat(decide(workflow, g.build()))
        .containsExactly("cancel activity Media.embedSubtitle-1");
    g.activityCompleted(embed2, "\"v2\"");
    g.decisionCompleted();
    g.requestCancelActivityFailed("Media.embedSubtitle-1", "ACTIVITY_ID_UNKNOWN");
    g.decisionTask();
    assertThat(decide(workflow, g.build())).containsExactly("complete \"v2\"");
  }

  @Test
  void nonDeterminism_inAWorkflowThatAsksToFail_failsTheExecution_namingBothSides() {
    WorkflowSpec failFast =
        WorkflowSpec.builder("ProcessVideo", "1.0")
            .parameterTypes(String.class, String.class)
            .resultType(String.class)
            .failOnNonDeterminism(true)
            .build();
    WorkflowDefinition v2 =
        definition(
            failFast, () -> instance(args -> new MediaStub().targetAds(args[1]).get().toString()));

    List<Decision> decisions =
        Decider.decide(v2, EXECUTION, NonDeterminismTest.historyOfV1(), JSON);

    assertThat(decisions).hasSize(1);
    assertThat(decisions.get(0).decisionType()).isEqualTo(DecisionType.FAIL_WORKFLOW_EXECUTION);
    var fail = decisions.get(0).failWorkflowExecutionDecisionAttributes();
    assertThat(fail.reason()).isEqualTo("NonDeterministicWorkflow");
    assertThat(fail.details())
        .contains("Media.targetAds-1")
        .contains("ActivityTaskScheduled: ScheduleActivityTask Media.embedSubtitle");
  }
}
