package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.EXECUTION;
import static dev.flow.internal.replay.ReplayTesting.JSON;
import static dev.flow.internal.replay.ReplayTesting.T0;
import static dev.flow.internal.replay.ReplayTesting.decide;
import static dev.flow.internal.replay.ReplayTesting.definition;
import static dev.flow.internal.replay.ReplayTesting.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flow.internal.replay.ReplayTesting.MediaStub;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.WorkflowDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

class NonDeterminismTest {
  /** Version 1: embed the subtitles, then target ads. */
  static final WorkflowDefinition V1 =
      definition(
          ActivityReplayTest.PROCESS_VIDEO,
          () -> {
            MediaStub media = new MediaStub();
            return instance(
                args -> {
                  String url = media.embedSubtitle(args[0], args[1]).get();
                  return url + media.targetAds(args[1]).get();
                });
          });

  /**
   * 1 WorkflowExecutionStarted ["v","s"] 2 DecisionTaskScheduled 3 DecisionTaskStarted 4
   * DecisionTaskCompleted 5 ActivityTaskScheduled Media.embedSubtitle-1 6 ActivityTaskCompleted(5)
   * 7 DecisionTaskScheduled 8 DecisionTaskStarted
   */
  static List<HistoryEvent> historyOfV1() {
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    long embed =
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    h.activityCompleted(embed, "\"v2\"");
    h.decisionTask();
    return h.build();
  }

  @Test
  void theRecordedVersion_replays() {
    assertThat(decide(V1, historyOfV1())).containsExactly("schedule Media.targetAds-2 [\"s\"]");
  }

  @Test
  void anotherActivityInPlaceOfTheRecordedOne_isNonDeterministic_namingBothSides() {
    WorkflowDefinition v2 =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () -> {
              MediaStub media = new MediaStub();
              return instance(
                  args -> {
                    List<String> ads = media.targetAds(args[1]).get();
                    return media.embedSubtitle(args[0], args[1]).get() + ads;
                  });
            });

    assertThatThrownBy(() -> Decider.decide(v2, EXECUTION, historyOfV1(), JSON))
        .isInstanceOf(NonDeterminismException.class)
        .hasMessageContaining(
            "workflow code issued command #1 (ScheduleActivityTask Media.targetAds version 1.0 id"
                + " Media.targetAds-1)")
        .hasMessageContaining(
            "the history recorded event 5 (ActivityTaskScheduled: ScheduleActivityTask"
                + " Media.embedSubtitle version 1.0 id Media.embedSubtitle-1)")
        .hasMessageContaining("at step 1 (DecisionTaskStarted event 3)")
        .hasMessageNotContaining("inputs differ");
  }

  @Test
  void theSameActivityWithAnotherInput_isNonDeterministic_showingBothInputs() {
    WorkflowDefinition v2 =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () -> instance(args -> new MediaStub().embedSubtitle(args[0], "other.srt").get()));

    assertThatThrownBy(() -> Decider.decide(v2, EXECUTION, historyOfV1(), JSON))
        .isInstanceOf(NonDeterminismException.class)
        .hasMessageContaining("Media.embedSubtitle-1")
        .hasMessageContaining(
            "the inputs differ: recorded [\"v\",\"s\"], new [\"v\",\"other.srt\"]");
  }

  @Test
  void aLaterActivityWithAnotherInput_namesTheStepThatRecordedIt_andNoOther() {
    WorkflowDefinition v2 =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () -> {
              MediaStub media = new MediaStub();
              return instance(
                  args -> media.embedSubtitle(args[0], args[1]).get() + media.targetAds("x").get());
            });
    // 1 WorkflowExecutionStarted ["v","s"]  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1
    // 6 ActivityTaskCompleted(5)  7 DecisionTaskScheduled  8 DecisionTaskStarted
    // 9 DecisionTaskCompleted  10 ActivityTaskScheduled Media.targetAds-2 ["s"]
    // 11 ActivityTaskCompleted(10)  12 DecisionTaskScheduled  13 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    long embed =
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    h.activityCompleted(embed, "\"v2\"");
    h.decisionTask();
    h.decisionCompleted();
    long ads = h.activityScheduled("Media.targetAds", "1.0", "Media.targetAds-2", "[\"s\"]");
    h.activityCompleted(ads, "[]");
    h.decisionTask();

    assertThatThrownBy(() -> Decider.decide(v2, EXECUTION, h.build(), JSON))
        .isInstanceOf(NonDeterminismException.class)
        .hasMessageStartingWith(
            "workflow code issued command #2 (ScheduleActivityTask Media.targetAds version 1.0 id"
                + " Media.targetAds-2) where the history recorded event 10 (ActivityTaskScheduled:"
                + " ScheduleActivityTask Media.targetAds version 1.0 id Media.targetAds-2), at step"
                + " 2 (DecisionTaskStarted event 8); the inputs differ: recorded [\"s\"], new"
                + " [\"x\"]");
  }

  @Test
  void anInputEncodedDifferently_butEqualAsJson_matches() {
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    long embed =
        h.activityScheduled(
            "Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[ \"v\", \"s\" ]");
    h.activityCompleted(embed, "\"v2\"");
    h.decisionTask();

    assertThat(decide(V1, h.build())).containsExactly("schedule Media.targetAds-2 [\"s\"]");
  }

  @Test
  void aRecordedActivityTheCodeNoLongerIssues_isNonDeterministic() {
    WorkflowDefinition v2 =
        definition(ActivityReplayTest.PROCESS_VIDEO, () -> instance(args -> "done at once"));

    assertThatThrownBy(() -> Decider.decide(v2, EXECUTION, historyOfV1(), JSON))
        .isInstanceOf(NonDeterminismException.class)
        .hasMessageContaining(
            "recorded decision #1 event 5 (ActivityTaskScheduled: ScheduleActivityTask"
                + " Media.embedSubtitle version 1.0 id Media.embedSubtitle-1) was not issued")
        .hasMessageContaining("closed at step 1");
  }

  @Test
  void aRecordedActivityIssuedOnlyAfterItsResult_isNonDeterministic_atTheStepThatRecordedIt() {
    // the new code waits for a signal before calling the activity the old code called at once
    WorkflowDefinition v2 =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () -> {
              boolean[] go = {false};
              return instance(
                  args -> {
                    dev.flow.Workflow.await(() -> go[0]);
                    return new MediaStub().embedSubtitle(args[0], args[1]).get();
                  },
                  (name, args) -> go[0] = true);
            });

    assertThatThrownBy(() -> Decider.decide(v2, EXECUTION, historyOfV1(), JSON))
        .isInstanceOf(NonDeterminismException.class)
        .hasMessageContaining("recorded decision #1 event 5")
        .hasMessageContaining(
            "was not issued: the workflow code blocked at step 1 (DecisionTaskStarted event 3)")
        .hasMessageContaining("history goes on to step 2 (DecisionTaskStarted event 8)");
  }

  @Test
  void aTimerInPlaceOfAnActivity_isNonDeterministic() {
    WorkflowDefinition v2 =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () ->
                instance(
                    args -> {
                      dev.flow.Workflow.sleep(java.time.Duration.ofMinutes(1));
                      return "late";
                    }));

    assertThatThrownBy(() -> Decider.decide(v2, EXECUTION, historyOfV1(), JSON))
        .isInstanceOf(NonDeterminismException.class)
        .hasMessageContaining("command #1 (StartTimer id timer-1)")
        .hasMessageContaining(
            "event 5 (ActivityTaskScheduled: ScheduleActivityTask Media.embedSubtitle");
  }

  @Test
  void nonDeterminism_cannotBeCaughtByWorkflowCode() {
    WorkflowDefinition v2 =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () ->
                instance(
                    args -> {
                      try {
                        return new MediaStub().targetAds(args[1]).get();
                      } catch (RuntimeException e) {
                        return "caught " + e;
                      }
                    }));

    assertThatThrownBy(() -> Decider.decide(v2, EXECUTION, historyOfV1(), JSON))
        .isInstanceOf(NonDeterminismException.class);
  }
}
