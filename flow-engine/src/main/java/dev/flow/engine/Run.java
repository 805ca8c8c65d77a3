package dev.flow.engine;

import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowType;

/**
 * One workflow run as the engine keeps it (a row of {@code executions}, read and written by {@link
 * RunTable}): loaded, changed and saved within one action. Holds the decision task's state ({@link
 * #dtState}; {@link #dtPending}: events arrived while a decision task was started, so another is
 * scheduled when it closes), owned by {@link DecisionTaskMachine}.
 */
final class Run {
  String runId;
  String domain;
  String workflowId;
  String typeName;
  String typeVersion;
  String taskList;
  String taskPriority;
  String childPolicy;
  String lambdaRole;
  String tags; // JSON array of strings, or null
  String execTimeout;
  String taskTimeout;
  long startMs;
  Long closeMs;
  CloseStatus closeStatus;
  boolean open;
  long nextEventId;
  DecisionTaskState dtState = DecisionTaskState.NONE;
  long dtScheduledId;
  long dtStartedId;
  boolean dtPending;
  String dtTaskList;
  String dtS2sTimeout;
  long prevStartedId;
  boolean cancelRequested;
  String latestContext;
  Long latestActivityMs;
  int openActivities;
  int openTimers;
  int openChildren;
  String parentWorkflowId;
  String parentRunId;
  long parentInitiatedId;
  long parentStartedId;

  /** A copy of this row, to change without changing this one. */
  Run copy() {
    Run r = new Run();
    r.runId = runId;
    r.domain = domain;
    r.workflowId = workflowId;
    r.typeName = typeName;
    r.typeVersion = typeVersion;
    r.taskList = taskList;
    r.taskPriority = taskPriority;
    r.childPolicy = childPolicy;
    r.lambdaRole = lambdaRole;
    r.tags = tags;
    r.execTimeout = execTimeout;
    r.taskTimeout = taskTimeout;
    r.startMs = startMs;
    r.closeMs = closeMs;
    r.closeStatus = closeStatus;
    r.open = open;
    r.nextEventId = nextEventId;
    r.dtState = dtState;
    r.dtScheduledId = dtScheduledId;
    r.dtStartedId = dtStartedId;
    r.dtPending = dtPending;
    r.dtTaskList = dtTaskList;
    r.dtS2sTimeout = dtS2sTimeout;
    r.prevStartedId = prevStartedId;
    r.cancelRequested = cancelRequested;
    r.latestContext = latestContext;
    r.latestActivityMs = latestActivityMs;
    r.openActivities = openActivities;
    r.openTimers = openTimers;
    r.openChildren = openChildren;
    r.parentWorkflowId = parentWorkflowId;
    r.parentRunId = parentRunId;
    r.parentInitiatedId = parentInitiatedId;
    r.parentStartedId = parentStartedId;
    return r;
  }

  WorkflowExecution execution() {
    return WorkflowExecution.builder().workflowId(workflowId).runId(runId).build();
  }

  WorkflowType workflowType() {
    return WorkflowType.builder().name(typeName).version(typeVersion).build();
  }

  /** The run's task priority as a number (0 when it has none). */
  int priority() {
    return taskPriority == null ? 0 : Integer.parseInt(taskPriority);
  }
}
