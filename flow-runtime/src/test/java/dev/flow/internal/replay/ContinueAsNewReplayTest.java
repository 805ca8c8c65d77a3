package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.EXECUTION;
import static dev.flow.internal.replay.ReplayTesting.JSON;
import static dev.flow.internal.replay.ReplayTesting.T0;
import static dev.flow.internal.replay.ReplayTesting.assertCompletesAndReplays;
import static dev.flow.internal.replay.ReplayTesting.assertReplaysAsRecorded;
import static dev.flow.internal.replay.ReplayTesting.decide;
import static dev.flow.internal.replay.ReplayTesting.definition;
import static dev.flow.internal.replay.ReplayTesting.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.ContinueAsNewOptions;
import dev.flow.Workflow;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.Stubs;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.ChildPolicy;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;

/** Continue-as-new, the run number and the history length. */
class ContinueAsNewReplayTest {
  static final WorkflowSpec COUNTER =
      WorkflowSpec.builder("Counter", "1.0")
          .parameterTypes(int.class)
          .resultType(String.class)
          .build();

  /** Counts to 3 over runs; each run sleeps a minute first and reports its run number. */
  static final WorkflowDefinition COUNTING =
      definition(
          COUNTER,
          () ->
              instance(
                  args -> {
                    int n = (int) args[0];
                    Workflow.sleep(Duration.ofMinutes(1));
                    if (n < 3) {
                      return Stubs.continueAsNew(COUNTER, null, n + 1);
                    }
                    return "done at run "
                        + Workflow.info().attempt()
                        + " "
                        + Workflow.info().tags();
                  }));

  @Test
  void continueAsNew_endsTheRun_carryingTaskListTimeoutsTagsAndTheRunNumberOver() {
    // 1 WorkflowExecutionStarted [1] tags [batch]  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 TimerStarted timer-1  6 TimerFired(5)  7 DecisionTaskScheduled
    // 8 DecisionTaskStarted  9 DecisionTaskCompleted  10 WorkflowExecutionContinuedAsNew [2]
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Counter", "1.0", "[1]", "batch");
    h.decisionTask();
    assertThat(decide(COUNTING, h.build())).containsExactly("timer timer-1 60s");
    h.decisionCompleted();
    h.timerFired(h.timerStarted("timer-1", 60));
    h.decisionTask();

    List<Decision> decisions = Decider.decide(COUNTING, EXECUTION, h.build(), JSON);

    assertThat(decisions).hasSize(1);
    assertThat(decisions.get(0).decisionType())
        .isEqualTo(DecisionType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION);
    var a = decisions.get(0).continueAsNewWorkflowExecutionDecisionAttributes();
    assertThat(a.input()).isEqualTo("[2]");
    assertThat(a.workflowTypeVersion()).isEqualTo("1.0");
    assertThat(a.taskList().name()).isEqualTo(HistoryBuilder.TASK_LIST);
    assertThat(a.executionStartToCloseTimeout()).isEqualTo("3600");
    assertThat(a.taskStartToCloseTimeout()).isEqualTo("30");
    assertThat(a.childPolicy()).isEqualTo(ChildPolicy.TERMINATE);
    assertThat(a.tagList()).containsExactly("batch", "flow.attempt=2");
    h.decisionCompleted();
    h.continuedAsNew("[2]");

    assertReplaysAsRecorded(COUNTING, h.build());
  }

  @Test
  void continuedRun_reportsItsRunNumber_andHidesTheTagThatCarriesIt() {
    // 1 WorkflowExecutionStarted [3] tags [batch, flow.attempt=3]  2 DecisionTaskScheduled
    // 3 DecisionTaskStarted  4 DecisionTaskCompleted  5 TimerStarted timer-1  6 TimerFired(5)
    // 7 DecisionTaskScheduled  8 DecisionTaskStarted  9 DecisionTaskCompleted
    // 10 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Counter", "1.0", "[3]", "batch", "flow.attempt=3");
    h.decisionTask();
    h.decisionCompleted();
    h.timerFired(h.timerStarted("timer-1", 60));
    assertCompletesAndReplays(COUNTING, h, "\"done at run 3 [batch]\"");
  }

  @Test
  void continueAsNewOptions_overrideWhatIsCarriedOver() {
    WorkflowDefinition moving =
        definition(
            COUNTER,
            () ->
                instance(
                    args -> {
                      Workflow.continueAsNew(
                          ContinueAsNewOptions.builder()
                              .version("2.0")
                              .taskList("elsewhere")
                              .executionStartToCloseTimeout(Duration.ofMinutes(119).plusMillis(1))
                              .tags("fresh")
                              .priority(7)
                              .build(),
                          Workflow.info().attempt());
                      return "not reached";
                    }));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Counter", "1.0", "[1]", "batch");
    h.decisionTask();

    List<Decision> decisions = Decider.decide(moving, EXECUTION, h.build(), JSON);

    assertThat(decisions).hasSize(1);
    var a = decisions.get(0).continueAsNewWorkflowExecutionDecisionAttributes();
    assertThat(a.input()).isEqualTo("[1]");
    assertThat(a.workflowTypeVersion()).isEqualTo("2.0");
    assertThat(a.taskList().name()).isEqualTo("elsewhere");
    assertThat(a.executionStartToCloseTimeout()).isEqualTo("7141");
    assertThat(a.taskStartToCloseTimeout()).isEqualTo("30");
    assertThat(a.taskPriority()).isEqualTo("7");
    assertThat(a.tagList()).containsExactly("fresh", "flow.attempt=2");
  }

  @Test
  void selfStubPath_continuesAsItsSpecsVersion_unlessTheOptionsNameOne() {
    WorkflowSpec newer = WorkflowSpec.builder("Counter", "1.1").parameterTypes(int.class).build();
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Counter", "1.0", "[1]");
    h.decisionTask();

    WorkflowDefinition bySpec =
        definition(COUNTER, () -> instance(args -> Stubs.continueAsNew(newer, null, 2)));
    WorkflowDefinition byOptions =
        definition(
            COUNTER,
            () ->
                instance(
                    args ->
                        Stubs.continueAsNew(
                            newer, ContinueAsNewOptions.builder().version("3.0").build(), 2)));

    assertThat(continuedAs(bySpec, h)).isEqualTo("1.1 [2]");
    assertThat(continuedAs(byOptions, h)).isEqualTo("3.0 [2]");
  }

  private static String continuedAs(WorkflowDefinition definition, HistoryBuilder h) {
    var a =
        Decider.decide(definition, EXECUTION, h.build(), JSON)
            .get(0)
            .continueAsNewWorkflowExecutionDecisionAttributes();
    return a.workflowTypeVersion() + " " + a.input();
  }

  @Test
  void continueAsNewAsAnotherType_failsTheWorkflow_sayingSo() {
    WorkflowDefinition wrong =
        definition(
            COUNTER, () -> instance(args -> Stubs.continueAsNew(HistoryReplayTest.CHILD, null)));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Counter", "1.0", "[1]");
    h.decisionTask();

    List<Decision> decisions = Decider.decide(wrong, EXECUTION, h.build(), JSON);

    assertThat(decisions.get(0).failWorkflowExecutionDecisionAttributes().details())
        .contains("continue-as-new keeps the workflow type: this is Counter, not Thumbnail");
  }

  @Test
  void continueAsNewSuggested_pastTheThreshold_asOfTheHorizon() {
    WorkflowDefinition asking =
        definition(
            COUNTER,
            () ->
                instance(
                    args -> {
                      String before =
                          Workflow.isContinueAsNewSuggested()
                              + "@"
                              + Workflow.info().historyLength();
                      Workflow.sleep(Duration.ofMinutes(1));
                      return before
                          + " "
                          + Workflow.isContinueAsNewSuggested()
                          + "@"
                          + Workflow.info().historyLength();
                    }));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 TimerStarted timer-1  6 TimerFired(5)  7 DecisionTaskScheduled
    // 8 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Counter", "1.0", "[1]");
    h.decisionTask();
    h.decisionCompleted();
    h.timerFired(h.timerStarted("timer-1", 60));
    h.decisionTask();

    List<Decision> decisions =
        new Execution(asking, EXECUTION, History.of(h.build()), JSON, new Limits(100, 1_000, 5))
            .run();

    assertThat(ReplayTesting.summary(decisions)).containsExactly("complete \"false@3 true@8\"");
  }

  @Test
  void continueAsNewRefusedBySwf_isDecidedAgain_atTheNextTask() {
    WorkflowDefinition restarting =
        definition(COUNTER, () -> instance(args -> Stubs.continueAsNew(COUNTER, null, 7)));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 WorkflowExecutionSignaled  5 DecisionTaskCompleted
    // 6 ContinueAsNewWorkflowExecutionFailed UNHANDLED_DECISION  7 DecisionTaskScheduled
    // 8 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Counter", "1.0", "[1]");
    h.decisionTask();
    assertThat(decide(restarting, h.build())).containsExactly("continue [7]");
    h.signaled("late", "[]");
    h.decisionCompleted();
    h.continueAsNewFailed("UNHANDLED_DECISION");
    h.decisionTask();

    assertThat(decide(restarting, h.build())).containsExactly("continue [7]");
  }
}
