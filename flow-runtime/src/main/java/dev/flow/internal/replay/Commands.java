package dev.flow.internal.replay;

import dev.flow.CallOptions;
import dev.flow.StartOptions;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.WorkflowSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
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

  /** The marker name of the seed of {@code Workflow.random()}. */
  static final String RANDOM = "Random";

  /** The marker name of {@code Workflow.getVersion} decisions. */
  static final String VERSION = "Version";

  /**
   * The id prefix of the zero-second timers the decider starts when it splits its decisions over
   * several tasks: not commands of the workflow code, so replay skips them.
   */
  static final String SPLIT_TIMER = "flow-split-";

  /**
   * The prefix of the names of markers and the ids of timers the worker records for itself (a
   * blocked decider, a resumed run): not commands of the workflow code, so replay skips them.
   */
  static final String FLOW_PREFIX = "flow.";

  /** Whether timer {@code timerId} is the decider's or the worker's own, not the code's. */
  static boolean isFlowTimer(String timerId) {
    return timerId != null && (timerId.startsWith(SPLIT_TIMER) || timerId.startsWith(FLOW_PREFIX));
  }

  /** Whether marker {@code name} is the worker's own, not the code's. */
  static boolean isFlowMarker(String name) {
    return name != null && name.startsWith(FLOW_PREFIX);
  }

  private Commands() {}

  /** {@code <name>-<seq>}, and {@code <name>-<seq>@<attempt>} for retries (attempt 2 on). */
  static String activityId(ActivitySpec activity, int seq, int attempt) {
    return withAttempt(activity.name() + "-" + seq, attempt);
  }

  /**
   * The id of an {@code @Idempotent} activity call: {@code <name>#<first 16 hex digits of the
   * SHA-256 of name, version and input>}, so the same call is the same activity.
   */
  static String idempotentId(String name, String version, String input) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] hash =
          sha.digest((name + '\n' + version + '\n' + input).getBytes(StandardCharsets.UTF_8));
      return name + "#" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  static String withAttempt(String id, int attempt) {
    return attempt <= 1 ? id : id + "@" + attempt;
  }

  /** The activity type version to schedule: the call's, else the declared one. */
  static String version(ActivitySpec activity, CallOptions o) {
    return o.version() != null ? o.version() : activity.version();
  }

  /** ScheduleActivityTask: the spec's type, task list and timeouts, {@code o} overriding them. */
  static Command activity(
      int seq, String activityId, ActivitySpec activity, CallOptions o, String input) {
    String version = version(activity, o);
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
        version,
        activityId,
        input,
        activity.resultType(),
        () ->
            Decision.builder()
                .decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
                .scheduleActivityTaskDecisionAttributes(
                    a ->
                        a.activityType(t -> t.name(activity.name()).version(version))
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
        () -> startTimer(timerId, seconds));
  }

  static Decision startTimer(String timerId, String seconds) {
    return Decision.builder()
        .decisionType(DecisionType.START_TIMER)
        .startTimerDecisionAttributes(a -> a.timerId(timerId).startToFireTimeout(seconds))
        .build();
  }

  /** CancelTimer {@code timerId}. */
  static Command cancelTimer(int seq, String timerId) {
    return new Command(
        CommandKind.CANCEL_TIMER,
        seq,
        null,
        null,
        timerId,
        null,
        Void.class,
        () ->
            Decision.builder()
                .decisionType(DecisionType.CANCEL_TIMER)
                .cancelTimerDecisionAttributes(a -> a.timerId(timerId))
                .build());
  }

  /** RequestCancelActivityTask {@code activityId}. */
  static Command cancelActivity(int seq, String activityId) {
    return new Command(
        CommandKind.CANCEL_ACTIVITY,
        seq,
        null,
        null,
        activityId,
        null,
        Void.class,
        () ->
            Decision.builder()
                .decisionType(DecisionType.REQUEST_CANCEL_ACTIVITY_TASK)
                .requestCancelActivityTaskDecisionAttributes(a -> a.activityId(activityId))
                .build());
  }

  /** RequestCancelExternalWorkflowExecution of {@code workflowId} (its current run when null). */
  static Command cancelExternal(int seq, String workflowId, String runId) {
    return new Command(
        CommandKind.CANCEL_EXTERNAL,
        seq,
        null,
        null,
        workflowId,
        null,
        Void.class,
        () ->
            Decision.builder()
                .decisionType(DecisionType.REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION)
                .requestCancelExternalWorkflowExecutionDecisionAttributes(
                    a -> a.workflowId(workflowId).runId(runId))
                .build());
  }

  /** SignalExternalWorkflowExecution {@code signalName} to {@code workflowId}. */
  static Command signalExternal(
      int seq, String workflowId, String runId, String signalName, String input) {
    return new Command(
        CommandKind.SIGNAL_EXTERNAL,
        seq,
        signalName,
        null,
        workflowId,
        input,
        Void.class,
        () ->
            Decision.builder()
                .decisionType(DecisionType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION)
                .signalExternalWorkflowExecutionDecisionAttributes(
                    a -> a.workflowId(workflowId).runId(runId).signalName(signalName).input(input))
                .build());
  }

  /** RecordMarker {@code SideEffect} with {@code details}. */
  static Command sideEffect(int seq, String details) {
    return marker(seq, SIDE_EFFECT, details);
  }

  /** RecordMarker {@code name} with {@code details}. */
  static Command marker(int seq, String name, String details) {
    return new Command(
        CommandKind.MARKER,
        seq,
        name,
        null,
        null,
        null,
        Void.class,
        () ->
            Decision.builder()
                .decisionType(DecisionType.RECORD_MARKER)
                .recordMarkerDecisionAttributes(a -> a.markerName(name).details(details))
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
