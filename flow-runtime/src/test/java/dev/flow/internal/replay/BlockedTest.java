package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.EXECUTION;
import static dev.flow.internal.replay.ReplayTesting.JSON;
import static dev.flow.internal.replay.ReplayTesting.T0;
import static dev.flow.internal.replay.ReplayTesting.decide;
import static dev.flow.internal.replay.ReplayTesting.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flow.internal.testing.HistoryBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * A worker that cannot decide: the marker that says why (once per reason), the retry timer with
 * backoff, and replay that skips both.
 */
class BlockedTest {
  static final NonDeterminismException MISMATCH =
      new NonDeterminismException(
          "workflow code issued command #1 where the history recorded event 5, at step 2");

  /** The blocked answer's DecisionTaskCompleted carries the blocked execution context. */
  private static void blockedAnswer(HistoryBuilder h) {
    h.decisionCompleted();
  }

  private static List<HistoryEvent> withBlockedContexts(List<HistoryEvent> events, long... ids) {
    List<HistoryEvent> out = new ArrayList<>(events.size());
    for (HistoryEvent e : events) {
      boolean blocked = false;
      for (long id : ids) {
        blocked |= e.eventId() == id;
      }
      out.add(
          blocked
              ? e.toBuilder()
                  .decisionTaskCompletedEventAttributes(
                      e.decisionTaskCompletedEventAttributes().toBuilder()
                          .executionContext(Blocked.CONTEXT)
                          .build())
                  .build()
              : e);
    }
    return out;
  }

  private static List<String> answer(List<HistoryEvent> history, Throwable failure) {
    long started = history.get(history.size() - 1).eventId();
    List<String> lines = new ArrayList<>();
    for (Decision d : Blocked.decisions(history, started, failure, "host:1")) {
      lines.add(summary(d) + (d.startTimerDecisionAttributes() != null ? " retry" : ""));
    }
    return lines;
  }

  @Test
  void firstBlockedAnswer_recordsWhy_andATimerOfFiveSeconds() {
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();

    assertThat(answer(h.build(), MISMATCH))
        .containsExactly(
            "marker flow.blocked"
                + " {\"flow\":1,\"purpose\":\"blocked\",\"reason\":\"non-determinism\",\"message\":\"workflow"
                + " code issued command #1 where the history recorded event 5, at step"
                + " 2\",\"worker\":\"host:1\",\"since\":\"2026-01-01T10:00:00Z\"}",
            "timer flow.blocked.retry-3 5s retry");
  }

  @Test
  void blockedAgainForTheSameReason_recordsNoSecondMarker_andWaitsTwiceAsLong() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted (blocked)  5 MarkerRecorded flow.blocked
    // 6 TimerStarted flow.blocked.retry-3  7 TimerFired(6)  8 DecisionTaskScheduled
    // 9 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    List<HistoryEvent> first = h.build();
    Decision marker =
        Blocked.decisions(first, 3, MISMATCH, "host:1").get(0); // the marker as recorded
    blockedAnswer(h);
    h.markerRecorded("flow.blocked", marker.recordMarkerDecisionAttributes().details());
    h.timerFired(h.timerStarted("flow.blocked.retry-3", 5));
    h.decisionTask();
    List<HistoryEvent> history = withBlockedContexts(h.build(), 4);
    // the same mismatch, seen one step later: its numbers differ, not its words
    NonDeterminismException again =
        new NonDeterminismException(
            "workflow code issued command #1 where the history recorded event 5, at step 3");

    assertThat(answer(history, again)).containsExactly("timer flow.blocked.retry-9 10s retry");
    assertThat(answer(history, new IllegalStateException("bug")))
        .hasSize(2)
        .first()
        .asString()
        .contains("\"reason\":\"decider-exception\"");
  }

  @Test
  void openRetryTimer_noSecondOne_andASuccessfulStepInBetween_recordsTheMarkerAgain() {
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    String details =
        Blocked.decisions(h.build(), 3, MISMATCH, "host:1")
            .get(0)
            .recordMarkerDecisionAttributes()
            .details();
    blockedAnswer(h); // 4
    h.markerRecorded("flow.blocked", details);
    h.timerStarted("flow.blocked.retry-3", 5);
    h.signaled("go", "[]"); // an event brings a decision task before the timer fires
    h.decisionTask(); // 8, 9

    assertThat(answer(withBlockedContexts(h.build(), 4), MISMATCH)).isEmpty();

    h.decisionCompleted(); // 10: decided, not blocked
    h.decisionTask();
    assertThat(answer(withBlockedContexts(h.build(), 4), MISMATCH))
        .hasSize(1)
        .first()
        .asString()
        .startsWith("marker flow.blocked");
  }

  @Test
  void backoff_doublesUpToFiveMinutes() {
    assertThat(Blocked.retrySeconds(0)).isEqualTo(5);
    assertThat(Blocked.retrySeconds(1)).isEqualTo(10);
    assertThat(Blocked.retrySeconds(5)).isEqualTo(160);
    assertThat(Blocked.retrySeconds(6)).isEqualTo(300);
    assertThat(Blocked.retrySeconds(60)).isEqualTo(300);
  }

  @Test
  void where_isTheWorkflowCodeLine_reasonSaysWhichKind() {
    var changed =
        ReplayTesting.definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () ->
                ReplayTesting.instance(
                    args -> new ReplayTesting.MediaStub().targetAds("changed").get()));
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    h.activityScheduled("Media.targetAds", "1.0", "Media.targetAds-1", "[\"s\"]");
    h.decisionTask();
    List<HistoryEvent> history = h.build();

    Throwable failure = null;
    try {
      Decider.decide(changed, EXECUTION, history, JSON);
    } catch (NonDeterminismException e) {
      failure = e;
    }

    assertThat(Blocked.reason(failure)).isEqualTo("non-determinism");
    assertThat(Blocked.where(failure)).startsWith(BlockedTest.class.getName() + ".lambda$");
    assertThat(Blocked.reason(new IllegalStateException("bug"))).isEqualTo("decider-exception");
    assertThat(Blocked.where(new IllegalStateException("bug"))).isNull();
  }

  @Test
  void undecodableInput_blocksTheDecider_insteadOfFailingTheWorkflow() {
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "{not json");
    h.decisionTask();

    assertThatThrownBy(() -> decide(ActivityReplayTest.PROCESS, h.build()))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageStartingWith("cannot decode the input of workflow ProcessVideo")
        .satisfies(e -> assertThat(Blocked.reason(e)).isEqualTo("undecodable-payload"));
  }

  @Test
  void replay_skipsTheBlockedMarkersAndTimers() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted (blocked)  5 MarkerRecorded flow.blocked
    // 6 TimerStarted flow.blocked.retry-3  7 TimerFired(6)  8 DecisionTaskScheduled
    // 9 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    blockedAnswer(h);
    h.markerRecorded("flow.blocked", "{\"flow\":1,\"purpose\":\"blocked\"}");
    h.timerFired(h.timerStarted("flow.blocked.retry-3", 5));
    h.decisionTask();
    List<HistoryEvent> history = withBlockedContexts(h.build(), 4);

    assertThat(history.get(3).eventType()).isEqualTo(EventType.DECISION_TASK_COMPLETED);
    assertThat(decide(ActivityReplayTest.PROCESS, history))
        .containsExactly(
            "schedule Media.embedSubtitle-1 [\"v\",\"s\"]", "schedule Media.targetAds-2 [\"s\"]");
  }
}
