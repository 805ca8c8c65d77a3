package dev.flow.engine;

import dev.flow.history.SwfJson;
import java.util.List;
import software.amazon.awssdk.services.swf.model.ActivityType;
import software.amazon.awssdk.services.swf.model.ActivityTypeConfiguration;
import software.amazon.awssdk.services.swf.model.CancelTimerDecisionAttributes;
import software.amazon.awssdk.services.swf.model.CancelWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.CompleteWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.ContinueAsNewWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.FailWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.RecordMarkerDecisionAttributes;
import software.amazon.awssdk.services.swf.model.RequestCancelActivityTaskDecisionAttributes;
import software.amazon.awssdk.services.swf.model.RequestCancelExternalWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.RequestCancelExternalWorkflowExecutionFailedCause;
import software.amazon.awssdk.services.swf.model.RespondDecisionTaskCompletedRequest;
import software.amazon.awssdk.services.swf.model.ScheduleActivityTaskDecisionAttributes;
import software.amazon.awssdk.services.swf.model.ScheduleActivityTaskFailedCause;
import software.amazon.awssdk.services.swf.model.ScheduleLambdaFunctionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.ScheduleLambdaFunctionFailedCause;
import software.amazon.awssdk.services.swf.model.SignalExternalWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.SignalExternalWorkflowExecutionFailedCause;
import software.amazon.awssdk.services.swf.model.StartChildWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.StartTimerDecisionAttributes;
import software.amazon.awssdk.services.swf.model.StartTimerFailedCause;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowType;

/**
 * RespondDecisionTaskCompleted: checks the whole request first (a bad request records nothing),
 * then records DecisionTaskCompleted and carries out each decision in order, in the same
 * transaction. A decision that cannot be carried out records its {@code *Failed} event with the SWF
 * cause, and a new decision task is scheduled so the decider sees it; so are events that arrived
 * while the task was started. A close decision made while such events are unseen fails with
 * UNHANDLED_DECISION.
 */
final class Decisions {
  private final Engine engine;
  private final Actions actions;
  private final Registry registry;
  private final Store store;

  Decisions(Engine engine, Actions actions, Registry registry) {
    this.engine = engine;
    this.actions = actions;
    this.registry = registry;
    this.store = engine.store;
  }

  void respondDecisionTaskCompleted(RespondDecisionTaskCompletedRequest r) {
    String token = Check.required(r.taskToken(), "taskToken");
    Check.data(r.executionContext(), "executionContext");
    List<Decision> decisions = r.hasDecisions() ? r.decisions() : List.of();
    for (int i = 0; i < decisions.size(); i++) {
      validate(decisions.get(i), "decisions." + (i + 1), i == decisions.size() - 1);
    }
    String override = null;
    if (r.taskList() != null) {
      override = Check.name(r.taskList().name(), "taskList.name");
    }
    Check.seconds(r.taskListScheduleToStartTimeout(), false, "taskListScheduleToStartTimeout");
    String taskListOverride = override;
    engine.tx(
        () -> {
          String[] t = engine.tokens.decode(token, "d", 3);
          Execution ex = t == null ? null : engine.load("run_id = ?", t[1]);
          if (ex == null
              || !ex.open
              || ex.dtState != Execution.DT_STARTED
              || ex.dtStartedId != Tokens.number(t[2])) {
            throw Faults.unknownResource(
                "Unknown decision task token: the task was already completed or timed out, or its"
                    + " execution is closed");
          }
          long scheduledId = ex.dtScheduledId;
          long startedId = ex.dtStartedId;
          long completedId =
              engine.append(
                  ex,
                  EventType.DECISION_TASK_COMPLETED,
                  b ->
                      b.decisionTaskCompletedEventAttributes(
                          a ->
                              a.executionContext(r.executionContext())
                                  .scheduledEventId(scheduledId)
                                  .startedEventId(startedId)
                                  .taskList(r.taskList())
                                  .taskListScheduleToStartTimeout(
                                      r.taskListScheduleToStartTimeout())));
          engine.disarm(ex.runId, Engine.DT_START_TO_CLOSE, startedId);
          // The task stays "started" while its decisions are carried out, so events they cause
          // in this run (a signal to itself) count as new events for the next decision task.
          ex.prevStartedId = startedId;
          if (r.executionContext() != null) {
            ex.latestContext = r.executionContext();
          }
          // Decider affinity: the answer names the task list of this run's next decision tasks;
          // an answer without one sends them back to the run's own task list (so a decider that
          // does not keep the run never leaves it on another decider's list).
          String answeredList = ex.dtTaskList;
          engine.afterCommit(
              () -> engine.metrics.taskClosed("decision", answeredList, "completed"));
          ex.dtTaskList = taskListOverride != null ? taskListOverride : ex.taskList;
          ex.dtS2sTimeout = taskListOverride != null ? r.taskListScheduleToStartTimeout() : null;
          boolean needDecision = false;
          for (Decision d : decisions) {
            if (!ex.open) {
              break;
            }
            needDecision |= apply(ex, d, completedId);
          }
          if (ex.open) {
            ex.dtState = Execution.DT_NONE;
            if (ex.dtPending || needDecision) {
              engine.scheduleDecisionTask(ex);
            }
          }
          return null;
        });
  }

  // ---------------------------------------------------------------- validation

  private static void validate(Decision d, String at, boolean last) {
    Check.required(d, at);
    DecisionType type = d.decisionType();
    if (d.decisionTypeAsString() == null) {
      Check.required(null, at + ".decisionType");
    }
    switch (type) {
      case SCHEDULE_ACTIVITY_TASK:
        {
          ScheduleActivityTaskDecisionAttributes a =
              Check.required(
                  d.scheduleActivityTaskDecisionAttributes(),
                  at + ".scheduleActivityTaskDecisionAttributes");
          ActivityType t = Check.required(a.activityType(), at + ".activityType");
          Check.name(t.name(), at + ".activityType.name");
          Check.version(t.version(), at + ".activityType.version");
          Check.name(a.activityId(), at + ".activityId");
          Check.data(a.input(), at + ".input");
          Check.data(a.control(), at + ".control");
          if (a.taskList() != null) {
            Check.name(a.taskList().name(), at + ".taskList.name");
          }
          Check.priority(a.taskPriority(), at + ".taskPriority");
          Check.seconds(a.scheduleToCloseTimeout(), true, at + ".scheduleToCloseTimeout");
          Check.seconds(a.scheduleToStartTimeout(), true, at + ".scheduleToStartTimeout");
          Check.seconds(a.startToCloseTimeout(), true, at + ".startToCloseTimeout");
          Check.seconds(a.heartbeatTimeout(), true, at + ".heartbeatTimeout");
          return;
        }
      case START_TIMER:
        {
          StartTimerDecisionAttributes a =
              Check.required(
                  d.startTimerDecisionAttributes(), at + ".startTimerDecisionAttributes");
          Check.name(a.timerId(), at + ".timerId");
          Check.required(a.startToFireTimeout(), at + ".startToFireTimeout");
          Check.seconds(a.startToFireTimeout(), false, at + ".startToFireTimeout");
          Check.data(a.control(), at + ".control");
          return;
        }
      case CANCEL_TIMER:
        {
          CancelTimerDecisionAttributes a =
              Check.required(
                  d.cancelTimerDecisionAttributes(), at + ".cancelTimerDecisionAttributes");
          Check.name(a.timerId(), at + ".timerId");
          return;
        }
      case RECORD_MARKER:
        {
          RecordMarkerDecisionAttributes a =
              Check.required(
                  d.recordMarkerDecisionAttributes(), at + ".recordMarkerDecisionAttributes");
          Check.text(a.markerName(), 256, at + ".markerName");
          Check.data(a.details(), at + ".details");
          return;
        }
      case REQUEST_CANCEL_ACTIVITY_TASK:
        {
          RequestCancelActivityTaskDecisionAttributes a =
              Check.required(
                  d.requestCancelActivityTaskDecisionAttributes(),
                  at + ".requestCancelActivityTaskDecisionAttributes");
          Check.name(a.activityId(), at + ".activityId");
          return;
        }
      case COMPLETE_WORKFLOW_EXECUTION:
        {
          CompleteWorkflowExecutionDecisionAttributes a =
              d.completeWorkflowExecutionDecisionAttributes();
          Check.data(a == null ? null : a.result(), at + ".result");
          closeIsLast(at, last);
          return;
        }
      case FAIL_WORKFLOW_EXECUTION:
        {
          FailWorkflowExecutionDecisionAttributes a = d.failWorkflowExecutionDecisionAttributes();
          if (a != null) {
            Check.length(a.reason(), 0, 256, at + ".reason");
            Check.data(a.details(), at + ".details");
          }
          closeIsLast(at, last);
          return;
        }
      case CANCEL_WORKFLOW_EXECUTION:
        {
          CancelWorkflowExecutionDecisionAttributes a =
              d.cancelWorkflowExecutionDecisionAttributes();
          Check.data(a == null ? null : a.details(), at + ".details");
          closeIsLast(at, last);
          return;
        }
      case SIGNAL_EXTERNAL_WORKFLOW_EXECUTION:
        {
          SignalExternalWorkflowExecutionDecisionAttributes a =
              Check.required(
                  d.signalExternalWorkflowExecutionDecisionAttributes(),
                  at + ".signalExternalWorkflowExecutionDecisionAttributes");
          Check.name(a.workflowId(), at + ".workflowId");
          Check.length(a.runId(), 0, 64, at + ".runId");
          Check.text(a.signalName(), 256, at + ".signalName");
          Check.data(a.input(), at + ".input");
          Check.data(a.control(), at + ".control");
          return;
        }
      case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION:
        {
          RequestCancelExternalWorkflowExecutionDecisionAttributes a =
              Check.required(
                  d.requestCancelExternalWorkflowExecutionDecisionAttributes(),
                  at + ".requestCancelExternalWorkflowExecutionDecisionAttributes");
          Check.name(a.workflowId(), at + ".workflowId");
          Check.length(a.runId(), 0, 64, at + ".runId");
          Check.data(a.control(), at + ".control");
          return;
        }
      case START_CHILD_WORKFLOW_EXECUTION:
        {
          StartChildWorkflowExecutionDecisionAttributes a =
              Check.required(
                  d.startChildWorkflowExecutionDecisionAttributes(),
                  at + ".startChildWorkflowExecutionDecisionAttributes");
          Check.required(a.workflowType(), at + ".workflowType");
          Check.required(a.workflowId(), at + ".workflowId");
          Check.data(a.control(), at + ".control");
          childStart(null, a).validate(at + ".");
          return;
        }
      case CONTINUE_AS_NEW_WORKFLOW_EXECUTION:
        {
          ContinueAsNewWorkflowExecutionDecisionAttributes a =
              d.continueAsNewWorkflowExecutionDecisionAttributes();
          if (a != null) {
            Check.data(a.input(), at + ".input");
            Check.size(a.tagList(), 5, at + ".tagList");
            Check.priority(a.taskPriority(), at + ".taskPriority");
            Check.childPolicy(a.childPolicyAsString(), at + ".childPolicy");
            Check.executionTimeout(
                a.executionStartToCloseTimeout(), at + ".executionStartToCloseTimeout");
            Check.seconds(a.taskStartToCloseTimeout(), true, at + ".taskStartToCloseTimeout");
            if (a.taskList() != null) {
              Check.name(a.taskList().name(), at + ".taskList.name");
            }
            if (a.workflowTypeVersion() != null) {
              Check.version(a.workflowTypeVersion(), at + ".workflowTypeVersion");
            }
          }
          closeIsLast(at, last);
          return;
        }
      case SCHEDULE_LAMBDA_FUNCTION:
        {
          ScheduleLambdaFunctionDecisionAttributes a =
              Check.required(
                  d.scheduleLambdaFunctionDecisionAttributes(),
                  at + ".scheduleLambdaFunctionDecisionAttributes");
          Check.name(a.id(), at + ".id");
          Check.required(a.name(), at + ".name");
          Check.data(a.input(), at + ".input");
          return;
        }
      default:
        throw Faults.validation(
            "Decision type " + d.decisionTypeAsString() + " at " + at + " is not a decision type");
    }
  }

  private static void closeIsLast(String at, boolean last) {
    if (!last) {
      throw Faults.validation(
          "The decision at " + at + " closes the execution, so it must be the last decision");
    }
  }

  // ---------------------------------------------------------------- carrying out

  /**
   * Carries out one decision; true if it recorded an event the decider must see in a new decision
   * task (its Failed event, or an outcome recorded at once, like a child's start).
   */
  private boolean apply(Execution ex, Decision d, long completedId) {
    switch (d.decisionType()) {
      case SIGNAL_EXTERNAL_WORKFLOW_EXECUTION:
        return signalExternal(
            ex, d.signalExternalWorkflowExecutionDecisionAttributes(), completedId);
      case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION:
        return requestCancelExternal(
            ex, d.requestCancelExternalWorkflowExecutionDecisionAttributes(), completedId);
      case START_CHILD_WORKFLOW_EXECUTION:
        return startChild(ex, d.startChildWorkflowExecutionDecisionAttributes(), completedId);
      case CONTINUE_AS_NEW_WORKFLOW_EXECUTION:
        return continueAsNew(ex, d.continueAsNewWorkflowExecutionDecisionAttributes(), completedId);
      case SCHEDULE_ACTIVITY_TASK:
        return scheduleActivity(ex, d.scheduleActivityTaskDecisionAttributes(), completedId);
      case START_TIMER:
        return startTimer(ex, d.startTimerDecisionAttributes(), completedId);
      case CANCEL_TIMER:
        return cancelTimer(ex, d.cancelTimerDecisionAttributes(), completedId);
      case RECORD_MARKER:
        {
          RecordMarkerDecisionAttributes a = d.recordMarkerDecisionAttributes();
          engine.append(
              ex,
              EventType.MARKER_RECORDED,
              b ->
                  b.markerRecordedEventAttributes(
                      x ->
                          x.markerName(a.markerName())
                              .details(a.details())
                              .decisionTaskCompletedEventId(completedId)));
          return false;
        }
      case SCHEDULE_LAMBDA_FUNCTION:
        {
          // What SWF records where Lambda cannot be reached: the decider sees the failure.
          ScheduleLambdaFunctionDecisionAttributes a = d.scheduleLambdaFunctionDecisionAttributes();
          engine.append(
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
          return true;
        }
      case REQUEST_CANCEL_ACTIVITY_TASK:
        return requestCancelActivity(
            ex, d.requestCancelActivityTaskDecisionAttributes(), completedId);
      case COMPLETE_WORKFLOW_EXECUTION:
        {
          CompleteWorkflowExecutionDecisionAttributes a =
              d.completeWorkflowExecutionDecisionAttributes();
          String result = a == null ? null : a.result();
          if (ex.dtPending) {
            engine.append(
                ex,
                EventType.COMPLETE_WORKFLOW_EXECUTION_FAILED,
                b ->
                    b.completeWorkflowExecutionFailedEventAttributes(
                        x ->
                            x.cause("UNHANDLED_DECISION")
                                .decisionTaskCompletedEventId(completedId)));
            return true;
          }
          engine.append(
              ex,
              EventType.WORKFLOW_EXECUTION_COMPLETED,
              b ->
                  b.workflowExecutionCompletedEventAttributes(
                      x -> x.result(result).decisionTaskCompletedEventId(completedId)));
          engine.closeExecution(ex, Engine.Close.completed(result));
          return false;
        }
      case FAIL_WORKFLOW_EXECUTION:
        {
          FailWorkflowExecutionDecisionAttributes a = d.failWorkflowExecutionDecisionAttributes();
          if (ex.dtPending) {
            engine.append(
                ex,
                EventType.FAIL_WORKFLOW_EXECUTION_FAILED,
                b ->
                    b.failWorkflowExecutionFailedEventAttributes(
                        x ->
                            x.cause("UNHANDLED_DECISION")
                                .decisionTaskCompletedEventId(completedId)));
            return true;
          }
          engine.append(
              ex,
              EventType.WORKFLOW_EXECUTION_FAILED,
              b ->
                  b.workflowExecutionFailedEventAttributes(
                      x ->
                          x.reason(a == null ? null : a.reason())
                              .details(a == null ? null : a.details())
                              .decisionTaskCompletedEventId(completedId)));
          engine.closeExecution(
              ex,
              Engine.Close.failed(a == null ? null : a.reason(), a == null ? null : a.details()));
          return false;
        }
      case CANCEL_WORKFLOW_EXECUTION:
        {
          CancelWorkflowExecutionDecisionAttributes a =
              d.cancelWorkflowExecutionDecisionAttributes();
          if (ex.dtPending) {
            engine.append(
                ex,
                EventType.CANCEL_WORKFLOW_EXECUTION_FAILED,
                b ->
                    b.cancelWorkflowExecutionFailedEventAttributes(
                        x ->
                            x.cause("UNHANDLED_DECISION")
                                .decisionTaskCompletedEventId(completedId)));
            return true;
          }
          engine.append(
              ex,
              EventType.WORKFLOW_EXECUTION_CANCELED,
              b ->
                  b.workflowExecutionCanceledEventAttributes(
                      x ->
                          x.details(a == null ? null : a.details())
                              .decisionTaskCompletedEventId(completedId)));
          engine.closeExecution(ex, Engine.Close.canceled(a == null ? null : a.details()));
          return false;
        }
      default:
        throw new IllegalStateException("unvalidated decision " + d.decisionTypeAsString());
    }
  }

  private boolean scheduleActivity(
      Execution ex, ScheduleActivityTaskDecisionAttributes a, long completedId) {
    ActivityType type = a.activityType();
    Registry.TypeRow row = registry.type(ex.domain, Registry.ACTIVITY, type.name(), type.version());
    ScheduleActivityTaskFailedCause cause = null;
    ActivityTypeConfiguration config = null;
    if (row == null) {
      cause = ScheduleActivityTaskFailedCause.ACTIVITY_TYPE_DOES_NOT_EXIST;
    } else if (row.status().equals("DEPRECATED")) {
      cause = ScheduleActivityTaskFailedCause.ACTIVITY_TYPE_DEPRECATED;
    } else if (ActivityTask.load(store, "run_id = ? AND activity_id = ?", ex.runId, a.activityId())
        != null) {
      cause = ScheduleActivityTaskFailedCause.ACTIVITY_ID_ALREADY_IN_USE;
    } else if (ex.openActivities >= Engine.MAX_OPEN_ACTIVITIES) {
      cause = ScheduleActivityTaskFailedCause.OPEN_ACTIVITIES_LIMIT_EXCEEDED;
    } else {
      config = SwfJson.fromText(row.config(), ActivityTypeConfiguration::builder);
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
      s2c =
          Actions.orDefault(a.scheduleToCloseTimeout(), config.defaultTaskScheduleToCloseTimeout());
      s2s =
          Actions.orDefault(a.scheduleToStartTimeout(), config.defaultTaskScheduleToStartTimeout());
      st2c = Actions.orDefault(a.startToCloseTimeout(), config.defaultTaskStartToCloseTimeout());
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
      engine.append(
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
    String hb = Actions.orDefault(a.heartbeatTimeout(), config.defaultTaskHeartbeatTimeout());
    String heartbeat = hb == null ? "NONE" : hb;
    String priority = Actions.orDefault(a.taskPriority(), config.defaultTaskPriority());
    String list = taskList;
    String scheduleToClose = s2c;
    String scheduleToStart = s2s;
    String startToClose = st2c;
    long scheduledId =
        engine.append(
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
    task.state = ActivityTask.SCHEDULED;
    task.scheduleToStart = s2s;
    task.scheduleToClose = s2c;
    task.startToClose = st2c;
    task.heartbeat = heartbeat;
    task.insert(store);
    ex.openActivities++;
    ex.latestActivityMs = engine.now();
    long s2sSeconds = Check.seconds(s2s, true, "scheduleToStartTimeout");
    if (s2sSeconds != Check.NONE) {
      engine.arm(ex.runId, Engine.ACT_SCHEDULE_TO_START, scheduledId, s2sSeconds);
    }
    long s2cSeconds = Check.seconds(s2c, true, "scheduleToCloseTimeout");
    if (s2cSeconds != Check.NONE) {
      engine.arm(ex.runId, Engine.ACT_SCHEDULE_TO_CLOSE, scheduledId, s2cSeconds);
    }
    String domain = ex.domain;
    String runId = ex.runId;
    int p = task.priority;
    engine.afterAction(
        () -> {
          engine.activityQueues.add(domain, list, runId, scheduledId, p);
          engine.metrics.taskScheduled("activity", list);
        });
    return false;
  }

  private boolean startTimer(Execution ex, StartTimerDecisionAttributes a, long completedId) {
    StartTimerFailedCause cause = null;
    if (store.queryString(
            "SELECT timer_id FROM timers WHERE run_id = ? AND timer_id = ?", ex.runId, a.timerId())
        != null) {
      cause = StartTimerFailedCause.TIMER_ID_ALREADY_IN_USE;
    } else if (ex.openTimers >= Engine.MAX_OPEN_TIMERS) {
      cause = StartTimerFailedCause.OPEN_TIMERS_LIMIT_EXCEEDED;
    }
    if (cause != null) {
      StartTimerFailedCause failure = cause;
      engine.append(
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
        engine.append(
            ex,
            EventType.TIMER_STARTED,
            b ->
                b.timerStartedEventAttributes(
                    x ->
                        x.timerId(a.timerId())
                            .control(a.control())
                            .startToFireTimeout(a.startToFireTimeout())
                            .decisionTaskCompletedEventId(completedId)));
    store.update(
        "INSERT INTO timers (run_id, timer_id, started_id) VALUES (?, ?, ?)",
        ex.runId,
        a.timerId(),
        startedId);
    ex.openTimers++;
    engine.arm(
        ex.runId,
        Engine.TIMER,
        startedId,
        Check.seconds(a.startToFireTimeout(), false, "startToFireTimeout"));
    return false;
  }

  private boolean cancelTimer(Execution ex, CancelTimerDecisionAttributes a, long completedId) {
    long startedId =
        store.queryLong(
            "SELECT started_id FROM timers WHERE run_id = ? AND timer_id = ?",
            -1,
            ex.runId,
            a.timerId());
    if (startedId < 0) {
      engine.append(
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
    engine.append(
        ex,
        EventType.TIMER_CANCELED,
        b ->
            b.timerCanceledEventAttributes(
                x ->
                    x.timerId(a.timerId())
                        .startedEventId(startedId)
                        .decisionTaskCompletedEventId(completedId)));
    store.update("DELETE FROM timers WHERE run_id = ? AND timer_id = ?", ex.runId, a.timerId());
    engine.disarm(ex.runId, Engine.TIMER, startedId);
    ex.openTimers--;
    return false;
  }

  /**
   * Records ActivityTaskCancelRequested; a task not yet started is canceled at once (and the
   * decider is told, so this returns false to schedule a decision task), a started one learns it
   * from its next heartbeat.
   */
  private boolean requestCancelActivity(
      Execution ex, RequestCancelActivityTaskDecisionAttributes a, long completedId) {
    ActivityTask task =
        ActivityTask.load(store, "run_id = ? AND activity_id = ?", ex.runId, a.activityId());
    if (task == null) {
      engine.append(
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
        engine.append(
            ex,
            EventType.ACTIVITY_TASK_CANCEL_REQUESTED,
            b ->
                b.activityTaskCancelRequestedEventAttributes(
                    x -> x.activityId(a.activityId()).decisionTaskCompletedEventId(completedId)));
    if (task.state == ActivityTask.SCHEDULED) {
      engine.append(
          ex,
          EventType.ACTIVITY_TASK_CANCELED,
          b ->
              b.activityTaskCanceledEventAttributes(
                  x ->
                      x.scheduledEventId(task.scheduledId)
                          .startedEventId(0L)
                          .latestCancelRequestedEventId(requestedId)));
      actions.closeActivity(ex, task);
      return true;
    }
    task.cancelRequestedId = requestedId;
    task.save(store);
    return false;
  }

  /** The start of a child from its decision; {@code domain} null only for validation. */
  private static Actions.RunStart childStart(
      String domain, StartChildWorkflowExecutionDecisionAttributes a) {
    return new Actions.RunStart(
        domain,
        a.workflowId(),
        a.workflowType(),
        a.taskList() == null ? null : a.taskList().name(),
        a.taskPriority(),
        a.input(),
        a.executionStartToCloseTimeout(),
        a.taskStartToCloseTimeout(),
        a.childPolicyAsString(),
        a.hasTagList() ? a.tagList() : null,
        a.lambdaRole());
  }

  /**
   * SignalExternalWorkflowExecution: records the Initiated event, then at once (the target is in
   * this engine) either WorkflowExecutionSignaled in the target and
   * ExternalWorkflowExecutionSignaled here, or SignalExternalWorkflowExecutionFailed.
   */
  private boolean signalExternal(
      Execution ex, SignalExternalWorkflowExecutionDecisionAttributes a, long completedId) {
    long initiatedId =
        engine.append(
            ex,
            EventType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
            b ->
                b.signalExternalWorkflowExecutionInitiatedEventAttributes(
                    x ->
                        x.workflowId(a.workflowId())
                            .runId(a.runId())
                            .signalName(a.signalName())
                            .input(a.input())
                            .control(a.control())
                            .decisionTaskCompletedEventId(completedId)));
    Execution target = openTarget(ex, a.workflowId(), a.runId());
    if (target == null) {
      engine.append(
          ex,
          EventType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED,
          b ->
              b.signalExternalWorkflowExecutionFailedEventAttributes(
                  x ->
                      x.workflowId(a.workflowId())
                          .runId(a.runId())
                          .cause(
                              SignalExternalWorkflowExecutionFailedCause
                                  .UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION)
                          .initiatedEventId(initiatedId)
                          .decisionTaskCompletedEventId(completedId)
                          .control(a.control())));
      return true;
    }
    WorkflowExecution source = Engine.execution(ex);
    engine.append(
        target,
        EventType.WORKFLOW_EXECUTION_SIGNALED,
        b ->
            b.workflowExecutionSignaledEventAttributes(
                x ->
                    x.signalName(a.signalName())
                        .input(a.input())
                        .externalWorkflowExecution(source)
                        .externalInitiatedEventId(initiatedId)));
    engine.notifyDecider(target);
    WorkflowExecution signaled = Engine.execution(target);
    engine.append(
        ex,
        EventType.EXTERNAL_WORKFLOW_EXECUTION_SIGNALED,
        b ->
            b.externalWorkflowExecutionSignaledEventAttributes(
                x -> x.workflowExecution(signaled).initiatedEventId(initiatedId)));
    return true;
  }

  /** RequestCancelExternalWorkflowExecution, carried out at once like {@link #signalExternal}. */
  private boolean requestCancelExternal(
      Execution ex, RequestCancelExternalWorkflowExecutionDecisionAttributes a, long completedId) {
    long initiatedId =
        engine.append(
            ex,
            EventType.REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
            b ->
                b.requestCancelExternalWorkflowExecutionInitiatedEventAttributes(
                    x ->
                        x.workflowId(a.workflowId())
                            .runId(a.runId())
                            .control(a.control())
                            .decisionTaskCompletedEventId(completedId)));
    Execution target = openTarget(ex, a.workflowId(), a.runId());
    if (target == null) {
      engine.append(
          ex,
          EventType.REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED,
          b ->
              b.requestCancelExternalWorkflowExecutionFailedEventAttributes(
                  x ->
                      x.workflowId(a.workflowId())
                          .runId(a.runId())
                          .cause(
                              RequestCancelExternalWorkflowExecutionFailedCause
                                  .UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION)
                          .initiatedEventId(initiatedId)
                          .decisionTaskCompletedEventId(completedId)
                          .control(a.control())));
      return true;
    }
    WorkflowExecution source = Engine.execution(ex);
    if (!target.cancelRequested) {
      target.cancelRequested = true;
      engine.append(
          target,
          EventType.WORKFLOW_EXECUTION_CANCEL_REQUESTED,
          b ->
              b.workflowExecutionCancelRequestedEventAttributes(
                  x -> x.externalWorkflowExecution(source).externalInitiatedEventId(initiatedId)));
      engine.notifyDecider(target);
    }
    WorkflowExecution requested = Engine.execution(target);
    engine.append(
        ex,
        EventType.EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED,
        b ->
            b.externalWorkflowExecutionCancelRequestedEventAttributes(
                x -> x.workflowExecution(requested).initiatedEventId(initiatedId)));
    return true;
  }

  /** The open run {@code workflowId} (and {@code runId} if set) of this run's domain, or null. */
  private Execution openTarget(Execution ex, String workflowId, String runId) {
    Execution target =
        runId == null || runId.isEmpty()
            ? engine.load("domain = ? AND workflow_id = ? AND is_open = 1", ex.domain, workflowId)
            : engine.load(
                "run_id = ? AND domain = ? AND workflow_id = ?", runId, ex.domain, workflowId);
    return target == null || !target.open ? null : target;
  }

  /**
   * StartChildWorkflowExecution: a start that cannot even be attempted (unknown or deprecated type,
   * no default, too many children) records StartChildWorkflowExecutionFailed alone; otherwise
   * StartChildWorkflowExecutionInitiated, then ChildWorkflowExecutionStarted (the child runs) or
   * StartChildWorkflowExecutionFailed with WORKFLOW_ALREADY_RUNNING.
   */
  private boolean startChild(
      Execution ex, StartChildWorkflowExecutionDecisionAttributes a, long completedId) {
    Actions.RunStart start = childStart(ex.domain, a);
    String cause =
        ex.openChildren >= Engine.MAX_OPEN_CHILDREN
            ? "OPEN_CHILDREN_LIMIT_EXCEEDED"
            : start.resolve(registry);
    if (cause != null) {
      childFailed(ex, a, cause, 0, completedId);
      return true;
    }
    long initiatedId =
        engine.append(
            ex,
            EventType.START_CHILD_WORKFLOW_EXECUTION_INITIATED,
            b ->
                b.startChildWorkflowExecutionInitiatedEventAttributes(
                    x ->
                        x.workflowId(a.workflowId())
                            .workflowType(a.workflowType())
                            .control(a.control())
                            .input(a.input())
                            .executionStartToCloseTimeout(start.execTimeout)
                            .taskList(t -> t.name(start.taskList))
                            .taskPriority(start.taskPriority)
                            .decisionTaskCompletedEventId(completedId)
                            .childPolicy(start.childPolicy)
                            .taskStartToCloseTimeout(start.taskTimeout)
                            .tagList(start.tags)
                            .lambdaRole(start.lambdaRole)));
    if (openTarget(ex, a.workflowId(), null) != null) {
      childFailed(ex, a, "WORKFLOW_ALREADY_RUNNING", initiatedId, completedId);
      return true;
    }
    Execution child = actions.startRun(start, ex, initiatedId, null);
    WorkflowExecution childExecution = Engine.execution(child);
    child.parentStartedId =
        engine.append(
            ex,
            EventType.CHILD_WORKFLOW_EXECUTION_STARTED,
            b ->
                b.childWorkflowExecutionStartedEventAttributes(
                    x ->
                        x.workflowExecution(childExecution)
                            .workflowType(a.workflowType())
                            .initiatedEventId(initiatedId)));
    ex.openChildren++;
    return true;
  }

  private void childFailed(
      Execution ex,
      StartChildWorkflowExecutionDecisionAttributes a,
      String cause,
      long initiatedId,
      long completedId) {
    engine.append(
        ex,
        EventType.START_CHILD_WORKFLOW_EXECUTION_FAILED,
        b ->
            b.startChildWorkflowExecutionFailedEventAttributes(
                x ->
                    x.workflowType(a.workflowType())
                        .cause(cause)
                        .workflowId(a.workflowId())
                        .initiatedEventId(initiatedId)
                        .decisionTaskCompletedEventId(completedId)
                        .control(a.control())));
  }

  /**
   * ContinueAsNewWorkflowExecution: closes this run as CONTINUED_AS_NEW and starts a new run of the
   * same workflow id (same type name; the version may change), with unset values taken from the
   * type's defaults. The new run inherits this run's parent.
   */
  private boolean continueAsNew(
      Execution ex, ContinueAsNewWorkflowExecutionDecisionAttributes attributes, long completedId) {
    ContinueAsNewWorkflowExecutionDecisionAttributes a =
        attributes != null
            ? attributes
            : ContinueAsNewWorkflowExecutionDecisionAttributes.builder().build();
    String cause;
    Actions.RunStart start =
        new Actions.RunStart(
            ex.domain,
            ex.workflowId,
            WorkflowType.builder()
                .name(ex.typeName)
                .version(a.workflowTypeVersion() != null ? a.workflowTypeVersion() : ex.typeVersion)
                .build(),
            a.taskList() == null ? null : a.taskList().name(),
            a.taskPriority(),
            a.input(),
            a.executionStartToCloseTimeout(),
            a.taskStartToCloseTimeout(),
            a.childPolicyAsString(),
            a.hasTagList() ? a.tagList() : null,
            a.lambdaRole());
    if (ex.dtPending) {
      cause = "UNHANDLED_DECISION";
    } else {
      cause = start.resolve(registry);
    }
    if (cause != null) {
      String failure = cause;
      engine.append(
          ex,
          EventType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION_FAILED,
          b ->
              b.continueAsNewWorkflowExecutionFailedEventAttributes(
                  x -> x.cause(failure).decisionTaskCompletedEventId(completedId)));
      return true;
    }
    engine.closeExecution(ex, Engine.Close.continuedAsNew());
    engine.flush(ex); // the new run takes the workflow id's one open slot
    Execution next = actions.startRun(start, null, 0, ex);
    engine.append(
        ex,
        EventType.WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
        b ->
            b.workflowExecutionContinuedAsNewEventAttributes(
                x ->
                    x.input(start.input)
                        .decisionTaskCompletedEventId(completedId)
                        .newExecutionRunId(next.runId)
                        .executionStartToCloseTimeout(start.execTimeout)
                        .taskList(t -> t.name(start.taskList))
                        .taskPriority(start.taskPriority)
                        .taskStartToCloseTimeout(start.taskTimeout)
                        .childPolicy(start.childPolicy)
                        .tagList(start.tags)
                        .workflowType(start.type)
                        .lambdaRole(start.lambdaRole)));
    return false;
  }
}
