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

import dev.flow.ActivityFailure;
import dev.flow.CallOptions;
import dev.flow.Promise;
import dev.flow.internal.replay.ReplayTesting.MediaStub;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.Stubs;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowSpec;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.ActivityTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;

class ActivityReplayTest {
  static final WorkflowSpec PROCESS_VIDEO =
      WorkflowSpec.builder("ProcessVideo", "1.0")
          .taskList("video")
          .parameterTypes(String.class, String.class)
          .resultType(String.class)
          .build();

  static final String FAILURE_DETAILS =
      "{\"type\":\"java.io.IOException\",\"message\":\"disk full\",\"stackTrace\":"
          + "\"java.io.IOException: disk full\\n\\tat Media.embed(Media.java:1)\",\"cause\":null}";

  /** The process-video workflow of the design brief, trimmed to four activities. */
  static final WorkflowDefinition PROCESS =
      definition(
          PROCESS_VIDEO,
          () -> {
            MediaStub media = new MediaStub();
            return instance(
                args -> {
                  String videoUrl = (String) args[0];
                  String subtitleUrl = (String) args[1];
                  Promise<String> newUrl = media.embedSubtitle(videoUrl, subtitleUrl);
                  Promise<String> webm = media.encodeVideo(newUrl, "webm");
                  Promise<String> mpeg4 = media.encodeVideo(newUrl, "mpeg4");
                  Promise<List<String>> ads = media.targetAds(subtitleUrl);
                  return webm.get() + "," + mpeg4.get() + "," + ads.get();
                });
          });

  @Test
  void dependentActivity_isScheduledWhenItsPromisedArgumentIsReady_independentOnesTogether() {
    // 1 WorkflowExecutionStarted ["v.mp4","s.srt"]  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1
    // 6 ActivityTaskScheduled Media.targetAds-2  7 ActivityTaskStarted(5)
    // 8 ActivityTaskCompleted(5) "v2.mp4"  9 DecisionTaskScheduled  10 DecisionTaskStarted
    // 11 DecisionTaskCompleted  12 ActivityTaskScheduled Media.encodeVideo-3
    // 13 ActivityTaskScheduled Media.encodeVideo-4  14 ActivityTaskCompleted(6) ["ad1"]
    // 15 DecisionTaskScheduled  16 DecisionTaskStarted  17 DecisionTaskCompleted
    // 18 ActivityTaskCompleted(12) "v.webm"  19 ActivityTaskCompleted(13) "v.mp4"
    // 20 DecisionTaskScheduled  21 DecisionTaskStarted  22 DecisionTaskCompleted
    // 23 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v.mp4\",\"s.srt\"]");
    h.decisionTask();
    assertThat(decide(PROCESS, h.build()))
        .containsExactly(
            "schedule Media.embedSubtitle-1 [\"v.mp4\",\"s.srt\"]",
            "schedule Media.targetAds-2 [\"s.srt\"]");
    h.decisionCompleted();
    long embed =
        h.activityScheduled(
            "Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v.mp4\",\"s.srt\"]");
    long ads = h.activityScheduled("Media.targetAds", "1.0", "Media.targetAds-2", "[\"s.srt\"]");
    h.activityStarted(embed);
    h.activityCompleted(embed, "\"v2.mp4\"");
    h.decisionTask();
    assertThat(decide(PROCESS, h.build()))
        .containsExactly(
            "schedule Media.encodeVideo-3 [\"v2.mp4\",\"webm\"]",
            "schedule Media.encodeVideo-4 [\"v2.mp4\",\"mpeg4\"]");
    h.decisionCompleted();
    long webm =
        h.activityScheduled(
            "Media.encodeVideo", "1.0", "Media.encodeVideo-3", "[\"v2.mp4\",\"webm\"]");
    long mpeg4 =
        h.activityScheduled(
            "Media.encodeVideo", "1.0", "Media.encodeVideo-4", "[\"v2.mp4\",\"mpeg4\"]");
    h.activityCompleted(ads, "[\"ad1\"]");
    h.decisionTask();
    assertThat(decide(PROCESS, h.build())).isEmpty();
    h.decisionCompleted();
    h.activityCompleted(webm, "\"v.webm\"");
    h.activityCompleted(mpeg4, "\"v.mp4\"");
    assertCompletesAndReplays(PROCESS, h, "\"v.webm,v.mp4,[ad1]\"");
  }

  @Test
  void scheduleActivityTask_carriesTypeTaskListAndTimeouts_callOptionsOverrideTheSpec() {
    WorkflowDefinition workflow =
        definition(
            PROCESS_VIDEO,
            () ->
                instance(
                    args -> {
                      Stubs.activity(ReplayTesting.ENCODE_VIDEO, null, "a", "webm");
                      CallOptions gpu =
                          CallOptions.builder()
                              .taskList("gpu")
                              .startToCloseTimeout(Duration.ofMillis(1500))
                              .heartbeatTimeout(Duration.ZERO)
                              .scheduleToCloseTimeout(Duration.ofHours(2))
                              .priority(7)
                              .build();
                      return Stubs.activity(ReplayTesting.ENCODE_VIDEO, gpu, "b", "mpeg4").get();
                    }));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();

    List<Decision> decisions = Decider.decide(workflow, EXECUTION, h.build(), JSON);

    assertThat(decisions)
        .hasSize(2)
        .allMatch(d -> d.decisionType() == DecisionType.SCHEDULE_ACTIVITY_TASK);
    var declared = decisions.get(0).scheduleActivityTaskDecisionAttributes();
    assertThat(declared.activityType().name()).isEqualTo("Media.encodeVideo");
    assertThat(declared.activityType().version()).isEqualTo("1.0");
    assertThat(declared.activityId()).isEqualTo("Media.encodeVideo-1");
    assertThat(declared.input()).isEqualTo("[\"a\",\"webm\"]");
    assertThat(declared.taskList().name()).isEqualTo("media");
    assertThat(declared.scheduleToStartTimeout()).isEqualTo("NONE");
    assertThat(declared.startToCloseTimeout()).isEqualTo("3600");
    assertThat(declared.scheduleToCloseTimeout()).isEqualTo("NONE");
    assertThat(declared.heartbeatTimeout()).isEqualTo("60");
    assertThat(declared.taskPriority()).isNull();
    var overridden = decisions.get(1).scheduleActivityTaskDecisionAttributes();
    assertThat(overridden.activityId()).isEqualTo("Media.encodeVideo-2");
    assertThat(overridden.taskList().name()).isEqualTo("gpu");
    assertThat(overridden.startToCloseTimeout()).isEqualTo("2");
    assertThat(overridden.heartbeatTimeout()).isEqualTo("NONE");
    assertThat(overridden.scheduleToCloseTimeout()).isEqualTo("7200");
    assertThat(overridden.scheduleToStartTimeout()).isEqualTo("NONE");
    assertThat(overridden.taskPriority()).isEqualTo("7");
  }

  @Test
  void negativeTimeout_failsTheCallWhereTheCodeMakesIt_notTheDecision() {
    WorkflowDefinition workflow =
        definition(
            PROCESS_VIDEO,
            () ->
                instance(
                    args -> {
                      CallOptions negative =
                          CallOptions.builder().heartbeatTimeout(Duration.ofSeconds(-1)).build();
                      try {
                        Stubs.activity(ReplayTesting.ENCODE_VIDEO, negative, "b", "mpeg4");
                        return "scheduled";
                      } catch (IllegalArgumentException e) {
                        return e.getMessage();
                      }
                    }));
    assertThat(resultOfFirstDecisionTask(workflow))
        .isEqualTo("\"a timeout cannot be negative: PT-1S\"");
  }

  @Test
  void inputTooLongForSwf_failsTheCallsPromise_sayingWhichCall() {
    WorkflowDefinition workflow =
        definition(
            PROCESS_VIDEO,
            () ->
                instance(
                    args -> {
                      String big = "x".repeat(dev.flow.internal.SwfLimits.MAX_DATA);
                      try {
                        return Stubs.activity(ReplayTesting.ENCODE_VIDEO, null, big, "webm").get();
                      } catch (dev.flow.FlowException e) {
                        return e.getMessage();
                      }
                    }));
    assertThat(resultOfFirstDecisionTask(workflow))
        .isEqualTo(
            "\"the input of activity Media.encodeVideo is "
                + (dev.flow.internal.SwfLimits.MAX_DATA + 11)
                + " characters long once encoded; SWF accepts at most "
                + dev.flow.internal.SwfLimits.MAX_DATA
                + "\"");
  }

  /** Runs the workflow's first decision task; the one decision completes it: its result. */
  private static String resultOfFirstDecisionTask(WorkflowDefinition workflow) {
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();

    List<Decision> decisions = Decider.decide(workflow, EXECUTION, h.build(), JSON);

    assertThat(decisions).hasSize(1);
    return decisions.get(0).completeWorkflowExecutionDecisionAttributes().result();
  }

  /** Catches the failure of a dependent call and checks it is the very failure of its argument. */
  static final WorkflowDefinition RECOVERING =
      definition(
          PROCESS_VIDEO,
          () -> {
            MediaStub media = new MediaStub();
            return instance(
                args -> {
                  Promise<String> newUrl = media.embedSubtitle(args[0], args[1]);
                  Promise<String> webm = media.encodeVideo(newUrl, "webm"); // never issued
                  RuntimeException direct = null;
                  RuntimeException dependent = null;
                  try {
                    newUrl.get();
                  } catch (ActivityFailure e) {
                    direct = e;
                  }
                  try {
                    webm.get();
                  } catch (ActivityFailure e) {
                    dependent = e;
                  }
                  ActivityFailure f = (ActivityFailure) dependent;
                  String ads = media.targetAds(args[1]).get().toString();
                  return (direct == dependent ? "same " : "different ")
                      + f.activityId()
                      + " "
                      + f.remoteType()
                      + ": "
                      + f.remoteMessage()
                      + " "
                      + ads;
                });
          });

  @Test
  void failedActivity_surfacesAtGet_andFailsItsDependentsWithTheSameFailure_neverScheduled() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1  6 ActivityTaskStarted
    // 7 ActivityTaskFailed(5) java.io.IOException "disk full"  8 DecisionTaskScheduled
    // 9 DecisionTaskStarted  10 DecisionTaskCompleted  11 ActivityTaskScheduled Media.targetAds-2
    // 12 ActivityTaskCompleted(11) ["ad"]  13 DecisionTaskScheduled  14 DecisionTaskStarted
    // 15 DecisionTaskCompleted  16 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    assertThat(decide(RECOVERING, h.build()))
        .containsExactly("schedule Media.embedSubtitle-1 [\"v\",\"s\"]");
    h.decisionCompleted();
    long embed =
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    h.activityStarted(embed);
    h.activityFailed(embed, "java.io.IOException", FAILURE_DETAILS);
    h.decisionTask();
    // encodeVideo never took a sequence number: the next activity is the second command
    assertThat(decide(RECOVERING, h.build())).containsExactly("schedule Media.targetAds-2 [\"s\"]");
    h.decisionCompleted();
    long ads = h.activityScheduled("Media.targetAds", "1.0", "Media.targetAds-2", "[\"s\"]");
    h.activityCompleted(ads, "[\"ad\"]");
    h.decisionTask();
    String result = "\"same Media.embedSubtitle-1 java.io.IOException: disk full [ad]\"";
    assertThat(decide(RECOVERING, h.build())).containsExactly("complete " + result);
    h.decisionCompleted();
    h.workflowCompleted(result);

    assertReplaysAsRecorded(RECOVERING, h.build());
  }

  /** Embeds; when the activity fails, returns what {@code onFailure} makes of its failure. */
  static WorkflowDefinition embeddingCatching(Function<ActivityFailure, String> onFailure) {
    return definition(
        PROCESS_VIDEO,
        () ->
            instance(
                args -> {
                  try {
                    return new MediaStub().embedSubtitle(args[0], args[1]).get();
                  } catch (ActivityFailure e) {
                    return onFailure.apply(e);
                  }
                }));
  }

  @Test
  void failedActivity_withRemoteCauses_saysThemInItsMessage_andItsCauseCarriesThem() {
    WorkflowDefinition workflow =
        embeddingCatching(
            e ->
                e.getMessage()
                    + " | "
                    + e.getCause()
                    + " at "
                    + e.getCause().getStackTrace()[0].getClassName()
                    + " | "
                    + e.getCause().getCause().getMessage());
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1
    // 6 ActivityTaskFailed(5) no codec, caused by disk full  7 DecisionTaskScheduled
    // 8 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    long embed =
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    h.activityFailed(
        embed,
        "java.lang.IllegalStateException",
        "{\"type\":\"java.lang.IllegalStateException\",\"message\":\"no codec\","
            + "\"stackTrace\":\"java.lang.IllegalStateException: no codec\\n"
            + "\\tat com.example.Codecs.find(Codecs.java:12)\\n\","
            + "\"cause\":{\"type\":\"java.io.IOException\",\"message\":\"disk full\","
            + "\"stackTrace\":\"\",\"cause\":null}}");
    h.decisionTask();

    assertThat(decide(workflow, h.build()))
        .containsExactly(
            "complete \"activity Media.embedSubtitle (id Media.embedSubtitle-1) failed:"
                + " java.lang.IllegalStateException: no codec; caused by: java.io.IOException:"
                + " disk full | java.lang.IllegalStateException: no codec at com.example.Codecs"
                + " | java.io.IOException: disk full\"");
  }

  /** One activity, its result the workflow's. */
  static final WorkflowDefinition SIMPLE =
      definition(
          PROCESS_VIDEO,
          () -> instance(args -> new MediaStub().embedSubtitle(args[0], args[1]).get()));

  @Test
  void failureEscapingTheEntryMethod_failsTheWorkflow_withReasonAndDetails() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1
    // 6 ActivityTaskFailed(5)  7 DecisionTaskScheduled  8 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    long embed =
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    h.activityFailed(embed, "java.io.IOException", FAILURE_DETAILS);
    h.decisionTask();

    List<Decision> decisions = Decider.decide(SIMPLE, EXECUTION, h.build(), JSON);

    assertThat(decisions).hasSize(1);
    assertThat(decisions.get(0).decisionType()).isEqualTo(DecisionType.FAIL_WORKFLOW_EXECUTION);
    var fail = decisions.get(0).failWorkflowExecutionDecisionAttributes();
    h.decisionCompleted(); // 9 DecisionTaskCompleted  10 WorkflowExecutionFailed
    h.workflowFailed(fail.reason(), fail.details());
    assertReplaysAsRecorded(SIMPLE, h.build());
    assertThat(fail.reason()).isEqualTo("dev.flow.ActivityFailure");
    assertThat(fail.details())
        .contains("\"type\":\"dev.flow.ActivityFailure\"")
        .contains(
            "activity Media.embedSubtitle (id Media.embedSubtitle-1) failed: java.io.IOException:"
                + " disk full");
  }

  @Test
  void activityTimeout_failsItsPromise_withTheTimeoutTypeAsRemoteType() {
    WorkflowDefinition workflow = embeddingCatching(ActivityFailure::remoteType);
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1  6 ActivityTaskStarted
    // 7 ActivityTaskTimedOut(5) START_TO_CLOSE  8 DecisionTaskScheduled  9 DecisionTaskStarted
    // 10 DecisionTaskCompleted  11 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    long embed =
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    h.activityStarted(embed);
    h.activityTimedOut(embed, ActivityTaskTimeoutType.START_TO_CLOSE);
    h.decisionTask();
    assertThat(decide(workflow, h.build()))
        .containsExactly("complete \"ActivityTaskTimedOut:START_TO_CLOSE\"");
    h.decisionCompleted();
    h.workflowCompleted("\"ActivityTaskTimedOut:START_TO_CLOSE\"");

    assertReplaysAsRecorded(workflow, h.build());
  }

  @Test
  void catchException_inWorkflowCode_cannotSwallowTheSuspension() {
    WorkflowDefinition workflow =
        definition(
            PROCESS_VIDEO,
            () ->
                instance(
                    args -> {
                      try {
                        return new MediaStub().embedSubtitle(args[0], args[1]).get();
                      } catch (Exception e) {
                        return "swallowed";
                      }
                    }));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();

    assertThat(decide(workflow, h.build()))
        .containsExactly("schedule Media.embedSubtitle-1 [\"v\",\"s\"]");
  }

  @Test
  void finallyBlock_issuingACommandWhileUnwinding_issuesNothing() {
    WorkflowDefinition workflow =
        definition(
            PROCESS_VIDEO,
            () ->
                instance(
                    args -> {
                      MediaStub media = new MediaStub();
                      try {
                        return media.embedSubtitle(args[0], args[1]).get();
                      } finally {
                        media.targetAds("cleanup");
                      }
                    }));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();

    assertThat(decide(workflow, h.build()))
        .containsExactly("schedule Media.embedSubtitle-1 [\"v\",\"s\"]");
  }
}
