package dev.flow.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * A decision as the history recorded it: what it is ({@link #describe(HistoryEvent)}, comparable
 * with {@link #describe(Decision)}), what tells it apart for people (or ""), and its input where
 * the decider compares inputs (activities and children; else null). With the reading of a saved
 * history {@link WorkflowReplayer} compares the code's decisions with: the decisions each task
 * recorded, the event that closed it, the execution it is of.
 */
record RecordedDecision(long eventId, String description, String detail, String input) {
  RecordedDecision(HistoryEvent e) {
    this(e.eventId(), describe(e), detail(e), input(e));
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Whether two inputs are the same JSON (or, when either is not JSON, the same text). */
  static boolean sameJson(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    try {
      return JSON.readTree(a).equals(JSON.readTree(b));
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  static String input(Decision d) {
    if (d.decisionType() == DecisionType.SCHEDULE_ACTIVITY_TASK) {
      return d.scheduleActivityTaskDecisionAttributes().input();
    }
    if (d.decisionType() == DecisionType.START_CHILD_WORKFLOW_EXECUTION) {
      return d.startChildWorkflowExecutionDecisionAttributes().input();
    }
    return null;
  }

  private static String input(HistoryEvent e) {
    if (e.eventType() == EventType.ACTIVITY_TASK_SCHEDULED) {
      return e.activityTaskScheduledEventAttributes().input();
    }
    if (e.eventType() == EventType.START_CHILD_WORKFLOW_EXECUTION_INITIATED) {
      return e.startChildWorkflowExecutionInitiatedEventAttributes().input();
    }
    return null;
  }

  /** The reason of a failing close decision, for messages. */
  static String detail(Decision d) {
    return d.decisionType() == DecisionType.FAIL_WORKFLOW_EXECUTION
        ? " (reason " + d.failWorkflowExecutionDecisionAttributes().reason() + ")"
        : "";
  }

  static String detail(HistoryEvent e) {
    return e.eventType() == EventType.WORKFLOW_EXECUTION_FAILED
        ? " (reason " + e.workflowExecutionFailedEventAttributes().reason() + ")"
        : "";
  }

  /** The decisions each decision task recorded, by the id of its DecisionTaskCompleted event. */
  static Map<Long, List<RecordedDecision>> byTask(List<HistoryEvent> history) {
    Set<Long> initiated = new HashSet<>();
    for (HistoryEvent e : history) {
      switch (e.eventType()) {
        case START_CHILD_WORKFLOW_EXECUTION_INITIATED,
            SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
            REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED ->
            initiated.add(e.eventId());
        default -> {}
      }
    }
    Map<Long, List<RecordedDecision>> byTask = new HashMap<>();
    for (HistoryEvent e : history) {
      Long task;
      Long initiatedBy;
      String description;
      try {
        task = decisionTaskCompletedEventId(e);
        initiatedBy = initiatedEventId(e);
        description = describe(e);
      } catch (NullPointerException missing) {
        throw new IllegalArgumentException(
            "invalid history: event "
                + e.eventId()
                + " ("
                + e.eventTypeAsString()
                + ") lacks its attributes",
            missing);
      }
      if (task == null || (initiatedBy != null && initiated.contains(initiatedBy))) {
        continue; // records no decision, or one its Initiated event records already
      }
      if (description != null) {
        byTask.computeIfAbsent(task, k -> new ArrayList<>()).add(new RecordedDecision(e));
      }
    }
    return byTask;
  }

  /** The event that closed the execution, or null while it is open. */
  static HistoryEvent closingEvent(List<HistoryEvent> history) {
    for (int i = history.size() - 1; i >= 0; i--) {
      switch (history.get(i).eventType()) {
        case WORKFLOW_EXECUTION_COMPLETED,
            WORKFLOW_EXECUTION_FAILED,
            WORKFLOW_EXECUTION_CANCELED,
            WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
            WORKFLOW_EXECUTION_TERMINATED,
            WORKFLOW_EXECUTION_TIMED_OUT -> {
          return history.get(i);
        }
        default -> {}
      }
    }
    return null;
  }

  /**
   * Child workflow ids are {@code <parent workflow id>.<seq>} ({@code <parent workflow id>.<run
   * id>.<seq>} in a run continued as new): the parent's id, if a child the history recorded has
   * such an id.
   */
  static WorkflowExecution inferExecution(List<HistoryEvent> history) {
    boolean continued =
        !history.isEmpty()
            && history.get(0).workflowExecutionStartedEventAttributes() != null
            && history.get(0).workflowExecutionStartedEventAttributes().continuedExecutionRunId()
                != null;
    for (HistoryEvent e : history) {
      if (e.eventType() == EventType.START_CHILD_WORKFLOW_EXECUTION_INITIATED
          && e.startChildWorkflowExecutionInitiatedEventAttributes() != null) {
        String child = e.startChildWorkflowExecutionInitiatedEventAttributes().workflowId();
        int dot = child == null ? -1 : child.lastIndexOf('.');
        if (dot <= 0 || !child.substring(dot + 1).matches("[0-9]+")) {
          continue; // an id the code gave: it does not tell the parent's
        }
        String parent = child.substring(0, dot);
        String runId = null;
        if (continued) {
          int runDot = parent.lastIndexOf('.');
          if (runDot <= 0) {
            continue;
          }
          runId = parent.substring(runDot + 1);
          parent = parent.substring(0, runDot);
        }
        return WorkflowExecution.builder().workflowId(parent).runId(runId).build();
      }
    }
    return null;
  }

  /** What a decision is, as comparable with {@link #describe(HistoryEvent)}: kind, type and id. */
  static String describe(Decision d) {
    if (d.decisionType() == null) {
      return d.decisionTypeAsString();
    }
    return switch (d.decisionType()) {
      case SCHEDULE_ACTIVITY_TASK -> {
        var a = d.scheduleActivityTaskDecisionAttributes();
        yield activity(a.activityType().name(), a.activityType().version(), a.activityId());
      }
      case REQUEST_CANCEL_ACTIVITY_TASK ->
          "RequestCancelActivityTask id "
              + d.requestCancelActivityTaskDecisionAttributes().activityId();
      case START_TIMER -> "StartTimer id " + d.startTimerDecisionAttributes().timerId();
      case CANCEL_TIMER -> "CancelTimer id " + d.cancelTimerDecisionAttributes().timerId();
      case RECORD_MARKER -> "RecordMarker " + d.recordMarkerDecisionAttributes().markerName();
      case START_CHILD_WORKFLOW_EXECUTION -> {
        var a = d.startChildWorkflowExecutionDecisionAttributes();
        yield child(a.workflowType().name(), a.workflowType().version(), a.workflowId());
      }
      case SIGNAL_EXTERNAL_WORKFLOW_EXECUTION -> {
        var a = d.signalExternalWorkflowExecutionDecisionAttributes();
        yield "SignalExternalWorkflowExecution " + a.signalName() + " to " + a.workflowId();
      }
      case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION ->
          "RequestCancelExternalWorkflowExecution "
              + d.requestCancelExternalWorkflowExecutionDecisionAttributes().workflowId();
      case COMPLETE_WORKFLOW_EXECUTION -> "CompleteWorkflowExecution";
      case FAIL_WORKFLOW_EXECUTION -> "FailWorkflowExecution";
      case CANCEL_WORKFLOW_EXECUTION -> "CancelWorkflowExecution";
      case CONTINUE_AS_NEW_WORKFLOW_EXECUTION -> "ContinueAsNewWorkflowExecution";
      case SCHEDULE_LAMBDA_FUNCTION -> {
        var a = d.scheduleLambdaFunctionDecisionAttributes();
        yield "ScheduleLambdaFunction " + a.name() + " id " + a.id();
      }
      default -> d.decisionTypeAsString();
    };
  }

  /** The decision {@code e} records, described as {@link #describe(Decision)}; null for none. */
  static String describe(HistoryEvent e) {
    if (e.eventType() == null) {
      return null;
    }
    return switch (e.eventType()) {
      case ACTIVITY_TASK_SCHEDULED -> {
        var a = e.activityTaskScheduledEventAttributes();
        yield activity(a.activityType().name(), a.activityType().version(), a.activityId());
      }
      case SCHEDULE_ACTIVITY_TASK_FAILED -> {
        var a = e.scheduleActivityTaskFailedEventAttributes();
        yield activity(a.activityType().name(), a.activityType().version(), a.activityId());
      }
      case ACTIVITY_TASK_CANCEL_REQUESTED ->
          "RequestCancelActivityTask id "
              + e.activityTaskCancelRequestedEventAttributes().activityId();
      case REQUEST_CANCEL_ACTIVITY_TASK_FAILED ->
          "RequestCancelActivityTask id "
              + e.requestCancelActivityTaskFailedEventAttributes().activityId();
      case TIMER_STARTED -> "StartTimer id " + e.timerStartedEventAttributes().timerId();
      case START_TIMER_FAILED -> "StartTimer id " + e.startTimerFailedEventAttributes().timerId();
      case TIMER_CANCELED -> "CancelTimer id " + e.timerCanceledEventAttributes().timerId();
      case CANCEL_TIMER_FAILED ->
          "CancelTimer id " + e.cancelTimerFailedEventAttributes().timerId();
      case MARKER_RECORDED -> "RecordMarker " + e.markerRecordedEventAttributes().markerName();
      case RECORD_MARKER_FAILED ->
          "RecordMarker " + e.recordMarkerFailedEventAttributes().markerName();
      case START_CHILD_WORKFLOW_EXECUTION_INITIATED -> {
        var a = e.startChildWorkflowExecutionInitiatedEventAttributes();
        yield child(a.workflowType().name(), a.workflowType().version(), a.workflowId());
      }
      case START_CHILD_WORKFLOW_EXECUTION_FAILED -> {
        var a = e.startChildWorkflowExecutionFailedEventAttributes();
        yield child(a.workflowType().name(), a.workflowType().version(), a.workflowId());
      }
      case SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED -> {
        var a = e.signalExternalWorkflowExecutionInitiatedEventAttributes();
        yield "SignalExternalWorkflowExecution " + a.signalName() + " to " + a.workflowId();
      }
      case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED ->
          "RequestCancelExternalWorkflowExecution "
              + e.requestCancelExternalWorkflowExecutionInitiatedEventAttributes().workflowId();
      case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED ->
          "RequestCancelExternalWorkflowExecution "
              + e.requestCancelExternalWorkflowExecutionFailedEventAttributes().workflowId();
      case WORKFLOW_EXECUTION_COMPLETED, COMPLETE_WORKFLOW_EXECUTION_FAILED ->
          "CompleteWorkflowExecution";
      case WORKFLOW_EXECUTION_FAILED, FAIL_WORKFLOW_EXECUTION_FAILED -> "FailWorkflowExecution";
      case WORKFLOW_EXECUTION_CANCELED, CANCEL_WORKFLOW_EXECUTION_FAILED ->
          "CancelWorkflowExecution";
      case WORKFLOW_EXECUTION_CONTINUED_AS_NEW, CONTINUE_AS_NEW_WORKFLOW_EXECUTION_FAILED ->
          "ContinueAsNewWorkflowExecution";
      case LAMBDA_FUNCTION_SCHEDULED -> {
        var a = e.lambdaFunctionScheduledEventAttributes();
        yield "ScheduleLambdaFunction " + a.name() + " id " + a.id();
      }
      case SCHEDULE_LAMBDA_FUNCTION_FAILED -> {
        var a = e.scheduleLambdaFunctionFailedEventAttributes();
        yield "ScheduleLambdaFunction " + a.name() + " id " + a.id();
      }
      default -> null;
    };
  }

  private static String activity(String type, String version, String id) {
    return "ScheduleActivityTask " + type + " " + version + " id " + id;
  }

  private static String child(String type, String version, String id) {
    return "StartChildWorkflowExecution " + type + " " + version + " id " + id;
  }

  /** The DecisionTaskCompleted event id an event that records a decision names, else null. */
  private static Long decisionTaskCompletedEventId(HistoryEvent e) {
    if (e.eventType() == null) {
      return null;
    }
    return switch (e.eventType()) {
      case ACTIVITY_TASK_SCHEDULED ->
          e.activityTaskScheduledEventAttributes().decisionTaskCompletedEventId();
      case SCHEDULE_ACTIVITY_TASK_FAILED ->
          e.scheduleActivityTaskFailedEventAttributes().decisionTaskCompletedEventId();
      case ACTIVITY_TASK_CANCEL_REQUESTED ->
          e.activityTaskCancelRequestedEventAttributes().decisionTaskCompletedEventId();
      case REQUEST_CANCEL_ACTIVITY_TASK_FAILED ->
          e.requestCancelActivityTaskFailedEventAttributes().decisionTaskCompletedEventId();
      case TIMER_STARTED -> e.timerStartedEventAttributes().decisionTaskCompletedEventId();
      case START_TIMER_FAILED -> e.startTimerFailedEventAttributes().decisionTaskCompletedEventId();
      case TIMER_CANCELED -> e.timerCanceledEventAttributes().decisionTaskCompletedEventId();
      case CANCEL_TIMER_FAILED ->
          e.cancelTimerFailedEventAttributes().decisionTaskCompletedEventId();
      case MARKER_RECORDED -> e.markerRecordedEventAttributes().decisionTaskCompletedEventId();
      case RECORD_MARKER_FAILED ->
          e.recordMarkerFailedEventAttributes().decisionTaskCompletedEventId();
      case START_CHILD_WORKFLOW_EXECUTION_INITIATED ->
          e.startChildWorkflowExecutionInitiatedEventAttributes().decisionTaskCompletedEventId();
      case START_CHILD_WORKFLOW_EXECUTION_FAILED ->
          e.startChildWorkflowExecutionFailedEventAttributes().decisionTaskCompletedEventId();
      case SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED ->
          e.signalExternalWorkflowExecutionInitiatedEventAttributes()
              .decisionTaskCompletedEventId();
      case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED ->
          e.requestCancelExternalWorkflowExecutionInitiatedEventAttributes()
              .decisionTaskCompletedEventId();
      case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED ->
          e.requestCancelExternalWorkflowExecutionFailedEventAttributes()
              .decisionTaskCompletedEventId();
      case WORKFLOW_EXECUTION_COMPLETED ->
          e.workflowExecutionCompletedEventAttributes().decisionTaskCompletedEventId();
      case COMPLETE_WORKFLOW_EXECUTION_FAILED ->
          e.completeWorkflowExecutionFailedEventAttributes().decisionTaskCompletedEventId();
      case WORKFLOW_EXECUTION_FAILED ->
          e.workflowExecutionFailedEventAttributes().decisionTaskCompletedEventId();
      case FAIL_WORKFLOW_EXECUTION_FAILED ->
          e.failWorkflowExecutionFailedEventAttributes().decisionTaskCompletedEventId();
      case WORKFLOW_EXECUTION_CANCELED ->
          e.workflowExecutionCanceledEventAttributes().decisionTaskCompletedEventId();
      case CANCEL_WORKFLOW_EXECUTION_FAILED ->
          e.cancelWorkflowExecutionFailedEventAttributes().decisionTaskCompletedEventId();
      case WORKFLOW_EXECUTION_CONTINUED_AS_NEW ->
          e.workflowExecutionContinuedAsNewEventAttributes().decisionTaskCompletedEventId();
      case CONTINUE_AS_NEW_WORKFLOW_EXECUTION_FAILED ->
          e.continueAsNewWorkflowExecutionFailedEventAttributes().decisionTaskCompletedEventId();
      case LAMBDA_FUNCTION_SCHEDULED ->
          e.lambdaFunctionScheduledEventAttributes().decisionTaskCompletedEventId();
      case SCHEDULE_LAMBDA_FUNCTION_FAILED ->
          e.scheduleLambdaFunctionFailedEventAttributes().decisionTaskCompletedEventId();
      default -> null;
    };
  }

  /** For the Failed events of decisions SWF first records as Initiated: that event's id. */
  private static Long initiatedEventId(HistoryEvent e) {
    if (e.eventType() == null) {
      return null;
    }
    return switch (e.eventType()) {
      case START_CHILD_WORKFLOW_EXECUTION_FAILED ->
          e.startChildWorkflowExecutionFailedEventAttributes().initiatedEventId();
      case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED ->
          e.requestCancelExternalWorkflowExecutionFailedEventAttributes().initiatedEventId();
      default -> null;
    };
  }
}
