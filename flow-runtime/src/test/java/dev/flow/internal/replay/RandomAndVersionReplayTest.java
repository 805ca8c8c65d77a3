package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.EXECUTION;
import static dev.flow.internal.replay.ReplayTesting.JSON;
import static dev.flow.internal.replay.ReplayTesting.T0;
import static dev.flow.internal.replay.ReplayTesting.assertCompletesAndReplays;
import static dev.flow.internal.replay.ReplayTesting.decide;
import static dev.flow.internal.replay.ReplayTesting.definition;
import static dev.flow.internal.replay.ReplayTesting.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flow.Workflow;
import dev.flow.internal.replay.ReplayTesting.MediaStub;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.SignalSpec;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** Workflow.random(), randomUUID() and getVersion(). */
class RandomAndVersionReplayTest {
  /** Draws a number and a UUID and passes them to an activity. */
  static final WorkflowDefinition DRAWING =
      definition(
          TimeAndSignalsReplayTest.CLOCK,
          () ->
              instance(
                  args -> {
                    int n = Workflow.random().nextInt(1000);
                    String uuid = Workflow.randomUUID().toString();
                    return new MediaStub().targetAds(n + " " + uuid).get().get(0);
                  }));

  @Test
  void random_isSeededFromAMarkerRecordedOnce_andReplaysTheSameNumbers() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 MarkerRecorded Random <seed>
    // 6 ActivityTaskScheduled Media.targetAds-2 ["<n> <uuid>"]  7 ActivityTaskCompleted(6)
    // 8 DecisionTaskScheduled  9 DecisionTaskStarted  10 DecisionTaskCompleted
    // 11 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Clock", "1.0", "[]");
    h.decisionTask();
    List<Decision> first = Decider.decide(DRAWING, EXECUTION, h.build(), JSON);
    assertThat(first).hasSize(2);
    String seed = first.get(0).recordMarkerDecisionAttributes().details();
    assertThat(first.get(0).recordMarkerDecisionAttributes().markerName()).isEqualTo("Random");
    String input = first.get(1).scheduleActivityTaskDecisionAttributes().input();
    assertThat(input).matches("\\[\"\\d+ [0-9a-f-]{36}\"\\]");
    h.decisionCompleted();
    h.markerRecorded("Random", seed);
    long ads = h.activityScheduled("Media.targetAds", "1.0", "Media.targetAds-2", input);
    h.activityCompleted(ads, "[\"x\"]");
    h.decisionTask();
    assertThat(decide(DRAWING, h.build())).containsExactly("complete \"x\"");
    h.decisionCompleted();
    h.workflowCompleted("\"x\"");

    // the first task alone draws a new seed each time: replay the whole history
    assertThat(decide(DRAWING, h.build())).containsExactly("complete \"x\"");
    assertThat(decide(DRAWING, h.upTo(9))).containsExactly("complete \"x\"");
  }

  /** Version 1 of the change "ads": target ads before embedding; default: embed only. */
  static final WorkflowDefinition VERSIONED =
      definition(
          ActivityReplayTest.PROCESS_VIDEO,
          () -> {
            MediaStub media = new MediaStub();
            return instance(
                args -> {
                  int v = Workflow.getVersion("ads", Workflow.DEFAULT_VERSION, 1);
                  int again = Workflow.getVersion("ads", Workflow.DEFAULT_VERSION, 1);
                  String ads = v == 1 ? media.targetAds("s").get() + " " : "";
                  return ads + media.embedSubtitle("v", "s").get() + " v" + v + again;
                });
          });

  @Test
  void getVersion_newExecution_recordsTheMaximumOnce_andReplaysIt() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 MarkerRecorded Version {"changeId":"ads","version":1}
    // 6 ActivityTaskScheduled Media.targetAds-2  7 ActivityTaskCompleted(6)
    // 8 DecisionTaskScheduled  9 DecisionTaskStarted  10 DecisionTaskCompleted
    // 11 ActivityTaskScheduled Media.embedSubtitle-3  12 ActivityTaskCompleted(11)
    // 13 DecisionTaskScheduled  14 DecisionTaskStarted  15 DecisionTaskCompleted
    // 16 WorkflowExecutionCompleted
    String marker = "{\"flow\":1,\"purpose\":\"version\",\"changeId\":\"ads\",\"version\":1}";
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    assertThat(decide(VERSIONED, h.build()))
        .containsExactly("marker Version " + marker, "schedule Media.targetAds-2 [\"s\"]");
    h.decisionCompleted();
    h.markerRecorded("Version", marker);
    h.activityCompleted(
        h.activityScheduled("Media.targetAds", "1.0", "Media.targetAds-2", "[\"s\"]"), "[\"ad\"]");
    h.decisionTask();
    assertThat(decide(VERSIONED, h.build()))
        .containsExactly("schedule Media.embedSubtitle-3 [\"v\",\"s\"]");
    h.decisionCompleted();
    h.activityCompleted(
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-3", "[\"v\",\"s\"]"),
        "\"v2\"");
    assertCompletesAndReplays(VERSIONED, h, "\"[ad] v2 v11\"");
  }

  @Test
  void getVersion_metFirstOnReplayOfAnOlderHistory_returnsTheMinimum_issuingNothing() {
    // the history of the code before the change: embed only
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1
    // 6 ActivityTaskCompleted(5)  7 DecisionTaskScheduled  8 DecisionTaskStarted
    // 9 DecisionTaskCompleted  10 WorkflowExecutionCompleted
    HistoryBuilder h = embedded();
    assertThat(decide(VERSIONED, h.build())).containsExactly("complete \"v2 v-1-1\"");
    h.decisionCompleted();
    h.workflowCompleted("\"v2 v-1-1\"");

    // its first task alone is a new execution, which takes version 1: replay the whole history
    assertThat(decide(VERSIONED, h.build())).containsExactly("complete \"v2 v-1-1\"");
  }

  /**
   * The change "ads" met after the embedding: version 1 targets ads too; then the code waits for
   * the signal "go". The code before the change: embed, wait for "go".
   */
  static final WorkflowDefinition VERSIONED_AFTER_EMBEDDING =
      definition(
          WorkflowSpec.builder("ProcessVideo", "1.0")
              .taskList("video")
              .parameterTypes(String.class, String.class)
              .resultType(String.class)
              .signals(SignalSpec.of("go"))
              .build(),
          () -> {
            MediaStub media = new MediaStub();
            boolean[] go = {false};
            return instance(
                args -> {
                  String url = media.embedSubtitle("v", "s").get();
                  int v = Workflow.getVersion("ads", Workflow.DEFAULT_VERSION, 1);
                  String ads = v == 1 ? media.targetAds("s").get() + " " : "";
                  Workflow.await(() -> go[0]);
                  return ads + url + " v" + v;
                },
                (name, signalArgs) -> go[0] = true);
          });

  /** The history of code that embeds first, up to its second decision task, started. */
  private static HistoryBuilder embedded() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1
    // 6 ActivityTaskCompleted(5)  7 DecisionTaskScheduled  8 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    h.activityCompleted(
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]"),
        "\"v2\"");
    h.decisionTask();
    return h;
  }

  @Test
  void getVersion_metFirstAtAStepTheCodeAnsweredBefore_returnsTheMinimum_thoughNoCommandFollowed() {
    // ... 9 DecisionTaskCompleted (nothing: the code before the change waits for "go")
    // 10 WorkflowExecutionSignaled go  11 DecisionTaskScheduled  12 DecisionTaskStarted
    HistoryBuilder h = embedded();
    h.decisionCompleted();
    h.signaled("go", "[]");
    h.decisionTask();

    // the code ran step 2 (event 8) before the change: it follows the default there, as Temporal's
    // getVersion does for a workflow task it replays, and only a live step records a version
    assertThat(decide(VERSIONED_AFTER_EMBEDDING, h.build())).containsExactly("complete \"v2 v-1\"");
  }

  @Test
  void getVersion_metFirstAtAStepABlockedWorkerAnswered_returnsTheMaximum_atTheLiveStep() {
    // ... 9 DecisionTaskCompleted (blocked)  10 MarkerRecorded flow.blocked
    // 11 TimerStarted flow.blocked.retry-8  12 TimerFired(11)  13 DecisionTaskScheduled
    // 14 DecisionTaskStarted
    HistoryBuilder h = embedded();
    h.decisionCompleted();
    h.markerRecorded(Blocked.MARKER, "{\"flow\":1,\"purpose\":\"blocked\"}");
    h.timerFired(h.timerStarted("flow.blocked.retry-8", 5));
    h.decisionTask();
    List<HistoryEvent> history = new ArrayList<>(h.build());
    HistoryEvent answer = history.get(8);
    history.set(
        8,
        answer.toBuilder()
            .decisionTaskCompletedEventAttributes(
                answer.decisionTaskCompletedEventAttributes().toBuilder()
                    .executionContext(Blocked.CONTEXT)
                    .build())
            .build());

    // the code never ran past the embedding before (its worker answered blocked for it): the
    // change is new to this execution, which records the version it follows now
    assertThat(decide(VERSIONED_AFTER_EMBEDDING, history))
        .containsExactly(
            "marker Version"
                + " {\"flow\":1,\"purpose\":\"version\",\"changeId\":\"ads\",\"version\":1}",
            "schedule Media.targetAds-3 [\"s\"]");
  }

  @Test
  void recordedVersionNoLongerSupported_isNonDeterministic_namingChangeAndVersions() {
    WorkflowDefinition dropped =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () -> instance(args -> "v" + Workflow.getVersion("ads", 2, 3)));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 MarkerRecorded Version ads 1  6 WorkflowExecutionSignaled
    // 7 DecisionTaskScheduled  8 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    h.markerRecorded("Version", "{\"changeId\":\"ads\",\"version\":1}");
    h.signaled("nothing", "[]");
    h.decisionTask();

    assertThatThrownBy(() -> decide(dropped, h.build()))
        .isInstanceOf(NonDeterminismException.class)
        .hasMessageStartingWith(
            "workflow code calls getVersion(\"ads\", 2, 3) but this execution follows version 1"
                + " of that change");
  }
}
