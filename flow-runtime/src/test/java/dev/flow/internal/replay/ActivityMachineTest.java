package dev.flow.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.swf.model.EventType.ACTIVITY_TASK_CANCELED;
import static software.amazon.awssdk.services.swf.model.EventType.ACTIVITY_TASK_CANCEL_REQUESTED;
import static software.amazon.awssdk.services.swf.model.EventType.ACTIVITY_TASK_COMPLETED;
import static software.amazon.awssdk.services.swf.model.EventType.ACTIVITY_TASK_FAILED;
import static software.amazon.awssdk.services.swf.model.EventType.ACTIVITY_TASK_SCHEDULED;
import static software.amazon.awssdk.services.swf.model.EventType.ACTIVITY_TASK_STARTED;
import static software.amazon.awssdk.services.swf.model.EventType.ACTIVITY_TASK_TIMED_OUT;
import static software.amazon.awssdk.services.swf.model.EventType.REQUEST_CANCEL_ACTIVITY_TASK_FAILED;
import static software.amazon.awssdk.services.swf.model.EventType.SCHEDULE_ACTIVITY_TASK_FAILED;

import dev.flow.ActivityFailure;
import dev.flow.ActivityTimeoutFailure;
import dev.flow.CanceledFailure;
import dev.flow.FlowException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** The activity machine and its cancel request's, row by row, and what they refuse. */
class ActivityMachineTest {
  static final Set<String> USED = new HashSet<>();

  final MachineTesting m = new MachineTesting(USED);
  final Call.Activity call = m.activityCall();
  final ActivityCommand attempt = (ActivityCommand) call.attemptCommand(1);

  HistoryEvent scheduled() {
    return m.event(
        ACTIVITY_TASK_SCHEDULED,
        b ->
            b.activityTaskScheduledEventAttributes(
                a ->
                    a.activityType(t -> t.name("Media.embedSubtitle").version("1.0"))
                        .activityId("Media.embedSubtitle-1")
                        .input("[\"v\",\"s\"]")));
  }

  HistoryEvent started(HistoryEvent scheduled) {
    return m.event(
        ACTIVITY_TASK_STARTED,
        b -> b.activityTaskStartedEventAttributes(a -> a.scheduledEventId(scheduled.eventId())));
  }

  HistoryEvent completed(HistoryEvent scheduled) {
    return m.event(
        ACTIVITY_TASK_COMPLETED,
        b ->
            b.activityTaskCompletedEventAttributes(
                a -> a.scheduledEventId(scheduled.eventId()).result("\"v2\"")));
  }

  HistoryEvent failed(HistoryEvent scheduled) {
    return m.event(
        ACTIVITY_TASK_FAILED,
        b ->
            b.activityTaskFailedEventAttributes(
                a -> a.scheduledEventId(scheduled.eventId()).reason("java.io.IOException")));
  }

  HistoryEvent timedOut(HistoryEvent scheduled) {
    return m.event(
        ACTIVITY_TASK_TIMED_OUT,
        b ->
            b.activityTaskTimedOutEventAttributes(
                a -> a.scheduledEventId(scheduled.eventId()).timeoutType("HEARTBEAT")));
  }

  HistoryEvent canceled(HistoryEvent scheduled) {
    return m.event(
        ACTIVITY_TASK_CANCELED,
        b -> b.activityTaskCanceledEventAttributes(a -> a.scheduledEventId(scheduled.eventId())));
  }

  HistoryEvent scheduleFailed() {
    return m.event(
        SCHEDULE_ACTIVITY_TASK_FAILED,
        b ->
            b.scheduleActivityTaskFailedEventAttributes(
                a ->
                    a.activityType(t -> t.name("Media.embedSubtitle").version("1.0"))
                        .activityId("Media.embedSubtitle-1")
                        .cause("ACTIVITY_TYPE_DEPRECATED")));
  }

  @Test
  void scheduled_started_completed_setsTheCallsResult() {
    HistoryEvent scheduled = scheduled();
    m.record(attempt, scheduled);
    assertThat(attempt.state).isEqualTo(ActivityCommand.State.SCHEDULED);
    m.deliver(attempt, started(scheduled));
    assertThat(attempt.state).isEqualTo(ActivityCommand.State.STARTED);
    assertThat(call.result.isReady()).isFalse();
    assertThat(m.closed).as("closed while open").isEmpty();

    m.deliver(attempt, completed(scheduled));

    assertThat(attempt.state).isEqualTo(ActivityCommand.State.CLOSED);
    assertThat(m.closed).as("closed once completed").containsExactly(attempt);
    assertThat(call.result.get()).isEqualTo("v2");
  }

  @Test
  void completedWithoutAStartedEvent_setsTheCallsResult() {
    HistoryEvent scheduled = scheduled();
    m.record(attempt, scheduled);

    m.deliver(attempt, completed(scheduled));

    assertThat(call.result.get()).isEqualTo("v2");
  }

  @Test
  void failed_scheduledOrStarted_failsTheCall() {
    HistoryEvent scheduled = scheduled();
    m.record(attempt, scheduled);
    m.deliver(attempt, failed(scheduled));
    assertThatThrownBy(call.result::get).isInstanceOf(ActivityFailure.class);

    ActivityMachineTest other = new ActivityMachineTest();
    HistoryEvent again = other.scheduled();
    other.m.record(other.attempt, again);
    other.m.deliver(other.attempt, other.started(again));
    other.m.deliver(other.attempt, other.failed(again));
    assertThatThrownBy(other.call.result::get)
        .isInstanceOf(ActivityFailure.class)
        .hasMessageContaining("java.io.IOException");
  }

  @Test
  void timedOut_scheduledOrStarted_failsTheCallWithActivityTimeout() {
    HistoryEvent scheduled = scheduled();
    m.record(attempt, scheduled);
    m.deliver(attempt, timedOut(scheduled));
    assertThatThrownBy(call.result::get).isInstanceOf(ActivityTimeoutFailure.class);

    ActivityMachineTest other = new ActivityMachineTest();
    HistoryEvent again = other.scheduled();
    other.m.record(other.attempt, again);
    other.m.deliver(other.attempt, other.started(again));
    other.m.deliver(other.attempt, other.timedOut(again));
    assertThatThrownBy(other.call.result::get).isInstanceOf(ActivityTimeoutFailure.class);
  }

  @Test
  void canceled_scheduledOrStarted_failsTheCallAsCanceled() {
    HistoryEvent scheduled = scheduled();
    m.record(attempt, scheduled);
    m.deliver(attempt, canceled(scheduled));
    assertThatThrownBy(call.result::get)
        .isInstanceOf(CanceledFailure.class)
        .hasMessage("activity Media.embedSubtitle (id Media.embedSubtitle-1) was canceled");

    ActivityMachineTest other = new ActivityMachineTest();
    HistoryEvent again = other.scheduled();
    other.m.record(other.attempt, again);
    other.m.deliver(other.attempt, other.started(again));
    other.m.deliver(other.attempt, other.canceled(again));
    assertThatThrownBy(other.call.result::get).isInstanceOf(CanceledFailure.class);
  }

  @Test
  void recordedAsScheduleActivityTaskFailed_isRefused_thenFailsTheCall() {
    HistoryEvent failed = scheduleFailed();
    m.record(attempt, failed);
    assertThat(attempt.state).isEqualTo(ActivityCommand.State.REFUSED);

    m.deliver(attempt, failed);

    assertThat(attempt.state).isEqualTo(ActivityCommand.State.CLOSED);
    assertThatThrownBy(call.result::get)
        .isInstanceOf(ActivityFailure.class)
        .hasMessageContaining("SWF could not schedule the activity task: ACTIVITY_TYPE_DEPRECATED");
  }

  @Test
  void aSecondResult_isRefused_namingBothEvents() {
    HistoryEvent scheduled = scheduled();
    m.record(attempt, scheduled);
    m.deliver(attempt, completed(scheduled));

    assertThat(m.refused(attempt, completed(scheduled)))
        .isEqualTo(
            "invalid history: ActivityTaskCompleted event 12 cannot move event 10"
                + " (ActivityTaskScheduled: ScheduleActivityTask Media.embedSubtitle version 1.0"
                + " id Media.embedSubtitle-1) from CLOSED (event 11, ActivityTaskCompleted, moved"
                + " it to CLOSED): no event moves an activity on from CLOSED");
  }

  @Test
  void startedTwice_isRefused_sayingWhatTheStateTakes() {
    HistoryEvent scheduled = scheduled();
    m.record(attempt, scheduled);
    m.deliver(attempt, started(scheduled));

    assertThat(m.refused(attempt, started(scheduled)))
        .isEqualTo(
            "invalid history: ActivityTaskStarted event 12 cannot move event 10"
                + " (ActivityTaskScheduled: ScheduleActivityTask Media.embedSubtitle version 1.0"
                + " id Media.embedSubtitle-1) from STARTED (event 11, ActivityTaskStarted, moved"
                + " it to STARTED): an activity in STARTED takes ActivityTaskCompleted,"
                + " ActivityTaskFailed, ActivityTaskTimedOut, ActivityTaskCanceled");
  }

  @Test
  void aRefusedActivity_takesNoStartedEvent() {
    HistoryEvent failed = scheduleFailed();
    m.record(attempt, failed);

    assertThat(m.refused(attempt, started(failed)))
        .isEqualTo(
            "invalid history: ActivityTaskStarted event 11 cannot move event 10"
                + " (ScheduleActivityTaskFailed: ScheduleActivityTask Media.embedSubtitle version"
                + " 1.0 id Media.embedSubtitle-1) from REFUSED (event 10,"
                + " ScheduleActivityTaskFailed, moved it to REFUSED): an activity in REFUSED takes"
                + " ScheduleActivityTaskFailed");
  }

  // ------------------------------------------------------------ RequestCancelActivityTask

  final ActivityCommand.CancelRequest cancel =
      new ActivityCommand.CancelRequest(2, "Media.embedSubtitle-1");

  HistoryEvent cancelRequested() {
    return m.event(
        ACTIVITY_TASK_CANCEL_REQUESTED,
        b ->
            b.activityTaskCancelRequestedEventAttributes(
                a -> a.activityId("Media.embedSubtitle-1")));
  }

  HistoryEvent cancelFailed() {
    return m.event(
        REQUEST_CANCEL_ACTIVITY_TASK_FAILED,
        b ->
            b.requestCancelActivityTaskFailedEventAttributes(
                a -> a.activityId("Media.embedSubtitle-1").cause("ACTIVITY_ID_UNKNOWN")));
  }

  @Test
  void cancelRequest_recordedAndDelivered_setsItsPromise() {
    HistoryEvent requested = cancelRequested();
    m.record(cancel, requested);
    assertThat(cancel.state).isEqualTo(ActivityCommand.CancelRequest.CancelState.REQUESTED);

    m.deliver(cancel, requested);

    assertThat(cancel.state).isEqualTo(ActivityCommand.CancelRequest.CancelState.CLOSED);
    assertThat(cancel.promise().isReady()).isTrue();
    assertThat(cancel.promise().get()).isNull();
  }

  @Test
  void cancelRequest_refused_failsItsPromise() {
    HistoryEvent failed = cancelFailed();
    m.record(cancel, failed);

    m.deliver(cancel, failed);

    assertThatThrownBy(cancel.promise()::get)
        .isInstanceOf(FlowException.class)
        .hasMessage("activity Media.embedSubtitle-1 could not be canceled: ACTIVITY_ID_UNKNOWN");
  }

  @Test
  void cancelRequest_deliveredTwice_isRefused() {
    HistoryEvent requested = cancelRequested();
    m.record(cancel, requested);
    m.deliver(cancel, requested);

    assertThat(m.refused(cancel, requested))
        .isEqualTo(
            "invalid history: ActivityTaskCancelRequested event 10 cannot move event 10"
                + " (ActivityTaskCancelRequested: RequestCancelActivityTask id"
                + " Media.embedSubtitle-1) from CLOSED (event 10, ActivityTaskCancelRequested,"
                + " moved it to CLOSED): no event moves an activity cancel request on from CLOSED");
  }

  @AfterAll
  static void everyRowOfBothTables_wasUsed() {
    assertThat(MachineTesting.unused(ActivityCommand.TRANSITIONS, USED)).isEmpty();
    assertThat(MachineTesting.unused(ActivityCommand.CancelRequest.TRANSITIONS, USED)).isEmpty();
  }
}
