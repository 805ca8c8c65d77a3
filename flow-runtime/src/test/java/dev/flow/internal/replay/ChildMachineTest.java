package dev.flow.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.swf.model.EventType.CHILD_WORKFLOW_EXECUTION_CANCELED;
import static software.amazon.awssdk.services.swf.model.EventType.CHILD_WORKFLOW_EXECUTION_COMPLETED;
import static software.amazon.awssdk.services.swf.model.EventType.CHILD_WORKFLOW_EXECUTION_FAILED;
import static software.amazon.awssdk.services.swf.model.EventType.CHILD_WORKFLOW_EXECUTION_STARTED;
import static software.amazon.awssdk.services.swf.model.EventType.CHILD_WORKFLOW_EXECUTION_TERMINATED;
import static software.amazon.awssdk.services.swf.model.EventType.CHILD_WORKFLOW_EXECUTION_TIMED_OUT;
import static software.amazon.awssdk.services.swf.model.EventType.START_CHILD_WORKFLOW_EXECUTION_FAILED;
import static software.amazon.awssdk.services.swf.model.EventType.START_CHILD_WORKFLOW_EXECUTION_INITIATED;

import dev.flow.CanceledFailure;
import dev.flow.ChildWorkflowFailure;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** The child workflow machine, row by row, and what it refuses. */
class ChildMachineTest {
  static final Set<String> USED = new HashSet<>();

  final MachineTesting m = new MachineTesting(USED);
  final Call.Child call = m.childCall();
  final ChildCommand attempt = (ChildCommand) call.attemptCommand(1);

  HistoryEvent initiated() {
    return m.event(
        START_CHILD_WORKFLOW_EXECUTION_INITIATED,
        b ->
            b.startChildWorkflowExecutionInitiatedEventAttributes(
                a ->
                    a.workflowType(t -> t.name("Transcode").version("1.0"))
                        .workflowId("video-42.1")
                        .input("[\"v\"]")));
  }

  HistoryEvent startFailed(long initiatedEventId) {
    return m.event(
        START_CHILD_WORKFLOW_EXECUTION_FAILED,
        b ->
            b.startChildWorkflowExecutionFailedEventAttributes(
                a ->
                    a.workflowType(t -> t.name("Transcode").version("1.0"))
                        .workflowId("video-42.1")
                        .initiatedEventId(initiatedEventId)
                        .cause("WORKFLOW_ALREADY_RUNNING")));
  }

  /** An event of {@code type} reporting on the child {@code initiated} started. */
  HistoryEvent about(HistoryEvent initiated, EventType type) {
    long i = initiated.eventId();
    return m.event(
        type,
        b -> {
          switch (type) {
            case CHILD_WORKFLOW_EXECUTION_STARTED ->
                b.childWorkflowExecutionStartedEventAttributes(
                    a -> a.initiatedEventId(i).workflowExecution(x -> x.runId("child-run")));
            case CHILD_WORKFLOW_EXECUTION_COMPLETED ->
                b.childWorkflowExecutionCompletedEventAttributes(
                    a -> a.initiatedEventId(i).result("\"done\""));
            case CHILD_WORKFLOW_EXECUTION_FAILED ->
                b.childWorkflowExecutionFailedEventAttributes(
                    a -> a.initiatedEventId(i).reason("java.io.IOException").details("disk"));
            case CHILD_WORKFLOW_EXECUTION_TIMED_OUT ->
                b.childWorkflowExecutionTimedOutEventAttributes(
                    a -> a.initiatedEventId(i).timeoutType("START_TO_CLOSE"));
            case CHILD_WORKFLOW_EXECUTION_CANCELED ->
                b.childWorkflowExecutionCanceledEventAttributes(a -> a.initiatedEventId(i));
            case CHILD_WORKFLOW_EXECUTION_TERMINATED ->
                b.childWorkflowExecutionTerminatedEventAttributes(a -> a.initiatedEventId(i));
            default -> throw new IllegalArgumentException(type.toString());
          }
        });
  }

  @Test
  void initiated_started_completed_setsTheCallsIdAndResult() {
    HistoryEvent initiated = initiated();
    m.record(attempt, initiated);
    assertThat(attempt.state).isEqualTo(ChildCommand.State.INITIATED);
    m.deliver(attempt, about(initiated, CHILD_WORKFLOW_EXECUTION_STARTED));
    assertThat(attempt.state).isEqualTo(ChildCommand.State.STARTED);
    assertThat(call.started.get()).isEqualTo("video-42.1");
    assertThat(call.childRunId).isEqualTo("child-run");

    m.deliver(attempt, about(initiated, CHILD_WORKFLOW_EXECUTION_COMPLETED));

    assertThat(attempt.state).isEqualTo(ChildCommand.State.CLOSED);
    assertThat(call.result.get()).isEqualTo("done");
  }

  @Test
  void everyOutcome_closesTheChild_initiatedOrStarted() {
    List<EventType> failures =
        List.of(
            CHILD_WORKFLOW_EXECUTION_FAILED,
            CHILD_WORKFLOW_EXECUTION_TIMED_OUT,
            CHILD_WORKFLOW_EXECUTION_CANCELED,
            CHILD_WORKFLOW_EXECUTION_TERMINATED);
    for (boolean started : new boolean[] {false, true}) {
      ChildMachineTest t = new ChildMachineTest();
      HistoryEvent initiated = t.initiated();
      t.m.record(t.attempt, initiated);
      if (started) {
        t.m.deliver(t.attempt, t.about(initiated, CHILD_WORKFLOW_EXECUTION_STARTED));
      }
      t.m.deliver(t.attempt, t.about(initiated, CHILD_WORKFLOW_EXECUTION_COMPLETED));
      assertThat(t.call.result.get()).isEqualTo("done");
      for (EventType failure : failures) {
        t = new ChildMachineTest();
        initiated = t.initiated();
        t.m.record(t.attempt, initiated);
        if (started) {
          t.m.deliver(t.attempt, t.about(initiated, CHILD_WORKFLOW_EXECUTION_STARTED));
        }
        t.m.deliver(t.attempt, t.about(initiated, failure));
        assertThat(t.attempt.state).isEqualTo(ChildCommand.State.CLOSED);
        assertThatThrownBy(t.call.result::get)
            .as("the call after %s", failure)
            .isInstanceOf(ChildWorkflowFailure.class);
      }
    }
  }

  @Test
  void canceled_failsTheCall_causedByCanceledFailure() {
    HistoryEvent initiated = initiated();
    m.record(attempt, initiated);

    m.deliver(attempt, about(initiated, CHILD_WORKFLOW_EXECUTION_CANCELED));

    assertThatThrownBy(call.result::get)
        .isInstanceOf(ChildWorkflowFailure.class)
        .hasCauseInstanceOf(CanceledFailure.class);
  }

  @Test
  void initiated_thenStartFailed_failsTheCallAndItsId() {
    HistoryEvent initiated = initiated();
    m.record(attempt, initiated);

    m.deliver(attempt, startFailed(initiated.eventId()));

    assertThatThrownBy(call.result::get)
        .isInstanceOf(ChildWorkflowFailure.class)
        .hasMessageContaining("failed to start: WORKFLOW_ALREADY_RUNNING");
    assertThatThrownBy(call.started::get).isInstanceOf(ChildWorkflowFailure.class);
  }

  @Test
  void recordedAsStartFailed_isRefused_thenFailsTheCall() {
    HistoryEvent failed = startFailed(0);
    m.record(attempt, failed);
    assertThat(attempt.state).isEqualTo(ChildCommand.State.REFUSED);

    m.deliver(attempt, failed);

    assertThatThrownBy(call.result::get).isInstanceOf(ChildWorkflowFailure.class);
  }

  @Test
  void startFailedAfterItStarted_isRefused_namingBothEvents() {
    HistoryEvent initiated = initiated();
    m.record(attempt, initiated);
    m.deliver(attempt, about(initiated, CHILD_WORKFLOW_EXECUTION_STARTED));

    assertThat(m.refused(attempt, startFailed(initiated.eventId())))
        .isEqualTo(
            "invalid history: StartChildWorkflowExecutionFailed event 12 cannot move event 10"
                + " (StartChildWorkflowExecutionInitiated: StartChildWorkflowExecution Transcode"
                + " version 1.0 id video-42.1) from STARTED (event 11,"
                + " ChildWorkflowExecutionStarted, moved it to STARTED): a child workflow in"
                + " STARTED takes ChildWorkflowExecutionCompleted, ChildWorkflowExecutionFailed,"
                + " ChildWorkflowExecutionTimedOut, ChildWorkflowExecutionCanceled,"
                + " ChildWorkflowExecutionTerminated");
  }

  @Test
  void aResultAfterTheLast_isRefused() {
    HistoryEvent initiated = initiated();
    m.record(attempt, initiated);
    m.deliver(attempt, about(initiated, CHILD_WORKFLOW_EXECUTION_TERMINATED));

    assertThat(m.refused(attempt, about(initiated, CHILD_WORKFLOW_EXECUTION_COMPLETED)))
        .isEqualTo(
            "invalid history: ChildWorkflowExecutionCompleted event 12 cannot move event 10"
                + " (StartChildWorkflowExecutionInitiated: StartChildWorkflowExecution Transcode"
                + " version 1.0 id video-42.1) from CLOSED (event 11,"
                + " ChildWorkflowExecutionTerminated, moved it to CLOSED): no event moves a child"
                + " workflow on from CLOSED");
  }

  @AfterAll
  static void everyRow_wasUsed() {
    assertThat(MachineTesting.unused(ChildCommand.TRANSITIONS, USED)).isEmpty();
  }
}
