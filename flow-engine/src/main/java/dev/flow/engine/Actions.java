package dev.flow.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flow.history.SwfJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.swf.model.ActivityTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.CloseStatusFilter;
import software.amazon.awssdk.services.swf.model.CountClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.CountClosedWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.CountOpenWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.CountOpenWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.CountPendingActivityTasksRequest;
import software.amazon.awssdk.services.swf.model.CountPendingActivityTasksResponse;
import software.amazon.awssdk.services.swf.model.CountPendingDecisionTasksRequest;
import software.amazon.awssdk.services.swf.model.CountPendingDecisionTasksResponse;
import software.amazon.awssdk.services.swf.model.DecisionTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowExecutionResponse;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.ExecutionTimeFilter;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryRequest;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.ListOpenWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ListOpenWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskRequest;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskRequest;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.RecordActivityTaskHeartbeatRequest;
import software.amazon.awssdk.services.swf.model.RecordActivityTaskHeartbeatResponse;
import software.amazon.awssdk.services.swf.model.RequestCancelWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskCanceledRequest;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskCompletedRequest;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskFailedRequest;
import software.amazon.awssdk.services.swf.model.SignalWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.StartWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.StartWorkflowExecutionResponse;
import software.amazon.awssdk.services.swf.model.TagFilter;
import software.amazon.awssdk.services.swf.model.TaskList;
import software.amazon.awssdk.services.swf.model.TerminateWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionFilter;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionTimeoutType;
import software.amazon.awssdk.services.swf.model.WorkflowType;
import software.amazon.awssdk.services.swf.model.WorkflowTypeConfiguration;
import software.amazon.awssdk.services.swf.model.WorkflowTypeFilter;

/**
 * The SWF actions other than RespondDecisionTaskCompleted (see {@link Decisions}): each validates
 * its request, then runs in one transaction of the {@link Engine}. Also fires timeouts.
 */
final class Actions implements Engine.Timeouts {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Engine engine;
  private final Registry registry;
  private final Store store;

  Actions(Engine engine, Registry registry) {
    this.engine = engine;
    this.registry = registry;
    this.store = engine.store;
  }

  // ================================================================ start, signal, cancel,
  // terminate

  StartWorkflowExecutionResponse startWorkflowExecution(StartWorkflowExecutionRequest r) {
    String domain = Check.required(r.domain(), "domain");
    String workflowId = Check.name(r.workflowId(), "workflowId");
    WorkflowType type = Check.required(r.workflowType(), "workflowType");
    Check.required(type.name(), "workflowType.name");
    Check.required(type.version(), "workflowType.version");
    RunStart start =
        new RunStart(
            domain,
            workflowId,
            type,
            r.taskList() == null ? null : r.taskList().name(),
            r.taskPriority(),
            r.input(),
            r.executionStartToCloseTimeout(),
            r.taskStartToCloseTimeout(),
            r.childPolicyAsString(),
            r.hasTagList() ? r.tagList() : null,
            r.lambdaRole());
    start.validate("");
    return engine.tx(
        () -> {
          registry.requireRegisteredDomain(domain);
          String cause = start.resolve(registry);
          String typeName = Registry.typeName(Registry.WORKFLOW, type.name(), type.version());
          if (cause != null) {
            switch (cause) {
              case "WORKFLOW_TYPE_DOES_NOT_EXIST":
                throw Faults.unknownResource("Unknown type: " + typeName);
              case "WORKFLOW_TYPE_DEPRECATED":
                throw Faults.typeDeprecated(typeName + " is deprecated");
              default:
                throw Faults.defaultUndefined(
                    "No "
                        + RunStart.member(cause)
                        + " for this execution: set it in the request,"
                        + " or register "
                        + typeName
                        + " with a default");
            }
          }
          Execution open =
              engine.load("domain = ? AND workflow_id = ? AND is_open = 1", domain, workflowId);
          if (open != null && open.open) {
            throw Faults.alreadyStarted(
                "An open execution with workflowId "
                    + workflowId
                    + " already runs in domain "
                    + domain);
          }
          Execution ex = startRun(start, null, 0, null);
          return StartWorkflowExecutionResponse.builder().runId(ex.runId).build();
        });
  }

  /**
   * What starts a run (StartWorkflowExecution, a StartChildWorkflowExecution or
   * ContinueAsNewWorkflowExecution decision): the request's values, then, once {@link #resolve}d,
   * with the type's defaults filled in.
   */
  static final class RunStart {
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
    String resolve(Registry registry) {
      Registry.TypeRow row = registry.type(domain, Registry.WORKFLOW, type.name(), type.version());
      if (row == null) {
        return "WORKFLOW_TYPE_DOES_NOT_EXIST";
      }
      if (row.status().equals("DEPRECATED")) {
        return "WORKFLOW_TYPE_DEPRECATED";
      }
      WorkflowTypeConfiguration config =
          SwfJson.fromText(row.config(), WorkflowTypeConfiguration::builder);
      if (taskList == null && config.defaultTaskList() != null) {
        taskList = config.defaultTaskList().name();
      }
      execTimeout = orDefault(execTimeout, config.defaultExecutionStartToCloseTimeout());
      taskTimeout = orDefault(taskTimeout, config.defaultTaskStartToCloseTimeout());
      childPolicy = orDefault(childPolicy, config.defaultChildPolicyAsString());
      taskPriority = orDefault(taskPriority, config.defaultTaskPriority());
      lambdaRole = orDefault(lambdaRole, config.defaultLambdaRole());
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
      switch (cause) {
        case "DEFAULT_TASK_LIST_UNDEFINED":
          return "taskList";
        case "DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED":
          return "executionStartToCloseTimeout";
        case "DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED":
          return "taskStartToCloseTimeout";
        default:
          return "childPolicy";
      }
    }
  }

  /**
   * Starts a resolved run: inserts it, records WorkflowExecutionStarted, arms its execution timeout
   * and schedules its first decision task. {@code parent} and {@code parentInitiatedId} link a
   * child to its parent; {@code continuedFrom} names the run it continues.
   */
  Execution startRun(
      RunStart start, Execution parent, long parentInitiatedId, Execution continuedFrom) {
    Execution ex = new Execution();
    ex.runId = Engine.newRunId();
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
    ex.startMs = engine.now();
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
    ex.insert(store);
    engine.track(ex);
    WorkflowExecution parentExecution =
        ex.parentRunId == null
            ? null
            : WorkflowExecution.builder()
                .workflowId(ex.parentWorkflowId)
                .runId(ex.parentRunId)
                .build();
    long initiated = ex.parentInitiatedId;
    engine.append(
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
    engine.arm(
        ex.runId,
        Engine.EXECUTION,
        0,
        Check.seconds(start.execTimeout, false, "executionStartToCloseTimeout"));
    engine.scheduleDecisionTask(ex);
    return ex;
  }

  static String orDefault(String value, String fallback) {
    return value != null ? value : fallback;
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

  /** The open run of {@code workflowId} (and {@code runId} if given), or UnknownResourceFault. */
  Execution openExecution(String domain, String workflowId, String runId) {
    registry.requireDomain(domain);
    Execution ex =
        runId == null
            ? engine.load("domain = ? AND workflow_id = ? AND is_open = 1", domain, workflowId)
            : engine.load(
                "run_id = ? AND domain = ? AND workflow_id = ?", runId, domain, workflowId);
    if (ex == null || !ex.open) {
      throw Faults.unknownResource(
          "Unknown execution: WorkflowExecution=[workflowId="
              + workflowId
              + ", runId="
              + runId
              + "]"
              + (ex == null ? "" : " is closed"));
    }
    return ex;
  }

  Execution anyExecution(String domain, WorkflowExecution execution) {
    Check.required(execution, "execution");
    String workflowId = Check.required(execution.workflowId(), "execution.workflowId");
    String runId = Check.required(execution.runId(), "execution.runId");
    registry.requireDomain(domain);
    Execution ex =
        Execution.load(
            store, "run_id = ? AND domain = ? AND workflow_id = ?", runId, domain, workflowId);
    if (ex == null) {
      throw Faults.unknownResource(
          "Unknown execution: WorkflowExecution=[workflowId="
              + workflowId
              + ", runId="
              + runId
              + "]");
    }
    return ex;
  }

  void signalWorkflowExecution(SignalWorkflowExecutionRequest r) {
    String domain = Check.required(r.domain(), "domain");
    String workflowId = Check.required(r.workflowId(), "workflowId");
    String signalName = Check.text(r.signalName(), 256, "signalName");
    Check.data(r.input(), "input");
    engine.tx(
        () -> {
          Execution ex = openExecution(domain, workflowId, r.runId());
          engine.append(
              ex,
              EventType.WORKFLOW_EXECUTION_SIGNALED,
              b ->
                  b.workflowExecutionSignaledEventAttributes(
                      a -> a.signalName(signalName).input(r.input())));
          engine.notifyDecider(ex);
          return null;
        });
  }

  void requestCancelWorkflowExecution(RequestCancelWorkflowExecutionRequest r) {
    String domain = Check.required(r.domain(), "domain");
    String workflowId = Check.required(r.workflowId(), "workflowId");
    engine.tx(
        () -> {
          Execution ex = openExecution(domain, workflowId, r.runId());
          if (ex.cancelRequested) {
            return null; // already requested: the decider has it in the history
          }
          ex.cancelRequested = true;
          engine.append(
              ex,
              EventType.WORKFLOW_EXECUTION_CANCEL_REQUESTED,
              b -> b.workflowExecutionCancelRequestedEventAttributes(a -> {}));
          engine.notifyDecider(ex);
          return null;
        });
  }

  void terminateWorkflowExecution(TerminateWorkflowExecutionRequest r) {
    String domain = Check.required(r.domain(), "domain");
    String workflowId = Check.required(r.workflowId(), "workflowId");
    Check.length(r.reason(), 0, 256, "reason");
    Check.data(r.details(), "details");
    engine.tx(
        () -> {
          Execution ex = openExecution(domain, workflowId, r.runId());
          String childPolicy = orDefault(r.childPolicyAsString(), ex.childPolicy);
          Check.childPolicy(childPolicy, "childPolicy");
          engine.append(
              ex,
              EventType.WORKFLOW_EXECUTION_TERMINATED,
              b ->
                  b.workflowExecutionTerminatedEventAttributes(
                      a -> a.reason(r.reason()).details(r.details()).childPolicy(childPolicy)));
          engine.closeExecution(ex, Engine.Close.terminated(childPolicy));
          return null;
        });
  }

  // ================================================================ reading executions

  GetWorkflowExecutionHistoryResponse getWorkflowExecutionHistory(
      GetWorkflowExecutionHistoryRequest r) {
    String domain = Check.required(r.domain(), "domain");
    int max = Check.pageSize(r.maximumPageSize());
    boolean reverse = Boolean.TRUE.equals(r.reverseOrder());
    return engine.tx(
        () -> {
          Execution ex = anyExecution(domain, r.execution());
          if (reverse && max == 1 && r.nextPageToken() == null) {
            // how WorkflowHandle.result() waits: time skipping goes on while the run is open
            engine.resultAwaited(ex.open);
          }
          long lo = 1;
          long hi = ex.nextEventId - 1;
          long cursor = reverse ? hi : lo;
          if (r.nextPageToken() != null) {
            String[] t = engine.tokens.decode(r.nextPageToken(), "h", 4);
            if (t == null || !t[1].equals(ex.runId) || Tokens.number(t[2]) < 0) {
              throw Faults.validation("Invalid nextPageToken: it belongs to another request");
            }
            cursor = Tokens.number(t[2]);
            hi = Tokens.number(t[3]);
          }
          Engine.Page page = engine.history(ex.runId, lo, hi, cursor, reverse, max);
          return GetWorkflowExecutionHistoryResponse.builder()
              .events(page.events())
              .nextPageToken(
                  page.next() < 0
                      ? null
                      : engine.tokens.encode(
                          "h", ex.runId, Long.toString(page.next()), Long.toString(hi)))
              .build();
        });
  }

  DescribeWorkflowExecutionResponse describeWorkflowExecution(DescribeWorkflowExecutionRequest r) {
    String domain = Check.required(r.domain(), "domain");
    return engine.tx(
        () -> {
          Execution ex = anyExecution(domain, r.execution());
          return DescribeWorkflowExecutionResponse.builder()
              .executionInfo(info(ex))
              .executionConfiguration(
                  c ->
                      c.taskStartToCloseTimeout(ex.taskTimeout)
                          .executionStartToCloseTimeout(ex.execTimeout)
                          .taskList(t -> t.name(ex.taskList))
                          .taskPriority(ex.taskPriority)
                          .childPolicy(ex.childPolicy)
                          .lambdaRole(ex.lambdaRole))
              .openCounts(
                  c ->
                      c.openActivityTasks(ex.openActivities)
                          .openDecisionTasks(ex.dtState == Execution.DT_NONE ? 0 : 1)
                          .openTimers(ex.openTimers)
                          .openChildWorkflowExecutions(ex.openChildren)
                          .openLambdaFunctions(0))
              .latestActivityTaskTimestamp(
                  ex.latestActivityMs == null ? null : Instant.ofEpochMilli(ex.latestActivityMs))
              .latestExecutionContext(ex.latestContext)
              .build();
        });
  }

  static WorkflowExecutionInfo info(Execution ex) {
    return WorkflowExecutionInfo.builder()
        .execution(Engine.execution(ex))
        .workflowType(Engine.workflowType(ex))
        .startTimestamp(Instant.ofEpochMilli(ex.startMs))
        .closeTimestamp(ex.closeMs == null ? null : Instant.ofEpochMilli(ex.closeMs))
        .executionStatus(ex.open ? "OPEN" : "CLOSED")
        .closeStatus(ex.closeStatus)
        .parent(
            ex.parentRunId == null
                ? null
                : WorkflowExecution.builder()
                    .workflowId(ex.parentWorkflowId)
                    .runId(ex.parentRunId)
                    .build())
        .tagList(tags(ex.tags))
        .cancelRequested(ex.cancelRequested)
        .build();
  }

  /** The WHERE clause and arguments of a list or count request. */
  private static final class Filter {
    final StringBuilder where = new StringBuilder("domain = ?");
    final List<Object> args = new ArrayList<>();
    String order = "start_ms";
    int exclusive;

    Filter(String domain, boolean open) {
      args.add(domain);
      where.append(" AND is_open = ?");
      args.add(open);
    }

    void time(String column, ExecutionTimeFilter f, String member) {
      if (f == null) {
        return;
      }
      Instant oldest = Check.required(f.oldestDate(), member + ".oldestDate");
      where.append(" AND ").append(column).append(" >= ?");
      args.add(oldest.toEpochMilli());
      if (f.latestDate() != null) {
        where.append(" AND ").append(column).append(" <= ?");
        args.add(f.latestDate().toEpochMilli());
      }
    }

    void eq(String column, Object value) {
      where.append(" AND ").append(column).append(" = ?");
      args.add(value);
    }

    void workflowId(WorkflowExecutionFilter f) {
      if (f != null) {
        exclusive++;
        eq("workflow_id", Check.required(f.workflowId(), "executionFilter.workflowId"));
      }
    }

    void type(WorkflowTypeFilter f) {
      if (f != null) {
        exclusive++;
        eq("type_name", Check.required(f.name(), "typeFilter.name"));
        if (f.version() != null) {
          eq("type_version", f.version());
        }
      }
    }

    void tag(TagFilter f) {
      if (f != null) {
        exclusive++;
        where.append(" AND EXISTS (SELECT 1 FROM json_each(executions.tags) WHERE value = ?)");
        args.add(Check.required(f.tag(), "tagFilter.tag"));
      }
    }

    void checkExclusive(String members) {
      if (exclusive > 1) {
        throw Faults.validation(members + " are mutually exclusive: set at most one of them");
      }
    }
  }

  private record Listing(List<WorkflowExecutionInfo> infos, String nextPageToken) {}

  private Listing list(Filter f, String token, Integer pageSize, Boolean reverseOrder) {
    int max = Check.pageSize(pageSize);
    long offset = 0;
    if (token != null) {
      String[] t = engine.tokens.decode(token, "l", 2);
      offset = t == null ? -1 : Tokens.number(t[1]);
      if (offset < 0) {
        throw Faults.validation("Invalid nextPageToken");
      }
    }
    String direction = Boolean.TRUE.equals(reverseOrder) ? "ASC" : "DESC";
    String sql =
        Execution.SELECT
            + " WHERE "
            + f.where
            + " ORDER BY "
            + f.order
            + " "
            + direction
            + ", run_id "
            + direction
            + " LIMIT ? OFFSET ?";
    List<Object> args = new ArrayList<>(f.args);
    args.add(max + 1);
    args.add(offset);
    List<WorkflowExecutionInfo> infos = new ArrayList<>();
    boolean more = false;
    try (ResultSet rs = store.query(sql, args.toArray())) {
      while (rs.next()) {
        if (infos.size() == max) {
          more = true;
          break;
        }
        infos.add(info(Execution.read(rs)));
      }
    } catch (SQLException e) {
      throw new Store.StoreException(e);
    }
    return new Listing(infos, more ? engine.tokens.encode("l", Long.toString(offset + max)) : null);
  }

  private int count(Filter f) {
    return (int)
        store.queryLong("SELECT COUNT(*) FROM executions WHERE " + f.where, 0, f.args.toArray());
  }

  private Filter openFilter(
      String domain,
      ExecutionTimeFilter start,
      WorkflowExecutionFilter execution,
      WorkflowTypeFilter type,
      TagFilter tag) {
    Check.required(domain, "domain");
    Check.required(start, "startTimeFilter");
    Filter f = new Filter(domain, true);
    f.time("start_ms", start, "startTimeFilter");
    f.workflowId(execution);
    f.type(type);
    f.tag(tag);
    f.checkExclusive("executionFilter, typeFilter and tagFilter");
    registry.requireDomain(domain);
    return f;
  }

  private Filter closedFilter(
      String domain,
      ExecutionTimeFilter start,
      ExecutionTimeFilter close,
      WorkflowExecutionFilter execution,
      CloseStatusFilter status,
      WorkflowTypeFilter type,
      TagFilter tag) {
    Check.required(domain, "domain");
    if ((start == null) == (close == null)) {
      throw Faults.validation("Set exactly one of startTimeFilter and closeTimeFilter");
    }
    Filter f = new Filter(domain, false);
    f.time("start_ms", start, "startTimeFilter");
    f.time("close_ms", close, "closeTimeFilter");
    if (close != null) {
      f.order = "close_ms";
    }
    f.workflowId(execution);
    if (status != null) {
      f.exclusive++;
      f.eq("close_status", Check.required(status.statusAsString(), "closeStatusFilter.status"));
    }
    f.type(type);
    f.tag(tag);
    f.checkExclusive("executionFilter, closeStatusFilter, typeFilter and tagFilter");
    registry.requireDomain(domain);
    return f;
  }

  ListOpenWorkflowExecutionsResponse listOpenWorkflowExecutions(
      ListOpenWorkflowExecutionsRequest r) {
    return engine.tx(
        () -> {
          Filter f =
              openFilter(
                  r.domain(),
                  r.startTimeFilter(),
                  r.executionFilter(),
                  r.typeFilter(),
                  r.tagFilter());
          Listing l = list(f, r.nextPageToken(), r.maximumPageSize(), r.reverseOrder());
          return ListOpenWorkflowExecutionsResponse.builder()
              .executionInfos(l.infos())
              .nextPageToken(l.nextPageToken())
              .build();
        });
  }

  ListClosedWorkflowExecutionsResponse listClosedWorkflowExecutions(
      ListClosedWorkflowExecutionsRequest r) {
    return engine.tx(
        () -> {
          Filter f =
              closedFilter(
                  r.domain(),
                  r.startTimeFilter(),
                  r.closeTimeFilter(),
                  r.executionFilter(),
                  r.closeStatusFilter(),
                  r.typeFilter(),
                  r.tagFilter());
          Listing l = list(f, r.nextPageToken(), r.maximumPageSize(), r.reverseOrder());
          return ListClosedWorkflowExecutionsResponse.builder()
              .executionInfos(l.infos())
              .nextPageToken(l.nextPageToken())
              .build();
        });
  }

  CountOpenWorkflowExecutionsResponse countOpenWorkflowExecutions(
      CountOpenWorkflowExecutionsRequest r) {
    return engine.tx(
        () -> {
          Filter f =
              openFilter(
                  r.domain(),
                  r.startTimeFilter(),
                  r.executionFilter(),
                  r.typeFilter(),
                  r.tagFilter());
          return CountOpenWorkflowExecutionsResponse.builder()
              .count(count(f))
              .truncated(false)
              .build();
        });
  }

  CountClosedWorkflowExecutionsResponse countClosedWorkflowExecutions(
      CountClosedWorkflowExecutionsRequest r) {
    return engine.tx(
        () -> {
          Filter f =
              closedFilter(
                  r.domain(),
                  r.startTimeFilter(),
                  r.closeTimeFilter(),
                  r.executionFilter(),
                  r.closeStatusFilter(),
                  r.typeFilter(),
                  r.tagFilter());
          return CountClosedWorkflowExecutionsResponse.builder()
              .count(count(f))
              .truncated(false)
              .build();
        });
  }

  CountPendingActivityTasksResponse countPendingActivityTasks(CountPendingActivityTasksRequest r) {
    int n =
        countPending(
            r.domain(),
            r.taskList(),
            "SELECT COUNT(*) FROM activities WHERE domain = ? AND task_list = ? AND state = 0");
    return CountPendingActivityTasksResponse.builder().count(n).truncated(false).build();
  }

  CountPendingDecisionTasksResponse countPendingDecisionTasks(CountPendingDecisionTasksRequest r) {
    int n =
        countPending(
            r.domain(),
            r.taskList(),
            "SELECT COUNT(*) FROM executions WHERE domain = ? AND dt_task_list = ? AND"
                + " is_open = 1 AND dt_state = 1");
    return CountPendingDecisionTasksResponse.builder().count(n).truncated(false).build();
  }

  /** The tasks waiting in {@code taskList} of {@code domain}, counted by {@code sql}. */
  private int countPending(String domain, TaskList taskList, String sql) {
    Check.required(domain, "domain");
    String name = Check.name(Check.required(taskList, "taskList").name(), "taskList.name");
    return engine.tx(
        () -> {
          registry.requireDomain(domain);
          return (int) store.queryLong(sql, 0, domain, name);
        });
  }

  // ================================================================ polling

  PollForDecisionTaskResponse pollForDecisionTask(PollForDecisionTaskRequest r) {
    String domain = Check.required(r.domain(), "domain");
    TaskList list = Check.required(r.taskList(), "taskList");
    String taskList = Check.name(list.name(), "taskList.name");
    Check.length(r.identity(), 0, 256, "identity");
    int max = Check.pageSize(r.maximumPageSize());
    boolean reverse = Boolean.TRUE.equals(r.reverseOrder());
    if (r.nextPageToken() != null) {
      return engine.tx(() -> decisionPage(r.nextPageToken(), max, reverse));
    }
    boolean partial = Boolean.TRUE.equals(r.startAtPreviousStartedEvent());
    return poll(
        engine.decisionQueues,
        domain,
        taskList,
        entry -> startDecisionTask(entry, taskList, r.identity(), max, reverse, partial),
        () ->
            PollForDecisionTaskResponse.builder()
                .startedEventId(0L)
                .previousStartedEventId(0L)
                .build());
  }

  PollForActivityTaskResponse pollForActivityTask(PollForActivityTaskRequest r) {
    String domain = Check.required(r.domain(), "domain");
    TaskList list = Check.required(r.taskList(), "taskList");
    String taskList = Check.name(list.name(), "taskList.name");
    Check.length(r.identity(), 0, 256, "identity");
    return poll(
        engine.activityQueues,
        domain,
        taskList,
        entry -> startActivityTask(entry, r.identity()),
        () -> PollForActivityTaskResponse.builder().startedEventId(0L).build());
  }

  private interface Starter<T> {
    /** Starts the queued task in the current transaction, or returns null if it is stale. */
    T start(TaskQueues.Entry entry);
  }

  /**
   * The long poll: takes queued tasks until one starts, waiting on the queue's condition up to the
   * poll timeout; an empty response on timeout or engine close.
   */
  private <T> T poll(
      TaskQueues queues, String domain, String taskList, Starter<T> starter, Supplier<T> empty) {
    long deadline = System.nanoTime() + engine.pollTimeoutNanos;
    engine.lock.lock();
    TaskQueues.Queue q = null;
    boolean gone = false; // the poller went away: a closing worker interrupted its poll
    try {
      engine.tx(
          () -> {
            registry.requireDomain(domain);
            return null;
          });
      q = queues.get(domain, taskList);
      q.pollStarts();
      while (true) {
        if (engine.isClosed()) {
          return empty.get();
        }
        TaskQueues.Entry entry = q.entries.poll();
        if (entry != null) {
          T task;
          try {
            task = engine.tx(() -> starter.start(entry));
          } catch (RuntimeException e) {
            q.entries.add(entry);
            throw e;
          }
          if (task != null) {
            return task;
          }
          continue;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return empty.get();
        }
        engine.commitIfAlone();
        engine.pollWaits(q);
        try {
          q.nonEmpty.awaitNanos(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          gone = true;
          return empty.get();
        } finally {
          engine.pollWakes();
        }
      }
    } finally {
      if (q != null) {
        q.pollEnds(gone);
      }
      engine.unlock();
    }
  }

  private PollForDecisionTaskResponse startDecisionTask(
      TaskQueues.Entry entry,
      String taskList,
      String identity,
      int max,
      boolean reverse,
      boolean partial) {
    Execution ex = engine.load("run_id = ?", entry.runId());
    if (ex == null
        || !ex.open
        || ex.dtState != Execution.DT_SCHEDULED
        || ex.dtScheduledId != entry.ref()
        || !ex.dtTaskList.equals(taskList)) {
      return null;
    }
    long scheduledId = ex.dtScheduledId;
    long startedId =
        engine.append(
            ex,
            EventType.DECISION_TASK_STARTED,
            b ->
                b.decisionTaskStartedEventAttributes(
                    a -> a.scheduledEventId(scheduledId).identity(identity)));
    ex.dtState = Execution.DT_STARTED;
    ex.dtStartedId = startedId;
    long waited = System.nanoTime() - entry.queuedNanos();
    String startedList = taskList;
    engine.afterCommit(() -> engine.metrics.taskStarted("decision", startedList, waited));
    engine.disarm(ex.runId, Engine.DT_SCHEDULE_TO_START, scheduledId);
    long timeout = Check.seconds(ex.taskTimeout, true, "taskStartToCloseTimeout");
    if (timeout != Check.NONE) {
      engine.arm(ex.runId, Engine.DT_START_TO_CLOSE, startedId, timeout);
    }
    long lo = partial && ex.prevStartedId > 0 ? ex.prevStartedId : 1;
    return decisionResponse(ex, startedId, lo, reverse ? startedId : lo, reverse, max);
  }

  private PollForDecisionTaskResponse decisionResponse(
      Execution ex, long startedId, long lo, long cursor, boolean reverse, int max) {
    Engine.Page page = engine.history(ex.runId, lo, startedId, cursor, reverse, max);
    return PollForDecisionTaskResponse.builder()
        .taskToken(engine.tokens.encode("d", ex.runId, Long.toString(startedId)))
        .startedEventId(startedId)
        .workflowExecution(Engine.execution(ex))
        .workflowType(Engine.workflowType(ex))
        .previousStartedEventId(ex.prevStartedId)
        .events(page.events())
        .nextPageToken(
            page.next() < 0
                ? null
                : engine.tokens.encode(
                    "p",
                    ex.runId,
                    Long.toString(startedId),
                    Long.toString(lo),
                    Long.toString(page.next())))
        .build();
  }

  private PollForDecisionTaskResponse decisionPage(String token, int max, boolean reverse) {
    String[] t = engine.tokens.decode(token, "p", 5);
    Execution ex = t == null ? null : Execution.load(store, "run_id = ?", t[1]);
    if (ex == null) {
      throw Faults.validation("Invalid nextPageToken: not a page of a decision task");
    }
    return decisionResponse(
        ex, Tokens.number(t[2]), Tokens.number(t[3]), Tokens.number(t[4]), reverse, max);
  }

  private PollForActivityTaskResponse startActivityTask(TaskQueues.Entry entry, String identity) {
    ActivityTask a =
        ActivityTask.load(store, "run_id = ? AND scheduled_id = ?", entry.runId(), entry.ref());
    if (a == null || a.state != ActivityTask.SCHEDULED) {
      return null;
    }
    Execution ex = engine.load("run_id = ?", a.runId);
    if (ex == null || !ex.open) {
      return null;
    }
    long startedId =
        engine.append(
            ex,
            EventType.ACTIVITY_TASK_STARTED,
            b ->
                b.activityTaskStartedEventAttributes(
                    x -> x.scheduledEventId(a.scheduledId).identity(identity)));
    a.state = ActivityTask.STARTED;
    a.startedId = startedId;
    long waited = System.nanoTime() - entry.queuedNanos();
    String startedList = a.taskList;
    engine.afterCommit(() -> engine.metrics.taskStarted("activity", startedList, waited));
    engine.disarm(a.runId, Engine.ACT_SCHEDULE_TO_START, a.scheduledId);
    long st2c = Check.seconds(a.startToClose, true, "startToCloseTimeout");
    if (st2c != Check.NONE) {
      engine.arm(a.runId, Engine.ACT_START_TO_CLOSE, a.scheduledId, st2c);
    }
    long hb = Check.seconds(a.heartbeat, true, "heartbeatTimeout");
    if (hb != Check.NONE) {
      engine.arm(a.runId, Engine.ACT_HEARTBEAT, a.scheduledId, hb);
    }
    a.save(store);
    return PollForActivityTaskResponse.builder()
        .taskToken(
            engine.tokens.encode(
                "a", a.runId, Long.toString(a.scheduledId), Long.toString(startedId)))
        .activityId(a.activityId)
        .startedEventId(startedId)
        .workflowExecution(Engine.execution(ex))
        .activityType(t -> t.name(a.typeName).version(a.typeVersion))
        .input(a.input)
        .build();
  }

  // ================================================================ activity workers

  /** The started activity task the token names, or UnknownResourceFault. */
  private ActivityTask startedActivity(String token) {
    Check.required(token, "taskToken");
    String[] t = engine.tokens.decode(token, "a", 4);
    ActivityTask a =
        t == null
            ? null
            : ActivityTask.load(
                store, "run_id = ? AND scheduled_id = ?", t[1], Tokens.number(t[2]));
    if (a == null || a.state != ActivityTask.STARTED || a.startedId != Tokens.number(t[3])) {
      throw Faults.unknownResource(
          "Unknown activity task token: the task was already completed, failed, canceled or timed"
              + " out, or its execution is closed");
    }
    return a;
  }

  /** Removes a closed activity task and its deadlines. */
  void closeActivity(Execution ex, ActivityTask a) {
    a.delete(store);
    store.update(
        "DELETE FROM deadlines WHERE run_id = ? AND ref = ? AND kind IN (?, ?, ?, ?)",
        a.runId,
        a.scheduledId,
        Engine.ACT_SCHEDULE_TO_START,
        Engine.ACT_SCHEDULE_TO_CLOSE,
        Engine.ACT_START_TO_CLOSE,
        Engine.ACT_HEARTBEAT);
    ex.openActivities--;
  }

  void respondActivityTaskCompleted(RespondActivityTaskCompletedRequest r) {
    Check.data(r.result(), "result");
    engine.tx(
        () -> {
          ActivityTask a = startedActivity(r.taskToken());
          Execution ex = engine.load("run_id = ?", a.runId);
          engine.append(
              ex,
              EventType.ACTIVITY_TASK_COMPLETED,
              b ->
                  b.activityTaskCompletedEventAttributes(
                      x ->
                          x.result(r.result())
                              .scheduledEventId(a.scheduledId)
                              .startedEventId(a.startedId)));
          closeActivity(ex, a);
          engine.afterCommit(() -> engine.metrics.taskClosed("activity", a.taskList, "completed"));
          engine.notifyDecider(ex);
          return null;
        });
  }

  void respondActivityTaskFailed(RespondActivityTaskFailedRequest r) {
    Check.length(r.reason(), 0, 256, "reason");
    Check.data(r.details(), "details");
    engine.tx(
        () -> {
          ActivityTask a = startedActivity(r.taskToken());
          Execution ex = engine.load("run_id = ?", a.runId);
          engine.append(
              ex,
              EventType.ACTIVITY_TASK_FAILED,
              b ->
                  b.activityTaskFailedEventAttributes(
                      x ->
                          x.reason(r.reason())
                              .details(r.details())
                              .scheduledEventId(a.scheduledId)
                              .startedEventId(a.startedId)));
          closeActivity(ex, a);
          engine.afterCommit(() -> engine.metrics.taskClosed("activity", a.taskList, "failed"));
          engine.notifyDecider(ex);
          return null;
        });
  }

  void respondActivityTaskCanceled(RespondActivityTaskCanceledRequest r) {
    Check.data(r.details(), "details");
    engine.tx(
        () -> {
          ActivityTask a = startedActivity(r.taskToken());
          Execution ex = engine.load("run_id = ?", a.runId);
          engine.append(
              ex,
              EventType.ACTIVITY_TASK_CANCELED,
              b ->
                  b.activityTaskCanceledEventAttributes(
                      x ->
                          x.details(r.details())
                              .scheduledEventId(a.scheduledId)
                              .startedEventId(a.startedId)
                              .latestCancelRequestedEventId(
                                  a.cancelRequestedId == 0 ? null : a.cancelRequestedId)));
          closeActivity(ex, a);
          engine.afterCommit(() -> engine.metrics.taskClosed("activity", a.taskList, "canceled"));
          engine.notifyDecider(ex);
          return null;
        });
  }

  RecordActivityTaskHeartbeatResponse recordActivityTaskHeartbeat(
      RecordActivityTaskHeartbeatRequest r) {
    Check.length(r.details(), 0, 2048, "details");
    return engine.tx(
        () -> {
          ActivityTask a = startedActivity(r.taskToken());
          a.heartbeatDetails = r.details();
          a.save(store);
          long hb = Check.seconds(a.heartbeat, true, "heartbeatTimeout");
          if (hb != Check.NONE) {
            engine.arm(a.runId, Engine.ACT_HEARTBEAT, a.scheduledId, hb);
          }
          return RecordActivityTaskHeartbeatResponse.builder()
              .cancelRequested(a.cancelRequestedId != 0)
              .build();
        });
  }

  // ================================================================ timeouts

  @Override
  public void fire(String runId, int kind, long ref) {
    if (kind == Engine.RETENTION) {
      // The retention period of a closed run is over: SWF forgets it.
      if (store.queryLong("SELECT is_open FROM executions WHERE run_id = ?", 1, runId) == 0) {
        store.update("DELETE FROM events WHERE run_id = ?", runId);
        store.update("DELETE FROM executions WHERE run_id = ?", runId);
      }
      return;
    }
    Execution ex = engine.load("run_id = ?", runId);
    if (ex == null || !ex.open) {
      return;
    }
    switch (kind) {
      case Engine.DT_START_TO_CLOSE:
        if (ex.dtState == Execution.DT_STARTED && ex.dtStartedId == ref) {
          decisionTimedOut(ex, DecisionTaskTimeoutType.START_TO_CLOSE, ref);
        }
        break;
      case Engine.DT_SCHEDULE_TO_START:
        if (ex.dtState == Execution.DT_SCHEDULED && ex.dtScheduledId == ref) {
          ex.dtTaskList = ex.taskList; // the affinity override lapses
          ex.dtS2sTimeout = null;
          decisionTimedOut(ex, DecisionTaskTimeoutType.SCHEDULE_TO_START, 0);
        }
        break;
      case Engine.ACT_SCHEDULE_TO_START:
      case Engine.ACT_SCHEDULE_TO_CLOSE:
      case Engine.ACT_START_TO_CLOSE:
      case Engine.ACT_HEARTBEAT:
        activityTimedOut(ex, kind, ref);
        break;
      case Engine.TIMER:
        timerFired(ex, ref);
        break;
      case Engine.EXECUTION:
        engine.append(
            ex,
            EventType.WORKFLOW_EXECUTION_TIMED_OUT,
            b ->
                b.workflowExecutionTimedOutEventAttributes(
                    a ->
                        a.timeoutType(WorkflowExecutionTimeoutType.START_TO_CLOSE)
                            .childPolicy(ex.childPolicy)));
        engine.closeExecution(ex, Engine.Close.timedOut(ex.childPolicy));
        break;
      default:
        throw new IllegalStateException("unknown deadline kind " + kind);
    }
  }

  private void decisionTimedOut(Execution ex, DecisionTaskTimeoutType type, long startedId) {
    long scheduledId = ex.dtScheduledId;
    engine.append(
        ex,
        EventType.DECISION_TASK_TIMED_OUT,
        b ->
            b.decisionTaskTimedOutEventAttributes(
                a -> a.timeoutType(type).scheduledEventId(scheduledId).startedEventId(startedId)));
    ex.dtState = Execution.DT_NONE;
    engine.scheduleDecisionTask(ex);
  }

  private void activityTimedOut(Execution ex, int kind, long scheduledId) {
    ActivityTask a =
        ActivityTask.load(store, "run_id = ? AND scheduled_id = ?", ex.runId, scheduledId);
    if (a == null) {
      return;
    }
    ActivityTaskTimeoutType type;
    switch (kind) {
      case Engine.ACT_SCHEDULE_TO_START:
        if (a.state != ActivityTask.SCHEDULED) {
          return;
        }
        type = ActivityTaskTimeoutType.SCHEDULE_TO_START;
        break;
      case Engine.ACT_SCHEDULE_TO_CLOSE:
        type = ActivityTaskTimeoutType.SCHEDULE_TO_CLOSE;
        break;
      case Engine.ACT_START_TO_CLOSE:
        type = ActivityTaskTimeoutType.START_TO_CLOSE;
        break;
      default:
        type = ActivityTaskTimeoutType.HEARTBEAT;
        break;
    }
    if (kind != Engine.ACT_SCHEDULE_TO_START
        && kind != Engine.ACT_SCHEDULE_TO_CLOSE
        && a.state != ActivityTask.STARTED) {
      return;
    }
    engine.append(
        ex,
        EventType.ACTIVITY_TASK_TIMED_OUT,
        b ->
            b.activityTaskTimedOutEventAttributes(
                x ->
                    x.timeoutType(type)
                        .scheduledEventId(a.scheduledId)
                        .startedEventId(a.startedId)
                        .details(a.heartbeatDetails)));
    closeActivity(ex, a);
    engine.notifyDecider(ex);
  }

  private void timerFired(Execution ex, long startedId) {
    String timerId =
        store.queryString(
            "SELECT timer_id FROM timers WHERE run_id = ? AND started_id = ?", ex.runId, startedId);
    if (timerId == null) {
      return;
    }
    engine.append(
        ex,
        EventType.TIMER_FIRED,
        b -> b.timerFiredEventAttributes(a -> a.timerId(timerId).startedEventId(startedId)));
    store.update("DELETE FROM timers WHERE run_id = ? AND timer_id = ?", ex.runId, timerId);
    ex.openTimers--;
    engine.notifyDecider(ex);
  }
}
