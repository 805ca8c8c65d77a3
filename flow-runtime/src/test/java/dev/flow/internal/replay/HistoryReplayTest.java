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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flow.ChildWorkflowFailure;
import dev.flow.StartOptions;
import dev.flow.internal.replay.ReplayTesting.MediaStub;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.Stubs;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** Child workflows, and histories the decider refuses. */
class HistoryReplayTest {
  static final WorkflowSpec CHILD =
      WorkflowSpec.builder("Thumbnail", "2.0")
          .taskList("thumbs")
          .executionStartToCloseTimeoutSeconds(600)
          .taskStartToCloseTimeoutSeconds(10)
          .parameterTypes(String.class)
          .resultType(String.class)
          .build();

  static final WorkflowDefinition PARENT =
      definition(
          ActivityReplayTest.PROCESS_VIDEO,
          () ->
              instance(
                  args -> {
                    String first = Stubs.<String>childWorkflow(CHILD, null, args[0]).get();
                    try {
                      Stubs.childWorkflow(
                              CHILD, StartOptions.builder().workflowId("mine").build(), "x")
                          .get();
                      return "unexpected";
                    } catch (ChildWorkflowFailure e) {
                      return first + " / " + e.reason();
                    }
                  }));

  @Test
  void childWorkflow_startsWithAnIdDerivedFromTheParent_andItsResultIsDecoded() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 StartChildWorkflowExecutionInitiated video-42.1
    // 6 ChildWorkflowExecutionStarted(5)  7 DecisionTaskScheduled  8 DecisionTaskStarted
    // 9 DecisionTaskCompleted  10 ChildWorkflowExecutionCompleted(5) "thumb.png"
    // 11 DecisionTaskScheduled  12 DecisionTaskStarted  13 DecisionTaskCompleted
    // 14 StartChildWorkflowExecutionInitiated mine  15 ChildWorkflowExecutionStarted(14)
    // 16 ChildWorkflowExecutionTerminated(14)  17 DecisionTaskScheduled  18 DecisionTaskStarted
    // 19 DecisionTaskCompleted  20 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    List<Decision> first = Decider.decide(PARENT, EXECUTION, h.build(), JSON);
    assertThat(ReplayTesting.summary(first)).containsExactly("child Thumbnail video-42.1 [\"v\"]");
    var start = first.get(0).startChildWorkflowExecutionDecisionAttributes();
    assertThat(start.workflowType().version()).isEqualTo("2.0");
    assertThat(start.taskList().name()).isEqualTo("thumbs");
    assertThat(start.executionStartToCloseTimeout()).isEqualTo("600");
    assertThat(start.taskStartToCloseTimeout()).isEqualTo("10");
    h.decisionCompleted();
    long child = h.childInitiated("Thumbnail", "2.0", "video-42.1", "[\"v\"]");
    long started = h.childStarted(child, "child-run");
    h.decisionTask();
    assertThat(decide(PARENT, h.build())).isEmpty();
    h.decisionCompleted();
    h.childCompleted(child, started, "\"thumb.png\"");
    h.decisionTask();
    assertThat(decide(PARENT, h.build())).containsExactly("child Thumbnail mine [\"x\"]");
    h.decisionCompleted();
    long mine = h.childInitiated("Thumbnail", "2.0", "mine", "[\"x\"]");
    long mineStarted = h.childStarted(mine, "mine-run");
    h.childTerminated(mine, mineStarted);
    assertCompletesAndReplays(PARENT, h, "\"thumb.png / terminated\"");
  }

  private static HistoryEvent event(long id, String type) {
    return HistoryEvent.builder().eventId(id).eventTimestamp(T0).eventType(type).build();
  }

  @Test
  void childWorkflow_withoutTheParentsExecution_saysWhichOverloadToCall() {
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();

    assertThatThrownBy(() -> Decider.decide(PARENT, h.build(), JSON))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Decider.decide(definition, execution, history, converter)");
  }

  @Test
  void resultReferringToAnEventOfAnotherKind_isAnInvalidHistory_namingBothEvents() {
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    long embed =
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    h.activityCompleted(embed - 1, "\"v2\""); // refers to the DecisionTaskCompleted
    h.decisionTask();

    assertThatThrownBy(() -> decide(ActivityReplayTest.SIMPLE, h.build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid history: ActivityTaskCompleted event 6 refers to event 4, which is not an"
                + " earlier event recording a ScheduleActivityTask decision (it is a"
                + " DecisionTaskCompleted)");
  }

  @Test
  void secondResultOfOneActivity_isAnInvalidHistory_namingBothEvents() {
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    long embed =
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    h.activityCompleted(embed, "\"v2\"");
    h.activityCompleted(embed, "\"v3\"");
    h.decisionTask();
    WorkflowDefinition waitsForever =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () ->
                instance(
                    args -> {
                      new MediaStub().embedSubtitle(args[0], args[1]).get();
                      return dev.flow.Workflow.timer(java.time.Duration.ofDays(1)).get();
                    }));

    assertThatThrownBy(() -> decide(waitsForever, h.build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ActivityTaskCompleted event 7 cannot move event 5")
        .hasMessageContaining("(event 6, ActivityTaskCompleted, moved it to CLOSED)");
  }

  @Test
  void eventWithoutItsAttributes_isAnInvalidHistory() {
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    List<HistoryEvent> events = new ArrayList<>(h.build());
    events.add(event(5, "ActivityTaskScheduled"));

    assertThatThrownBy(() -> decide(ActivityReplayTest.SIMPLE, events))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid history: ActivityTaskScheduled event 5 lacks attributes");
  }

  @Test
  void resultWithoutItsAttributes_cannotBeCaughtByWorkflowCode() {
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    List<HistoryEvent> events = new ArrayList<>(h.build());
    events.add(event(6, "ActivityTaskCompleted"));
    events.add(event(7, "DecisionTaskScheduled"));
    events.add(
        HistoryEvent.builder()
            .eventId(8L)
            .eventTimestamp(T0)
            .eventType("DecisionTaskStarted")
            .decisionTaskStartedEventAttributes(a -> a.scheduledEventId(7L))
            .build());
    WorkflowDefinition catching =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () ->
                instance(
                    args -> {
                      try {
                        return new MediaStub().embedSubtitle(args[0], args[1]).get();
                      } catch (RuntimeException e) {
                        return "caught " + e;
                      }
                    }));

    assertThatThrownBy(() -> decide(catching, events))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid history: cannot deliver ActivityTaskCompleted event 6");
  }

  @Test
  void historyOfAnotherWorkflowType_isRefused() {
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Other", "1.0", "[]");
    h.decisionTask();

    assertThatThrownBy(() -> decide(ActivityReplayTest.SIMPLE, h.build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the history is of workflow type Other version 1.0, but the definition given is of"
                + " ProcessVideo version 1.0");
  }

  @Test
  void historyWithoutAStartedDecisionTask_isRefused() {
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[]");
    h.decisionScheduled();

    assertThatThrownBy(() -> decide(ActivityReplayTest.SIMPLE, h.build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no DecisionTaskStarted event");
  }

  @Test
  void eventIdsOutOfSequence_areRefused_namingBoth() {
    List<HistoryEvent> events = new ArrayList<>();
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[]");
    events.addAll(h.build());
    events.add(event(3, "DecisionTaskScheduled"));

    assertThatThrownBy(() -> decide(ActivityReplayTest.SIMPLE, events))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid history: event ids number the events from 1: event 2 has id 3 after event 1");
  }

  @Test
  void wholeHistoryOfAFinishedExecution_replaysToItsCloseDecision() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1
    // 6 ActivityTaskCompleted(5)  7 DecisionTaskScheduled  8 DecisionTaskStarted
    // 9 DecisionTaskCompleted  10 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    long embed =
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    h.activityCompleted(embed, "\"v2\"");
    h.decisionTask();
    h.decisionCompleted();
    h.workflowCompleted("\"v2\"");

    assertReplaysAsRecorded(ActivityReplayTest.SIMPLE, h.build());
  }
}
