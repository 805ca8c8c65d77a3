package dev.flow.internal.client;

import dev.flow.DataConverter;
import dev.flow.FlowClient;
import dev.flow.FlowException;
import dev.flow.StartOptions;
import dev.flow.WorkflowHandle;
import dev.flow.spi.WorkflowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.swf.model.ChildPolicy;
import software.amazon.awssdk.services.swf.model.DefaultUndefinedException;
import software.amazon.awssdk.services.swf.model.ExecutionTimeFilter;
import software.amazon.awssdk.services.swf.model.StartWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.TaskList;
import software.amazon.awssdk.services.swf.model.TypeDeprecatedException;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionAlreadyStartedException;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionFilter;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;
import software.amazon.awssdk.services.swf.model.WorkflowType;

/** StartWorkflowExecution and the lookup of an execution's latest run. */
final class Executions {
  /** SWF's limit on an input, result or details. */
  static final int MAX_DATA = 32_768;

  private Executions() {}

  static <R> WorkflowHandle<R> start(
      FlowClient flow, WorkflowSpec spec, StartOptions options, Object[] arguments) {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(spec, "spec");
    DataConverter converter = flow.dataConverter();
    String workflowId =
        options.workflowId() != null ? options.workflowId() : UUID.randomUUID().toString();
    String input = converter.toArguments(arguments == null ? new Object[0] : arguments);
    if (input.length() > MAX_DATA) {
      throw new FlowException(
          "the input of workflow "
              + spec.name()
              + " is "
              + input.length()
              + " characters once encoded; SWF carries at most "
              + MAX_DATA
              + ": pass a reference (a URL, a key) instead of the data, or store large payloads"
              + " in a blob store (FlowClient.builder().blobStore(...))");
    }
    String taskList = options.taskList() != null ? options.taskList() : spec.taskList();
    StartWorkflowExecutionRequest.Builder request =
        StartWorkflowExecutionRequest.builder()
            .domain(flow.domain())
            .workflowId(workflowId)
            .workflowType(WorkflowType.builder().name(spec.name()).version(spec.version()).build())
            .taskList(TaskList.builder().name(taskList).build())
            .input(input)
            .executionStartToCloseTimeout(
                seconds(
                    options.executionStartToCloseTimeout(),
                    spec.executionStartToCloseTimeoutSeconds()))
            .taskStartToCloseTimeout(
                seconds(options.taskStartToCloseTimeout(), spec.taskStartToCloseTimeoutSeconds()))
            .childPolicy(ChildPolicy.TERMINATE);
    if (!options.tags().isEmpty()) {
      request.tagList(options.tags());
    }
    if (options.priority() != null) {
      request.taskPriority(String.valueOf(options.priority()));
    }
    String runId;
    try {
      runId = flow.swf().startWorkflowExecution(request.build()).runId();
    } catch (WorkflowExecutionAlreadyStartedException e) {
      throw new FlowException(
          "workflow id '"
              + workflowId
              + "' is already used by an open execution in domain '"
              + flow.domain()
              + "': wait for it to close, or start with another StartOptions.workflowId",
          e);
    } catch (UnknownResourceException e) {
      throw new FlowException(
          "cannot start workflow "
              + spec.name()
              + " "
              + spec.version()
              + " in domain '"
              + flow.domain()
              + "': "
              + Faults.message(e)
              + "; start a Worker hosting it first (Worker.start() registers the domain and its"
              + " types)",
          e);
    } catch (TypeDeprecatedException e) {
      throw new FlowException(
          "cannot start workflow "
              + spec.name()
              + " "
              + spec.version()
              + ": the type is"
              + " deprecated in domain '"
              + flow.domain()
              + "'",
          e);
    } catch (DefaultUndefinedException e) {
      throw new FlowException(
          "cannot start workflow " + spec.name() + " " + spec.version() + ": " + Faults.message(e),
          e);
    } catch (SdkException e) {
      throw Faults.wrap("cannot start workflow " + spec.name() + " (id " + workflowId + ")", e);
    }
    return new SwfWorkflowHandle<>(flow, spec, workflowId, runId);
  }

  static <R> WorkflowHandle<R> handle(
      FlowClient flow, WorkflowSpec spec, String workflowId, String runId) {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(spec, "spec");
    if (workflowId == null || workflowId.isEmpty()) {
      throw new IllegalArgumentException("a workflow handle needs a workflow id");
    }
    String run = runId != null ? runId : latestRun(flow, workflowId);
    return new SwfWorkflowHandle<>(flow, spec, workflowId, run);
  }

  /** The open run of {@code workflowId} if there is one, else the most recently started one. */
  static String latestRun(FlowClient flow, String workflowId) {
    ExecutionTimeFilter always = ExecutionTimeFilter.builder().oldestDate(Instant.EPOCH).build();
    WorkflowExecutionFilter byId = WorkflowExecutionFilter.builder().workflowId(workflowId).build();
    try {
      List<WorkflowExecutionInfo> open =
          flow.swf()
              .listOpenWorkflowExecutions(
                  r ->
                      r.domain(flow.domain())
                          .startTimeFilter(always)
                          .executionFilter(byId)
                          .maximumPageSize(1))
              .executionInfos();
      if (!open.isEmpty()) {
        return open.get(0).execution().runId();
      }
      // Newest first by default.
      List<WorkflowExecutionInfo> closed =
          flow.swf()
              .listClosedWorkflowExecutions(
                  r ->
                      r.domain(flow.domain())
                          .startTimeFilter(always)
                          .executionFilter(byId)
                          .maximumPageSize(1))
              .executionInfos();
      if (!closed.isEmpty()) {
        return closed.get(0).execution().runId();
      }
    } catch (SdkException e) {
      throw Faults.wrap("cannot look up workflow id '" + workflowId + "'", e);
    }
    throw new FlowException(
        "no execution with workflow id '" + workflowId + "' in domain '" + flow.domain() + "'");
  }

  /** SWF's seconds string: the override if set, else the declared value; 0 is NONE. */
  static String seconds(Duration override, long declaredSeconds) {
    long s = override != null ? override.toSeconds() : declaredSeconds;
    return s <= 0 ? "NONE" : Long.toString(s);
  }
}
