package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.EXECUTION;
import static dev.flow.internal.replay.ReplayTesting.JSON;
import static dev.flow.internal.replay.ReplayTesting.T0;
import static dev.flow.internal.replay.ReplayTesting.assertCompletesAndReplays;
import static dev.flow.internal.replay.ReplayTesting.controls;
import static dev.flow.internal.replay.ReplayTesting.decide;
import static dev.flow.internal.replay.ReplayTesting.definition;
import static dev.flow.internal.replay.ReplayTesting.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.Promise;
import dev.flow.Promises;
import dev.flow.Workflow;
import dev.flow.internal.replay.ReplayTesting.MediaStub;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.Stubs;
import dev.flow.spi.WorkflowDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * The control record of each decision: the call, its data dependencies ({@code deps}) and the
 * results the code had observed ({@code after}); the purpose of Flow's own timers. The sticky
 * cross-check of {@link ReplayTesting#decide} compares the controls of both paths too.
 */
class ControlReplayTest {
  static final ActivitySpec EXTRACT_THUMBNAIL =
      ActivitySpec.builder("Media.extractThumbnail", "1.0")
          .taskList("media")
          .parameterTypes(String.class, String.class)
          .resultType(String.class)
          .build();

  /** The process-video workflow of the design brief. */
  static final WorkflowDefinition PROCESS =
      definition(
          ActivityReplayTest.PROCESS_VIDEO,
          () -> {
            MediaStub media = new MediaStub();
            return instance(
                args -> {
                  String videoUrl = (String) args[0];
                  Promise<String> newUrl = media.embedSubtitle(videoUrl, args[1]);
                  Promise<String> webm = media.encodeVideo(newUrl, "webm");
                  Promise<String> mpeg4 = media.encodeVideo(newUrl, "mpeg4");
                  Promise<List<String>> ads = media.targetAds(args[1]);
                  List<String> chapters = media.findChapters(videoUrl).get();
                  List<Promise<String>> thumbs = new ArrayList<>();
                  for (String c : chapters) {
                    thumbs.add(Stubs.activity(EXTRACT_THUMBNAIL, null, videoUrl, c));
                  }
                  return webm.get()
                      + ","
                      + mpeg4.get()
                      + ","
                      + Promises.getAll(thumbs)
                      + ","
                      + ads.get();
                });
          });

  private static List<String> controlsOf(WorkflowDefinition workflow, HistoryBuilder h) {
    return controls(Decider.decide(workflow, EXECUTION, h.build(), JSON));
  }

  @Test
  void processVideo_depsNameThePromisedArguments_afterNamesTheResultTheCodeWaitedFor() {
    // 1 WorkflowExecutionStarted ["v","s"]  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1
    // 6 ActivityTaskScheduled Media.targetAds-2  7 ActivityTaskScheduled Media.findChapters-3
    // 8 ActivityTaskCompleted(5) "v2"  9 ActivityTaskCompleted(6) ["ad"]
    // 10 ActivityTaskCompleted(7) ["c1","c2"]  11 DecisionTaskScheduled  12 DecisionTaskStarted
    // 13 DecisionTaskCompleted  14..17 ActivityTaskScheduled encodeVideo-4, -5,
    // extractThumbnail-6, -7  18..21 ActivityTaskCompleted  22 DecisionTaskScheduled
    // 23 DecisionTaskStarted  24 DecisionTaskCompleted  25 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    assertThat(decide(PROCESS, h.build()))
        .containsExactly(
            "schedule Media.embedSubtitle-1 [\"v\",\"s\"]",
            "schedule Media.targetAds-2 [\"s\"]",
            "schedule Media.findChapters-3 [\"v\"]");
    assertThat(controlsOf(PROCESS, h))
        .containsExactly(
            "{\"flow\":1,\"call\":\"Media.embedSubtitle\"}",
            "{\"flow\":1,\"call\":\"Media.targetAds\"}",
            "{\"flow\":1,\"call\":\"Media.findChapters\"}");
    h.decisionCompleted();
    long embed =
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    long ads = h.activityScheduled("Media.targetAds", "1.0", "Media.targetAds-2", "[\"s\"]");
    long find = h.activityScheduled("Media.findChapters", "1.0", "Media.findChapters-3", "[\"v\"]");
    h.activityCompleted(embed, "\"v2\"");
    h.activityCompleted(ads, "[\"ad\"]");
    h.activityCompleted(find, "[\"c1\",\"c2\"]");
    h.decisionTask();
    assertThat(decide(PROCESS, h.build()))
        .containsExactly(
            "schedule Media.encodeVideo-4 [\"v2\",\"webm\"]",
            "schedule Media.encodeVideo-5 [\"v2\",\"mpeg4\"]",
            "schedule Media.extractThumbnail-6 [\"v\",\"c1\"]",
            "schedule Media.extractThumbnail-7 [\"v\",\"c2\"]");
    // targetAds completed in the same step, but the code did not read it: not in after
    assertThat(controlsOf(PROCESS, h))
        .containsExactly(
            "{\"flow\":1,\"call\":\"Media.encodeVideo\",\"deps\":[\"activity:Media.embedSubtitle-1\"]}",
            "{\"flow\":1,\"call\":\"Media.encodeVideo\",\"deps\":[\"activity:Media.embedSubtitle-1\"]}",
            "{\"flow\":1,\"call\":\"Media.extractThumbnail\","
                + "\"after\":[\"activity:Media.findChapters-3\"]}",
            "{\"flow\":1,\"call\":\"Media.extractThumbnail\","
                + "\"after\":[\"activity:Media.findChapters-3\"]}");
    h.decisionCompleted();
    long webm =
        h.activityScheduled("Media.encodeVideo", "1.0", "Media.encodeVideo-4", "[\"v2\",\"webm\"]");
    long mpeg4 =
        h.activityScheduled(
            "Media.encodeVideo", "1.0", "Media.encodeVideo-5", "[\"v2\",\"mpeg4\"]");
    long t1 =
        h.activityScheduled(
            "Media.extractThumbnail", "1.0", "Media.extractThumbnail-6", "[\"v\",\"c1\"]");
    long t2 =
        h.activityScheduled(
            "Media.extractThumbnail", "1.0", "Media.extractThumbnail-7", "[\"v\",\"c2\"]");
    h.activityCompleted(webm, "\"w\"");
    h.activityCompleted(mpeg4, "\"m\"");
    h.activityCompleted(t1, "\"t1\"");
    h.activityCompleted(t2, "\"t2\"");
    assertCompletesAndReplays(PROCESS, h, "\"w,m,[t1, t2],[ad]\"");
  }

  @Test
  void callsIssuedAfterALaterWait_nameOnlyTheResultsSeenInThatWait() {
    WorkflowDefinition workflow =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () -> {
              MediaStub media = new MediaStub();
              return instance(
                  args -> {
                    String a = media.embedSubtitle("v", "s").get();
                    media.targetAds(a); // after embedSubtitle
                    media.targetAds("x"); // still after embedSubtitle: nothing seen since
                    Workflow.sleep(Duration.ofSeconds(30));
                    return media.encodeVideo(a, "webm").get(); // after the timer only
                  });
            });
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1
    // 6 ActivityTaskCompleted(5) "v2"  7 DecisionTaskScheduled  8 DecisionTaskStarted
    // 9 DecisionTaskCompleted  10 ActivityTaskScheduled Media.targetAds-2
    // 11 ActivityTaskScheduled Media.targetAds-3  12 TimerStarted timer-4  13 TimerFired(12)
    // 14 DecisionTaskScheduled  15 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    assertThat(controlsOf(workflow, h))
        .containsExactly("{\"flow\":1,\"call\":\"Media.embedSubtitle\"}");
    h.decisionCompleted();
    long embed =
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    h.activityCompleted(embed, "\"v2\"");
    h.decisionTask();
    assertThat(decide(workflow, h.build()))
        .containsExactly(
            "schedule Media.targetAds-2 [\"v2\"]",
            "schedule Media.targetAds-3 [\"x\"]",
            "timer timer-4 30s");
    assertThat(controlsOf(workflow, h))
        .containsExactly(
            "{\"flow\":1,\"call\":\"Media.targetAds\","
                + "\"after\":[\"activity:Media.embedSubtitle-1\"]}",
            "{\"flow\":1,\"call\":\"Media.targetAds\","
                + "\"after\":[\"activity:Media.embedSubtitle-1\"]}",
            "{\"flow\":1,\"call\":\"Workflow.sleep\","
                + "\"after\":[\"activity:Media.embedSubtitle-1\"]}");
    h.decisionCompleted();
    h.activityScheduled("Media.targetAds", "1.0", "Media.targetAds-2", "[\"v2\"]");
    h.activityScheduled("Media.targetAds", "1.0", "Media.targetAds-3", "[\"x\"]");
    h.timerFired(h.timerStarted("timer-4", 30));
    h.decisionTask();
    assertThat(decide(workflow, h.build()))
        .containsExactly("schedule Media.encodeVideo-5 [\"v2\",\"webm\"]");
    assertThat(controlsOf(workflow, h))
        .containsExactly(
            "{\"flow\":1,\"call\":\"Media.encodeVideo\",\"after\":[\"timer:timer-4\"]}");
  }

  @Test
  void retryBackoffAndLaterAttempts_sayWhichCallAndAttempt() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1
    // 6 ActivityTaskFailed(5)  7 DecisionTaskScheduled  8 DecisionTaskStarted
    // 9 DecisionTaskCompleted  10 TimerStarted timer-2  11 TimerFired(10)
    // 12 DecisionTaskScheduled  13 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    assertThat(controlsOf(RetryReplayTest.RETRYING, h))
        .containsExactly("{\"flow\":1,\"call\":\"Media.embedSubtitle\"}");
    h.decisionCompleted();
    long first =
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    h.activityFailed(first, "java.io.IOException", RetryReplayTest.IO_FAILURE);
    h.decisionTask();
    assertThat(decide(RetryReplayTest.RETRYING, h.build())).containsExactly("timer timer-2 2s");
    assertThat(controlsOf(RetryReplayTest.RETRYING, h))
        .containsExactly(
            "{\"flow\":1,\"purpose\":\"retry\",\"for\":\"activity:Media.embedSubtitle-1\","
                + "\"call\":\"Media.embedSubtitle\",\"attempt\":2}");
    h.decisionCompleted();
    h.timerFired(h.timerStarted("timer-2", 2));
    h.decisionTask();
    assertThat(decide(RetryReplayTest.RETRYING, h.build()))
        .containsExactly("schedule Media.embedSubtitle-1@2 [\"v\",\"s\"]");
    assertThat(controlsOf(RetryReplayTest.RETRYING, h))
        .containsExactly("{\"flow\":1,\"call\":\"Media.embedSubtitle\",\"attempt\":2}");
  }

  @Test
  void awaitWithTimeout_timerSaysSo_andTheCallAfterItNamesTheSignalThatEndedTheWait() {
    boolean[] approved = new boolean[1];
    WorkflowDefinition workflow =
        definition(
            TimeAndSignalsReplayTest.APPROVAL,
            () -> {
              MediaStub media = new MediaStub();
              return instance(
                  args -> {
                    Workflow.await(Duration.ofHours(1), () -> approved[0]);
                    return media.embedSubtitle("v", "s").get();
                  },
                  (name, args) -> approved[0] = true);
            });
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 TimerStarted timer-1 3600s  6 WorkflowExecutionSignaled
    // 7 DecisionTaskScheduled  8 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Approval", "1.0", "[]");
    h.decisionTask();
    approved[0] = false;
    assertThat(decide(workflow, h.build())).containsExactly("timer timer-1 3600s");
    approved[0] = false;
    assertThat(controlsOf(workflow, h))
        .containsExactly("{\"flow\":1,\"purpose\":\"await-timeout\",\"call\":\"Workflow.await\"}");
    h.decisionCompleted();
    h.timerStarted("timer-1", 3600);
    long signal = h.signaled("approve", "[\"yes\"]");
    h.decisionTask();
    approved[0] = false;
    List<HistoryEvent> history = h.build();
    List<String> controls = controls(Decider.decide(workflow, EXECUTION, history, JSON));
    assertThat(controls)
        .containsExactly(
            null, // the CancelTimer of the await's timer carries no control
            "{\"flow\":1,\"call\":\"Media.embedSubtitle\",\"after\":[\"signal:" + signal + "\"]}");
  }
}
