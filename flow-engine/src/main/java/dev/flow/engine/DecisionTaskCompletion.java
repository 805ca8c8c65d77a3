package dev.flow.engine;

import java.util.List;
import software.amazon.awssdk.services.swf.model.ActivityType;
import software.amazon.awssdk.services.swf.model.ActivityTypeConfiguration;
import software.amazon.awssdk.services.swf.model.CancelTimerDecisionAttributes;
import software.amazon.awssdk.services.swf.model.CancelWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.CompleteWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.FailWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.RecordMarkerDecisionAttributes;
import software.amazon.awssdk.services.swf.model.RequestCancelActivityTaskDecisionAttributes;
import software.amazon.awssdk.services.swf.model.RespondDecisionTaskCompletedRequest;
import software.amazon.awssdk.services.swf.model.ScheduleActivityTaskDecisionAttributes;
import software.amazon.awssdk.services.swf.model.ScheduleActivityTaskFailedCause;
import software.amazon.awssdk.services.swf.model.ScheduleLambdaFunctionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.ScheduleLambdaFunctionFailedCause;
import software.amazon.awssdk.services.swf.model.StartTimerDecisionAttributes;
import software.amazon.awssdk.services.swf.model.StartTimerFailedCause;

/**
 * RespondDecisionTaskCompleted: checks the whole request first ({@link DecisionValidator}: a bad
 * request records nothing), then records DecisionTaskCompleted and carries out each decision in
 * order, in the same transaction. A decision that cannot be carried out records its {@code *Failed}
 * event with the SWF cause, and a new decision task is scheduled so the decider sees it; so are
 * events that arrived while the task was started. A close decision made while such events are
 * unseen fails with UNHANDLED_DECISION. The decisions that reach other runs are in {@link
 * CrossRunDecisions}.
 */
final class DecisionTaskCompletion {
  private final Engine engine;
  private final CrossRunDecisions crossRun;

  DecisionTaskCompletion(Engine engine) {
    this.engine = engine;
    this.crossRun = new CrossRunDecisions(engine);
  }

  void respondDecisionTaskCompleted(RespondDecisionTaskCompletedRequest r) {
    String token = Check.required(r.taskToken(), "taskToken");
    Check.data(r.executionContext(), "executionContext");
    List<Decision> decisions = r.hasDecisions() ? r.decisions() : List.of();
    for (int i = 0; i < decisions.size(); i++) {
      DecisionValidator.validate(
          decisions.get(i), "decisions." + (i + 1), i == decisions.size() - 1);
    }
    String override = null;
    if (r.taskList() != null) {
      override = Check.name(r.taskList().name(), "taskList.name");
    }
    Check.seconds(r.taskListScheduleToStartTimeout(), false, "taskListScheduleToStartTimeout");
    String taskListOverride = override;
    engine.tx(
        tx -> {
          String[] t = engine.tokens.decode(token, "d", 3);
          Run ex = t == null ? null : tx.run(t[1]);
          if (!DecisionTaskMachine.isStarted(ex, t == null ? -1 : Tokens.number(t[2]))) {
            throw SwfFaults.unknownResource(
                "Unknown decision task token: the task was already completed or timed out, or its"
                    + " execution is closed");
          }
          long completedId = engine.decisionTasks.complete(tx, ex, r, taskListOverride);
          boolean needDecision = false;
          for (Decision d : decisions) {
            if (!ex.open) {
              break;
            }
            needDecision |= apply(tx, ex, d, completedId);
          }
          engine.decisionTasks.decided(tx, ex, needDecision);
          return null;
        });
  }

  /**
   * Carries out one decision; true if it recorded an event the decider must see in a new decision
   * task (its Failed event, or an outcome recorded at once, like a child's start).
   */
  private boolean apply(Tx tx, Run ex, Decision d, long completedId) {
    return switch (d.decisionType()) {
      case SIGNAL_EXTERNAL_WORKFLOW_EXECUTION ->
          crossRun.signalExternal(
              tx, ex, d.signalExternalWorkflowExecutionDecisionAttributes(), completedId);
      case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION ->
          crossRun.requestCancelExternal(
              tx, ex, d.requestCancelExternalWorkflowExecutionDecisionAttributes(), completedId);
      case START_CHILD_WORKFLOW_EXECUTION ->
          crossRun.startChild(
              tx, ex, d.startChildWorkflowExecutionDecisionAttributes(), completedId);
      case CONTINUE_AS_NEW_WORKFLOW_EXECUTION ->
          crossRun.continueAsNew(
              tx, ex, d.continueAsNewWorkflowExecutionDecisionAttributes(), completedId);
      case SCHEDULE_ACTIVITY_TASK ->
          scheduleActivity(tx, ex, d.scheduleActivityTaskDecisionAttributes(), completedId);
      case START_TIMER -> startTimer(tx, ex, d.startTimerDecisionAttributes(), completedId);
      case CANCEL_TIMER -> cancelTimer(tx, ex, d.cancelTimerDecisionAttributes(), completedId);
      case RECORD_MARKER -> {
        RecordMarkerDecisionAttributes a = d.recordMarkerDecisionAttributes();
        engine.events.append(
            tx,
            ex,
            EventType.MARKER_RECORDED,
            b ->
                b.markerRecordedEventAttributes(
                    x ->
                        x.markerName(a.markerName())
                            .details(a.details())
                            .decisionTaskCompletedEventId(completedId)));
        yield false;
      }
      case SCHEDULE_LAMBDA_FUNCTION -> {
        // What SWF records where Lambda cannot be reached: the decider sees the failure.
        ScheduleLambdaFunctionDecisionAttributes a = d.scheduleLambdaFunctionDecisionAttributes();
        engine.events.append(
            tx,
            ex,
            EventType.SCHEDULE_LAMBDA_FUNCTION_FAILED,
            b ->
                b.scheduleLambdaFunctionFailedEventAttributes(
                    x ->
                        x.id(a.id())
                            .name(a.name())
                            .cause(
                                ScheduleLambdaFunctionFailedCause
                                    .LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION)
                            .decisionTaskCompletedEventId(completedId)));
        yield true;
      }
      case REQUEST_CANCEL_ACTIVITY_TASK ->
          requestCancelActivity(
              tx, ex, d.requestCancelActivityTaskDecisionAttributes(), completedId);
      case COMPLETE_WORKFLOW_EXECUTION -> {
        CompleteWorkflowExecutionDecisionAttributes a =
            d.completeWorkflowExecutionDecisionAttributes();
        String result = a == null ? null : a.result();
        if (unhandled(tx, ex, EventType.COMPLETE_WORKFLOW_EXECUTION_FAILED, completedId)) {
          yield true;
        }
        engine.events.append(
            tx,
            ex,
            EventType.WORKFLOW_EXECUTION_COMPLETED,
            b ->
                b.workflowExecutionCompletedEventAttributes(
                    x -> x.result(result).decisionTaskCompletedEventId(completedId)));
        engine.runs.close(tx, ex, RunLifecycle.Close.completed(result));
        yield false;
      }
      case FAIL_WORKFLOW_EXECUTION -> {
        FailWorkflowExecutionDecisionAttributes a = d.failWorkflowExecutionDecisionAttributes();
        if (unhandled(tx, ex, EventType.FAIL_WORKFLOW_EXECUTION_FAILED, completedId)) {
          yield true;
        }
        engine.events.append(
            tx,
            ex,
            EventType.WORKFLOW_EXECUTION_FAILED,
            b ->
                b.workflowExecutionFailedEventAttributes(
                    x ->
                        x.reason(a == null ? null : a.reason())
                            .details(a == null ? null : a.details())
                            .decisionTaskCompletedEventId(completedId)));
        engine.runs.close(
            tx,
            ex,
            RunLifecycle.Close.failed(
                a == null ? null : a.reason(), a == null ? null : a.details()));
        yield false;
      }
      case CANCEL_WORKFLOW_EXECUTION -> {
        CancelWorkflowExecutionDecisionAttributes a = d.cancelWorkflowExecutionDecisionAttributes();
        if (unhandled(tx, ex, EventType.CANCEL_WORKFLOW_EXECUTION_FAILED, completedId)) {
          yield true;
        }
        engine.events.append(
            tx,
            ex,
            EventType.WORKFLOW_EXECUTION_CANCELED,
            b ->
                b.workflowExecutionCanceledEventAttributes(
                    x ->
                        x.details(a == null ? null : a.details())
                            .decisionTaskCompletedEventId(completedId)));
        engine.runs.close(tx, ex, RunLifecycle.Close.canceled(a == null ? null : a.details()));
        yield false;
      }
      default ->
          throw new IllegalStateException("unvalidated decision " + d.decisionTypeAsString());
    };
  }

  private boolean scheduleActivity(
      Tx tx, Run ex, ScheduleActivityTaskDecisionAttributes a, long completedId) {
    ActivityType type = a.activityType();
    TypeTable.TypeRow row =
        tx.types().get(ex.domain, TypeKind.ACTIVITY, type.name(), type.version());
    ScheduleActivityTaskFailedCause cause = null;
    ActivityTypeConfiguration config = null;
    if (row == null) {
      cause = ScheduleActivityTaskFailedCause.ACTIVITY_TYPE_DOES_NOT_EXIST;
    } else if (row.status() == Registration.DEPRECATED) {
      cause = ScheduleActivityTaskFailedCause.ACTIVITY_TYPE_DEPRECATED;
    } else if (tx.activities().hasActivityId(ex.runId, a.activityId())) {
      cause = ScheduleActivityTaskFailedCause.ACTIVITY_ID_ALREADY_IN_USE;
    } else if (ex.openActivities >= Engine.MAX_OPEN_ACTIVITIES) {
      cause = ScheduleActivityTaskFailedCause.OPEN_ACTIVITIES_LIMIT_EXCEEDED;
    } else {
      config = row.activityConfig();
    }
    String taskList = null;
    String s2c = null;
    String s2s = null;
    String st2c = null;
    if (config != null) {
      taskList =
          a.taskList() != null
              ? a.taskList().name()
              : config.defaultTaskList() == null ? null : config.defaultTaskList().name();
      s2c = Check.orDefault(a.scheduleToCloseTimeout(), config.defaultTaskScheduleToCloseTimeout());
      s2s = Check.orDefault(a.scheduleToStartTimeout(), config.defaultTaskScheduleToStartTimeout());
      st2c = Check.orDefault(a.startToCloseTimeout(), config.defaultTaskStartToCloseTimeout());
      if (taskList == null) {
        cause = ScheduleActivityTaskFailedCause.DEFAULT_TASK_LIST_UNDEFINED;
      } else if (s2c == null) {
        cause = ScheduleActivityTaskFailedCause.DEFAULT_SCHEDULE_TO_CLOSE_TIMEOUT_UNDEFINED;
      } else if (s2s == null) {
        cause = ScheduleActivityTaskFailedCause.DEFAULT_SCHEDULE_TO_START_TIMEOUT_UNDEFINED;
      } else if (st2c == null) {
        cause = ScheduleActivityTaskFailedCause.DEFAULT_START_TO_CLOSE_TIMEOUT_UNDEFINED;
      }
    }
    if (cause != null) {
      ScheduleActivityTaskFailedCause failure = cause;
      engine.events.append(
          tx,
          ex,
          EventType.SCHEDULE_ACTIVITY_TASK_FAILED,
          b ->
              b.scheduleActivityTaskFailedEventAttributes(
                  x ->
                      x.activityType(type)
                          .activityId(a.activityId())
                          .cause(failure)
                          .decisionTaskCompletedEventId(completedId)));
      return true;
    }
    // The heartbeat timeout is optional in SWF's documentation: no default means NONE.
    String hb = Check.orDefault(a.heartbeatTimeout(), config.defaultTaskHeartbeatTimeout());
    String heartbeat = hb == null ? "NONE" : hb;
    String priority = Check.orDefault(a.taskPriority(), config.defaultTaskPriority());
    String list = taskList;
    String scheduleToClose = s2c;
    String scheduleToStart = s2s;
    String startToClose = st2c;
    long scheduledId =
        engine.events.append(
            tx,
            ex,
            EventType.ACTIVITY_TASK_SCHEDULED,
            b ->
                b.activityTaskScheduledEventAttributes(
                    x ->
                        x.activityType(type)
                            .activityId(a.activityId())
                            .input(a.input())
                            .control(a.control())
                            .scheduleToStartTimeout(scheduleToStart)
                            .scheduleToCloseTimeout(scheduleToClose)
                            .startToCloseTimeout(startToClose)
                            .heartbeatTimeout(heartbeat)
                            .taskList(t -> t.name(list))
                            .taskPriority(priority)
                            .decisionTaskCompletedEventId(completedId)));
    ActivityTask task = new ActivityTask();
    task.runId = ex.runId;
    task.scheduledId = scheduledId;
    task.activityId = a.activityId();
    task.domain = ex.domain;
    task.typeName = type.name();
    task.typeVersion = type.version();
    task.taskList = taskList;
    task.priority = priority == null ? 0 : Integer.parseInt(priority);
    task.input = a.input();
    task.state = ActivityTask.State.SCHEDULED;
    task.scheduleToStart = s2s;
    task.scheduleToClose = s2c;
    task.startToClose = st2c;
    task.heartbeat = heartbeat;
    tx.activities().insert(task);
    ex.openActivities++;
    ex.latestActivityMs = tx.now();
    long s2sSeconds = Check.seconds(s2s, true, "scheduleToStartTimeout");
    if (s2sSeconds != Check.NONE) {
      engine.deadlines.arm(
          tx, ex.runId, DeadlineKind.ACTIVITY_SCHEDULE_TO_START, scheduledId, s2sSeconds);
    }
    long s2cSeconds = Check.seconds(s2c, true, "scheduleToCloseTimeout");
    if (s2cSeconds != Check.NONE) {
      engine.deadlines.arm(
          tx, ex.runId, DeadlineKind.ACTIVITY_SCHEDULE_TO_CLOSE, scheduledId, s2cSeconds);
    }
    String domain = ex.domain;
    String runId = ex.runId;
    int p = task.priority;
    tx.afterAction(
        () -> {
          engine.activityQueues.add(domain, list, runId, scheduledId, p);
          engine.metrics.taskScheduled("activity", list);
        });
    return false;
  }

  private boolean startTimer(Tx tx, Run ex, StartTimerDecisionAttributes a, long completedId) {
    StartTimerFailedCause cause = null;
    if (tx.timers().startedId(ex.runId, a.timerId()) >= 0) {
      cause = StartTimerFailedCause.TIMER_ID_ALREADY_IN_USE;
    } else if (ex.openTimers >= Engine.MAX_OPEN_TIMERS) {
      cause = StartTimerFailedCause.OPEN_TIMERS_LIMIT_EXCEEDED;
    }
    if (cause != null) {
      StartTimerFailedCause failure = cause;
      engine.events.append(
          tx,
          ex,
          EventType.START_TIMER_FAILED,
          b ->
              b.startTimerFailedEventAttributes(
                  x ->
                      x.timerId(a.timerId())
                          .cause(failure)
                          .decisionTaskCompletedEventId(completedId)));
      return true;
    }
    long startedId =
        engine.events.append(
            tx,
            ex,
            EventType.TIMER_STARTED,
            b ->
                b.timerStartedEventAttributes(
                    x ->
                        x.timerId(a.timerId())
                            .control(a.control())
                            .startToFireTimeout(a.startToFireTimeout())
                            .decisionTaskCompletedEventId(completedId)));
    tx.timers().insert(ex.runId, a.timerId(), startedId);
    ex.openTimers++;
    engine.deadlines.arm(
        tx,
        ex.runId,
        DeadlineKind.TIMER,
        startedId,
        Check.seconds(a.startToFireTimeout(), false, "startToFireTimeout"));
    return false;
  }

  private boolean cancelTimer(Tx tx, Run ex, CancelTimerDecisionAttributes a, long completedId) {
    long startedId = tx.timers().startedId(ex.runId, a.timerId());
    if (startedId < 0) {
      engine.events.append(
          tx,
          ex,
          EventType.CANCEL_TIMER_FAILED,
          b ->
              b.cancelTimerFailedEventAttributes(
                  x ->
                      x.timerId(a.timerId())
                          .cause("TIMER_ID_UNKNOWN")
                          .decisionTaskCompletedEventId(completedId)));
      return true;
    }
    engine.events.append(
        tx,
        ex,
        EventType.TIMER_CANCELED,
        b ->
            b.timerCanceledEventAttributes(
                x ->
                    x.timerId(a.timerId())
                        .startedEventId(startedId)
                        .decisionTaskCompletedEventId(completedId)));
    tx.timers().delete(ex.runId, a.timerId());
    engine.deadlines.disarm(tx, ex.runId, DeadlineKind.TIMER, startedId);
    ex.openTimers--;
    return false;
  }

  /**
   * Records ActivityTaskCancelRequested; a task not yet started is canceled at once (and the
   * decider is told, so this returns false to schedule a decision task), a started one learns it
   * from its next heartbeat.
   */
  private boolean requestCancelActivity(
      Tx tx, Run ex, RequestCancelActivityTaskDecisionAttributes a, long completedId) {
    ActivityTask task = tx.activities().byActivityId(ex.runId, a.activityId());
    if (task == null) {
      engine.events.append(
          tx,
          ex,
          EventType.REQUEST_CANCEL_ACTIVITY_TASK_FAILED,
          b ->
              b.requestCancelActivityTaskFailedEventAttributes(
                  x ->
                      x.activityId(a.activityId())
                          .cause("ACTIVITY_ID_UNKNOWN")
                          .decisionTaskCompletedEventId(completedId)));
      return true;
    }
    long requestedId =
        engine.events.append(
            tx,
            ex,
            EventType.ACTIVITY_TASK_CANCEL_REQUESTED,
            b ->
                b.activityTaskCancelRequestedEventAttributes(
                    x -> x.activityId(a.activityId()).decisionTaskCompletedEventId(completedId)));
    if (task.state == ActivityTask.State.SCHEDULED) {
      engine.events.append(
          tx,
          ex,
          EventType.ACTIVITY_TASK_CANCELED,
          b ->
              b.activityTaskCanceledEventAttributes(
                  x ->
                      x.scheduledEventId(task.scheduledId)
                          .startedEventId(0L)
                          .latestCancelRequestedEventId(requestedId)));
      engine.runs.closeActivity(tx, ex, task);
      return true;
    }
    task.cancelRequestedId = requestedId;
    tx.activities().save(task);
    return false;
  }

  /**
   * A decision that closes the run while events it has not seen arrived fails with
   * UNHANDLED_DECISION, as in SWF: records {@code failed} and returns true, or returns false.
   */
  private boolean unhandled(Tx tx, Run ex, EventType failed, long completedId) {
    if (!ex.dtPending) {
      return false;
    }
    engine.events.append(
        tx,
        ex,
        failed,
        b -> {
          switch (failed) {
            case COMPLETE_WORKFLOW_EXECUTION_FAILED ->
                b.completeWorkflowExecutionFailedEventAttributes(
                    x -> x.cause("UNHANDLED_DECISION").decisionTaskCompletedEventId(completedId));
            case FAIL_WORKFLOW_EXECUTION_FAILED ->
                b.failWorkflowExecutionFailedEventAttributes(
                    x -> x.cause("UNHANDLED_DECISION").decisionTaskCompletedEventId(completedId));
            default ->
                b.cancelWorkflowExecutionFailedEventAttributes(
                    x -> x.cause("UNHANDLED_DECISION").decisionTaskCompletedEventId(completedId));
          }
        });
    return true;
  }
}
