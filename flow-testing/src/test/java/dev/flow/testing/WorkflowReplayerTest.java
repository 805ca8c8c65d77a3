package dev.flow.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flow.DataConverter;
import dev.flow.Histories;
import dev.flow.Promise;
import dev.flow.Workflow;
import dev.flow.history.SwfJson;
import dev.flow.internal.replay.NonDeterminismException;
import dev.flow.internal.replay.Resume;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.internal.testing.SavedHistories;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.Stubs;
import dev.flow.spi.Types;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowInstance;
import dev.flow.spi.WorkflowSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

class WorkflowReplayerTest {
  static final WorkflowSpec PROCESS_VIDEO =
      WorkflowSpec.builder("ProcessVideo", "1.0")
          .taskList("video")
          .parameterTypes(String.class, String.class)
          .resultType(String.class)
          .build();
  static final ActivitySpec EMBED_SUBTITLE =
      ActivitySpec.builder("Media.embedSubtitle", "1.0")
          .taskList("media")
          .parameterTypes(String.class, String.class)
          .resultType(String.class)
          .build();
  static final ActivitySpec ENCODE_VIDEO =
      ActivitySpec.builder("Media.encodeVideo", "1.0")
          .taskList("media")
          .parameterTypes(String.class, String.class)
          .resultType(String.class)
          .build();
  static final ActivitySpec TARGET_ADS =
      ActivitySpec.builder("Media.targetAds", "1.0")
          .taskList("media")
          .parameterTypes(String.class)
          .resultType(Types.parameterized(List.class, String.class))
          .build();

  static WorkflowDefinition workflow(Function<Object[], Object> body) {
    return new WorkflowDefinition() {
      @Override
      public WorkflowSpec spec() {
        return PROCESS_VIDEO;
      }

      @Override
      public WorkflowInstance newInstance() {
        return new WorkflowInstance() {
          @Override
          public Object execute(Object[] arguments) {
            return body.apply(arguments);
          }

          @Override
          public void signal(String signalName, Object[] arguments) {}
        };
      }
    };
  }

  /** The process-video workflow that recorded histories/process-video.json. */
  static final WorkflowDefinition PROCESS =
      workflow(
          args -> {
            Promise<String> url = Stubs.activity(EMBED_SUBTITLE, null, args[0], args[1]);
            Promise<String> webm = Stubs.activity(ENCODE_VIDEO, null, url, "webm");
            Promise<String> mpeg4 = Stubs.activity(ENCODE_VIDEO, null, url, "mpeg4");
            Promise<List<String>> ads = Stubs.activity(TARGET_ADS, null, args[1]);
            return webm.get() + "," + mpeg4.get() + "," + ads.get();
          });

  /** A copy of flow-runtime's saved history as a file (the test resource may be inside a jar). */
  @TempDir static Path files;

  static Path savedHistory() throws Exception {
    Path copy = files.resolve("process-video.json");
    if (!Files.exists(copy)) {
      try (var in =
          WorkflowReplayerTest.class.getResourceAsStream("/histories/process-video.json")) {
        Files.copy(in, copy);
      }
    }
    return copy;
  }

  static List<String> summary(List<Decision> decisions) {
    return decisions.stream()
        .map(
            d ->
                d.decisionType() == DecisionType.SCHEDULE_ACTIVITY_TASK
                    ? d.scheduleActivityTaskDecisionAttributes().activityId()
                    : d.decisionTypeAsString())
        .toList();
  }

  @Test
  void swfJson_readsTheCliFormat_likeTheSdksOwnJsonBinding() throws Exception {
    List<HistoryEvent> read = SwfJson.readHistory(Files.readString(savedHistory()));

    assertThat(read).isEqualTo(SavedHistories.load("process-video.json"));
    assertThat(SwfJson.readHistory(SwfJson.writeHistory(read).toString())).isEqualTo(read);
  }

  @Test
  void historySavedWithHistories_isReadBackTheSame_andReplays(@TempDir Path dir) throws Exception {
    List<HistoryEvent> events = SavedHistories.load("process-video.json");
    Path saved = dir.resolve("run.json");

    Histories.save(events, saved);

    assertThat(Histories.read(saved)).isEqualTo(events);
    assertThat(Histories.fromJson(Histories.toJson(events))).isEqualTo(events);
    assertThat(WorkflowReplayer.replay(PROCESS, saved).steps()).isEqualTo(1);
  }

  @Test
  void savedHistory_replaysClean_andTellsWhatTheCodeDecidesNext() throws Exception {
    WorkflowReplayer.Result result = WorkflowReplayer.replay(PROCESS, savedHistory());

    assertThat(result.steps()).isEqualTo(1);
    assertThat(result.closed()).isFalse();
    assertThat(summary(result.decisions()))
        .containsExactly("Media.encodeVideo-3", "Media.encodeVideo-4");
    assertThat(WorkflowReplayer.replay(PROCESS, Files.readString(savedHistory())))
        .isEqualTo(result);
  }

  @Test
  void changedOrder_isNonDeterminism_namingTheStepAndBothSides() {
    WorkflowDefinition adsFirst =
        workflow(
            args -> {
              Promise<List<String>> ads = Stubs.activity(TARGET_ADS, null, args[1]);
              Promise<String> url = Stubs.activity(EMBED_SUBTITLE, null, args[0], args[1]);
              return url.get() + ads.get();
            });

    assertThatThrownBy(() -> WorkflowReplayer.replay(adsFirst, savedHistory()))
        .isInstanceOf(AssertionError.class)
        .isInstanceOfSatisfying(
            NonDeterminismError.class,
            e -> {
              assertThat(e.step()).isEqualTo(1);
              assertThat(e.decisionTaskStartedEventId()).isEqualTo(3);
              assertThat(e.recorded())
                  .isEqualTo(
                      "ScheduleActivityTask Media.embedSubtitle 1.0 id Media.embedSubtitle-1"
                          + " (event 5)");
              assertThat(e.issued())
                  .isEqualTo("ScheduleActivityTask Media.targetAds 1.0 id Media.targetAds-1");
            })
        .hasMessage(
            "workflow ProcessVideo 1.0 does not replay its history at decision step 1"
                + " (DecisionTaskStarted event 3): the history recorded ScheduleActivityTask"
                + " Media.embedSubtitle 1.0 id Media.embedSubtitle-1 (event 5), but the code now"
                + " decides ScheduleActivityTask Media.targetAds 1.0 id Media.targetAds-1")
        .hasCauseInstanceOf(NonDeterminismException.class);
  }

  @Test
  void droppedActivity_isNonDeterminism_sayingTheCodeDecidesNothingMore() {
    WorkflowDefinition noAds =
        workflow(args -> Stubs.activity(EMBED_SUBTITLE, null, args[0], args[1]).get());

    assertThatThrownBy(() -> WorkflowReplayer.replay(noAds, savedHistory()))
        .isInstanceOf(NonDeterminismError.class)
        .hasMessageContaining("at decision step 1 (DecisionTaskStarted event 3)")
        .hasMessageContaining(
            "the history recorded ScheduleActivityTask Media.targetAds 1.0 id Media.targetAds-2"
                + " (event 6), but the code now decides nothing more");
  }

  @Test
  void changedInput_isNonDeterminism_atTheStepThatRecordedIt_showingBothInputs() {
    WorkflowDefinition otherInput =
        workflow(
            args -> {
              Promise<String> url = Stubs.activity(EMBED_SUBTITLE, null, args[0] + "?", args[1]);
              Promise<List<String>> ads = Stubs.activity(TARGET_ADS, null, args[1]);
              return url.get() + ads.get();
            });

    assertThatThrownBy(() -> WorkflowReplayer.replay(otherInput, savedHistory()))
        .isInstanceOfSatisfying(
            NonDeterminismError.class,
            e -> {
              assertThat(e.getCause()).isInstanceOf(NonDeterminismException.class);
              assertThat(e.step()).isEqualTo(1);
            })
        .hasMessage(
            "workflow ProcessVideo 1.0 does not replay its history at decision step 1"
                + " (DecisionTaskStarted event 3): the history recorded ScheduleActivityTask"
                + " Media.embedSubtitle 1.0 id Media.embedSubtitle-1 (event 5) with input"
                + " [\"v.mp4\",\"s.srt\"], but the code now decides ScheduleActivityTask"
                + " Media.embedSubtitle 1.0 id Media.embedSubtitle-1 with input"
                + " [\"v.mp4?\",\"s.srt\"]");
  }

  @Test
  void changedInputOfALaterStep_namesThatStepOnly() {
    WorkflowDefinition otherFormat =
        workflow(
            args -> {
              Promise<String> url = Stubs.activity(EMBED_SUBTITLE, null, args[0], args[1]);
              Promise<List<String>> ads = Stubs.activity(TARGET_ADS, null, args[1]);
              Promise<String> webm = Stubs.activity(ENCODE_VIDEO, null, url, "vp9");
              Promise<String> mpeg4 = Stubs.activity(ENCODE_VIDEO, null, url, "mpeg4");
              return webm.get() + "," + mpeg4.get() + "," + ads.get();
            });

    assertThatThrownBy(() -> WorkflowReplayer.replay(otherFormat, closedHistory()))
        .isInstanceOfSatisfying(NonDeterminismError.class, e -> assertThat(e.step()).isEqualTo(2))
        .hasMessageStartingWith(
            "workflow ProcessVideo 1.0 does not replay its history at decision step 2"
                + " (DecisionTaskStarted event 10):")
        .hasMessageContaining("with input [\"v2.mp4\",\"webm\"]")
        .hasMessageContaining("with input [\"v2.mp4\",\"vp9\"]")
        .hasMessageNotContaining("step 3");
  }

  static final WorkflowSpec THUMBNAILS =
      WorkflowSpec.builder("Thumbnails", "1.0")
          .taskList("thumbs")
          .parameterTypes(String.class)
          .resultType(String.class)
          .build();

  @Test
  void childWorkflow_withoutAnExecution_replays_takingTheParentIdFromTheChildIds() {
    WorkflowDefinition parent =
        workflow(args -> Stubs.<String>childWorkflow(THUMBNAILS, null, args[0]).get());
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 StartChildWorkflowExecutionInitiated video.42.1
    // 6 ChildWorkflowExecutionStarted  7 ChildWorkflowExecutionCompleted "t"
    // 8 DecisionTaskScheduled  9 DecisionTaskStarted  10 DecisionTaskCompleted
    // 11 WorkflowExecutionCompleted "t"
    HistoryBuilder h = new HistoryBuilder(Instant.parse("2026-01-01T10:00:00Z"));
    h.workflowStarted("ProcessVideo", "1.0", "[\"v.mp4\",\"s.srt\"]");
    h.decisionTask();
    h.decisionCompleted();
    long initiated = h.childInitiated("Thumbnails", "1.0", "video.42.1", "[\"v.mp4\"]");
    h.childCompleted(initiated, h.childStarted(initiated, "child-run"), "\"t\"");
    h.decisionTask();
    h.decisionCompleted();
    h.workflowCompleted("\"t\"");

    WorkflowReplayer.Result result = WorkflowReplayer.replay(parent, h.build());

    assertThat(result.steps()).isEqualTo(2);
    assertThat(result.closed()).isTrue();
  }

  @Test
  void childWorkflow_whoseParentIdTheHistoryDoesNotTell_isIllegalArgument_namingTheFix() {
    WorkflowDefinition parent =
        workflow(args -> Stubs.<String>childWorkflow(THUMBNAILS, null, args[0]).get());
    HistoryBuilder h = new HistoryBuilder(Instant.parse("2026-01-01T10:00:00Z"));
    h.workflowStarted("ProcessVideo", "1.0", "[\"v.mp4\",\"s.srt\"]");
    h.decisionTask();

    assertThatThrownBy(() -> WorkflowReplayer.replay(parent, h.build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("child workflow ids derive from the parent's workflow id")
        .hasMessageContaining("WorkflowReplayer.replay(definition, history, converter, execution)");
  }

  @Test
  void sideEffects_recordedInTheHistory_areNotCalledAgain() {
    AtomicInteger calls = new AtomicInteger();
    WorkflowDefinition token =
        workflow(
            args ->
                Workflow.sideEffect(
                    String.class,
                    () -> {
                      calls.incrementAndGet();
                      return "fresh";
                    }));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 MarkerRecorded SideEffect "t-1"  6 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(Instant.parse("2026-01-01T10:00:00Z"));
    h.workflowStarted("ProcessVideo", "1.0", "[\"v.mp4\",\"s.srt\"]");
    h.decisionTask();
    h.decisionCompleted();
    h.markerRecorded("SideEffect", "\"t-1\"");
    h.workflowCompleted("\"t-1\"");

    WorkflowReplayer.Result result = WorkflowReplayer.replay(token, h.build());

    assertThat(result.closed()).isTrue();
    assertThat(
            result
                .decisions()
                .get(result.decisions().size() - 1)
                .completeWorkflowExecutionDecisionAttributes()
                .result())
        .isEqualTo("\"t-1\"");
    assertThat(calls).hasValue(0);
  }

  /**
   * A run of {@link #PROCESS} that embedded the subtitles, targeted ads and encoded the mpeg4, then
   * failed when encoding the webm.
   */
  static List<HistoryEvent> stoppedRun() {
    HistoryBuilder h = new HistoryBuilder(Instant.parse("2026-01-01T10:00:00Z"));
    h.workflowStarted("ProcessVideo", "1.0", "[\"v.mp4\",\"s.srt\"]");
    h.decisionTask();
    h.decisionCompleted();
    long embed =
        h.activityScheduled(
            "Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v.mp4\",\"s.srt\"]");
    long ads = h.activityScheduled("Media.targetAds", "1.0", "Media.targetAds-2", "[\"s.srt\"]");
    h.activityCompleted(embed, "\"v2.mp4\"");
    h.activityCompleted(ads, "[\"ad1\"]");
    h.decisionTask();
    h.decisionCompleted();
    long webm =
        h.activityScheduled(
            "Media.encodeVideo", "1.0", "Media.encodeVideo-3", "[\"v2.mp4\",\"webm\"]");
    long mpeg4 =
        h.activityScheduled(
            "Media.encodeVideo", "1.0", "Media.encodeVideo-4", "[\"v2.mp4\",\"mpeg4\"]");
    h.activityCompleted(mpeg4, "\"v.mpeg\"");
    h.activityFailed(webm, "java.io.IOException", "{\"type\":\"java.io.IOException\"}");
    h.decisionTask();
    h.decisionCompleted();
    h.workflowFailed("dev.flow.ActivityFailure", "{}");
    return h.build();
  }

  @Test
  void resumedRun_replays_itsFirstStepBeingTheWorkersOwn() {
    // 1 WorkflowExecutionStarted (tag flow.resume=run-0)  2 DecisionTaskScheduled
    // 3 DecisionTaskStarted  4 DecisionTaskCompleted (the worker's answer: the stopped run's
    // results as flow.resumed markers and a zero-second timer)  5-7 MarkerRecorded
    // 8 TimerStarted  9 TimerFired  10 DecisionTaskScheduled  11 DecisionTaskStarted
    // 12 DecisionTaskCompleted  13 ActivityTaskScheduled Media.encodeVideo-1 (webm)
    // 14 ActivityTaskCompleted(13)  15 DecisionTaskScheduled  16 DecisionTaskStarted
    // 17 DecisionTaskCompleted  18 WorkflowExecutionCompleted
    WorkflowExecution execution =
        WorkflowExecution.builder().workflowId("video-42").runId("run-1").build();
    HistoryBuilder h = new HistoryBuilder(Instant.parse("2026-01-02T10:00:00Z"));
    h.workflowStarted("ProcessVideo", "1.0", "[\"v.mp4\",\"s.srt\"]", Resume.TAG + "run-0");
    h.decisionTask();
    List<Decision> workersAnswer = Resume.pending(h.build(), execution, run -> stoppedRun());
    h.decisionCompleted();
    for (Decision d : workersAnswer) {
      if (d.decisionType() == DecisionType.RECORD_MARKER) {
        h.markerRecorded(Resume.MARKER, d.recordMarkerDecisionAttributes().details());
      } else {
        h.timerFired(h.timerStarted(d.startTimerDecisionAttributes().timerId(), 0));
      }
    }
    h.decisionTask();
    h.decisionCompleted();
    long webm =
        h.activityScheduled(
            "Media.encodeVideo", "1.0", "Media.encodeVideo-1", "[\"v2.mp4\",\"webm\"]");
    h.activityCompleted(webm, "\"v.webm\"");
    h.decisionTask();
    h.decisionCompleted();
    h.workflowCompleted("\"v.webm,v.mpeg,[ad1]\"");

    WorkflowReplayer.Result result =
        WorkflowReplayer.replay(PROCESS, h.build(), DataConverter.json(), execution);

    assertThat(workersAnswer).hasSize(4); // three results, then the timer that brings the code
    assertThat(result.steps()).isEqualTo(3);
    assertThat(result.closed()).isTrue();
  }

  /** The change "ads" after the embedding: version 1 targets ads, version 2 encodes a webm. */
  static WorkflowDefinition versioned(int maxSupported) {
    return workflow(
        args -> {
          String url = Stubs.<String>activity(EMBED_SUBTITLE, null, args[0], args[1]).get();
          int v = Workflow.getVersion("ads", Workflow.DEFAULT_VERSION, maxSupported);
          String extra =
              v == 1
                  ? Stubs.activity(TARGET_ADS, null, args[1]).get() + " "
                  : v == 2 ? Stubs.activity(ENCODE_VIDEO, null, url, "webm").get() + " " : "";
          return extra + url + " v" + v;
        });
  }

  /** The code before the change ran its first step, embedding; its second step is started. */
  static HistoryBuilder embedded() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1
    // 6 ActivityTaskCompleted(5) "v2"  7 DecisionTaskScheduled  8 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(Instant.parse("2026-01-01T10:00:00Z"));
    h.workflowStarted("ProcessVideo", "1.0", "[\"v.mp4\",\"s.srt\"]");
    h.decisionTask();
    h.decisionCompleted();
    long embed =
        h.activityScheduled(
            "Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v.mp4\",\"s.srt\"]");
    h.activityCompleted(embed, "\"v2\"");
    h.decisionTask();
    return h;
  }

  @Test
  void getVersion_ofAChangeTheHistoryNeverMet_isTheDefaultAtEveryStepTheCodeRanBefore() {
    // ... 9 DecisionTaskCompleted  10 WorkflowExecutionCompleted "v2 v-1"
    HistoryBuilder h = embedded();
    h.decisionCompleted();
    h.workflowCompleted("\"v2 v-1\"");

    WorkflowReplayer.Result result = WorkflowReplayer.replay(versioned(1), h.build());

    assertThat(result.steps()).isEqualTo(2);
    assertThat(result.closed()).isTrue();
    assertThat(result.decisions()).hasSize(1);
    assertThat(result.decisions().get(0).completeWorkflowExecutionDecisionAttributes().result())
        .isEqualTo("\"v2 v-1\"");
  }

  @Test
  void getVersion_ofAChangeTheHistoryNeverMet_isTheMaximumAtTheLiveStep_recordedInAMarker() {
    WorkflowReplayer.Result result = WorkflowReplayer.replay(versioned(1), embedded().build());

    assertThat(result.steps()).isEqualTo(1);
    assertThat(result.closed()).isFalse();
    assertThat(summary(result.decisions())).containsExactly("RecordMarker", "Media.targetAds-3");
    assertThat(result.decisions().get(0).recordMarkerDecisionAttributes().details())
        .isEqualTo("{\"flow\":1,\"purpose\":\"version\",\"changeId\":\"ads\",\"version\":1}");
  }

  @Test
  void
      getVersion_recordedAtALaterStep_isTheRecordedVersion_atThatStep_thoughTheCodeNowSupportsMore() {
    // ... 9 DecisionTaskCompleted  10 MarkerRecorded Version ads 1
    // 11 ActivityTaskScheduled Media.targetAds-3  12 ActivityTaskCompleted(11)
    // 13 DecisionTaskScheduled  14 DecisionTaskStarted  15 DecisionTaskCompleted
    // 16 WorkflowExecutionCompleted "[ad] v2 v1"
    HistoryBuilder h = embedded();
    h.decisionCompleted();
    h.markerRecorded(
        "Version", "{\"flow\":1,\"purpose\":\"version\",\"changeId\":\"ads\",\"version\":1}");
    h.activityCompleted(
        h.activityScheduled("Media.targetAds", "1.0", "Media.targetAds-3", "[\"s.srt\"]"),
        "[\"ad\"]");
    h.decisionTask();
    h.decisionCompleted();
    h.workflowCompleted("\"[ad] v2 v1\"");

    WorkflowReplayer.Result result = WorkflowReplayer.replay(versioned(2), h.build());

    assertThat(result.steps()).isEqualTo(3);
    assertThat(result.decisions().get(0).completeWorkflowExecutionDecisionAttributes().result())
        .isEqualTo("\"[ad] v2 v1\"");
  }

  /** A whole execution, from start to completion, as the decider recorded it. */
  static List<HistoryEvent> closedHistory() {
    HistoryBuilder h = new HistoryBuilder(Instant.parse("2026-01-01T10:00:00Z"));
    h.workflowStarted("ProcessVideo", "1.0", "[\"v.mp4\",\"s.srt\"]");
    h.decisionTask();
    h.decisionCompleted();
    long embed =
        h.activityScheduled(
            "Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v.mp4\",\"s.srt\"]");
    long ads = h.activityScheduled("Media.targetAds", "1.0", "Media.targetAds-2", "[\"s.srt\"]");
    h.activityStarted(embed);
    h.activityCompleted(embed, "\"v2.mp4\"");
    h.decisionTask();
    h.decisionCompleted();
    long webm =
        h.activityScheduled(
            "Media.encodeVideo", "1.0", "Media.encodeVideo-3", "[\"v2.mp4\",\"webm\"]");
    long mpeg4 =
        h.activityScheduled(
            "Media.encodeVideo", "1.0", "Media.encodeVideo-4", "[\"v2.mp4\",\"mpeg4\"]");
    h.activityCompleted(ads, "[\"ad1\"]");
    h.activityCompleted(webm, "\"v.webm\"");
    h.activityCompleted(mpeg4, "\"v.mp4\"");
    h.decisionTask();
    h.decisionCompleted();
    h.workflowCompleted("\"v.webm,v.mp4,[ad1]\"");
    return h.build();
  }

  @Test
  void closedHistory_replaysEveryStepClean_andClosesAgain() {
    WorkflowReplayer.Result result = WorkflowReplayer.replay(PROCESS, closedHistory());

    assertThat(result.steps()).isEqualTo(3);
    assertThat(result.closed()).isTrue();
    assertThat(summary(result.decisions())).containsExactly("CompleteWorkflowExecution");
  }

  @Test
  void decide_replaysTheWholeHistoryOnce_andGivesTheDecisionsAtItsEnd() throws Exception {
    List<HistoryEvent> saved = SwfJson.readHistory(Files.readString(savedHistory()));

    assertThat(summary(WorkflowReplayer.decide(PROCESS, saved, DataConverter.json(), null)))
        .containsExactly("Media.encodeVideo-3", "Media.encodeVideo-4");
    assertThat(
            summary(WorkflowReplayer.decide(PROCESS, closedHistory(), DataConverter.json(), null)))
        .containsExactly("CompleteWorkflowExecution");
  }

  @Test
  void decide_ofChangedCode_isNonDeterminismAtTheEnd() {
    WorkflowDefinition adsFirst =
        workflow(
            args -> {
              Promise<List<String>> ads = Stubs.activity(TARGET_ADS, null, args[1]);
              Promise<String> url = Stubs.activity(EMBED_SUBTITLE, null, args[0], args[1]);
              return url.get() + ads.get();
            });

    assertThatThrownBy(
            () -> WorkflowReplayer.decide(adsFirst, closedHistory(), DataConverter.json(), null))
        .isInstanceOfSatisfying(NonDeterminismError.class, e -> assertThat(e.step()).isZero())
        .hasMessageStartingWith("workflow ProcessVideo 1.0 does not replay its history at its end:")
        .hasMessageContaining("Media.embedSubtitle-1");
    assertThatThrownBy(
            () -> WorkflowReplayer.decide(adsFirst, List.of(), DataConverter.json(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the history is empty: nothing to replay");
  }

  @Test
  void closedHistory_ofCodeThatNowFails_isNonDeterminismAtTheClosingStep() {
    WorkflowDefinition failing =
        workflow(
            args -> {
              Promise<String> url = Stubs.activity(EMBED_SUBTITLE, null, args[0], args[1]);
              Promise<String> webm = Stubs.activity(ENCODE_VIDEO, null, url, "webm");
              Promise<String> mpeg4 = Stubs.activity(ENCODE_VIDEO, null, url, "mpeg4");
              Promise<List<String>> ads = Stubs.activity(TARGET_ADS, null, args[1]);
              webm.get();
              mpeg4.get();
              ads.get();
              throw new IllegalStateException("new validation");
            });

    assertThatThrownBy(() -> WorkflowReplayer.replay(failing, closedHistory()))
        .isInstanceOf(NonDeterminismError.class)
        .hasMessageContaining("at decision step 3")
        .hasMessageContaining("the history recorded CompleteWorkflowExecution (event")
        .hasMessageContaining(
            "but the code now decides FailWorkflowExecution (reason"
                + " java.lang.IllegalStateException)");
  }

  @Test
  void notAHistory_isIllegalArgument_namingTheFileAndWhatIsExpected(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("h.json");
    Files.writeString(file, "{\"executions\": []}");
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"events\": [{\"eventId\": \"one\"}]}");

    assertThatThrownBy(() -> WorkflowReplayer.replay(PROCESS, file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("{\"events\": [...]}");
    assertThatThrownBy(() -> WorkflowReplayer.replay(PROCESS, bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event 0")
        .hasMessageContaining("field 'eventId' must be an integer");
    assertThatThrownBy(() -> WorkflowReplayer.replay(PROCESS, "[]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
  }
}
