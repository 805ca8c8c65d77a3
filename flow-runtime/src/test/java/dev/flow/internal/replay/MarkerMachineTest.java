package dev.flow.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.swf.model.EventType.MARKER_RECORDED;
import static software.amazon.awssdk.services.swf.model.EventType.RECORD_MARKER_FAILED;

import dev.flow.FlowException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** The marker machine, row by row, and what it refuses. */
class MarkerMachineTest {
  static final Set<String> USED = new HashSet<>();

  final MachineTesting m = new MachineTesting(USED);
  final MarkerCommand marker = new MarkerCommand(1, "SideEffect", "7");

  HistoryEvent recorded(String name) {
    return m.event(
        MARKER_RECORDED,
        b -> b.markerRecordedEventAttributes(a -> a.markerName(name).details("7")));
  }

  HistoryEvent recordFailed() {
    return m.event(
        RECORD_MARKER_FAILED,
        b ->
            b.recordMarkerFailedEventAttributes(
                a -> a.markerName("SideEffect").cause("OPERATION_NOT_PERMITTED")));
  }

  @Test
  void recorded_delivered_setsItsPromise() {
    HistoryEvent recorded = recorded("SideEffect");
    m.record(marker, recorded);
    assertThat(marker.state).isEqualTo(MarkerCommand.State.RECORDED);

    m.deliver(marker, recorded);

    assertThat(marker.state).isEqualTo(MarkerCommand.State.CLOSED);
    assertThat(marker.promise().isReady()).isTrue();
  }

  @Test
  void recordedAsFailed_isRefused_thenFailsItsPromise() {
    HistoryEvent failed = recordFailed();
    m.record(marker, failed);

    m.deliver(marker, failed);

    assertThatThrownBy(marker.promise()::get)
        .isInstanceOf(FlowException.class)
        .hasMessage("marker SideEffect could not be recorded: OPERATION_NOT_PERMITTED");
  }

  @Test
  void aMarkerOfFlowsOwn_isNoCommand() {
    assertThat(
            EventRouter.recorded(
                0, recorded("flow.blocked"), new EventType[] {EventType.MARKER_RECORDED}))
        .isNull();
  }

  @Test
  void deliveredTwice_isRefused_namingBothEvents() {
    HistoryEvent recorded = recorded("SideEffect");
    m.record(marker, recorded);
    m.deliver(marker, recorded);

    assertThat(m.refused(marker, recorded))
        .isEqualTo(
            "invalid history: MarkerRecorded event 10 cannot move event 10 (MarkerRecorded:"
                + " RecordMarker SideEffect) from CLOSED (event 10, MarkerRecorded, moved it to"
                + " CLOSED): no event moves a marker on from CLOSED");
  }

  @AfterAll
  static void everyRow_wasUsed() {
    assertThat(MachineTesting.unused(MarkerCommand.TRANSITIONS, USED)).isEmpty();
  }
}
