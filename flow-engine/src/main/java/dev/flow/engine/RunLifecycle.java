package dev.flow.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionCancelRequestedCause;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionTerminatedCause;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionTimeoutType;
import software.amazon.awssdk.services.swf.model.WorkflowType;

/**
 * A run's life in the store: its start (row, WorkflowExecutionStarted, execution timeout, first
 * decision task), the close of its activity tasks, its close (open tasks, timers and deadlines go;
 * child policy; the parent told; retention armed), and what every action does last with the runs it
 * touched ({@link #endOfAction}: SWF's history limit, then save).
 */
final class RunLifecycle {
  /** SWF's limit on a history: a run that reaches it is terminated. */
  static final long MAX_EVENTS = 25_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Engine engine;

  RunLifecycle(Engine engine) {
    this.engine = engine;
  }

  /**
   * Starts a resolved run: inserts it, records WorkflowExecutionStarted, arms its execution timeout
   * and schedules its first decision task. {@code parent} and {@code parentInitiatedId} link a
   * child to its parent; {@code continuedFrom} names the run it continues.
   */
  Run start(Tx tx, RunStart start, Run parent, long parentInitiatedId, Run continuedFrom) {
    Run ex = new Run();
    ex.runId = UUID.randomUUID().toString().replace("-", "");
    ex.domain = start.domain;
    ex.workflowId = start.workflowId;
    ex.typeName = start.type.name();
    ex.typeVersion = start.type.version();
    ex.taskList = start.taskList;
    ex.taskPriority = start.taskPriority;
    ex.childPolicy = start.childPolicy;
    ex.lambdaRole = start.lambdaRole;
    ex.tags = start.tags == null ? null : json(start.tags);
    ex.execTimeout = start.execTimeout;
    ex.taskTimeout = start.taskTimeout;
    ex.startMs = tx.now();
    ex.open = true;
    ex.nextEventId = 1;
    ex.dtTaskList = start.taskList;
    if (parent != null) {
      ex.parentRunId = parent.runId;
      ex.parentWorkflowId = parent.workflowId;
      ex.parentInitiatedId = parentInitiatedId;
    } else if (continuedFrom != null) {
      ex.parentRunId = continuedFrom.parentRunId;
      ex.parentWorkflowId = continuedFrom.parentWorkflowId;
      ex.parentInitiatedId = continuedFrom.parentInitiatedId;
      ex.parentStartedId = continuedFrom.parentStartedId;
    }
    tx.runs().insert(ex);
    tx.track(ex);
    WorkflowExecution parentExecution =
        ex.parentRunId == null
            ? null
            : WorkflowExecution.builder()
                .workflowId(ex.parentWorkflowId)
                .runId(ex.parentRunId)
                .build();
    long initiated = ex.parentInitiatedId;
    engine.events.append(
        tx,
        ex,
        EventType.WORKFLOW_EXECUTION_STARTED,
        b ->
            b.workflowExecutionStartedEventAttributes(
                a ->
                    a.input(start.input)
                        .executionStartToCloseTimeout(start.execTimeout)
                        .taskStartToCloseTimeout(start.taskTimeout)
                        .childPolicy(start.childPolicy)
                        .taskList(t -> t.name(start.taskList))
                        .taskPriority(start.taskPriority)
                        .workflowType(start.type)
                        .tagList(start.tags)
                        .lambdaRole(start.lambdaRole)
                        .continuedExecutionRunId(continuedFrom == null ? null : continuedFrom.runId)
                        .parentWorkflowExecution(parentExecution)
                        .parentInitiatedEventId(parentExecution == null ? null : initiated)));
    engine.deadlines.arm(
        tx,
        ex.runId,
        DeadlineKind.EXECUTION,
        0,
        Check.seconds(start.execTimeout, false, "executionStartToCloseTimeout"));
    engine.decisionTasks.schedule(tx, ex);
    return ex;
  }

  static String json(List<String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> tags(String json) {
    if (json == null) {
      return null;
    }
    try {
      return Arrays.asList(JSON.readValue(json, String[].class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Removes a closed activity task and its deadlines. */
  void closeActivity(Tx tx, Run run, ActivityTask task) {
    tx.activities().delete(task);
    tx.deadlines().disarmActivity(task.runId, task.scheduledId);
    run.openActivities--;
  }

  /**
   * The end of every action: a run whose history has reached SWF's {@link #MAX_EVENTS} events is
   * terminated with cause EVENT_LIMIT_EXCEEDED, as SWF does; then every run the action touched is
   * saved.
   */
  void endOfAction(Tx tx) {
    int saved = 0;
    while (true) {
      List<Run> touched = tx.touched(); // terminating a run may touch its children
      if (saved == touched.size()) {
        return;
      }
      for (Run run : touched.subList(saved, touched.size())) {
        terminateAtEventLimit(tx, run);
        tx.runs().save(run);
      }
      saved = touched.size();
    }
  }

  private void terminateAtEventLimit(Tx tx, Run run) {
    if (!run.open || run.nextEventId <= MAX_EVENTS) {
      return;
    }
    String childPolicy = run.childPolicy;
    engine.events.append(
        tx,
        run,
        EventType.WORKFLOW_EXECUTION_TERMINATED,
        b ->
            b.workflowExecutionTerminatedEventAttributes(
                a ->
                    a.childPolicy(childPolicy)
                        .cause(WorkflowExecutionTerminatedCause.EVENT_LIMIT_EXCEEDED)
                        .reason("The history reached " + MAX_EVENTS + " events")));
    close(tx, run, Close.terminated(childPolicy));
  }

  /**
   * How a run closed: its close status, what its parent is told (result, reason, details), and the
   * child policy to apply to its open children (only when terminated or timed out, as in SWF; null
   * otherwise).
   */
  record Close(
      CloseStatus status, String result, String reason, String details, String childPolicy) {
    static Close completed(String result) {
      return new Close(CloseStatus.COMPLETED, result, null, null, null);
    }

    static Close failed(String reason, String details) {
      return new Close(CloseStatus.FAILED, null, reason, details, null);
    }

    static Close canceled(String details) {
      return new Close(CloseStatus.CANCELED, null, null, details, null);
    }

    static Close terminated(String childPolicy) {
      return new Close(CloseStatus.TERMINATED, null, null, null, childPolicy);
    }

    static Close timedOut(String childPolicy) {
      return new Close(CloseStatus.TIMED_OUT, null, null, null, childPolicy);
    }

    static Close continuedAsNew() {
      return new Close(CloseStatus.CONTINUED_AS_NEW, null, null, null, null);
    }
  }

  /**
   * Closes the run: its open tasks, timers and deadlines go (its record and history stay for the
   * domain's retention period, then are deleted), the child policy is applied to its open children,
   * and its parent (if any, and open) records the child's close and gets a decision task. A run
   * continued as new hands its parent link to the new run instead.
   */
  void close(Tx tx, Run ex, Close close) {
    ex.open = false;
    ex.closeStatus = close.status();
    ex.closeMs = tx.now();
    DecisionTaskMachine.closed(ex);
    ex.openActivities = 0;
    ex.openTimers = 0;
    tx.activities().deleteRun(ex.runId);
    tx.timers().deleteRun(ex.runId);
    tx.deadlines().disarmRun(ex.runId);
    String retention = tx.domains().retentionDays(ex.domain);
    long days = retention == null || retention.equals("NONE") ? 0 : Long.parseLong(retention);
    if (engine.skipping == null) { // a time-skipping engine (tests) keeps every closed run readable
      engine.deadlines.arm(tx, ex.runId, DeadlineKind.RETENTION, 0, TimeUnit.DAYS.toSeconds(days));
    }
    if (close.childPolicy() != null && ex.openChildren > 0) {
      applyChildPolicy(tx, ex, close.childPolicy());
    }
    if (ex.parentRunId != null && close.status() != CloseStatus.CONTINUED_AS_NEW) {
      notifyParent(tx, ex, close);
    }
  }

  private void applyChildPolicy(Tx tx, Run parent, String policy) {
    if (policy.equals("ABANDON")) {
      return;
    }
    for (String runId : tx.runs().openChildren(parent.runId)) {
      Run child = tx.run(runId);
      if (child == null || !child.open) {
        continue;
      }
      if (policy.equals("TERMINATE")) {
        String childPolicy = child.childPolicy;
        engine.events.append(
            tx,
            child,
            EventType.WORKFLOW_EXECUTION_TERMINATED,
            b ->
                b.workflowExecutionTerminatedEventAttributes(
                    a ->
                        a.childPolicy(childPolicy)
                            .cause(WorkflowExecutionTerminatedCause.CHILD_POLICY_APPLIED)));
        close(tx, child, Close.terminated(childPolicy));
      } else if (!child.cancelRequested) {
        child.cancelRequested = true;
        engine.events.append(
            tx,
            child,
            EventType.WORKFLOW_EXECUTION_CANCEL_REQUESTED,
            b ->
                b.workflowExecutionCancelRequestedEventAttributes(
                    a -> a.cause(WorkflowExecutionCancelRequestedCause.CHILD_POLICY_APPLIED)));
        engine.decisionTasks.notify(tx, child);
      }
    }
  }

  private void notifyParent(Tx tx, Run child, Close close) {
    Run parent = tx.run(child.parentRunId);
    if (parent == null || !parent.open) {
      return;
    }
    WorkflowExecution execution = child.execution();
    WorkflowType type = child.workflowType();
    long initiated = child.parentInitiatedId;
    long started = child.parentStartedId;
    switch (close.status()) {
      case COMPLETED ->
          engine.events.append(
              tx,
              parent,
              EventType.CHILD_WORKFLOW_EXECUTION_COMPLETED,
              b ->
                  b.childWorkflowExecutionCompletedEventAttributes(
                      a ->
                          a.workflowExecution(execution)
                              .workflowType(type)
                              .result(close.result())
                              .initiatedEventId(initiated)
                              .startedEventId(started)));
      case FAILED ->
          engine.events.append(
              tx,
              parent,
              EventType.CHILD_WORKFLOW_EXECUTION_FAILED,
              b ->
                  b.childWorkflowExecutionFailedEventAttributes(
                      a ->
                          a.workflowExecution(execution)
                              .workflowType(type)
                              .reason(close.reason())
                              .details(close.details())
                              .initiatedEventId(initiated)
                              .startedEventId(started)));
      case CANCELED ->
          engine.events.append(
              tx,
              parent,
              EventType.CHILD_WORKFLOW_EXECUTION_CANCELED,
              b ->
                  b.childWorkflowExecutionCanceledEventAttributes(
                      a ->
                          a.workflowExecution(execution)
                              .workflowType(type)
                              .details(close.details())
                              .initiatedEventId(initiated)
                              .startedEventId(started)));
      case TERMINATED ->
          engine.events.append(
              tx,
              parent,
              EventType.CHILD_WORKFLOW_EXECUTION_TERMINATED,
              b ->
                  b.childWorkflowExecutionTerminatedEventAttributes(
                      a ->
                          a.workflowExecution(execution)
                              .workflowType(type)
                              .initiatedEventId(initiated)
                              .startedEventId(started)));
      case TIMED_OUT ->
          engine.events.append(
              tx,
              parent,
              EventType.CHILD_WORKFLOW_EXECUTION_TIMED_OUT,
              b ->
                  b.childWorkflowExecutionTimedOutEventAttributes(
                      a ->
                          a.workflowExecution(execution)
                              .workflowType(type)
                              .timeoutType(WorkflowExecutionTimeoutType.START_TO_CLOSE)
                              .initiatedEventId(initiated)
                              .startedEventId(started)));
      default -> throw new IllegalStateException("unexpected close status " + close.status());
    }
    parent.openChildren--;
    engine.decisionTasks.notify(tx, parent);
  }
}
