package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.EXECUTION;
import static dev.flow.internal.replay.ReplayTesting.JSON;
import static dev.flow.internal.replay.ReplayTesting.T0;
import static dev.flow.internal.replay.ReplayTesting.decide;
import static dev.flow.internal.replay.ReplayTesting.definition;
import static dev.flow.internal.replay.ReplayTesting.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.internal.replay.ReplayTesting.MediaStub;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.WorkflowDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** Decisions split over tasks, and activities held back under the open-activity cap. */
class LimitsReplayTest {
  static List<String> decideWith(
      Limits limits, WorkflowDefinition definition, List<HistoryEvent> history) {
    return ReplayTesting.summary(
        new Execution(definition, EXECUTION, History.of(history), JSON, limits).run());
  }

  /** Issues four activities and completes without waiting for them. */
  static final WorkflowDefinition FOUR =
      definition(
          ActivityReplayTest.PROCESS_VIDEO,
          () -> {
            MediaStub media = new MediaStub();
            return instance(
                args -> {
                  for (String format : new String[] {"a", "b", "c", "d"}) {
                    media.encodeVideo("v", format);
                  }
                  return "issued";
                });
          });

  @Test
  void moreDecisionsThanOneAnswerCarries_areSplit_byAZeroSecondTimer_andReplay() {
    Limits three = new Limits(3, 1_000, 10_000);
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.encodeVideo-1
    // 6 ActivityTaskScheduled Media.encodeVideo-2  7 TimerStarted flow-split-3 0s
    // 8 TimerFired(7)  9 DecisionTaskScheduled  10 DecisionTaskStarted  11 DecisionTaskCompleted
    // 12 ActivityTaskScheduled Media.encodeVideo-3  13 ActivityTaskScheduled Media.encodeVideo-4
    // 14 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    assertThat(decideWith(three, FOUR, h.build()))
        .containsExactly(
            "schedule Media.encodeVideo-1 [\"v\",\"a\"]",
            "schedule Media.encodeVideo-2 [\"v\",\"b\"]",
            "timer flow-split-3 0s");
    h.decisionCompleted();
    h.activityScheduled("Media.encodeVideo", "1.0", "Media.encodeVideo-1", "[\"v\",\"a\"]");
    h.activityScheduled("Media.encodeVideo", "1.0", "Media.encodeVideo-2", "[\"v\",\"b\"]");
    h.timerFired(h.timerStarted("flow-split-3", 0));
    h.decisionTask();
    assertThat(decideWith(three, FOUR, h.build()))
        .containsExactly(
            "schedule Media.encodeVideo-3 [\"v\",\"c\"]",
            "schedule Media.encodeVideo-4 [\"v\",\"d\"]",
            "complete \"issued\"");
    h.decisionCompleted();
    h.activityScheduled("Media.encodeVideo", "1.0", "Media.encodeVideo-3", "[\"v\",\"c\"]");
    h.activityScheduled("Media.encodeVideo", "1.0", "Media.encodeVideo-4", "[\"v\",\"d\"]");
    h.workflowCompleted("\"issued\"");

    assertThat(decide(FOUR, h.build())).containsExactly("complete \"issued\"");
  }

  @Test
  void activitiesBeyondTheOpenActivityCap_areHeldBack_andGoOutAsOthersClose() {
    Limits two = new Limits(100, 2, 10_000);
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.encodeVideo-1
    // 6 ActivityTaskScheduled Media.encodeVideo-2  7 ActivityTaskCompleted(5)
    // 8 DecisionTaskScheduled  9 DecisionTaskStarted  10 DecisionTaskCompleted
    // 11 ActivityTaskScheduled Media.encodeVideo-3  12 ActivityTaskCompleted(6)
    // 13 ActivityTaskCompleted(11)  14 DecisionTaskScheduled  15 DecisionTaskStarted
    // 16 DecisionTaskCompleted  17 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    assertThat(decideWith(two, StepsReplayTest.THREE, h.build()))
        .containsExactly(
            "schedule Media.encodeVideo-1 [\"v\",\"a\"]",
            "schedule Media.encodeVideo-2 [\"v\",\"b\"]");
    h.decisionCompleted();
    long a =
        h.activityScheduled("Media.encodeVideo", "1.0", "Media.encodeVideo-1", "[\"v\",\"a\"]");
    long b =
        h.activityScheduled("Media.encodeVideo", "1.0", "Media.encodeVideo-2", "[\"v\",\"b\"]");
    h.activityCompleted(a, "\"A\"");
    h.decisionTask();
    assertThat(decideWith(two, StepsReplayTest.THREE, h.build()))
        .containsExactly("schedule Media.encodeVideo-3 [\"v\",\"c\"]");
    h.decisionCompleted();
    long c =
        h.activityScheduled("Media.encodeVideo", "1.0", "Media.encodeVideo-3", "[\"v\",\"c\"]");
    h.activityCompleted(b, "\"B\"");
    h.activityCompleted(c, "\"C\"");
    h.decisionTask();
    assertThat(decideWith(two, StepsReplayTest.THREE, h.build()))
        .containsExactly("complete \"ABC\"");
    h.decisionCompleted();
    h.workflowCompleted("\"ABC\"");

    assertThat(decide(StepsReplayTest.THREE, h.build())).containsExactly("complete \"ABC\"");
  }

  @Test
  void limitsFromSystemProperties_defaultToSwfs() {
    assertThat(Limits.fromSystemProperties()).isEqualTo(new Limits(100, 1_000, 10_000));
  }
}
