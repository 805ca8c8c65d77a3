package dev.flow.internal.client;

import dev.flow.DataConverter;
import dev.flow.FlowException;
import dev.flow.StartOptions;
import dev.flow.WorkflowHandle;
import dev.flow.internal.SwfLimits;
import dev.flow.internal.replay.Resume;
import dev.flow.internal.tracing.Traced;
import dev.flow.internal.tracing.Tracing;
import dev.flow.spi.WorkflowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.swf.model.ChildPolicy;
import software.amazon.awssdk.services.swf.model.CloseStatus;
import software.amazon.awssdk.services.swf.model.DefaultUndefinedException;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowExecutionResponse;
import software.amazon.awssdk.services.swf.model.ExecutionStatus;
import software.amazon.awssdk.services.swf.model.ExecutionTimeFilter;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.StartWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.TaskList;
import software.amazon.awssdk.services.swf.model.TypeDeprecatedException;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionAlreadyStartedException;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionConfiguration;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionFilter;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;
import software.amazon.awssdk.services.swf.model.WorkflowType;

/**
 * Starting executions (StartWorkflowExecution, resuming a closed run) and handles on them, with the
 * lookup of an execution's latest run. Public only for {@code FlowClient} and {@code ClientCalls}.
 */
public final class Executions {
  private Executions() {}

  /**
   * Starts an execution of {@code spec} with {@code options} (null: none) over {@code arguments};
   * see {@code ClientCalls.start}.
   *
   * @throws FlowException when SWF refuses, naming why (id in use, type or domain unknown, ...)
   */
  public static <R> WorkflowHandle<R> start(
      ClientContext client, WorkflowSpec spec, StartOptions options, Object[] arguments) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(spec, "spec");
    StartOptions given = options == null ? StartOptions.DEFAULT : options;
    String workflowId =
        given.workflowId() != null ? given.workflowId() : UUID.randomUUID().toString();
    String taskList = given.taskList() != null ? given.taskList() : spec.taskList();
    Traced span = client.tracing().startWorkflow(spec.name(), spec.version(), workflowId, taskList);
    return traced(span, () -> start(client, spec, given, arguments, workflowId, taskList, span));
  }

  /** Runs {@code start} as {@code span}, which records its run id or its failure, and ends. */
  private static <R> WorkflowHandle<R> traced(Traced span, Supplier<WorkflowHandle<R>> start) {
    try (Traced.Scope scope = span.makeCurrent()) {
      WorkflowHandle<R> handle = start.get();
      span.attribute("flow.runId", handle.runId());
      return handle;
    } catch (RuntimeException e) {
      span.failed(e);
      throw e;
    } finally {
      span.end();
    }
  }

  private static <R> WorkflowHandle<R> start(
      ClientContext client,
      WorkflowSpec spec,
      StartOptions options,
      Object[] arguments,
      String workflowId,
      String taskList,
      Traced span) {
    DataConverter converter = client.converter();
    String input = converter.toArguments(arguments == null ? new Object[0] : arguments);
    if (input.length() > SwfLimits.MAX_DATA) {
      throw new FlowException(
          "the input of workflow "
              + spec.name()
              + " is "
              + input.length()
              + " characters once encoded; SWF carries at most "
              + SwfLimits.MAX_DATA
              + ": pass a reference (a URL, a key) instead of the data, or store large payloads"
              + " in a blob store (FlowClient.builder().blobStore(...))");
    }
    StartWorkflowExecutionRequest.Builder request =
        StartWorkflowExecutionRequest.builder()
            .domain(client.domain())
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
    List<String> tags = options.tags();
    if (options.resumeFromRunId() != null) {
      WorkflowExecution from =
          WorkflowExecution.builder()
              .workflowId(options.resumeFromWorkflowId())
              .runId(options.resumeFromRunId())
              .build();
      resumable(describe(client, from), from);
      tags = withResumeTag(tags, from, workflowId);
    }
    tags = withTraceTag(tags, span);
    if (!tags.isEmpty()) {
      request.tagList(tags);
    }
    if (options.priority() != null) {
      request.taskPriority(String.valueOf(options.priority()));
    }
    String runId;
    try {
      runId = client.swf().startWorkflowExecution(request.build()).runId();
    } catch (WorkflowExecutionAlreadyStartedException e) {
      throw new FlowException(
          "workflow id '"
              + workflowId
              + "' is already used by an open execution in domain '"
              + client.domain()
              + "': wait for it to close, or start with another StartOptions.workflowId",
          e);
    } catch (UnknownResourceException e) {
      throw new FlowException(
          "cannot start workflow "
              + spec.name()
              + " "
              + spec.version()
              + " in domain '"
              + client.domain()
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
              + client.domain()
              + "'",
          e);
    } catch (DefaultUndefinedException e) {
      throw new FlowException(
          "cannot start workflow " + spec.name() + " " + spec.version() + ": " + Faults.message(e),
          e);
    } catch (SdkException e) {
      throw Faults.wrap("cannot start workflow " + spec.name() + " (id " + workflowId + ")", e);
    }
    return new SwfWorkflowHandle<>(client, spec, workflowId, runId);
  }

  /**
   * Starts a new run resuming the closed run {@code runId} of {@code workflowId} (the latest when
   * null): same workflow id, type, task list, timeouts and tags, and {@code input} (the encoded
   * argument array; null: the stopped run's). {@code spec} types the handle; null: results decode
   * as JSON values.
   *
   * @throws FlowException when the run is open, completed, continued as new or unknown
   */
  public static <R> WorkflowHandle<R> resume(
      ClientContext client, WorkflowSpec spec, String workflowId, String runId, String input) {
    Objects.requireNonNull(client, "client");
    if (workflowId == null || workflowId.isEmpty()) {
      throw new IllegalArgumentException("resume needs the workflow id of the run to resume");
    }
    WorkflowExecution from =
        WorkflowExecution.builder()
            .workflowId(workflowId)
            .runId(runId != null ? runId : latestRun(client, workflowId))
            .build();
    DescribeWorkflowExecutionResponse described = describe(client, from);
    resumable(described, from);
    WorkflowExecutionInfo info = described.executionInfo();
    Traced span =
        client
            .tracing()
            .startWorkflow(
                info.workflowType().name(),
                info.workflowType().version(),
                workflowId,
                described.executionConfiguration().taskList().name());
    span.attribute("flow.resumeFromRunId", from.runId());
    return traced(span, () -> resume(client, spec, from, described, input, span));
  }

  private static <R> WorkflowHandle<R> resume(
      ClientContext client,
      WorkflowSpec spec,
      WorkflowExecution from,
      DescribeWorkflowExecutionResponse described,
      String input,
      Traced span) {
    String workflowId = from.workflowId();
    WorkflowExecutionInfo info = described.executionInfo();
    WorkflowExecutionConfiguration config = described.executionConfiguration();
    String startInput = input;
    if (startInput == null) {
      try {
        List<HistoryEvent> first =
            client
                .swf()
                .getWorkflowExecutionHistory(
                    r -> r.domain(client.domain()).execution(from).maximumPageSize(1))
                .events();
        startInput =
            first.isEmpty() ? null : first.get(0).workflowExecutionStartedEventAttributes().input();
      } catch (SdkException e) {
        throw Faults.wrap("cannot read the input of workflow " + describe(from), e);
      }
    }
    List<String> userTags = new ArrayList<>();
    if (info.hasTagList()) {
      for (String tag : info.tagList()) {
        if (!tag.startsWith(Resume.TAG)
            && !tag.startsWith("flow.attempt=")
            && !tag.startsWith(Tracing.START_TAG)) {
          userTags.add(tag);
        }
      }
    }
    String newInput = startInput;
    List<String> tags = withTraceTag(withResumeTag(userTags, from, workflowId), span);
    String runIdOfNew;
    try {
      runIdOfNew =
          client
              .swf()
              .startWorkflowExecution(
                  r ->
                      r.domain(client.domain())
                          .workflowId(workflowId)
                          .workflowType(info.workflowType())
                          .taskList(config.taskList())
                          .taskPriority(config.taskPriority())
                          .input(newInput)
                          .executionStartToCloseTimeout(config.executionStartToCloseTimeout())
                          .taskStartToCloseTimeout(config.taskStartToCloseTimeout())
                          .childPolicy(config.childPolicy())
                          .lambdaRole(config.lambdaRole())
                          .tagList(tags))
              .runId();
    } catch (WorkflowExecutionAlreadyStartedException e) {
      throw new FlowException(
          "cannot resume workflow "
              + describe(from)
              + ": workflow id '"
              + workflowId
              + "' has an open run again; resume works when no run of it is open",
          e);
    } catch (SdkException e) {
      throw Faults.wrap("cannot resume workflow " + describe(from), e);
    }
    WorkflowSpec typed =
        spec != null
            ? spec
            : WorkflowSpec.builder(info.workflowType().name(), info.workflowType().version())
                .resultType(Object.class)
                .build();
    return new SwfWorkflowHandle<>(client, typed, workflowId, runIdOfNew);
  }

  private static DescribeWorkflowExecutionResponse describe(
      ClientContext client, WorkflowExecution e) {
    try {
      return client.swf().describeWorkflowExecution(r -> r.domain(client.domain()).execution(e));
    } catch (UnknownResourceException unknown) {
      throw new FlowException(
          "cannot resume workflow "
              + describe(e)
              + ": no such run in domain '"
              + client.domain()
              + "'",
          unknown);
    } catch (SdkException failure) {
      throw Faults.wrap("cannot describe workflow " + describe(e), failure);
    }
  }

  /** Refuses to resume a run that is open, completed, or continued as new. */
  private static void resumable(
      DescribeWorkflowExecutionResponse described, WorkflowExecution from) {
    WorkflowExecutionInfo info = described.executionInfo();
    if (info.executionStatus() == ExecutionStatus.OPEN) {
      throw new FlowException(
          "cannot resume workflow "
              + describe(from)
              + ": it is still open; resume works on a failed, timed-out, terminated or canceled"
              + " run (cancel or terminate it first)");
    }
    CloseStatus status = info.closeStatus();
    if (status == CloseStatus.COMPLETED || status == CloseStatus.CONTINUED_AS_NEW) {
      throw new FlowException(
          "cannot resume workflow "
              + describe(from)
              + ": it "
              + (status == CloseStatus.COMPLETED
                  ? "completed; there is nothing to resume (start a new execution instead)"
                  : "continued as new; resume its last run"));
    }
  }

  private static List<String> withResumeTag(
      List<String> tags, WorkflowExecution from, String workflowId) {
    List<String> all = new ArrayList<>(tags);
    String tag;
    try {
      tag = Resume.tag(from, workflowId);
    } catch (IllegalArgumentException e) {
      throw new FlowException(e.getMessage(), e);
    }
    if (all.size() >= 5) {
      throw new FlowException(
          "cannot resume workflow "
              + describe(from)
              + " with the tags "
              + tags
              + ": SWF allows 5 tags, and the resumed run needs one ("
              + tag
              + "); start it with at most 4");
    }
    all.add(tag);
    return all;
  }

  /**
   * {@code tags} and, when {@code span} is traced and a tag of SWF's 5 is free, the {@link
   * Tracing#START_TAG} tag naming it: the run's span becomes its child.
   */
  private static List<String> withTraceTag(List<String> tags, Traced span) {
    String traceparent = span.traceparent();
    if (traceparent == null || tags.size() >= 5) {
      return tags;
    }
    List<String> all = new ArrayList<>(tags);
    all.add(Tracing.START_TAG + traceparent);
    return all;
  }

  private static String describe(WorkflowExecution e) {
    return e.workflowId() + " (run " + e.runId() + ")";
  }

  /**
   * A handle on an existing execution; a null {@code runId} resolves the latest run now; see {@code
   * ClientCalls.handle}.
   */
  public static <R> WorkflowHandle<R> handle(
      ClientContext client, WorkflowSpec spec, String workflowId, String runId) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(spec, "spec");
    if (workflowId == null || workflowId.isEmpty()) {
      throw new IllegalArgumentException("a workflow handle needs a workflow id");
    }
    String run = runId != null ? runId : latestRun(client, workflowId);
    return new SwfWorkflowHandle<>(client, spec, workflowId, run);
  }

  /** The open run of {@code workflowId} if there is one, else the most recently started one. */
  static String latestRun(ClientContext client, String workflowId) {
    ExecutionTimeFilter always = ExecutionTimeFilter.builder().oldestDate(Instant.EPOCH).build();
    WorkflowExecutionFilter byId = WorkflowExecutionFilter.builder().workflowId(workflowId).build();
    try {
      List<WorkflowExecutionInfo> open =
          client
              .swf()
              .listOpenWorkflowExecutions(
                  r ->
                      r.domain(client.domain())
                          .startTimeFilter(always)
                          .executionFilter(byId)
                          .maximumPageSize(1))
              .executionInfos();
      if (!open.isEmpty()) {
        return open.get(0).execution().runId();
      }
      // Newest first by default.
      List<WorkflowExecutionInfo> closed =
          client
              .swf()
              .listClosedWorkflowExecutions(
                  r ->
                      r.domain(client.domain())
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
        "no execution with workflow id '" + workflowId + "' in domain '" + client.domain() + "'");
  }

  /** SWF's seconds string: the override if set, else the declared value; 0 is NONE. */
  static String seconds(Duration override, long declaredSeconds) {
    long s = override != null ? override.toSeconds() : declaredSeconds;
    return s <= 0 ? "NONE" : Long.toString(s);
  }
}
