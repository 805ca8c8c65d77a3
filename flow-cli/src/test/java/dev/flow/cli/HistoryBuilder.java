package dev.flow.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** Builds SWF histories for tests, with event times in seconds from a fixed start. */
final class HistoryBuilder {
  static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

  private final List<HistoryEvent> events = new ArrayList<>();
  private double now;
  private long decisionScheduled;
  private long decisionStarted;
  private long decisionCompleted;

  HistoryBuilder(String workflowType) {
    add(
        EventType.WORKFLOW_EXECUTION_STARTED,
        b ->
            b.workflowExecutionStartedEventAttributes(
                a ->
                    a.workflowType(t -> t.name(workflowType).version("1.0"))
                        .taskList(t -> t.name("video"))
                        .input("[\"in\"]")
                        .childPolicy("TERMINATE")));
  }

  /** Moves the clock to {@code seconds} after the start. */
  HistoryBuilder at(double seconds) {
    now = seconds;
    return this;
  }

  long lastId() {
    return events.size();
  }

  long add(EventType type, Consumer<HistoryEvent.Builder> attributes) {
    HistoryEvent.Builder b =
        HistoryEvent.builder()
            .eventId((long) events.size() + 1)
            .eventType(type)
            .eventTimestamp(T0.plusMillis(Math.round(now * 1000)));
    attributes.accept(b);
    events.add(b.build());
    return events.size();
  }

  /** A decision task scheduled, started and completed at the current time. */
  HistoryBuilder decision() {
    return decision(null);
  }

  /** A decision task whose answer carried {@code executionContext}. */
  HistoryBuilder decision(String executionContext) {
    decisionScheduled =
        add(
            EventType.DECISION_TASK_SCHEDULED,
            b -> b.decisionTaskScheduledEventAttributes(a -> a.taskList(t -> t.name("video"))));
    long s = decisionScheduled;
    decisionStarted =
        add(
            EventType.DECISION_TASK_STARTED,
            b ->
                b.decisionTaskStartedEventAttributes(
                    a -> a.scheduledEventId(s).identity("host:1")));
    long st = decisionStarted;
    decisionCompleted =
        add(
            EventType.DECISION_TASK_COMPLETED,
            b ->
                b.decisionTaskCompletedEventAttributes(
                    a ->
                        a.scheduledEventId(s)
                            .startedEventId(st)
                            .executionContext(executionContext)));
    return this;
  }

  long scheduleActivity(String id, String type, String control) {
    long d = decisionCompleted;
    return add(
        EventType.ACTIVITY_TASK_SCHEDULED,
        b ->
            b.activityTaskScheduledEventAttributes(
                a ->
                    a.activityId(id)
                        .activityType(t -> t.name(type).version("1.0"))
                        .control(control)
                        .input("[\"x\"]")
                        .decisionTaskCompletedEventId(d)
                        .taskList(t -> t.name("media"))));
  }

  long startActivity(long scheduled) {
    return add(
        EventType.ACTIVITY_TASK_STARTED,
        b ->
            b.activityTaskStartedEventAttributes(
                a -> a.scheduledEventId(scheduled).identity("worker:7")));
  }

  long completeActivity(long scheduled, long started, String result) {
    return add(
        EventType.ACTIVITY_TASK_COMPLETED,
        b ->
            b.activityTaskCompletedEventAttributes(
                a -> a.scheduledEventId(scheduled).startedEventId(started).result(result)));
  }

  long failActivity(long scheduled, long started, String reason) {
    return add(
        EventType.ACTIVITY_TASK_FAILED,
        b ->
            b.activityTaskFailedEventAttributes(
                a ->
                    a.scheduledEventId(scheduled)
                        .startedEventId(started)
                        .reason(reason)
                        .details("{\"type\":\"java.io.IOException\"}")));
  }

  long timeOutActivity(long scheduled, String kind) {
    return add(
        EventType.ACTIVITY_TASK_TIMED_OUT,
        b ->
            b.activityTaskTimedOutEventAttributes(
                a -> a.scheduledEventId(scheduled).timeoutType(kind)));
  }

  long startTimer(String id, long seconds, String control) {
    long d = decisionCompleted;
    return add(
        EventType.TIMER_STARTED,
        b ->
            b.timerStartedEventAttributes(
                a ->
                    a.timerId(id)
                        .startToFireTimeout(Long.toString(seconds))
                        .control(control)
                        .decisionTaskCompletedEventId(d)));
  }

  long fireTimer(String id, long started) {
    return add(
        EventType.TIMER_FIRED,
        b -> b.timerFiredEventAttributes(a -> a.timerId(id).startedEventId(started)));
  }

  long marker(String name, String details) {
    long d = decisionCompleted;
    return add(
        EventType.MARKER_RECORDED,
        b ->
            b.markerRecordedEventAttributes(
                a -> a.markerName(name).details(details).decisionTaskCompletedEventId(d)));
  }

  long signaled(String name, String input) {
    return add(
        EventType.WORKFLOW_EXECUTION_SIGNALED,
        b -> b.workflowExecutionSignaledEventAttributes(a -> a.signalName(name).input(input)));
  }

  HistoryBuilder complete(String result) {
    long d = decisionCompleted;
    add(
        EventType.WORKFLOW_EXECUTION_COMPLETED,
        b ->
            b.workflowExecutionCompletedEventAttributes(
                a -> a.result(result).decisionTaskCompletedEventId(d)));
    return this;
  }

  List<HistoryEvent> build() {
    return List.copyOf(events);
  }
}
