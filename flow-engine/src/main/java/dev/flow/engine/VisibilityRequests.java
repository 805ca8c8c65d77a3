package dev.flow.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.swf.model.CloseStatusFilter;
import software.amazon.awssdk.services.swf.model.CountClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.CountClosedWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.CountOpenWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.CountOpenWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.CountPendingActivityTasksRequest;
import software.amazon.awssdk.services.swf.model.CountPendingActivityTasksResponse;
import software.amazon.awssdk.services.swf.model.CountPendingDecisionTasksRequest;
import software.amazon.awssdk.services.swf.model.CountPendingDecisionTasksResponse;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowExecutionResponse;
import software.amazon.awssdk.services.swf.model.ExecutionTimeFilter;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryRequest;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.ListOpenWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ListOpenWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.TagFilter;
import software.amazon.awssdk.services.swf.model.TaskList;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionFilter;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;
import software.amazon.awssdk.services.swf.model.WorkflowTypeFilter;

/**
 * What can be read about executions: their histories, descriptions, lists and counts (with SWF's
 * filters), and the tasks waiting in a task list.
 */
final class VisibilityRequests {
  private final Engine engine;
  private final DomainRequests domains;
  private final ExecutionRequests executions;

  VisibilityRequests(Engine engine, DomainRequests domains, ExecutionRequests executions) {
    this.engine = engine;
    this.domains = domains;
    this.executions = executions;
  }

  GetWorkflowExecutionHistoryResponse getWorkflowExecutionHistory(
      GetWorkflowExecutionHistoryRequest r) {
    String domain = Check.required(r.domain(), "domain");
    int max = Check.pageSize(r.maximumPageSize());
    boolean reverse = Boolean.TRUE.equals(r.reverseOrder());
    return engine.tx(
        tx -> {
          Run run = executions.anyRun(tx, domain, r.execution());
          if (reverse && max == 1 && r.nextPageToken() == null) {
            // how WorkflowHandle.result() waits: time skipping goes on while the run is open
            engine.resultAwaited(run.open);
          }
          long lo = 1;
          long hi = run.nextEventId - 1;
          long cursor = reverse ? hi : lo;
          if (r.nextPageToken() != null) {
            String[] t = engine.tokens.decode(r.nextPageToken(), "h", 4);
            if (t == null || !t[1].equals(run.runId) || Tokens.number(t[2]) < 0) {
              throw SwfFaults.validation("Invalid nextPageToken: it belongs to another request");
            }
            cursor = Tokens.number(t[2]);
            hi = Tokens.number(t[3]);
          }
          EventLog.Page page = engine.events.page(tx, run.runId, lo, hi, cursor, reverse, max);
          return GetWorkflowExecutionHistoryResponse.builder()
              .events(page.events())
              .nextPageToken(
                  page.next() < 0
                      ? null
                      : engine.tokens.encode(
                          "h", run.runId, Long.toString(page.next()), Long.toString(hi)))
              .build();
        });
  }

  DescribeWorkflowExecutionResponse describeWorkflowExecution(DescribeWorkflowExecutionRequest r) {
    String domain = Check.required(r.domain(), "domain");
    return engine.tx(
        tx -> {
          Run run = executions.anyRun(tx, domain, r.execution());
          return DescribeWorkflowExecutionResponse.builder()
              .executionInfo(info(run))
              .executionConfiguration(
                  c ->
                      c.taskStartToCloseTimeout(run.taskTimeout)
                          .executionStartToCloseTimeout(run.execTimeout)
                          .taskList(t -> t.name(run.taskList))
                          .taskPriority(run.taskPriority)
                          .childPolicy(run.childPolicy)
                          .lambdaRole(run.lambdaRole))
              .openCounts(
                  c ->
                      c.openActivityTasks(run.openActivities)
                          .openDecisionTasks(run.dtState == DecisionTaskState.NONE ? 0 : 1)
                          .openTimers(run.openTimers)
                          .openChildWorkflowExecutions(run.openChildren)
                          .openLambdaFunctions(0))
              .latestActivityTaskTimestamp(
                  run.latestActivityMs == null ? null : Instant.ofEpochMilli(run.latestActivityMs))
              .latestExecutionContext(run.latestContext)
              .build();
        });
  }

  static WorkflowExecutionInfo info(Run run) {
    return WorkflowExecutionInfo.builder()
        .execution(run.execution())
        .workflowType(run.workflowType())
        .startTimestamp(Instant.ofEpochMilli(run.startMs))
        .closeTimestamp(run.closeMs == null ? null : Instant.ofEpochMilli(run.closeMs))
        .executionStatus(run.open ? "OPEN" : "CLOSED")
        .closeStatus(run.closeStatus == null ? null : run.closeStatus.name())
        .parent(
            run.parentRunId == null
                ? null
                : WorkflowExecution.builder()
                    .workflowId(run.parentWorkflowId)
                    .runId(run.parentRunId)
                    .build())
        .tagList(RunLifecycle.tags(run.tags))
        .cancelRequested(run.cancelRequested)
        .build();
  }

  // ---------------------------------------------------------------- filters

  /** The list or count filter of a request, checked as SWF checks it. */
  private static final class FilterBuilder {
    final String domain;
    final boolean open;
    Instant startedFrom;
    Instant startedTo;
    Instant closedFrom;
    Instant closedTo;
    String workflowId;
    String typeName;
    String typeVersion;
    String tag;
    String closeStatus;
    int exclusive;

    FilterBuilder(String domain, boolean open) {
      this.domain = domain;
      this.open = open;
    }

    /** The oldest and latest dates of {@code f} (null if no filter). */
    static Instant[] range(ExecutionTimeFilter f, String member) {
      if (f == null) {
        return new Instant[2];
      }
      return new Instant[] {Check.required(f.oldestDate(), member + ".oldestDate"), f.latestDate()};
    }

    void started(ExecutionTimeFilter f) {
      Instant[] r = range(f, "startTimeFilter");
      startedFrom = r[0];
      startedTo = r[1];
    }

    void closed(ExecutionTimeFilter f) {
      Instant[] r = range(f, "closeTimeFilter");
      closedFrom = r[0];
      closedTo = r[1];
    }

    void workflowId(WorkflowExecutionFilter f) {
      if (f != null) {
        exclusive++;
        workflowId = Check.required(f.workflowId(), "executionFilter.workflowId");
      }
    }

    void type(WorkflowTypeFilter f) {
      if (f != null) {
        exclusive++;
        typeName = Check.required(f.name(), "typeFilter.name");
        typeVersion = f.version();
      }
    }

    void tag(TagFilter f) {
      if (f != null) {
        exclusive++;
        tag = Check.required(f.tag(), "tagFilter.tag");
      }
    }

    void closeStatus(CloseStatusFilter f) {
      if (f != null) {
        exclusive++;
        closeStatus = Check.required(f.statusAsString(), "closeStatusFilter.status");
      }
    }

    RunTable.Filter build(String exclusiveMembers) {
      if (exclusive > 1) {
        throw SwfFaults.validation(
            exclusiveMembers + " are mutually exclusive: set at most one of them");
      }
      return new RunTable.Filter(
          domain,
          open,
          startedFrom,
          startedTo,
          closedFrom,
          closedTo,
          workflowId,
          typeName,
          typeVersion,
          tag,
          closeStatus);
    }
  }

  private RunTable.Filter openFilter(
      Tx tx,
      String domain,
      ExecutionTimeFilter start,
      WorkflowExecutionFilter execution,
      WorkflowTypeFilter type,
      TagFilter tag) {
    Check.required(domain, "domain");
    Check.required(start, "startTimeFilter");
    FilterBuilder f = new FilterBuilder(domain, true);
    f.started(start);
    f.workflowId(execution);
    f.type(type);
    f.tag(tag);
    RunTable.Filter filter = f.build("executionFilter, typeFilter and tagFilter");
    domains.require(tx, domain);
    return filter;
  }

  private RunTable.Filter closedFilter(
      Tx tx,
      String domain,
      ExecutionTimeFilter start,
      ExecutionTimeFilter close,
      WorkflowExecutionFilter execution,
      CloseStatusFilter status,
      WorkflowTypeFilter type,
      TagFilter tag) {
    Check.required(domain, "domain");
    if ((start == null) == (close == null)) {
      throw SwfFaults.validation("Set exactly one of startTimeFilter and closeTimeFilter");
    }
    FilterBuilder f = new FilterBuilder(domain, false);
    f.started(start);
    f.closed(close);
    f.workflowId(execution);
    f.closeStatus(status);
    f.type(type);
    f.tag(tag);
    RunTable.Filter filter =
        f.build("executionFilter, closeStatusFilter, typeFilter and tagFilter");
    domains.require(tx, domain);
    return filter;
  }

  private record Listing(List<WorkflowExecutionInfo> infos, String nextPageToken) {}

  private Listing list(
      Tx tx, RunTable.Filter f, String token, Integer pageSize, Boolean reverseOrder) {
    int max = Check.pageSize(pageSize);
    long offset = engine.tokens.offset(token);
    List<Run> runs = tx.runs().list(f, Boolean.TRUE.equals(reverseOrder), max, offset);
    List<WorkflowExecutionInfo> infos = new ArrayList<>();
    for (Run run : runs.subList(0, Math.min(max, runs.size()))) {
      infos.add(info(run));
    }
    return new Listing(
        infos, runs.size() > max ? engine.tokens.encode("l", Long.toString(offset + max)) : null);
  }

  ListOpenWorkflowExecutionsResponse listOpenWorkflowExecutions(
      ListOpenWorkflowExecutionsRequest r) {
    return engine.tx(
        tx -> {
          RunTable.Filter f =
              openFilter(
                  tx,
                  r.domain(),
                  r.startTimeFilter(),
                  r.executionFilter(),
                  r.typeFilter(),
                  r.tagFilter());
          Listing l = list(tx, f, r.nextPageToken(), r.maximumPageSize(), r.reverseOrder());
          return ListOpenWorkflowExecutionsResponse.builder()
              .executionInfos(l.infos())
              .nextPageToken(l.nextPageToken())
              .build();
        });
  }

  ListClosedWorkflowExecutionsResponse listClosedWorkflowExecutions(
      ListClosedWorkflowExecutionsRequest r) {
    return engine.tx(
        tx -> {
          RunTable.Filter f =
              closedFilter(
                  tx,
                  r.domain(),
                  r.startTimeFilter(),
                  r.closeTimeFilter(),
                  r.executionFilter(),
                  r.closeStatusFilter(),
                  r.typeFilter(),
                  r.tagFilter());
          Listing l = list(tx, f, r.nextPageToken(), r.maximumPageSize(), r.reverseOrder());
          return ListClosedWorkflowExecutionsResponse.builder()
              .executionInfos(l.infos())
              .nextPageToken(l.nextPageToken())
              .build();
        });
  }

  CountOpenWorkflowExecutionsResponse countOpenWorkflowExecutions(
      CountOpenWorkflowExecutionsRequest r) {
    return engine.tx(
        tx -> {
          RunTable.Filter f =
              openFilter(
                  tx,
                  r.domain(),
                  r.startTimeFilter(),
                  r.executionFilter(),
                  r.typeFilter(),
                  r.tagFilter());
          return CountOpenWorkflowExecutionsResponse.builder()
              .count(tx.runs().count(f))
              .truncated(false)
              .build();
        });
  }

  CountClosedWorkflowExecutionsResponse countClosedWorkflowExecutions(
      CountClosedWorkflowExecutionsRequest r) {
    return engine.tx(
        tx -> {
          RunTable.Filter f =
              closedFilter(
                  tx,
                  r.domain(),
                  r.startTimeFilter(),
                  r.closeTimeFilter(),
                  r.executionFilter(),
                  r.closeStatusFilter(),
                  r.typeFilter(),
                  r.tagFilter());
          return CountClosedWorkflowExecutionsResponse.builder()
              .count(tx.runs().count(f))
              .truncated(false)
              .build();
        });
  }

  CountPendingActivityTasksResponse countPendingActivityTasks(CountPendingActivityTasksRequest r) {
    String domain = Check.required(r.domain(), "domain");
    String list = taskList(r.taskList());
    int n =
        engine.tx(
            tx -> {
              domains.require(tx, domain);
              return tx.activities().countScheduled(domain, list);
            });
    return CountPendingActivityTasksResponse.builder().count(n).truncated(false).build();
  }

  CountPendingDecisionTasksResponse countPendingDecisionTasks(CountPendingDecisionTasksRequest r) {
    String domain = Check.required(r.domain(), "domain");
    String list = taskList(r.taskList());
    int n =
        engine.tx(
            tx -> {
              domains.require(tx, domain);
              return tx.runs().countScheduledDecisionTasks(domain, list);
            });
    return CountPendingDecisionTasksResponse.builder().count(n).truncated(false).build();
  }

  private static String taskList(TaskList taskList) {
    return Check.name(Check.required(taskList, "taskList").name(), "taskList.name");
  }
}
