package dev.flow.engine;

import java.util.List;
import software.amazon.awssdk.services.swf.model.ContinueAsNewWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.StartChildWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.StartWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.WorkflowType;
import software.amazon.awssdk.services.swf.model.WorkflowTypeConfiguration;

/**
 * What starts a run (StartWorkflowExecution, a StartChildWorkflowExecution or
 * ContinueAsNewWorkflowExecution decision): the request's values, then, once {@link #resolve}d,
 * with the type's defaults filled in.
 */
final class RunStart {
  final String domain;
  final String workflowId;
  final WorkflowType type;
  String taskList;
  String taskPriority;
  final String input;
  String execTimeout;
  String taskTimeout;
  String childPolicy;
  final List<String> tags;
  String lambdaRole;

  RunStart(
      String domain,
      String workflowId,
      WorkflowType type,
      String taskList,
      String taskPriority,
      String input,
      String execTimeout,
      String taskTimeout,
      String childPolicy,
      List<String> tags,
      String lambdaRole) {
    this.domain = domain;
    this.workflowId = workflowId;
    this.type = type;
    this.taskList = taskList;
    this.taskPriority = taskPriority;
    this.input = input;
    this.execTimeout = execTimeout;
    this.taskTimeout = taskTimeout;
    this.childPolicy = childPolicy;
    this.tags = tags;
    this.lambdaRole = lambdaRole;
  }

  /** Checks the request's own values (members named under {@code at}). */
  void validate(String at) {
    Check.name(workflowId, at + "workflowId");
    Check.name(type.name(), at + "workflowType.name");
    Check.version(type.version(), at + "workflowType.version");
    if (taskList != null) {
      Check.name(taskList, at + "taskList.name");
    }
    Check.data(input, at + "input");
    Check.size(tags, 5, at + "tagList");
    if (tags != null) {
      for (String tag : tags) {
        Check.length(Check.required(tag, at + "tagList.member"), 1, 256, at + "tagList.member");
      }
    }
    Check.priority(taskPriority, at + "taskPriority");
    Check.executionTimeout(execTimeout, at + "executionStartToCloseTimeout");
    Check.seconds(taskTimeout, true, at + "taskStartToCloseTimeout");
    Check.childPolicy(childPolicy, at + "childPolicy");
  }

  /**
   * Fills in the type's defaults; returns null, or the SWF cause (as in
   * StartChildWorkflowExecutionFailedCause) that stops the start.
   */
  String resolve(Tx tx) {
    TypeTable.TypeRow row = tx.types().get(domain, TypeKind.WORKFLOW, type.name(), type.version());
    if (row == null) {
      return "WORKFLOW_TYPE_DOES_NOT_EXIST";
    }
    if (row.status() == Registration.DEPRECATED) {
      return "WORKFLOW_TYPE_DEPRECATED";
    }
    WorkflowTypeConfiguration config = row.workflowConfig();
    if (taskList == null && config.defaultTaskList() != null) {
      taskList = config.defaultTaskList().name();
    }
    execTimeout = Check.orDefault(execTimeout, config.defaultExecutionStartToCloseTimeout());
    taskTimeout = Check.orDefault(taskTimeout, config.defaultTaskStartToCloseTimeout());
    childPolicy = Check.orDefault(childPolicy, config.defaultChildPolicyAsString());
    taskPriority = Check.orDefault(taskPriority, config.defaultTaskPriority());
    lambdaRole = Check.orDefault(lambdaRole, config.defaultLambdaRole());
    if (taskList == null) {
      return "DEFAULT_TASK_LIST_UNDEFINED";
    } else if (execTimeout == null) {
      return "DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED";
    } else if (taskTimeout == null) {
      return "DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED";
    } else if (childPolicy == null) {
      return "DEFAULT_CHILD_POLICY_UNDEFINED";
    }
    return null;
  }

  /** The request member a DEFAULT_*_UNDEFINED cause is about. */
  static String member(String cause) {
    return switch (cause) {
      case "DEFAULT_TASK_LIST_UNDEFINED" -> "taskList";
      case "DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED" -> "executionStartToCloseTimeout";
      case "DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED" -> "taskStartToCloseTimeout";
      default -> "childPolicy";
    };
  }

  /** The start a StartWorkflowExecution request asks for. */
  static RunStart of(StartWorkflowExecutionRequest r) {
    return new RunStart(
        r.domain(),
        r.workflowId(),
        r.workflowType(),
        r.taskList() == null ? null : r.taskList().name(),
        r.taskPriority(),
        r.input(),
        r.executionStartToCloseTimeout(),
        r.taskStartToCloseTimeout(),
        r.childPolicyAsString(),
        r.hasTagList() ? r.tagList() : null,
        r.lambdaRole());
  }

  /** The start of a child from its decision; {@code domain} null only for validation. */
  static RunStart child(String domain, StartChildWorkflowExecutionDecisionAttributes a) {
    return new RunStart(
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

  /** The start of the run that continues {@code run} as new, as the decision asks. */
  static RunStart continued(Run run, ContinueAsNewWorkflowExecutionDecisionAttributes a) {
    return new RunStart(
        run.domain,
        run.workflowId,
        WorkflowType.builder()
            .name(run.typeName)
            .version(a.workflowTypeVersion() != null ? a.workflowTypeVersion() : run.typeVersion)
            .build(),
        a.taskList() == null ? null : a.taskList().name(),
        a.taskPriority(),
        a.input(),
        a.executionStartToCloseTimeout(),
        a.taskStartToCloseTimeout(),
        a.childPolicyAsString(),
        a.hasTagList() ? a.tagList() : null,
        a.lambdaRole());
  }
}
