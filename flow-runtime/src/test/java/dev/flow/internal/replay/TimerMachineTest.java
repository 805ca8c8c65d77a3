package dev.flow.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.swf.model.EventType.CANCEL_TIMER_FAILED;
import static software.amazon.awssdk.services.swf.model.EventType.START_TIMER_FAILED;
import static software.amazon.awssdk.services.swf.model.EventType.TIMER_CANCELED;
import static software.amazon.awssdk.services.swf.model.EventType.TIMER_FIRED;
import static software.amazon.awssdk.services.swf.model.EventType.TIMER_STARTED;

import dev.flow.ActivityFailure;
import dev.flow.CanceledFailure;
import dev.flow.FlowException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** The timer machine and its cancel's, row by row, and what they refuse. */
class TimerMachineTest {
  static final Set<String> USED = new HashSet<>();

  final MachineTesting m = new MachineTesting(USED);
  final TimerCommand timer = new TimerCommand(3, Duration.ofSeconds(30), null);

  HistoryEvent started(String timerId) {
    return m.event(
        TIMER_STARTED,
        b -> b.timerStartedEventAttributes(a -> a.timerId(timerId).startToFireTimeout("30")));
  }

  HistoryEvent fired(HistoryEvent started) {
    return m.event(
        TIMER_FIRED,
        b ->
            b.timerFiredEventAttributes(
                a ->
                    a.timerId(started.timerStartedEventAttributes().timerId())
                        .startedEventId(started.eventId())));
  }

  HistoryEvent canceled(HistoryEvent started) {
    return m.event(
        TIMER_CANCELED,
        b ->
            b.timerCanceledEventAttributes(
                a -> a.timerId("timer-3").startedEventId(started.eventId())));
  }

  HistoryEvent startFailed() {
    return m.event(
        START_TIMER_FAILED,
        b ->
            b.startTimerFailedEventAttributes(
                a -> a.timerId("timer-3").cause("TIMER_ID_ALREADY_IN_USE")));
  }

  @Test
  void started_fired_setsItsPromise() {
    HistoryEvent started = started("timer-3");
    m.record(timer, started);
    assertThat(timer.state).isEqualTo(TimerCommand.State.STARTED);

    m.deliver(timer, fired(started));

    assertThat(timer.state).isEqualTo(TimerCommand.State.CLOSED);
    assertThat(timer.promise().isReady()).isTrue();
  }

  @Test
  void theWaitOfACall_fired_startsItsNextAttempt() {
    Call.Activity call = m.activityCall();
    call.attempt = 2;
    TimerCommand wait = new TimerCommand(1, Duration.ofSeconds(10), call);
    HistoryEvent started = started("timer-1");
    m.record(wait, started);

    m.deliver(wait, fired(started));

    assertThat(call.current).isInstanceOf(ActivityCommand.class);
    assertThat(call.current.id).isEqualTo("Media.embedSubtitle-1@2");
    assertThat(m.execution.issued().size()).isEqualTo(1);
  }

  @Test
  void started_canceled_failsItsPromise() {
    HistoryEvent started = started("timer-3");
    m.record(timer, started);

    m.deliver(timer, canceled(started));

    assertThatThrownBy(timer.promise()::get)
        .isInstanceOf(CanceledFailure.class)
        .hasMessage("timer timer-3 was canceled");
  }

  @Test
  void recordedAsStartTimerFailed_isRefused_thenFailsItsPromise_orItsCall() {
    HistoryEvent failed = startFailed();
    m.record(timer, failed);
    assertThat(timer.state).isEqualTo(TimerCommand.State.REFUSED);
    m.deliver(timer, failed);
    assertThatThrownBy(timer.promise()::get)
        .isInstanceOf(FlowException.class)
        .hasMessage("timer timer-3 could not start: TIMER_ID_ALREADY_IN_USE");

    TimerMachineTest other = new TimerMachineTest();
    Call.Activity call = other.m.activityCall();
    TimerCommand wait = new TimerCommand(3, Duration.ofSeconds(10), call);
    HistoryEvent waitFailed = other.startFailed();
    other.m.record(wait, waitFailed);
    other.m.deliver(wait, waitFailed);
    assertThatThrownBy(call.result::get)
        .isInstanceOf(FlowException.class)
        .isNotInstanceOf(ActivityFailure.class)
        .hasMessage("timer timer-3 could not start: TIMER_ID_ALREADY_IN_USE");
  }

  @Test
  void firedAfterItWasCanceled_isRefused_namingBothEvents() {
    HistoryEvent started = started("timer-3");
    m.record(timer, started);
    m.deliver(timer, canceled(started));

    assertThat(m.refused(timer, fired(started)))
        .isEqualTo(
            "invalid history: TimerFired event 12 cannot move event 10 (TimerStarted: StartTimer"
                + " id timer-3) from CLOSED (event 11, TimerCanceled, moved it to CLOSED): no event"
                + " moves a timer on from CLOSED");
  }

  @Test
  void aRefusedTimer_neverFires() {
    HistoryEvent failed = startFailed();
    m.record(timer, failed);

    assertThat(m.refused(timer, fired(started("timer-3"))))
        .isEqualTo(
            "invalid history: TimerFired event 12 cannot move event 10 (StartTimerFailed:"
                + " StartTimer id timer-3) from REFUSED (event 10, StartTimerFailed, moved it to"
                + " REFUSED): a timer in REFUSED takes StartTimerFailed");
  }

  // ------------------------------------------------------------ CancelTimer

  final TimerCommand.Cancel cancel = new TimerCommand.Cancel(4, "timer-3");

  HistoryEvent cancelFailed() {
    return m.event(
        CANCEL_TIMER_FAILED,
        b ->
            b.cancelTimerFailedEventAttributes(
                a -> a.timerId("timer-3").cause("TIMER_ID_UNKNOWN")));
  }

  @Test
  void cancel_recordedAsTimerCanceled_setsItsPromise() {
    HistoryEvent canceled = canceled(started("timer-3"));
    m.record(cancel, canceled);
    assertThat(cancel.state).isEqualTo(TimerCommand.Cancel.CancelState.RECORDED);

    m.deliver(cancel, canceled);

    assertThat(cancel.promise().isReady()).isTrue();
  }

  @Test
  void cancel_refused_failsItsPromise() {
    HistoryEvent failed = cancelFailed();
    m.record(cancel, failed);

    m.deliver(cancel, failed);

    assertThatThrownBy(cancel.promise()::get)
        .isInstanceOf(FlowException.class)
        .hasMessage("timer timer-3 could not be canceled: TIMER_ID_UNKNOWN");
  }

  @Test
  void aRefusedCancel_isNotCanceledAfterAll() {
    HistoryEvent failed = cancelFailed();
    m.record(cancel, failed);

    assertThat(m.refused(cancel, canceled(started("timer-3"))))
        .isEqualTo(
            "invalid history: TimerCanceled event 12 cannot move event 10 (CancelTimerFailed:"
                + " CancelTimer id timer-3) from REFUSED (event 10, CancelTimerFailed, moved it to"
                + " REFUSED): a timer cancel in REFUSED takes CancelTimerFailed");
  }

  @AfterAll
  static void everyRowOfBothTables_wasUsed() {
    assertThat(MachineTesting.unused(TimerCommand.TRANSITIONS, USED)).isEmpty();
    assertThat(MachineTesting.unused(TimerCommand.Cancel.TRANSITIONS, USED)).isEmpty();
  }
}
