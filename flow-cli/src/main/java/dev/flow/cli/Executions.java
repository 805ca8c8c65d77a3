package dev.flow.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.ExecutionTimeFilter;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionFilter;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

/** Finding an execution's run and reading its whole history. */
final class Executions {
  private Executions() {}

  /**
   * The run {@code runId} of {@code workflowId}, or without a run id: the open run if there is one,
   * else the most recently started closed one.
   */
  static WorkflowExecution find(Engine engine, String workflowId, String runId) {
    if (runId != null) {
      return WorkflowExecution.builder().workflowId(workflowId).runId(runId).build();
    }
    List<WorkflowExecutionInfo> runs = latest(engine, workflowId, true);
    if (runs.isEmpty()) {
      runs = latest(engine, workflowId, false);
    }
    if (!runs.isEmpty()) {
      return runs.get(0).execution();
    }
    throw new CliException(
        "no execution with workflow id '"
            + workflowId
            + "' in domain '"
            + engine.domain()
            + "' of "
            + engine.name()
            + ": check the id with `flow list`, or the --engine and --domain");
  }

  /** The most recently started open (or closed) run of {@code workflowId}, if any. */
  private static List<WorkflowExecutionInfo> latest(
      Engine engine, String workflowId, boolean open) {
    ExecutionTimeFilter always = ExecutionTimeFilter.builder().oldestDate(Instant.EPOCH).build();
    WorkflowExecutionFilter byId = WorkflowExecutionFilter.builder().workflowId(workflowId).build();
    SwfClient swf = engine.swf();
    return open
        ? swf.listOpenWorkflowExecutions(
                r ->
                    r.domain(engine.domain())
                        .startTimeFilter(always)
                        .executionFilter(byId)
                        .maximumPageSize(1))
            .executionInfos()
        : swf.listClosedWorkflowExecutions(
                r ->
                    r.domain(engine.domain())
                        .startTimeFilter(always)
                        .executionFilter(byId)
                        .maximumPageSize(1))
            .executionInfos();
  }

  /** The whole history of {@code execution}, every page. */
  static List<HistoryEvent> history(Engine engine, WorkflowExecution execution) {
    List<HistoryEvent> events = new ArrayList<>();
    String token = null;
    do {
      String page = token;
      GetWorkflowExecutionHistoryResponse r =
          engine
              .swf()
              .getWorkflowExecutionHistory(
                  b ->
                      b.domain(engine.domain())
                          .execution(execution)
                          .maximumPageSize(1000)
                          .nextPageToken(page));
      events.addAll(r.events());
      token = r.nextPageToken();
    } while (token != null && !token.isEmpty());
    return events;
  }

  /** The history of {@code execution} decoded. */
  static ExecutionHistory decoded(Engine engine, WorkflowExecution execution) {
    return ExecutionHistory.of(history(engine, execution));
  }
}
