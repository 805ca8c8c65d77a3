package dev.flow.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.swf.model.EventType.EXTERNAL_WORKFLOW_EXECUTION_SIGNALED;
import static software.amazon.awssdk.services.swf.model.EventType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED;
import static software.amazon.awssdk.services.swf.model.EventType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED;

import dev.flow.FlowException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** The machine of signals to other executions, row by row, and what it refuses. */
class SignalExternalMachineTest {
  static final Set<String> USED = new HashSet<>();

  final MachineTesting m = new MachineTesting(USED);
  final SignalExternalCommand signal =
      new SignalExternalCommand(1, "video-7", null, "addChapter", "[\"intro\"]");

  HistoryEvent initiated() {
    return m.event(
        SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
        b ->
            b.signalExternalWorkflowExecutionInitiatedEventAttributes(
                a -> a.workflowId("video-7").signalName("addChapter").input("[\"intro\"]")));
  }

  HistoryEvent signaled(HistoryEvent initiated) {
    return m.event(
        EXTERNAL_WORKFLOW_EXECUTION_SIGNALED,
        b ->
            b.externalWorkflowExecutionSignaledEventAttributes(
                a -> a.initiatedEventId(initiated.eventId())));
  }

  HistoryEvent failed(long initiatedEventId) {
    return m.event(
        SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED,
        b ->
            b.signalExternalWorkflowExecutionFailedEventAttributes(
                a ->
                    a.workflowId("video-7")
                        .initiatedEventId(initiatedEventId)
                        .cause("UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION")));
  }

  @Test
  void initiated_signaled_setsItsPromise() {
    HistoryEvent initiated = initiated();
    m.record(signal, initiated);
    assertThat(signal.state).isEqualTo(SignalExternalCommand.State.INITIATED);

    m.deliver(signal, signaled(initiated));

    assertThat(signal.state).isEqualTo(SignalExternalCommand.State.CLOSED);
    assertThat(signal.promise().isReady()).isTrue();
  }

  @Test
  void initiated_failed_failsItsPromise() {
    HistoryEvent initiated = initiated();
    m.record(signal, initiated);

    m.deliver(signal, failed(initiated.eventId()));

    assertThatThrownBy(signal.promise()::get)
        .isInstanceOf(FlowException.class)
        .hasMessage(
            "signal addChapter to workflow video-7 failed: UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION");
  }

  @Test
  void recordedAsFailed_isRefused_thenFailsItsPromise() {
    HistoryEvent failed = failed(0);
    m.record(signal, failed);
    assertThat(signal.state).isEqualTo(SignalExternalCommand.State.REFUSED);

    m.deliver(signal, failed);

    assertThatThrownBy(signal.promise()::get).isInstanceOf(FlowException.class);
  }

  @Test
  void signaledTwice_isRefused_namingBothEvents() {
    HistoryEvent initiated = initiated();
    m.record(signal, initiated);
    m.deliver(signal, signaled(initiated));

    assertThat(m.refused(signal, signaled(initiated)))
        .isEqualTo(
            "invalid history: ExternalWorkflowExecutionSignaled event 12 cannot move event 10"
                + " (SignalExternalWorkflowExecutionInitiated: SignalExternalWorkflowExecution"
                + " addChapter id video-7) from CLOSED (event 11,"
                + " ExternalWorkflowExecutionSignaled, moved it to CLOSED): no event moves a signal"
                + " to another execution on from CLOSED");
  }

  @AfterAll
  static void everyRow_wasUsed() {
    assertThat(MachineTesting.unused(SignalExternalCommand.TRANSITIONS, USED)).isEmpty();
  }
}
