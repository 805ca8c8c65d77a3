package dev.flow.engine;

import software.amazon.awssdk.services.swf.model.ContinueAsNewWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.RequestCancelExternalWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.RequestCancelExternalWorkflowExecutionFailedCause;
import software.amazon.awssdk.services.swf.model.SignalExternalWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.SignalExternalWorkflowExecutionFailedCause;
import software.amazon.awssdk.services.swf.model.StartChildWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * The decisions that reach other runs, carried out at once since every run is in this engine:
 * SignalExternalWorkflowExecution, RequestCancelExternalWorkflowExecution,
 * StartChildWorkflowExecution and ContinueAsNewWorkflowExecution. Each returns true if it recorded
 * an event the decider must see in a new decision task.
 */
final class CrossRunDecisions {
  private final Engine engine;

  CrossRunDecisions(Engine engine) {
    this.engine = engine;
  }

  /**
   * SignalExternalWorkflowExecution: records the Initiated event, then at once (the target is in
   * this engine) either WorkflowExecutionSignaled in the target and
   * ExternalWorkflowExecutionSignaled here, or SignalExternalWorkflowExecutionFailed.
   */
  boolean signalExternal(
      Tx tx, Run ex, SignalExternalWorkflowExecutionDecisionAttributes a, long completedId) {
    long initiatedId =
        engine.events.append(
            tx,
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
    Run target = openTarget(tx, ex, a.workflowId(), a.runId());
    if (target == null) {
      engine.events.append(
          tx,
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
    WorkflowExecution source = ex.execution();
    engine.events.append(
        tx,
        target,
        EventType.WORKFLOW_EXECUTION_SIGNALED,
        b ->
            b.workflowExecutionSignaledEventAttributes(
                x ->
                    x.signalName(a.signalName())
                        .input(a.input())
                        .externalWorkflowExecution(source)
                        .externalInitiatedEventId(initiatedId)));
    engine.decisionTasks.notify(tx, target);
    WorkflowExecution signaled = target.execution();
    engine.events.append(
        tx,
        ex,
        EventType.EXTERNAL_WORKFLOW_EXECUTION_SIGNALED,
        b ->
            b.externalWorkflowExecutionSignaledEventAttributes(
                x -> x.workflowExecution(signaled).initiatedEventId(initiatedId)));
    return true;
  }

  /** RequestCancelExternalWorkflowExecution, carried out at once like {@link #signalExternal}. */
  boolean requestCancelExternal(
      Tx tx, Run ex, RequestCancelExternalWorkflowExecutionDecisionAttributes a, long completedId) {
    long initiatedId =
        engine.events.append(
            tx,
            ex,
            EventType.REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
            b ->
                b.requestCancelExternalWorkflowExecutionInitiatedEventAttributes(
                    x ->
                        x.workflowId(a.workflowId())
                            .runId(a.runId())
                            .control(a.control())
                            .decisionTaskCompletedEventId(completedId)));
    Run target = openTarget(tx, ex, a.workflowId(), a.runId());
    if (target == null) {
      engine.events.append(
          tx,
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
    WorkflowExecution source = ex.execution();
    if (!target.cancelRequested) {
      target.cancelRequested = true;
      engine.events.append(
          tx,
          target,
          EventType.WORKFLOW_EXECUTION_CANCEL_REQUESTED,
          b ->
              b.workflowExecutionCancelRequestedEventAttributes(
                  x -> x.externalWorkflowExecution(source).externalInitiatedEventId(initiatedId)));
      engine.decisionTasks.notify(tx, target);
    }
    WorkflowExecution requested = target.execution();
    engine.events.append(
        tx,
        ex,
        EventType.EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED,
        b ->
            b.externalWorkflowExecutionCancelRequestedEventAttributes(
                x -> x.workflowExecution(requested).initiatedEventId(initiatedId)));
    return true;
  }

  /** The open run {@code workflowId} (and {@code runId} if set) of this run's domain, or null. */
  private Run openTarget(Tx tx, Run ex, String workflowId, String runId) {
    Run target =
        runId == null || runId.isEmpty()
            ? tx.openRun(ex.domain, workflowId)
            : tx.run(ex.domain, workflowId, runId);
    return target == null || !target.open ? null : target;
  }

  /**
   * StartChildWorkflowExecution: a start that cannot even be attempted (unknown or deprecated type,
   * no default, too many children) records StartChildWorkflowExecutionFailed alone; otherwise
   * StartChildWorkflowExecutionInitiated, then ChildWorkflowExecutionStarted (the child runs) or
   * StartChildWorkflowExecutionFailed with WORKFLOW_ALREADY_RUNNING.
   */
  boolean startChild(
      Tx tx, Run ex, StartChildWorkflowExecutionDecisionAttributes a, long completedId) {
    RunStart start = RunStart.child(ex.domain, a);
    String cause =
        ex.openChildren >= Engine.MAX_OPEN_CHILDREN
            ? "OPEN_CHILDREN_LIMIT_EXCEEDED"
            : start.resolve(tx);
    if (cause != null) {
      childFailed(tx, ex, a, cause, 0, completedId);
      return true;
    }
    long initiatedId =
        engine.events.append(
            tx,
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
    if (openTarget(tx, ex, a.workflowId(), null) != null) {
      childFailed(tx, ex, a, "WORKFLOW_ALREADY_RUNNING", initiatedId, completedId);
      return true;
    }
    Run child = engine.runs.start(tx, start, ex, initiatedId, null);
    WorkflowExecution childExecution = child.execution();
    child.parentStartedId =
        engine.events.append(
            tx,
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
      Tx tx,
      Run ex,
      StartChildWorkflowExecutionDecisionAttributes a,
      String cause,
      long initiatedId,
      long completedId) {
    engine.events.append(
        tx,
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
  boolean continueAsNew(
      Tx tx,
      Run ex,
      ContinueAsNewWorkflowExecutionDecisionAttributes attributes,
      long completedId) {
    ContinueAsNewWorkflowExecutionDecisionAttributes a =
        attributes != null
            ? attributes
            : ContinueAsNewWorkflowExecutionDecisionAttributes.builder().build();
    String cause;
    RunStart start = RunStart.continued(ex, a);
    if (ex.dtPending) {
      cause = "UNHANDLED_DECISION";
    } else {
      cause = start.resolve(tx);
    }
    if (cause != null) {
      String failure = cause;
      engine.events.append(
          tx,
          ex,
          EventType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION_FAILED,
          b ->
              b.continueAsNewWorkflowExecutionFailedEventAttributes(
                  x -> x.cause(failure).decisionTaskCompletedEventId(completedId)));
      return true;
    }
    engine.runs.close(tx, ex, RunLifecycle.Close.continuedAsNew());
    tx.flush(ex); // the new run takes the workflow id's one open slot
    Run next = engine.runs.start(tx, start, null, 0, ex);
    engine.events.append(
        tx,
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
