package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.EXECUTION;
import static dev.flow.internal.replay.ReplayTesting.JSON;
import static dev.flow.internal.replay.ReplayTesting.T0;
import static dev.flow.internal.replay.ReplayTesting.controls;
import static dev.flow.internal.replay.ReplayTesting.decide;
import static dev.flow.internal.replay.ReplayTesting.definition;
import static dev.flow.internal.replay.ReplayTesting.instance;
import static dev.flow.internal.replay.ReplayTesting.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.Workflow;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.WorkflowDefinition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * A resumed run: its first task records the stopped run's results as markers, then the code runs
 * over them, calling only what had not completed; the new history replays alone.
 */
class ResumeReplayTest {
  static final String IO_FAILURE = RetryReplayTest.IO_FAILURE;

  /**
   * The stopped run: embedSubtitle failed once and succeeded on its second attempt, targetAds
   * completed, encodeVideo (webm) failed for good, and the run failed.
   */
  static List<HistoryEvent> stopped() {
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v.mp4\",\"s.srt\"]");
    h.decisionTask();
    h.decisionCompleted();
    long embed =
        h.activityScheduled(
            "Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v.mp4\",\"s.srt\"]");
    long ads = h.activityScheduled("Media.targetAds", "1.0", "Media.targetAds-2", "[\"s.srt\"]");
    h.activityFailed(embed, "java.io.IOException", IO_FAILURE);
    h.activityCompleted(ads, "[\"ad1\"]");
    h.decisionTask();
    h.decisionCompleted();
    h.timerFired(h.timerStarted("timer-3", 2));
    h.decisionTask();
    h.decisionCompleted();
    long embed2 =
        h.activityScheduled(
            "Media.embedSubtitle", "1.0", "Media.embedSubtitle-1@2", "[\"v.mp4\",\"s.srt\"]");
    h.activityCompleted(embed2, "\"v2.mp4\"");
    h.decisionTask();
    h.decisionCompleted();
    long webm =
        h.activityScheduled(
            "Media.encodeVideo", "1.0", "Media.encodeVideo-5", "[\"v2.mp4\",\"webm\"]");
    long mpeg4 =
        h.activityScheduled(
            "Media.encodeVideo", "1.0", "Media.encodeVideo-6", "[\"v2.mp4\",\"mpeg4\"]");
    h.activityCompleted(mpeg4, "\"v.mpeg\"");
    h.activityFailed(webm, "java.io.IOException", IO_FAILURE);
    h.decisionTask();
    h.decisionCompleted();
    h.workflowFailed("dev.flow.ActivityFailure", "{}");
    return h.build();
  }

  @Test
  void entries_foldAttemptsIntoTheirCall_andKeepOnlyCompletedOnes() {
    List<String> entries = Resume.entries(stopped(), "run-0");

    assertThat(entries).hasSize(3);
    assertThat(entries.get(0))
        .startsWith(
            "{\"flow\":1,\"purpose\":\"resume\",\"for\":\"activity:Media.targetAds-2\","
                + "\"call\":\"Media.targetAds\",\"key\":\"Media.targetAds#")
        .endsWith("\"nth\":1,\"from\":\"run-0\",\"result\":\"[\\\"ad1\\\"]\"}");
    assertThat(entries.get(1))
        .contains("\"for\":\"activity:Media.embedSubtitle-1\"", "\"result\":\"\\\"v2.mp4\\\"\"");
    assertThat(entries.get(2)).contains("\"for\":\"activity:Media.encodeVideo-6\"");
  }

  /**
   * Completes the first decision task of a run resuming {@link #stopped} as its worker answers it
   * (the results as markers, a zero-second timer), and starts the next one, the code's first.
   */
  private static void recordResumedAnswer(HistoryBuilder h) {
    h.decisionCompleted();
    for (String m : Resume.entries(stopped(), "run-0")) {
      StringBuilder withTotal = new StringBuilder(m);
      withTotal.insert(m.length() - 1, ",\"of\":3");
      h.markerRecorded("flow.resumed", withTotal.toString());
    }
    h.timerFired(h.timerStarted("flow-split-3", 0));
    h.decisionTask();
  }

  @Test
  void resumedRun_meetingAChangeAtTheCodesFirstStep_followsItsMaximum() {
    WorkflowDefinition versioned =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () -> instance(args -> "v" + Workflow.getVersion("ads", Workflow.DEFAULT_VERSION, 1)));
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v.mp4\",\"s.srt\"]", "flow.resume=run-0");
    h.decisionTask();
    recordResumedAnswer(h);

    // the first step was the worker's (the markers), not the code's: the code runs live at step 2
    assertThat(decide(versioned, h.build()))
        .containsExactly(
            "marker Version"
                + " {\"flow\":1,\"purpose\":\"version\",\"changeId\":\"ads\",\"version\":1}",
            "complete \"v1\"");
  }

  @Test
  void resumedRun_recordsTheResultsFirst_thenCallsOnlyWhatHadNotCompleted() {
    // 1 WorkflowExecutionStarted (tag flow.resume=run-0)  2 DecisionTaskScheduled
    // 3 DecisionTaskStarted  4 DecisionTaskCompleted  5-7 MarkerRecorded flow.resumed
    // 8 TimerStarted flow-split-3  9 TimerFired(8)  10 DecisionTaskScheduled  11
    // DecisionTaskStarted
    // 12 DecisionTaskCompleted  13 ActivityTaskScheduled Media.encodeVideo-1 (webm)
    // 14 ActivityTaskCompleted(13)  15 DecisionTaskScheduled  16 DecisionTaskStarted
    // 17 DecisionTaskCompleted  18 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v.mp4\",\"s.srt\"]", "flow.resume=run-0");
    h.decisionTask();
    List<WorkflowExecution> read = new ArrayList<>();
    List<String> first =
        summary(
            Resume.pending(
                h.build(),
                EXECUTION,
                run -> {
                  read.add(run);
                  return stopped();
                }));
    assertThat(read)
        .containsExactly(WorkflowExecution.builder().workflowId("video-42").runId("run-0").build());
    assertThat(first).hasSize(4);
    assertThat(first.get(0)).startsWith("marker flow.resumed {").contains("\"of\":3");
    assertThat(first.get(3)).isEqualTo("timer flow-split-3 0s");
    recordResumedAnswer(h);
    assertThat(Resume.pending(h.build(), EXECUTION, run -> stopped())).isNull();

    assertThat(decide(ActivityReplayTest.PROCESS, h.build()))
        .containsExactly("schedule Media.encodeVideo-1 [\"v2.mp4\",\"webm\"]");
    assertThat(controls(Decider.decide(ActivityReplayTest.PROCESS, EXECUTION, h.build(), JSON)))
        .containsExactly(
            "{\"flow\":1,\"call\":\"Media.encodeVideo\","
                + "\"deps\":[\"activity:Media.embedSubtitle-1\"]}");
    h.decisionCompleted();
    long webm =
        h.activityScheduled(
            "Media.encodeVideo", "1.0", "Media.encodeVideo-1", "[\"v2.mp4\",\"webm\"]");
    h.activityCompleted(webm, "\"v.webm\"");
    h.decisionTask();
    assertThat(decide(ActivityReplayTest.PROCESS, h.build()))
        .containsExactly("complete \"v.webm,v.mpeg,[ad1]\"");
    h.decisionCompleted();
    h.workflowCompleted("\"v.webm,v.mpeg,[ad1]\"");

    // the new history alone, replayed from its start, closes again as recorded
    assertThat(decide(ActivityReplayTest.PROCESS, h.build()))
        .containsExactly("complete \"v.webm,v.mpeg,[ad1]\"");
  }

  @Test
  void notResumed_orNothingToReuse_decidesAsUsual() {
    HistoryBuilder plain = new HistoryBuilder(T0);
    plain.workflowStarted("ProcessVideo", "1.0", "[\"v.mp4\",\"s.srt\"]");
    plain.decisionTask();
    assertThat(
            Resume.pending(
                plain.build(),
                EXECUTION,
                run -> {
                  throw new AssertionError("no run to read");
                }))
        .isNull();

    HistoryBuilder resumed = new HistoryBuilder(T0);
    resumed.workflowStarted("ProcessVideo", "1.0", "[\"v.mp4\",\"s.srt\"]", "flow.resume=run-0");
    resumed.decisionTask();
    List<HistoryEvent> nothingDone = stopped().subList(0, 3);
    assertThat(Resume.pending(resumed.build(), EXECUTION, run -> nothingDone)).isNull();
  }
}
