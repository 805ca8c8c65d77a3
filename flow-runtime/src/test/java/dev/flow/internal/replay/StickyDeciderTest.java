package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.EXECUTION;
import static dev.flow.internal.replay.ReplayTesting.JSON;
import static dev.flow.internal.replay.ReplayTesting.T0;
import static dev.flow.internal.replay.ReplayTesting.definition;
import static dev.flow.internal.replay.ReplayTesting.instance;
import static dev.flow.internal.replay.ReplayTesting.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.internal.replay.ReplayTesting.MediaStub;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.WorkflowDefinition;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * The sticky path ({@link StickyDecider}) over histories built step by step: parked code fed only
 * the new events decides what full replay ({@link Decider#decide}) decides; misses, gaps and
 * evictions fall back; evicted code is unwound and its thread ends. (Every replay suite also
 * cross-checks the sticky path through {@code ReplayTesting.decide}.)
 */
class StickyDeciderTest {
  /** Steps of the figure's workflow: 1,000 with {@code -Dflow.figure=true}, else 200 (quick). */
  static final int STEPS = Boolean.getBoolean("flow.figure") ? 1_000 : 200;

  /** One activity after another; {@code steps} of them. */
  static WorkflowDefinition loop(int steps) {
    return definition(
        TimeAndSignalsReplayTest.CLOCK,
        () ->
            instance(
                args -> {
                  MediaStub media = new MediaStub();
                  int total = 0;
                  for (int i = 0; i < steps; i++) {
                    total += media.targetAds("a" + i).get().size();
                  }
                  return "total " + total;
                }));
  }

  /** Starts the loop's history: the first decision task, started. */
  static HistoryBuilder started() {
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Clock", "1.0", "[]");
    h.decisionTask();
    return h;
  }

  /** Records step {@code i}'s activity (what the task decided), its result and the next task. */
  static void step(HistoryBuilder h, int i) {
    h.decisionCompleted();
    long scheduled =
        h.activityScheduled(
            "Media.targetAds", "1.0", "Media.targetAds-" + (i + 1), "[\"a" + i + "\"]");
    h.activityCompleted(scheduled, "[\"x\"]");
    h.decisionTask();
  }

  private static long startedId(List<HistoryEvent> history) {
    return history.get(history.size() - 1).eventId();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void sequentialWorkflow_decidedStepByStepOnParkedCode_asFullReplayDecides() {
    WorkflowDefinition loop = loop(50);
    HistoryBuilder h = started();
    try (StickyDecider sticky = new StickyDecider(10)) {
      List<HistoryEvent> history = h.build();
      assertThat(summary(sticky.decide(loop, EXECUTION, history, JSON)))
          .containsExactly("schedule Media.targetAds-1 [\"a0\"]");
      for (int i = 0; i < 50; i++) {
        long previous = startedId(history);
        step(h, i);
        history = h.build();
        List<HistoryEvent> fresh = history.subList((int) previous - 1, history.size());
        List<String> got = summary(sticky.decideNew(EXECUTION, previous, fresh));
        assertThat(got).isEqualTo(summary(Decider.decide(loop, EXECUTION, history, JSON)));
        assertThat(sticky.isParked(EXECUTION.runId())).isEqualTo(i < 49);
      }
      assertThat(summary(Decider.decide(loop, EXECUTION, history, JSON)))
          .containsExactly("complete \"total 50\"");
    }
  }

  @Test
  void stickyTaskTimedOutBeforeItStarted_isNoStep_andBothPathsDecideTheSame() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.targetAds-1  6 ActivityTaskCompleted
    // 7 DecisionTaskScheduled (on the sticky list)  8 DecisionTaskTimedOut SCHEDULE_TO_START
    // 9 DecisionTaskScheduled (on the run's list)  10 DecisionTaskStarted
    WorkflowDefinition loop = loop(2);
    HistoryBuilder h = started();
    h.decisionCompleted();
    long scheduled = h.activityScheduled("Media.targetAds", "1.0", "Media.targetAds-1", "[\"a0\"]");
    h.activityCompleted(scheduled, "[\"x\"]");
    h.decisionScheduled();
    h.decisionScheduleToStartTimedOut();
    h.decisionTask();
    List<HistoryEvent> history = h.build();

    assertThat(ReplayTesting.decide(loop, history))
        .containsExactly("schedule Media.targetAds-2 [\"a1\"]");
    try (StickyDecider sticky = new StickyDecider(1)) {
      sticky.decide(loop, EXECUTION, h.upTo(3), JSON);
      assertThat(summary(sticky.decideNew(EXECUTION, 3, history.subList(2, history.size()))))
          .containsExactly("schedule Media.targetAds-2 [\"a1\"]");
    }
  }

  @Test
  void miss_gap_andWrongPreviousTask_answerNull_andEvict() {
    WorkflowDefinition loop = loop(5);
    HistoryBuilder h = started();
    try (StickyDecider sticky = new StickyDecider(10)) {
      List<HistoryEvent> history = h.build();
      WorkflowExecution other = WorkflowExecution.builder().workflowId("w").runId("other").build();
      assertThat(sticky.decideNew(other, 3, history)).isNull();

      sticky.decide(loop, EXECUTION, history, JSON);
      step(h, 0);
      List<HistoryEvent> next = h.build();
      // not the task the parked code answered
      assertThat(sticky.decideNew(EXECUTION, 2, next)).isNull();
      assertThat(sticky.isParked(EXECUTION.runId())).isFalse();

      sticky.decide(loop, EXECUTION, history, JSON);
      // a gap: event 4 missing
      assertThat(sticky.decideNew(EXECUTION, 3, next.subList(4, next.size()))).isNull();
      assertThat(sticky.isParked(EXECUTION.runId())).isFalse();

      // the whole history does as well as the new events
      sticky.decide(loop, EXECUTION, history, JSON);
      assertThat(summary(sticky.decideNew(EXECUTION, 3, next)))
          .containsExactly("schedule Media.targetAds-2 [\"a1\"]");
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void sizeOne_evictsTheLeastRecentlyUsed_andItsThreadEnds() throws InterruptedException {
    WorkflowDefinition loop = loop(5);
    WorkflowExecution a = WorkflowExecution.builder().workflowId("a").runId("run-a").build();
    WorkflowExecution b = WorkflowExecution.builder().workflowId("b").runId("run-b").build();
    List<HistoryEvent> history = started().build();
    StickyDecider sticky = new StickyDecider(1);
    sticky.decide(loop, a, history, JSON);
    assertThat(sticky.isParked("run-a")).isTrue();
    sticky.decide(loop, b, history, JSON);
    assertThat(sticky.isParked("run-a")).isFalse();
    assertThat(sticky.isParked("run-b")).isTrue();
    awaitLiveThreads(sticky, 1);
    sticky.close();
    assertThat(sticky.size()).isZero();
    awaitLiveThreads(sticky, 0);
  }

  @Test
  void closedWorkflow_isNotParked_andItsThreadEnds() throws InterruptedException {
    WorkflowDefinition loop = loop(0);
    try (StickyDecider sticky = new StickyDecider(10)) {
      assertThat(summary(sticky.decide(loop, EXECUTION, started().build(), JSON)))
          .containsExactly("complete \"total 0\"");
      assertThat(sticky.size()).isZero();
      awaitLiveThreads(sticky, 0);
    }
  }

  private static void awaitLiveThreads(StickyDecider sticky, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (sticky.liveThreads() != n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(sticky.liveThreads()).isEqualTo(n);
  }

  /**
   * A rough figure, printed: deciding each of {@link #STEPS} steps of a sequential workflow by full
   * replay (O(n^2) in all) and on parked code (O(n) code runs; the history index is still rebuilt
   * per task).
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void figure_thousandSteps_fullReplayVersusSticky() {
    WorkflowDefinition loop = loop(STEPS);
    HistoryBuilder h = started();
    long replayNanos = 0;
    long stickyNanos = 0;
    try (StickyDecider sticky = new StickyDecider(10)) {
      List<HistoryEvent> history = h.build();
      long t0 = System.nanoTime();
      sticky.decide(loop, EXECUTION, history, JSON);
      stickyNanos += System.nanoTime() - t0;
      for (int i = 0; i < STEPS; i++) {
        long previous = startedId(history);
        step(h, i);
        history = h.build();
        List<HistoryEvent> fresh = history.subList((int) previous - 1, history.size());
        t0 = System.nanoTime();
        List<String> got = summary(sticky.decideNew(EXECUTION, previous, fresh));
        stickyNanos += System.nanoTime() - t0;
        t0 = System.nanoTime();
        List<String> expected = summary(Decider.decide(loop, EXECUTION, history, JSON));
        replayNanos += System.nanoTime() - t0;
        assertThat(got).isEqualTo(expected);
      }
    }
    System.out.printf(
        "sticky figure: %d sequential steps decided by full replay in %d ms, on parked code in %d"
            + " ms (%s threads)%n",
        STEPS,
        replayNanos / 1_000_000,
        stickyNanos / 1_000_000,
        StickyDecider.virtualThreads() ? "virtual" : "platform");
  }
}
