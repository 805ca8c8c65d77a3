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

import dev.flow.Promise;
import dev.flow.Settable;
import dev.flow.Workflow;
import dev.flow.WorkflowInfo;
import dev.flow.internal.replay.ReplayTesting.MediaStub;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.SignalSpec;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.Decision;

class TimeAndSignalsReplayTest {
  static final WorkflowSpec CLOCK =
      WorkflowSpec.builder("Clock", "1.0").resultType(String.class).build();

  static final WorkflowSpec APPROVAL =
      WorkflowSpec.builder("Approval", "1.0")
          .resultType(String.class)
          .signals(SignalSpec.of("approve", String.class), SignalSpec.of("explode"))
          .build();

  /** Reads the time at two steps, and passes the first reading to an activity. */
  static final WorkflowDefinition TIMES =
      definition(
          CLOCK,
          () ->
              instance(
                  args -> {
                    Instant first = Workflow.now();
                    String echoed = new MediaStub().targetAds(first.toString()).get().get(0);
                    return echoed + " " + Workflow.now();
                  }));

  @Test
  void now_isTheTimeOfTheHorizonsDecisionTaskStarted_notOfTheLatestEvent() {
    // 1 WorkflowExecutionStarted (T0)  2 DecisionTaskScheduled  3 DecisionTaskStarted (T0+1s)
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.targetAds-1 ["T0+1s"]
    // 6 ActivityTaskCompleted (T0+60s)  7 DecisionTaskScheduled  8 DecisionTaskStarted (T0+61s)
    // 9 DecisionTaskCompleted (T0+62s)  10 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Clock", "1.0", "[]");
    h.decisionScheduled();
    h.advance(Duration.ofSeconds(1)).decisionStarted();
    assertThat(decide(TIMES, h.build()))
        .containsExactly("schedule Media.targetAds-1 [\"2026-01-01T10:00:01Z\"]");
    h.decisionCompleted();
    long ads =
        h.activityScheduled(
            "Media.targetAds", "1.0", "Media.targetAds-1", "[\"2026-01-01T10:00:01Z\"]");
    h.advance(Duration.ofSeconds(59)).activityCompleted(ads, "[\"2026-01-01T10:00:01Z\"]");
    h.decisionScheduled();
    h.advance(Duration.ofSeconds(1)).decisionStarted();
    String result = "\"2026-01-01T10:00:01Z 2026-01-01T10:01:01Z\"";
    assertThat(decide(TIMES, h.build())).containsExactly("complete " + result);
    h.advance(Duration.ofSeconds(1)).decisionCompleted();
    h.workflowCompleted(result);

    assertReplaysAsRecorded(TIMES, h.build());
  }

  @Test
  void decisionTaskThatTimedOut_isNotAStep() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted (T0+1s)
    // 4 DecisionTaskTimedOut (T0+31s)  5 DecisionTaskScheduled  6 DecisionTaskStarted (T0+32s)
    // 7 DecisionTaskCompleted  8 ActivityTaskScheduled Media.targetAds-1 ["T0+32s"]
    // 9 ActivityTaskCompleted  10 DecisionTaskScheduled  11 DecisionTaskStarted (T0+40s)
    // 12 DecisionTaskCompleted  13 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Clock", "1.0", "[]");
    h.decisionScheduled();
    long lost = h.advance(Duration.ofSeconds(1)).decisionStarted();
    assertThat(decide(TIMES, h.upTo(lost)))
        .containsExactly("schedule Media.targetAds-1 [\"2026-01-01T10:00:01Z\"]");
    h.advance(Duration.ofSeconds(30)).decisionTimedOut();
    h.decisionScheduled();
    h.advance(Duration.ofSeconds(1)).decisionStarted();
    // the task that timed out decided nothing: the code runs at the new task's time
    assertThat(decide(TIMES, h.build()))
        .containsExactly("schedule Media.targetAds-1 [\"2026-01-01T10:00:32Z\"]");
    h.decisionCompleted();
    long ads =
        h.activityScheduled(
            "Media.targetAds", "1.0", "Media.targetAds-1", "[\"2026-01-01T10:00:32Z\"]");
    h.activityCompleted(ads, "[\"echo\"]");
    h.decisionScheduled();
    h.advance(Duration.ofSeconds(8)).decisionStarted();
    assertThat(decide(TIMES, h.build())).containsExactly("complete \"echo 2026-01-01T10:00:40Z\"");
    h.decisionCompleted();
    h.workflowCompleted("\"echo 2026-01-01T10:00:40Z\"");

    assertReplaysAsRecorded(TIMES, h.build());
  }

  static final WorkflowDefinition SLEEPER =
      definition(
          CLOCK,
          () ->
              instance(
                  args -> {
                    Instant before = Workflow.now();
                    Workflow.sleep(Duration.ofMinutes(1));
                    Promise<Void> short1 = Workflow.timer(Duration.ofMillis(1500));
                    Promise<Void> none = Workflow.timer(Duration.ZERO);
                    short1.get();
                    return before + " " + none.isReady() + " " + Workflow.now();
                  }));

  @Test
  void sleep_startsATimer_andTheCodeGoesOnWhenItFires() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted (T0)
    // 4 DecisionTaskCompleted  5 TimerStarted timer-1 60s  6 TimerFired (T0+60s)
    // 7 DecisionTaskScheduled  8 DecisionTaskStarted (T0+60s)  9 DecisionTaskCompleted
    // 10 TimerStarted timer-2 2s  11 TimerFired (T0+62s)  12 DecisionTaskScheduled
    // 13 DecisionTaskStarted (T0+62s)  14 DecisionTaskCompleted  15 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Clock", "1.0", "[]");
    h.decisionTask();
    assertThat(decide(SLEEPER, h.build())).containsExactly("timer timer-1 60s");
    h.decisionCompleted();
    long timer1 = h.timerStarted("timer-1", 60);
    h.advance(Duration.ofSeconds(60)).timerFired(timer1);
    h.decisionTask();
    assertThat(decide(SLEEPER, h.build())).containsExactly("timer timer-2 2s");
    h.decisionCompleted();
    long timer2 = h.timerStarted("timer-2", 2);
    h.advance(Duration.ofSeconds(2)).timerFired(timer2);
    h.decisionTask();
    String result = "\"2026-01-01T10:00:00Z true 2026-01-01T10:01:02Z\"";
    assertThat(decide(SLEEPER, h.build())).containsExactly("complete " + result);
    h.decisionCompleted();
    h.workflowCompleted(result);

    assertReplaysAsRecorded(SLEEPER, h.build());
  }

  /** Waits for an approval signal, then returns who approved, with the workflow's facts. */
  static final WorkflowDefinition APPROVER =
      definition(
          APPROVAL,
          () -> {
            String[] approver = {null};
            return instance(
                args -> {
                  Workflow.await(() -> approver[0] != null);
                  WorkflowInfo info = Workflow.info();
                  return approver[0]
                      + " "
                      + info.workflowId()
                      + " "
                      + info.workflowType()
                      + " "
                      + Workflow.isCancelRequested();
                },
                (name, args) -> {
                  if (name.equals("explode")) {
                    throw new IllegalStateException("boom");
                  }
                  approver[0] = (String) args[0];
                });
          });

  @Test
  void await_advancesUntilASignalMakesTheConditionHold() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 WorkflowExecutionSignaled unknown  6 DecisionTaskScheduled
    // 7 DecisionTaskStarted  8 DecisionTaskCompleted  9 WorkflowExecutionCancelRequested
    // 10 WorkflowExecutionSignaled approve ["alice"]  11 DecisionTaskScheduled
    // 12 DecisionTaskStarted  13 DecisionTaskCompleted  14 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Approval", "1.0", "[]");
    h.decisionTask();
    assertThat(decide(APPROVER, h.build())).isEmpty();
    h.decisionCompleted();
    h.signaled("unknown", "[1]"); // no such signal: ignored
    h.decisionTask();
    assertThat(decide(APPROVER, h.build())).isEmpty();
    h.decisionCompleted();
    h.cancelRequested();
    h.signaled("approve", "[\"alice\"]");
    h.decisionTask();
    assertThat(decide(APPROVER, h.build()))
        .containsExactly("complete \"alice video-42 Approval true\"");
    h.decisionCompleted();
    h.workflowCompleted("\"alice video-42 Approval true\"");

    assertReplaysAsRecorded(APPROVER, h.build());
  }

  @Test
  void signalBeforeTheFirstDecisionTask_isDeliveredBeforeTheCodeRuns() {
    // 1 WorkflowExecutionStarted  2 WorkflowExecutionSignaled approve ["bob"]
    // 3 DecisionTaskScheduled  4 DecisionTaskStarted  5 DecisionTaskCompleted
    // 6 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Approval", "1.0", "[]");
    h.signaled("approve", "[\"bob\"]");
    h.decisionTask();

    assertThat(decide(APPROVER, h.build()))
        .containsExactly("complete \"bob video-42 Approval false\"");
    h.decisionCompleted();
    h.workflowCompleted("\"bob video-42 Approval false\"");

    assertReplaysAsRecorded(APPROVER, h.build());
  }

  @Test
  void signalHandlerThrowing_failsTheWorkflow() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 WorkflowExecutionSignaled explode  6 DecisionTaskScheduled
    // 7 DecisionTaskStarted  8 DecisionTaskCompleted  9 WorkflowExecutionFailed
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Approval", "1.0", "[]");
    h.decisionTask();
    h.decisionCompleted();
    h.signaled("explode", "[]");
    h.decisionTask();

    List<Decision> decisions = Decider.decide(APPROVER, EXECUTION, h.build(), JSON);

    assertThat(ReplayTesting.summary(decisions))
        .containsExactly("fail java.lang.IllegalStateException");
    assertThat(decisions.get(0).failWorkflowExecutionDecisionAttributes().details())
        .contains("\"message\":\"boom\"");
    var fail = decisions.get(0).failWorkflowExecutionDecisionAttributes();
    h.decisionCompleted();
    h.workflowFailed(fail.reason(), fail.details());
    assertReplaysAsRecorded(APPROVER, h.build());
  }

  /** Returns a promise that a signal completes. */
  static final WorkflowDefinition PENDING =
      definition(
          APPROVAL,
          () -> {
            Settable<String> approval = new Settable<>();
            return instance(
                args -> approval.map(who -> "approved by " + who),
                (name, args) -> approval.set((String) args[0]));
          });

  @Test
  void entryMethodReturningAPendingPromise_completesWhenItIsReady() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 WorkflowExecutionSignaled approve ["carol"]
    // 6 DecisionTaskScheduled  7 DecisionTaskStarted  8 DecisionTaskCompleted
    // 9 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Approval", "1.0", "[]");
    h.decisionTask();
    assertThat(decide(PENDING, h.build())).isEmpty();
    h.decisionCompleted();
    h.signaled("approve", "[\"carol\"]");
    assertCompletesAndReplays(PENDING, h, "\"approved by carol\"");
  }

  @Test
  void info_reportsTheExecutionTheDeciderWasGiven_andTheStartedEventsFacts() {
    WorkflowDefinition reporting =
        definition(CLOCK, () -> instance(args -> Workflow.info().toString()));
    // 1 WorkflowExecutionStarted tags [batch, nightly]  2 DecisionTaskScheduled
    // 3 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Clock", "1.0", "[]", "batch", "nightly");
    h.decisionTask();

    assertThat(decide(reporting, h.build()))
        .containsExactly(
            "complete \"WorkflowInfo[workflowId=video-42, runId=run-1, workflowType=Clock,"
                + " workflowVersion=1.0, taskList=wf-tasks, tags=[batch, nightly], attempt=1,"
                + " historyLength=3, parentWorkflowId=null, continuedExecutionRunId=null]\"");
    assertThat(ReplayTesting.summary(Decider.decide(reporting, h.build(), JSON)))
        .containsExactly(
            "complete \"WorkflowInfo[workflowId=null, runId=null, workflowType=Clock,"
                + " workflowVersion=1.0, taskList=wf-tasks, tags=[batch, nightly], attempt=1,"
                + " historyLength=3, parentWorkflowId=null, continuedExecutionRunId=null]\"");
  }

  @Test
  void voidWorkflow_completesWithNull() {
    WorkflowDefinition nothing =
        definition(WorkflowSpec.builder("Clock", "1.0").build(), () -> instance(args -> null));
    // 1 WorkflowExecutionStarted (no input)  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 WorkflowExecutionCompleted null
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Clock", "1.0", null);
    h.decisionTask();

    assertThat(decide(nothing, h.build())).containsExactly("complete null");
    h.decisionCompleted();
    h.workflowCompleted("null");

    assertReplaysAsRecorded(nothing, h.build());
  }
}
