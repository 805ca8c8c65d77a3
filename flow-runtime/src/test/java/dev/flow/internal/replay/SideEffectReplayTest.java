package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.T0;
import static dev.flow.internal.replay.ReplayTesting.assertReplaysAsRecorded;
import static dev.flow.internal.replay.ReplayTesting.decide;
import static dev.flow.internal.replay.ReplayTesting.definition;
import static dev.flow.internal.replay.ReplayTesting.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flow.Workflow;
import dev.flow.internal.replay.ReplayTesting.MediaStub;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.WorkflowDefinition;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SideEffectReplayTest {
  /** Draws a "random" number (a counter shared by every run), then uses it. */
  // the code counts its draws: the sticky cross-check of ReplayTesting.decide would draw more
  @BeforeEach
  void replayOnly() {
    ReplayTesting.REPLAY_ONLY.set(true);
  }

  @AfterEach
  void crossCheckAgain() {
    ReplayTesting.REPLAY_ONLY.remove();
  }

  static WorkflowDefinition drawing(AtomicInteger draws) {
    return definition(
        TimeAndSignalsReplayTest.CLOCK,
        () ->
            instance(
                args -> {
                  int n = Workflow.sideEffect(Integer.class, draws::incrementAndGet);
                  return new MediaStub().targetAds("n=" + n).get().get(0);
                }));
  }

  @Test
  void sideEffect_isRecordedInAMarker_andReplayedWithoutCallingItAgain() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 MarkerRecorded SideEffect 1  6 ActivityTaskScheduled
    // Media.targetAds-2
    // 7 ActivityTaskCompleted(6)  8 DecisionTaskScheduled  9 DecisionTaskStarted
    // 10 DecisionTaskCompleted  11 WorkflowExecutionCompleted
    AtomicInteger draws = new AtomicInteger();
    WorkflowDefinition workflow = drawing(draws);
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Clock", "1.0", "[]");
    h.decisionTask();
    assertThat(decide(workflow, h.build()))
        .containsExactly("marker SideEffect 1", "schedule Media.targetAds-2 [\"n=1\"]");
    h.decisionCompleted();
    h.markerRecorded("SideEffect", "1");
    long ads = h.activityScheduled("Media.targetAds", "1.0", "Media.targetAds-2", "[\"n=1\"]");
    h.activityCompleted(ads, "[\"ad for 1\"]");
    h.decisionTask();
    assertThat(decide(workflow, h.build())).containsExactly("complete \"ad for 1\"");
    assertThat(draws).hasValue(1);
    h.decisionCompleted();
    h.workflowCompleted("\"ad for 1\"");

    draws.set(100); // a fresh draw would differ; replays must not draw
    assertThat(decide(workflow, h.build())).containsExactly("complete \"ad for 1\"");
    assertThat(draws).hasValue(100);
  }

  @Test
  void sideEffect_whereTheHistoryRecordedAnotherCommand_isNonDeterministic() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.targetAds-1  6 DecisionTaskScheduled
    // 7 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Clock", "1.0", "[]");
    h.decisionTask();
    h.decisionCompleted();
    h.activityScheduled("Media.targetAds", "1.0", "Media.targetAds-1", "[\"n=1\"]");
    h.decisionTask();

    assertThatThrownBy(() -> decide(drawing(new AtomicInteger()), h.build()))
        .isInstanceOf(NonDeterminismException.class)
        .hasMessageContaining("command #1 (RecordMarker SideEffect)")
        .hasMessageContaining("event 5 (ActivityTaskScheduled");
  }

  @Test
  void wholeHistory_replaysAsRecorded() {
    AtomicInteger draws = new AtomicInteger(6);
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 MarkerRecorded SideEffect 7
    // 6 ActivityTaskScheduled Media.targetAds-2  7 ActivityTaskCompleted(6)
    // 8 DecisionTaskScheduled  9 DecisionTaskStarted  10 DecisionTaskCompleted
    // 11 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Clock", "1.0", "[]");
    h.decisionTask();
    h.decisionCompleted();
    h.markerRecorded("SideEffect", "7");
    long ads = h.activityScheduled("Media.targetAds", "1.0", "Media.targetAds-2", "[\"n=7\"]");
    h.activityCompleted(ads, "[\"ad for 7\"]");
    h.decisionTask();
    h.decisionCompleted();
    h.workflowCompleted("\"ad for 7\"");

    assertReplaysAsRecorded(drawing(draws), h.build());
  }
}
