package dev.flow.internal.replay;

import dev.flow.CallOptions;
import dev.flow.StartOptions;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.WorkflowSpec;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.swf.model.ChildPolicy;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;

/**
 * The commands workflow code issues, each with its id and the SWF decision it becomes when it is
 * new. Pure: the sequence number and encoded input come from {@link Execution}.
 */
final class Commands {
  /** The marker name of {@code Workflow.sideEffect} results. */
  static final String SIDE_EFFECT = "SideEffect";

  private Commands() {}

  /** {@code <name>-<seq>}, and {@code <name>-<seq>@<attempt>} for retries (attempt 2 on). */
  static String activityId(ActivitySpec activity, int seq, int attempt) {
    String id = activity.name() + "-" + seq;
    return attempt <= 1 ? id : id + "@" + attempt;
  }

  /** ScheduleActivityTask: the spec's type, task list and timeouts, {@code o} overriding them. */
  static Command activity(
      int seq, int attempt, ActivitySpec activity, CallOptions o, String input) {
    String activityId = activityId(activity, seq, attempt);
    String taskList = o.taskList() != null ? o.taskList() : activity.taskList();
    String scheduleToStart =
        timeout(o.scheduleToStartTimeout(), activity.scheduleToStartTimeoutSeconds());
    String startToClose = timeout(o.startToCloseTimeout(), activity.startToCloseTimeoutSeconds());
    String scheduleToClose =
        timeout(o.scheduleToCloseTimeout(), activity.scheduleToCloseTimeoutSeconds());
    String heartbeat = timeout(o.heartbeatTimeout(), activity.heartbeatTimeoutSeconds());
    String priority = o.priority() == null ? null : o.priority().toString();
    return new Command(
        CommandKind.ACTIVITY,
        seq,
        activity.name(),
        activity.version(),
        activityId,
        input,
        activity.resultType(),
        () ->
            Decision.builder()
                .decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
                .scheduleActivityTaskDecisionAttributes(
                    a ->
                        a.activityType(t -> t.name(activity.name()).version(activity.version()))
                            .activityId(activityId)
                            .input(input)
                            .taskList(t -> t.name(taskList))
                            .taskPriority(priority)
                            .scheduleToStartTimeout(scheduleToStart)
                            .startToCloseTimeout(startToClose)
                            .scheduleToCloseTimeout(scheduleToClose)
                            .heartbeatTimeout(heartbeat))
                .build());
  }

  /** StartChildWorkflowExecution of {@code child} as {@code childId}, {@code o} overriding. */
  static Command child(int seq, WorkflowSpec child, StartOptions o, String childId, String input) {
    String taskList = o.taskList() != null ? o.taskList() : child.taskList();
    String executionTimeout =
        timeout(o.executionStartToCloseTimeout(), child.executionStartToCloseTimeoutSeconds());
    String taskTimeout =
        timeout(o.taskStartToCloseTimeout(), child.taskStartToCloseTimeoutSeconds());
    List<String> tags = o.tags();
    String priority = o.priority() == null ? null : o.priority().toString();
    return new Command(
        CommandKind.CHILD,
        seq,
        child.name(),
        child.version(),
        childId,
        input,
        child.resultType(),
        () ->
            Decision.builder()
                .decisionType(DecisionType.START_CHILD_WORKFLOW_EXECUTION)
                .startChildWorkflowExecutionDecisionAttributes(
                    a ->
                        a.workflowType(t -> t.name(child.name()).version(child.version()))
                            .workflowId(childId)
                            .input(input)
                            .taskList(t -> t.name(taskList))
                            .taskPriority(priority)
                            .executionStartToCloseTimeout(executionTimeout)
                            .taskStartToCloseTimeout(taskTimeout)
                            .childPolicy(ChildPolicy.TERMINATE)
                            .tagList(tags.isEmpty() ? null : tags))
                .build());
  }

  /** StartTimer {@code timer-<seq>}, firing after {@code delay} rounded up to whole seconds. */
  static Command timer(int seq, Duration delay) {
    String timerId = "timer-" + seq;
    String seconds = Long.toString(ceilSeconds(delay));
    return new Command(
        CommandKind.TIMER,
        seq,
        null,
        null,
        timerId,
        null,
        Void.class,
        () ->
            Decision.builder()
                .decisionType(DecisionType.START_TIMER)
                .startTimerDecisionAttributes(a -> a.timerId(timerId).startToFireTimeout(seconds))
                .build());
  }

  /** RecordMarker {@code SideEffect} with {@code details}. */
  static Command sideEffect(int seq, String details) {
    return new Command(
        CommandKind.MARKER,
        seq,
        SIDE_EFFECT,
        null,
        null,
        null,
        Void.class,
        () ->
            Decision.builder()
                .decisionType(DecisionType.RECORD_MARKER)
                .recordMarkerDecisionAttributes(a -> a.markerName(SIDE_EFFECT).details(details))
                .build());
  }

  /** An SWF timeout: whole seconds, or {@code NONE} for zero. */
  static String timeout(Duration override, long declaredSeconds) {
    long seconds = override != null ? ceilSeconds(override) : declaredSeconds;
    return seconds <= 0 ? "NONE" : Long.toString(seconds);
  }

  static long ceilSeconds(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("a timeout cannot be negative: " + d);
    }
    return d.getNano() == 0 ? d.getSeconds() : d.getSeconds() + 1;
  }
}
