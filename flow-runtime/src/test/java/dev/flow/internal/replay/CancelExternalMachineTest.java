package dev.flow.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.swf.model.EventType.EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED;
import static software.amazon.awssdk.services.swf.model.EventType.REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED;
import static software.amazon.awssdk.services.swf.model.EventType.REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED;

import dev.flow.FlowException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** The machine of cancel requests to other executions, row by row, and what it refuses. */
class CancelExternalMachineTest {
  static final Set<String> USED = new HashSet<>();

  final MachineTesting m = new MachineTesting(USED);
  final CancelExternalCommand cancel = new CancelExternalCommand(2, "video-42.1", "r");

  HistoryEvent initiated() {
    return m.event(
        REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
        b ->
            b.requestCancelExternalWorkflowExecutionInitiatedEventAttributes(
                a -> a.workflowId("video-42.1").runId("r")));
  }

  HistoryEvent requested(HistoryEvent initiated) {
    return m.event(
        EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED,
        b ->
            b.externalWorkflowExecutionCancelRequestedEventAttributes(
                a -> a.initiatedEventId(initiated.eventId())));
  }

  HistoryEvent failed(long initiatedEventId) {
    return m.event(
        REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED,
        b ->
            b.requestCancelExternalWorkflowExecutionFailedEventAttributes(
                a ->
                    a.workflowId("video-42.1")
                        .initiatedEventId(initiatedEventId)
                        .cause("UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION")));
  }

  @Test
  void initiated_requested_setsItsPromise() {
    HistoryEvent initiated = initiated();
    m.record(cancel, initiated);
    assertThat(cancel.state).isEqualTo(CancelExternalCommand.State.INITIATED);

    m.deliver(cancel, requested(initiated));

    assertThat(cancel.state).isEqualTo(CancelExternalCommand.State.CLOSED);
    assertThat(cancel.promise().isReady()).isTrue();
  }

  @Test
  void initiated_failed_failsItsPromise() {
    HistoryEvent initiated = initiated();
    m.record(cancel, initiated);

    m.deliver(cancel, failed(initiated.eventId()));

    assertThatThrownBy(cancel.promise()::get)
        .isInstanceOf(FlowException.class)
        .hasMessage(
            "cancel request to workflow video-42.1 failed: UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION");
  }

  @Test
  void recordedAsFailed_isRefused_thenFailsItsPromise() {
    HistoryEvent failed = failed(0);
    m.record(cancel, failed);
    assertThat(cancel.state).isEqualTo(CancelExternalCommand.State.REFUSED);

    m.deliver(cancel, failed);

    assertThatThrownBy(cancel.promise()::get).isInstanceOf(FlowException.class);
  }

  @Test
  void aRefusedRequest_isNotDeliveredAfterAll() {
    HistoryEvent failed = failed(0);
    m.record(cancel, failed);

    assertThat(m.refused(cancel, requested(failed)))
        .isEqualTo(
            "invalid history: ExternalWorkflowExecutionCancelRequested event 11 cannot move event"
                + " 10 (RequestCancelExternalWorkflowExecutionFailed:"
                + " RequestCancelExternalWorkflowExecution id video-42.1) from REFUSED (event 10,"
                + " RequestCancelExternalWorkflowExecutionFailed, moved it to REFUSED): a cancel"
                + " request to another execution in REFUSED takes"
                + " RequestCancelExternalWorkflowExecutionFailed");
  }

  @AfterAll
  static void everyRow_wasUsed() {
    assertThat(MachineTesting.unused(CancelExternalCommand.TRANSITIONS, USED)).isEmpty();
  }
}
