package dev.flow.internal.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.swf.model.ActivityTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.ChildPolicy;
import software.amazon.awssdk.services.swf.model.DecisionTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * Builds SWF histories for replay tests, event by event, as SWF would record them: ids from 1,
 * timestamps from a clock the test moves with {@link #advance}, and the links between events
 * (scheduled/started/decisionTaskCompleted ids) filled in from what came before.
 */
public final class HistoryBuilder {
  public static final String TASK_LIST = "wf-tasks";

  private final List<HistoryEvent> events = new ArrayList<>();
  private final Map<Long, HistoryEvent> byId = new HashMap<>();
  private Instant now;
  private long decisionScheduled;
  private long decisionStarted;
  private long decisionCompleted;
  private final Map<Long, Long> activityStarted = new HashMap<>();

  public HistoryBuilder(Instant start) {
    this.now = start;
  }

  /** Moves the clock of the events that follow. */
  public HistoryBuilder advance(Duration duration) {
    now = now.plus(duration);
    return this;
  }

  public Instant now() {
    return now;
  }

  /** The events so far. */
  public List<HistoryEvent> build() {
    return List.copyOf(events);
  }

  /** The events up to and including {@code eventId}. */
  public List<HistoryEvent> upTo(long eventId) {
    return List.copyOf(events.subList(0, (int) eventId));
  }

  public long lastEventId() {
    return events.size();
  }

  private long add(EventType type, Consumer<HistoryEvent.Builder> attributes) {
    long id = events.size() + 1;
    HistoryEvent.Builder b = HistoryEvent.builder().eventId(id).eventType(type).eventTimestamp(now);
    attributes.accept(b);
    HistoryEvent e = b.build();
    events.add(e);
    byId.put(id, e);
    return id;
  }

  // ------------------------------------------------------------ workflow

  public long workflowStarted(String name, String version, String input, String... tags) {
    return add(
        EventType.WORKFLOW_EXECUTION_STARTED,
        b ->
            b.workflowExecutionStartedEventAttributes(
                a ->
                    a.workflowType(t -> t.name(name).version(version))
                        .input(input)
                        .taskList(t -> t.name(TASK_LIST))
                        .childPolicy(ChildPolicy.TERMINATE)
                        .executionStartToCloseTimeout("3600")
                        .taskStartToCloseTimeout("30")
                        .tagList(tags.length == 0 ? null : List.of(tags))));
  }

  /** WorkflowExecutionStarted of a run continued as new from run {@code previousRunId}. */
  public long workflowContinued(String name, String version, String input, String previousRunId) {
    return add(
        EventType.WORKFLOW_EXECUTION_STARTED,
        b ->
            b.workflowExecutionStartedEventAttributes(
                a ->
                    a.workflowType(t -> t.name(name).version(version))
                        .input(input)
                        .taskList(t -> t.name(TASK_LIST))
                        .childPolicy(ChildPolicy.TERMINATE)
                        .executionStartToCloseTimeout("3600")
                        .taskStartToCloseTimeout("30")
                        .continuedExecutionRunId(previousRunId)));
  }

  public long signaled(String name, String input) {
    return add(
        EventType.WORKFLOW_EXECUTION_SIGNALED,
        b -> b.workflowExecutionSignaledEventAttributes(a -> a.signalName(name).input(input)));
  }

  public long cancelRequested() {
    return add(
        EventType.WORKFLOW_EXECUTION_CANCEL_REQUESTED,
        b -> b.workflowExecutionCancelRequestedEventAttributes(a -> {}));
  }

  public long workflowCompleted(String result) {
    long completed = decisionCompleted;
    return add(
        EventType.WORKFLOW_EXECUTION_COMPLETED,
        b ->
            b.workflowExecutionCompletedEventAttributes(
                a -> a.result(result).decisionTaskCompletedEventId(completed)));
  }

  public long workflowFailed(String reason, String details) {
    long completed = decisionCompleted;
    return add(
        EventType.WORKFLOW_EXECUTION_FAILED,
        b ->
            b.workflowExecutionFailedEventAttributes(
                a -> a.reason(reason).details(details).decisionTaskCompletedEventId(completed)));
  }

  // ------------------------------------------------------------ decision tasks

  public long decisionScheduled() {
    decisionScheduled =
        add(
            EventType.DECISION_TASK_SCHEDULED,
            b ->
                b.decisionTaskScheduledEventAttributes(
                    a -> a.taskList(t -> t.name(TASK_LIST)).startToCloseTimeout("30")));
    return decisionScheduled;
  }

  public long decisionStarted() {
    long scheduled = decisionScheduled;
    decisionStarted =
        add(
            EventType.DECISION_TASK_STARTED,
            b ->
                b.decisionTaskStartedEventAttributes(
                    a -> a.identity("decider").scheduledEventId(scheduled)));
    return decisionStarted;
  }

  /** DecisionTaskScheduled then DecisionTaskStarted; returns the started event's id. */
  public long decisionTask() {
    decisionScheduled();
    return decisionStarted();
  }

  public long decisionCompleted() {
    long scheduled = decisionScheduled;
    long started = decisionStarted;
    decisionCompleted =
        add(
            EventType.DECISION_TASK_COMPLETED,
            b ->
                b.decisionTaskCompletedEventAttributes(
                    a -> a.scheduledEventId(scheduled).startedEventId(started)));
    return decisionCompleted;
  }

  public long decisionTimedOut() {
    long scheduled = decisionScheduled;
    long started = decisionStarted;
    return add(
        EventType.DECISION_TASK_TIMED_OUT,
        b ->
            b.decisionTaskTimedOutEventAttributes(
                a ->
                    a.scheduledEventId(scheduled)
                        .startedEventId(started)
                        .timeoutType(DecisionTaskTimeoutType.START_TO_CLOSE)));
  }

  /**
   * DecisionTaskTimedOut SCHEDULE_TO_START of the last scheduled task, never started (a sticky task
   * list nobody polled in time): startedEventId 0.
   */
  public long decisionScheduleToStartTimedOut() {
    long scheduled = decisionScheduled;
    return add(
        EventType.DECISION_TASK_TIMED_OUT,
        b ->
            b.decisionTaskTimedOutEventAttributes(
                a ->
                    a.scheduledEventId(scheduled)
                        .startedEventId(0L)
                        .timeoutType(DecisionTaskTimeoutType.SCHEDULE_TO_START)));
  }

  // ------------------------------------------------------------ activities

  public long activityScheduled(String type, String version, String activityId, String input) {
    long completed = decisionCompleted;
    return add(
        EventType.ACTIVITY_TASK_SCHEDULED,
        b ->
            b.activityTaskScheduledEventAttributes(
                a ->
                    a.activityType(t -> t.name(type).version(version))
                        .activityId(activityId)
                        .input(input)
                        .taskList(t -> t.name("media"))
                        .startToCloseTimeout("300")
                        .scheduleToStartTimeout("NONE")
                        .scheduleToCloseTimeout("NONE")
                        .heartbeatTimeout("NONE")
                        .decisionTaskCompletedEventId(completed)));
  }

  public long activityStarted(long scheduled) {
    long id =
        add(
            EventType.ACTIVITY_TASK_STARTED,
            b ->
                b.activityTaskStartedEventAttributes(
                    a -> a.identity("worker").scheduledEventId(scheduled)));
    activityStarted.put(scheduled, id);
    return id;
  }

  public long activityCompleted(long scheduled, String result) {
    long started = activityStarted.getOrDefault(scheduled, 0L);
    return add(
        EventType.ACTIVITY_TASK_COMPLETED,
        b ->
            b.activityTaskCompletedEventAttributes(
                a -> a.result(result).scheduledEventId(scheduled).startedEventId(started)));
  }

  public long activityFailed(long scheduled, String reason, String details) {
    long started = activityStarted.getOrDefault(scheduled, 0L);
    return add(
        EventType.ACTIVITY_TASK_FAILED,
        b ->
            b.activityTaskFailedEventAttributes(
                a ->
                    a.reason(reason)
                        .details(details)
                        .scheduledEventId(scheduled)
                        .startedEventId(started)));
  }

  public long activityTimedOut(long scheduled, ActivityTaskTimeoutType timeoutType) {
    long started = activityStarted.getOrDefault(scheduled, 0L);
    return add(
        EventType.ACTIVITY_TASK_TIMED_OUT,
        b ->
            b.activityTaskTimedOutEventAttributes(
                a ->
                    a.timeoutType(timeoutType)
                        .scheduledEventId(scheduled)
                        .startedEventId(started)));
  }

  // ------------------------------------------------------------ timers

  public long timerStarted(String timerId, long seconds) {
    long completed = decisionCompleted;
    return add(
        EventType.TIMER_STARTED,
        b ->
            b.timerStartedEventAttributes(
                a ->
                    a.timerId(timerId)
                        .startToFireTimeout(Long.toString(seconds))
                        .decisionTaskCompletedEventId(completed)));
  }

  public long timerFired(long started) {
    String timerId = byId.get(started).timerStartedEventAttributes().timerId();
    return add(
        EventType.TIMER_FIRED,
        b -> b.timerFiredEventAttributes(a -> a.timerId(timerId).startedEventId(started)));
  }

  // ------------------------------------------------------------ child workflows

  public long childInitiated(String type, String version, String workflowId, String input) {
    long completed = decisionCompleted;
    return add(
        EventType.START_CHILD_WORKFLOW_EXECUTION_INITIATED,
        b ->
            b.startChildWorkflowExecutionInitiatedEventAttributes(
                a ->
                    a.workflowType(t -> t.name(type).version(version))
                        .workflowId(workflowId)
                        .input(input)
                        .taskList(t -> t.name(TASK_LIST))
                        .childPolicy(ChildPolicy.TERMINATE)
                        .decisionTaskCompletedEventId(completed)));
  }

  public long childStarted(long initiated, String runId) {
    var i = byId.get(initiated).startChildWorkflowExecutionInitiatedEventAttributes();
    return add(
        EventType.CHILD_WORKFLOW_EXECUTION_STARTED,
        b ->
            b.childWorkflowExecutionStartedEventAttributes(
                a ->
                    a.initiatedEventId(initiated)
                        .workflowType(i.workflowType())
                        .workflowExecution(x -> x.workflowId(i.workflowId()).runId(runId))));
  }

  public long childCompleted(long initiated, long started, String result) {
    var i = byId.get(initiated).startChildWorkflowExecutionInitiatedEventAttributes();
    String runId =
        byId.get(started)
            .childWorkflowExecutionStartedEventAttributes()
            .workflowExecution()
            .runId();
    return add(
        EventType.CHILD_WORKFLOW_EXECUTION_COMPLETED,
        b ->
            b.childWorkflowExecutionCompletedEventAttributes(
                a ->
                    a.initiatedEventId(initiated)
                        .startedEventId(started)
                        .result(result)
                        .workflowType(i.workflowType())
                        .workflowExecution(x -> x.workflowId(i.workflowId()).runId(runId))));
  }

  public long childTerminated(long initiated, long started) {
    var i = byId.get(initiated).startChildWorkflowExecutionInitiatedEventAttributes();
    String runId =
        byId.get(started)
            .childWorkflowExecutionStartedEventAttributes()
            .workflowExecution()
            .runId();
    return add(
        EventType.CHILD_WORKFLOW_EXECUTION_TERMINATED,
        b ->
            b.childWorkflowExecutionTerminatedEventAttributes(
                a ->
                    a.initiatedEventId(initiated)
                        .startedEventId(started)
                        .workflowType(i.workflowType())
                        .workflowExecution(x -> x.workflowId(i.workflowId()).runId(runId))));
  }

  /** SWF refused the CompleteWorkflowExecution decision (say, a signal came in meanwhile). */
  public long completeWorkflowFailed(String cause) {
    long completed = decisionCompleted;
    return add(
        EventType.COMPLETE_WORKFLOW_EXECUTION_FAILED,
        b ->
            b.completeWorkflowExecutionFailedEventAttributes(
                a -> a.cause(cause).decisionTaskCompletedEventId(completed)));
  }

  public long markerRecorded(String name, String details) {
    long completed = decisionCompleted;
    return add(
        EventType.MARKER_RECORDED,
        b ->
            b.markerRecordedEventAttributes(
                a -> a.markerName(name).details(details).decisionTaskCompletedEventId(completed)));
  }

  // ------------------------------------------------------------ more decisions and outcomes

  public long activityTimedOut(
      long scheduled, ActivityTaskTimeoutType timeoutType, String details) {
    long started = activityStarted.getOrDefault(scheduled, 0L);
    return add(
        EventType.ACTIVITY_TASK_TIMED_OUT,
        b ->
            b.activityTaskTimedOutEventAttributes(
                a ->
                    a.timeoutType(timeoutType)
                        .details(details)
                        .scheduledEventId(scheduled)
                        .startedEventId(started)));
  }

  public long scheduleActivityFailed(String type, String version, String activityId, String cause) {
    long completed = decisionCompleted;
    return add(
        EventType.SCHEDULE_ACTIVITY_TASK_FAILED,
        b ->
            b.scheduleActivityTaskFailedEventAttributes(
                a ->
                    a.activityType(t -> t.name(type).version(version))
                        .activityId(activityId)
                        .cause(cause)
                        .decisionTaskCompletedEventId(completed)));
  }

  public long activityCancelRequested(String activityId) {
    long completed = decisionCompleted;
    return add(
        EventType.ACTIVITY_TASK_CANCEL_REQUESTED,
        b ->
            b.activityTaskCancelRequestedEventAttributes(
                a -> a.activityId(activityId).decisionTaskCompletedEventId(completed)));
  }

  public long requestCancelActivityFailed(String activityId, String cause) {
    long completed = decisionCompleted;
    return add(
        EventType.REQUEST_CANCEL_ACTIVITY_TASK_FAILED,
        b ->
            b.requestCancelActivityTaskFailedEventAttributes(
                a ->
                    a.activityId(activityId).cause(cause).decisionTaskCompletedEventId(completed)));
  }

  public long activityCanceled(long scheduled, long cancelRequested) {
    long started = activityStarted.getOrDefault(scheduled, 0L);
    return add(
        EventType.ACTIVITY_TASK_CANCELED,
        b ->
            b.activityTaskCanceledEventAttributes(
                a ->
                    a.scheduledEventId(scheduled)
                        .startedEventId(started)
                        .latestCancelRequestedEventId(cancelRequested)));
  }

  public long timerCanceled(long started) {
    long completed = decisionCompleted;
    String timerId = byId.get(started).timerStartedEventAttributes().timerId();
    return add(
        EventType.TIMER_CANCELED,
        b ->
            b.timerCanceledEventAttributes(
                a ->
                    a.timerId(timerId)
                        .startedEventId(started)
                        .decisionTaskCompletedEventId(completed)));
  }

  public long startTimerFailed(String timerId, String cause) {
    long completed = decisionCompleted;
    return add(
        EventType.START_TIMER_FAILED,
        b ->
            b.startTimerFailedEventAttributes(
                a -> a.timerId(timerId).cause(cause).decisionTaskCompletedEventId(completed)));
  }

  public long childFailed(long initiated, long started, String reason, String details) {
    var i = byId.get(initiated).startChildWorkflowExecutionInitiatedEventAttributes();
    return add(
        EventType.CHILD_WORKFLOW_EXECUTION_FAILED,
        b ->
            b.childWorkflowExecutionFailedEventAttributes(
                a ->
                    a.initiatedEventId(initiated)
                        .startedEventId(started)
                        .reason(reason)
                        .details(details)
                        .workflowType(i.workflowType())
                        .workflowExecution(x -> x.workflowId(i.workflowId()).runId("r"))));
  }

  public long childCanceled(long initiated, long started) {
    var i = byId.get(initiated).startChildWorkflowExecutionInitiatedEventAttributes();
    return add(
        EventType.CHILD_WORKFLOW_EXECUTION_CANCELED,
        b ->
            b.childWorkflowExecutionCanceledEventAttributes(
                a ->
                    a.initiatedEventId(initiated)
                        .startedEventId(started)
                        .workflowType(i.workflowType())
                        .workflowExecution(x -> x.workflowId(i.workflowId()).runId("r"))));
  }

  public long startChildFailed(long initiated, String cause) {
    var i = byId.get(initiated).startChildWorkflowExecutionInitiatedEventAttributes();
    long completed = decisionCompleted;
    return add(
        EventType.START_CHILD_WORKFLOW_EXECUTION_FAILED,
        b ->
            b.startChildWorkflowExecutionFailedEventAttributes(
                a ->
                    a.initiatedEventId(initiated)
                        .workflowType(i.workflowType())
                        .workflowId(i.workflowId())
                        .cause(cause)
                        .decisionTaskCompletedEventId(completed)));
  }

  public long signalExternalInitiated(
      String workflowId, String runId, String signalName, String input) {
    long completed = decisionCompleted;
    return add(
        EventType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
        b ->
            b.signalExternalWorkflowExecutionInitiatedEventAttributes(
                a ->
                    a.workflowId(workflowId)
                        .runId(runId)
                        .signalName(signalName)
                        .input(input)
                        .decisionTaskCompletedEventId(completed)));
  }

  public long externalSignaled(long initiated) {
    var i = byId.get(initiated).signalExternalWorkflowExecutionInitiatedEventAttributes();
    return add(
        EventType.EXTERNAL_WORKFLOW_EXECUTION_SIGNALED,
        b ->
            b.externalWorkflowExecutionSignaledEventAttributes(
                a ->
                    a.initiatedEventId(initiated)
                        .workflowExecution(x -> x.workflowId(i.workflowId()).runId("r"))));
  }

  public long signalExternalFailed(long initiated, String cause) {
    var i = byId.get(initiated).signalExternalWorkflowExecutionInitiatedEventAttributes();
    long completed = decisionCompleted;
    return add(
        EventType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED,
        b ->
            b.signalExternalWorkflowExecutionFailedEventAttributes(
                a ->
                    a.initiatedEventId(initiated)
                        .workflowId(i.workflowId())
                        .cause(cause)
                        .decisionTaskCompletedEventId(completed)));
  }

  public long cancelExternalInitiated(String workflowId, String runId) {
    long completed = decisionCompleted;
    return add(
        EventType.REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
        b ->
            b.requestCancelExternalWorkflowExecutionInitiatedEventAttributes(
                a ->
                    a.workflowId(workflowId).runId(runId).decisionTaskCompletedEventId(completed)));
  }

  public long externalCancelRequested(long initiated) {
    var i = byId.get(initiated).requestCancelExternalWorkflowExecutionInitiatedEventAttributes();
    return add(
        EventType.EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED,
        b ->
            b.externalWorkflowExecutionCancelRequestedEventAttributes(
                a ->
                    a.initiatedEventId(initiated)
                        .workflowExecution(x -> x.workflowId(i.workflowId()).runId(i.runId()))));
  }

  public long workflowCanceled(String details) {
    long completed = decisionCompleted;
    return add(
        EventType.WORKFLOW_EXECUTION_CANCELED,
        b ->
            b.workflowExecutionCanceledEventAttributes(
                a -> a.details(details).decisionTaskCompletedEventId(completed)));
  }

  public long continuedAsNew(String input) {
    long completed = decisionCompleted;
    return add(
        EventType.WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
        b ->
            b.workflowExecutionContinuedAsNewEventAttributes(
                a ->
                    a.input(input)
                        .newExecutionRunId("run-2")
                        .workflowType(t -> t.name("x").version("1"))
                        .taskList(t -> t.name(TASK_LIST))
                        .childPolicy(ChildPolicy.TERMINATE)
                        .decisionTaskCompletedEventId(completed)));
  }

  /** SWF refused a FailWorkflowExecution decision. */
  public long failWorkflowFailed(String cause) {
    long completed = decisionCompleted;
    return add(
        EventType.FAIL_WORKFLOW_EXECUTION_FAILED,
        b ->
            b.failWorkflowExecutionFailedEventAttributes(
                a -> a.cause(cause).decisionTaskCompletedEventId(completed)));
  }

  /** SWF refused a CancelWorkflowExecution decision. */
  public long cancelWorkflowFailed(String cause) {
    long completed = decisionCompleted;
    return add(
        EventType.CANCEL_WORKFLOW_EXECUTION_FAILED,
        b ->
            b.cancelWorkflowExecutionFailedEventAttributes(
                a -> a.cause(cause).decisionTaskCompletedEventId(completed)));
  }

  /** SWF refused a ContinueAsNewWorkflowExecution decision. */
  public long continueAsNewFailed(String cause) {
    long completed = decisionCompleted;
    return add(
        EventType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION_FAILED,
        b ->
            b.continueAsNewWorkflowExecutionFailedEventAttributes(
                a -> a.cause(cause).decisionTaskCompletedEventId(completed)));
  }
}
