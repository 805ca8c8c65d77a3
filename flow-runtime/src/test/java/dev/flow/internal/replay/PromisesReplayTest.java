package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.T0;
import static dev.flow.internal.replay.ReplayTesting.assertCompletesAndReplays;
import static dev.flow.internal.replay.ReplayTesting.decide;
import static dev.flow.internal.replay.ReplayTesting.decideByReplay;
import static dev.flow.internal.replay.ReplayTesting.definition;
import static dev.flow.internal.replay.ReplayTesting.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.Promise;
import dev.flow.Promises;
import dev.flow.internal.replay.ReplayTesting.MediaStub;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.WorkflowDefinition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromisesReplayTest {
  /** Races two activities, then reports which won and what was ready when the race ended. */
  static final WorkflowDefinition RACE =
      definition(
          ActivityReplayTest.PROCESS_VIDEO,
          () -> {
            MediaStub media = new MediaStub();
            return instance(
                args -> {
                  Promise<String> webm = media.encodeVideo(args[0], "webm");
                  Promise<String> mpeg4 = media.encodeVideo(args[0], "mpeg4");
                  String first = Promises.any(webm, mpeg4).get();
                  return first + " " + webm.isReady() + " " + mpeg4.isReady();
                });
          });

  @Test
  void any_resolvesWithTheEarliestEvent_evenWhenBothAreInOneStep() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.encodeVideo-1
    // 6 ActivityTaskScheduled Media.encodeVideo-2  7 ActivityTaskCompleted(6) "v.mp4"
    // 8 ActivityTaskCompleted(5) "v.webm"  9 DecisionTaskScheduled  10 DecisionTaskStarted
    // 11 DecisionTaskCompleted  12 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    assertThat(decide(RACE, h.build()))
        .containsExactly(
            "schedule Media.encodeVideo-1 [\"v\",\"webm\"]",
            "schedule Media.encodeVideo-2 [\"v\",\"mpeg4\"]");
    h.decisionCompleted();
    long webm =
        h.activityScheduled("Media.encodeVideo", "1.0", "Media.encodeVideo-1", "[\"v\",\"webm\"]");
    long mpeg4 =
        h.activityScheduled("Media.encodeVideo", "1.0", "Media.encodeVideo-2", "[\"v\",\"mpeg4\"]");
    h.activityCompleted(mpeg4, "\"v.mp4\"");
    h.activityCompleted(webm, "\"v.webm\"");
    assertCompletesAndReplays(RACE, h, "\"v.mp4 true true\"");
  }

  @Test
  void anyIndex_isTheIndexOfThePromiseWhoseEventCameFirst_evenAFailedOne() {
    WorkflowDefinition race =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () -> {
              MediaStub media = new MediaStub();
              return instance(
                  args -> {
                    Promise<String> webm = media.encodeVideo(args[0], "webm");
                    Promise<String> mpeg4 = media.encodeVideo(args[0], "mpeg4");
                    return "won " + Promises.anyIndex(webm, mpeg4).get();
                  });
            });
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.encodeVideo-1
    // 6 ActivityTaskScheduled Media.encodeVideo-2  7 ActivityTaskFailed(6)
    // 8 ActivityTaskCompleted(5) "v.webm"  9 DecisionTaskScheduled  10 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    long webm =
        h.activityScheduled("Media.encodeVideo", "1.0", "Media.encodeVideo-1", "[\"v\",\"webm\"]");
    long mpeg4 =
        h.activityScheduled("Media.encodeVideo", "1.0", "Media.encodeVideo-2", "[\"v\",\"mpeg4\"]");
    h.activityFailed(mpeg4, "java.io.IOException", RetryReplayTest.IO_FAILURE);
    h.activityCompleted(webm, "\"v.webm\"");
    h.decisionTask();

    assertThat(decide(race, h.build())).containsExactly("complete \"won 1\"");
  }

  @Test
  void isReady_answersAsOfTheHorizon() {
    // the result of encodeVideo-1 is in the history, but after the horizon of the first task
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.encodeVideo-1
    // 6 ActivityTaskCompleted(5) "v.webm"  7 DecisionTaskScheduled  8 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    long webm =
        h.activityScheduled("Media.encodeVideo", "1.0", "Media.encodeVideo-1", "[\"v\",\"webm\"]");
    h.activityCompleted(webm, "\"v.webm\"");
    h.decisionTask();
    List<String> seen = new ArrayList<>();
    WorkflowDefinition peek =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () ->
                instance(
                    args -> {
                      Promise<String> p = new MediaStub().encodeVideo(args[0], "webm");
                      seen.add("before get: " + p.isReady());
                      p.get();
                      seen.add("after get: " + p.isReady());
                      return p.get();
                    }));

    // full replay only: the sticky cross-check would run the code (and log) more times
    assertThat(decideByReplay(peek, h.build())).containsExactly("complete \"v.webm\"");
    assertThat(seen).containsExactly("before get: false", "after get: true");
  }

  /** Fans out one activity per chapter, then gathers them. */
  static final WorkflowDefinition FAN_OUT =
      definition(
          ActivityReplayTest.PROCESS_VIDEO,
          () -> {
            MediaStub media = new MediaStub();
            return instance(
                args -> {
                  List<String> chapters = media.findChapters(args[0]).get();
                  List<Promise<String>> encoded = new ArrayList<>();
                  for (String c : chapters) {
                    encoded.add(media.encodeVideo(c, "webm"));
                  }
                  Promise<Void> all = Promises.all(encoded);
                  return Promises.getAll(encoded) + " " + all.isReady();
                });
          });

  @Test
  void getAll_waitsForEveryPromise_andKeepsTheirOrder() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.findChapters-1
    // 6 ActivityTaskCompleted(5) ["c1","c2"]  7 DecisionTaskScheduled  8 DecisionTaskStarted
    // 9 DecisionTaskCompleted  10 ActivityTaskScheduled Media.encodeVideo-2
    // 11 ActivityTaskScheduled Media.encodeVideo-3  12 ActivityTaskCompleted(11) "c2.webm"
    // 13 DecisionTaskScheduled  14 DecisionTaskStarted  15 DecisionTaskCompleted
    // 16 ActivityTaskCompleted(10) "c1.webm"  17 DecisionTaskScheduled  18 DecisionTaskStarted
    // 19 DecisionTaskCompleted  20 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    assertThat(decide(FAN_OUT, h.build())).containsExactly("schedule Media.findChapters-1 [\"v\"]");
    h.decisionCompleted();
    long find = h.activityScheduled("Media.findChapters", "1.0", "Media.findChapters-1", "[\"v\"]");
    h.activityCompleted(find, "[\"c1\",\"c2\"]");
    h.decisionTask();
    assertThat(decide(FAN_OUT, h.build()))
        .containsExactly(
            "schedule Media.encodeVideo-2 [\"c1\",\"webm\"]",
            "schedule Media.encodeVideo-3 [\"c2\",\"webm\"]");
    h.decisionCompleted();
    long c1 =
        h.activityScheduled("Media.encodeVideo", "1.0", "Media.encodeVideo-2", "[\"c1\",\"webm\"]");
    long c2 =
        h.activityScheduled("Media.encodeVideo", "1.0", "Media.encodeVideo-3", "[\"c2\",\"webm\"]");
    h.activityCompleted(c2, "\"c2.webm\"");
    h.decisionTask();
    assertThat(decide(FAN_OUT, h.build())).isEmpty();
    h.decisionCompleted();
    h.activityCompleted(c1, "\"c1.webm\"");
    assertCompletesAndReplays(FAN_OUT, h, "\"[c1.webm, c2.webm] true\"");
  }
}
