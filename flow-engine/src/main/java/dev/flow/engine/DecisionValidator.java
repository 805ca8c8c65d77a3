package dev.flow.engine;

import software.amazon.awssdk.services.swf.model.ActivityType;
import software.amazon.awssdk.services.swf.model.CancelTimerDecisionAttributes;
import software.amazon.awssdk.services.swf.model.CancelWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.CompleteWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.ContinueAsNewWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.FailWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.RecordMarkerDecisionAttributes;
import software.amazon.awssdk.services.swf.model.RequestCancelActivityTaskDecisionAttributes;
import software.amazon.awssdk.services.swf.model.RequestCancelExternalWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.ScheduleActivityTaskDecisionAttributes;
import software.amazon.awssdk.services.swf.model.ScheduleLambdaFunctionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.SignalExternalWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.StartChildWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.StartTimerDecisionAttributes;

/**
 * Checks every decision of a RespondDecisionTaskCompleted request before any is carried out, as SWF
 * does: a request with a bad decision records nothing.
 */
final class DecisionValidator {
  private DecisionValidator() {}

  /** Checks {@code d}, the decision at {@code at} ({@code last} if it is the request's last). */
  static void validate(Decision d, String at, boolean last) {
    Check.required(d, at);
    DecisionType type = d.decisionType();
    if (d.decisionTypeAsString() == null) {
      Check.required(null, at + ".decisionType");
    }
    switch (type) {
      case SCHEDULE_ACTIVITY_TASK -> {
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
      }
      case START_TIMER -> {
        StartTimerDecisionAttributes a =
            Check.required(d.startTimerDecisionAttributes(), at + ".startTimerDecisionAttributes");
        Check.name(a.timerId(), at + ".timerId");
        Check.required(a.startToFireTimeout(), at + ".startToFireTimeout");
        Check.seconds(a.startToFireTimeout(), false, at + ".startToFireTimeout");
        Check.data(a.control(), at + ".control");
      }
      case CANCEL_TIMER -> {
        CancelTimerDecisionAttributes a =
            Check.required(
                d.cancelTimerDecisionAttributes(), at + ".cancelTimerDecisionAttributes");
        Check.name(a.timerId(), at + ".timerId");
      }
      case RECORD_MARKER -> {
        RecordMarkerDecisionAttributes a =
            Check.required(
                d.recordMarkerDecisionAttributes(), at + ".recordMarkerDecisionAttributes");
        Check.text(a.markerName(), 256, at + ".markerName");
        Check.data(a.details(), at + ".details");
      }
      case REQUEST_CANCEL_ACTIVITY_TASK -> {
        RequestCancelActivityTaskDecisionAttributes a =
            Check.required(
                d.requestCancelActivityTaskDecisionAttributes(),
                at + ".requestCancelActivityTaskDecisionAttributes");
        Check.name(a.activityId(), at + ".activityId");
      }
      case COMPLETE_WORKFLOW_EXECUTION -> {
        CompleteWorkflowExecutionDecisionAttributes a =
            d.completeWorkflowExecutionDecisionAttributes();
        Check.data(a == null ? null : a.result(), at + ".result");
        closeIsLast(at, last);
      }
      case FAIL_WORKFLOW_EXECUTION -> {
        FailWorkflowExecutionDecisionAttributes a = d.failWorkflowExecutionDecisionAttributes();
        if (a != null) {
          Check.reason(a.reason(), at + ".reason");
          Check.data(a.details(), at + ".details");
        }
        closeIsLast(at, last);
      }
      case CANCEL_WORKFLOW_EXECUTION -> {
        CancelWorkflowExecutionDecisionAttributes a = d.cancelWorkflowExecutionDecisionAttributes();
        Check.data(a == null ? null : a.details(), at + ".details");
        closeIsLast(at, last);
      }
      case SIGNAL_EXTERNAL_WORKFLOW_EXECUTION -> {
        SignalExternalWorkflowExecutionDecisionAttributes a =
            Check.required(
                d.signalExternalWorkflowExecutionDecisionAttributes(),
                at + ".signalExternalWorkflowExecutionDecisionAttributes");
        Check.name(a.workflowId(), at + ".workflowId");
        Check.length(a.runId(), 0, 64, at + ".runId");
        Check.text(a.signalName(), 256, at + ".signalName");
        Check.data(a.input(), at + ".input");
        Check.data(a.control(), at + ".control");
      }
      case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION -> {
        RequestCancelExternalWorkflowExecutionDecisionAttributes a =
            Check.required(
                d.requestCancelExternalWorkflowExecutionDecisionAttributes(),
                at + ".requestCancelExternalWorkflowExecutionDecisionAttributes");
        Check.name(a.workflowId(), at + ".workflowId");
        Check.length(a.runId(), 0, 64, at + ".runId");
        Check.data(a.control(), at + ".control");
      }
      case START_CHILD_WORKFLOW_EXECUTION -> {
        StartChildWorkflowExecutionDecisionAttributes a =
            Check.required(
                d.startChildWorkflowExecutionDecisionAttributes(),
                at + ".startChildWorkflowExecutionDecisionAttributes");
        Check.required(a.workflowType(), at + ".workflowType");
        Check.required(a.workflowId(), at + ".workflowId");
        Check.data(a.control(), at + ".control");
        RunStart.child(null, a).validate(at + ".");
      }
      case CONTINUE_AS_NEW_WORKFLOW_EXECUTION -> {
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
      }
      case SCHEDULE_LAMBDA_FUNCTION -> {
        ScheduleLambdaFunctionDecisionAttributes a =
            Check.required(
                d.scheduleLambdaFunctionDecisionAttributes(),
                at + ".scheduleLambdaFunctionDecisionAttributes");
        Check.name(a.id(), at + ".id");
        Check.required(a.name(), at + ".name");
        Check.data(a.input(), at + ".input");
      }
      default ->
          throw SwfFaults.validation(
              "Decision type "
                  + d.decisionTypeAsString()
                  + " at "
                  + at
                  + " is not a decision type");
    }
  }

  private static void closeIsLast(String at, boolean last) {
    if (!last) {
      throw SwfFaults.validation(
          "The decision at " + at + " closes the execution, so it must be the last decision");
    }
  }
}
