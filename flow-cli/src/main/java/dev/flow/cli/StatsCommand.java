package dev.flow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flow.cli.ExecutionStats.ActivityType;
import dev.flow.cli.ExecutionStats.Percentiles;
import dev.flow.cli.ExecutionStats.Step;
import dev.flow.cli.ExecutionStats.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.swf.model.ExecutionTimeFilter;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.ListOpenWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

/** {@code flow stats ID} and {@code flow stats --type T --since 1d}: where the time went. */
@Command(
    name = "stats",
    description = {
      "Where the time of an execution (ID), or of the executions of a type (--type), went: per"
          + " activity type the calls, attempts, failures, timeouts by kind, schedule-to-start and"
          + " start-to-close p50/p95/max; the slowest tasks; the critical path (one execution);"
          + " and the wall time split by what it waited for: deciders, workers, children, timers,"
          + " other (signals)."
    })
final class StatsCommand extends CliCommand {
  @Parameters(arity = "0..1", paramLabel = "ID", description = "the workflow id")
  String workflowId;

  @Option(
      names = "--run",
      paramLabel = "RUN_ID",
      description = "the run [default: the open run, else the latest]")
  String runId;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description = "all executions of this workflow type instead of one")
  String type;

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      defaultValue = "1d",
      description = "with --type: executions started since (2h, 1d, ISO-8601) [default 1d]")
  String since;

  @Option(
      names = "--max-executions",
      paramLabel = "N",
      defaultValue = "1000",
      description = "with --type: read at most N executions, newest first [default 1000]")
  int maxExecutions;

  @Option(
      names = "--slowest",
      paramLabel = "N",
      defaultValue = "5",
      description = "how many of the slowest tasks to show [default ${DEFAULT-VALUE}]")
  int slowest;

  @Option(
      names = "--json",
      description =
          "print {executions, wall, activityTypes: [{type, calls, attempts, failures, timeouts,"
              + " scheduleToStart, startToClose}], slowest, criticalPath, criticalPathFrom,"
              + " waiting}; durations in milliseconds, percentiles as {count, p50Ms, p95Ms,"
              + " maxMs}")
  boolean json;

  @Override
  int run() {
    if ((workflowId == null) == (type == null)) {
      throw CliException.usage(
          "give an execution (flow stats ID) or a type (flow stats --type TYPE --since 1d)");
    }
    List<ExecutionHistory> histories = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    try (Engine engine = engine()) {
      if (workflowId != null) {
        WorkflowExecution execution = Executions.find(engine, workflowId, runId);
        histories.add(Executions.decoded(engine, execution));
        ids.add(workflowId);
      } else {
        Instant oldest = Since.instant("--since", since, Instant.now());
        for (WorkflowExecutionInfo i : executions(engine, oldest)) {
          histories.add(Executions.decoded(engine, i.execution()));
          ids.add(i.execution().workflowId());
        }
        if (histories.isEmpty()) {
          throw new CliException(
              "no executions of type '"
                  + type
                  + "' started since "
                  + since
                  + " in domain '"
                  + engine.domain()
                  + "': try a longer --since, or see `flow list`");
        }
      }
    }
    ExecutionStats stats = ExecutionStats.of(histories, ids, slowest);
    if (json) {
      printJson(json(stats));
    } else {
      print(stats);
    }
    return 0;
  }

  private List<WorkflowExecutionInfo> executions(Engine engine, Instant oldest) {
    List<WorkflowExecutionInfo> out = new ArrayList<>();
    ExecutionTimeFilter filter = ExecutionTimeFilter.builder().oldestDate(oldest).build();
    String token = null;
    do {
      String page = token;
      ListClosedWorkflowExecutionsResponse r =
          engine
              .swf()
              .listClosedWorkflowExecutions(
                  b ->
                      b.domain(engine.domain())
                          .startTimeFilter(filter)
                          .typeFilter(f -> f.name(type))
                          .nextPageToken(page)
                          .maximumPageSize(Math.min(1000, maxExecutions - out.size())));
      out.addAll(r.executionInfos());
      token = r.nextPageToken();
    } while (token != null && out.size() < maxExecutions);
    token = null;
    do {
      if (out.size() >= maxExecutions) {
        break;
      }
      String page = token;
      ListOpenWorkflowExecutionsResponse r =
          engine
              .swf()
              .listOpenWorkflowExecutions(
                  b ->
                      b.domain(engine.domain())
                          .startTimeFilter(filter)
                          .typeFilter(f -> f.name(type))
                          .nextPageToken(page)
                          .maximumPageSize(Math.min(1000, maxExecutions - out.size())));
      out.addAll(r.executionInfos());
      token = r.nextPageToken();
    } while (token != null);
    return out;
  }

  static ObjectNode json(Percentiles p) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("count", p.count());
    o.put("p50Ms", p.p50() == null ? null : p.p50().toMillis());
    o.put("p95Ms", p.p95() == null ? null : p.p95().toMillis());
    o.put("maxMs", p.max() == null ? null : p.max().toMillis());
    return o;
  }

  static ObjectNode json(ExecutionStats s) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("executions", s.executions());
    o.set("wall", json(s.wall()));
    ArrayNode types = o.putArray("activityTypes");
    for (ActivityType t : s.activityTypes()) {
      ObjectNode a = types.addObject();
      a.put("type", t.type());
      a.put("calls", t.calls());
      a.put("attempts", t.attempts());
      a.put("failures", t.failures());
      ObjectNode timeouts = a.putObject("timeouts");
      t.timeouts().forEach(timeouts::put);
      a.set("scheduleToStart", json(t.scheduleToStart()));
      a.set("startToClose", json(t.startToClose()));
    }
    ArrayNode slow = o.putArray("slowest");
    for (Task t : s.slowest()) {
      ObjectNode a = slow.addObject();
      a.put("workflowId", t.workflowId());
      a.put("activityId", t.activityId());
      a.put("label", t.label());
      a.put(
          "scheduleToStartMs", t.scheduleToStart() == null ? null : t.scheduleToStart().toMillis());
      a.put("startToCloseMs", t.startToClose().toMillis());
      a.put("outcome", t.outcome().name());
    }
    ArrayNode path = o.putArray("criticalPath");
    for (Step step : s.criticalPath()) {
      path.addObject()
          .put("call", step.key())
          .put("label", step.label())
          .put("durationMs", step.duration().toMillis())
          .put("outcome", step.outcome().name());
    }
    o.put(
        "criticalPathFrom",
        s.executions() != 1 ? null : s.criticalPathFromControl() ? "control" : "timeline");
    ObjectNode w = o.putObject("waiting");
    w.put("decidersMs", s.waiting().deciders().toMillis());
    w.put("workersMs", s.waiting().workers().toMillis());
    w.put("childrenMs", s.waiting().children().toMillis());
    w.put("timersMs", s.waiting().timers().toMillis());
    w.put("otherMs", s.waiting().other().toMillis());
    return o;
  }

  private void print(ExecutionStats s) {
    var p = out();
    if (s.executions() == 1) {
      p.println("wall time " + Format.duration(s.wall().max()));
    } else {
      p.println(
          s.executions()
              + " executions, wall time p50 "
              + Format.duration(s.wall().p50())
              + ", p95 "
              + Format.duration(s.wall().p95())
              + ", max "
              + Format.duration(s.wall().max()));
    }
    p.println();
    if (s.activityTypes().isEmpty()) {
      p.println("no activities");
    } else {
      Table t =
          new Table(
              "ACTIVITY TYPE",
              "CALLS",
              "ATTEMPTS",
              "FAILED",
              "TIMED OUT",
              "TO START p50/p95/max",
              "RUNNING p50/p95/max");
      for (ActivityType a : s.activityTypes()) {
        List<String> timeouts = new ArrayList<>();
        a.timeouts().forEach((k, v) -> timeouts.add(v + " " + k));
        t.row(
            a.type(),
            a.calls(),
            a.attempts(),
            a.failures(),
            timeouts.isEmpty() ? "0" : String.join(", ", timeouts),
            triple(a.scheduleToStart()),
            triple(a.startToClose()));
      }
      t.print(p);
    }
    if (!s.slowest().isEmpty()) {
      p.println();
      Table t = new Table("SLOWEST TASK", "CALL", "TO START", "RUNNING", "OUTCOME");
      for (Task task : s.slowest()) {
        t.row(
            (s.executions() > 1 ? task.workflowId() + " " : "") + task.activityId(),
            task.label(),
            Format.duration(task.scheduleToStart()),
            Format.duration(task.startToClose()),
            task.outcome().text());
      }
      t.print(p);
    }
    if (!s.criticalPath().isEmpty()) {
      p.println();
      Table t =
          new Table(
              "CRITICAL PATH"
                  + (s.criticalPathFromControl()
                      ? ""
                      : " (inferred from times: no dependencies recorded)"),
              "CALL",
              "TOOK",
              "OUTCOME");
      for (Step step : s.criticalPath()) {
        t.row(step.key(), step.label(), Format.duration(step.duration()), step.outcome().text());
      }
      t.print(p);
    }
    p.println();
    ExecutionStats.Waiting w = s.waiting();
    Duration total =
        w.deciders().plus(w.workers()).plus(w.children()).plus(w.timers()).plus(w.other());
    p.println(
        "waiting for: deciders "
            + share(w.deciders(), total)
            + ", workers "
            + share(w.workers(), total)
            + ", children "
            + share(w.children(), total)
            + ", timers "
            + share(w.timers(), total)
            + ", other "
            + share(w.other(), total));
  }

  private static String triple(Percentiles p) {
    if (p.count() == 0) {
      return "-";
    }
    return Format.duration(p.p50())
        + " / "
        + Format.duration(p.p95())
        + " / "
        + Format.duration(p.max());
  }

  private static String share(Duration d, Duration total) {
    long percent = total.isZero() ? 0 : Math.round(100.0 * d.toMillis() / total.toMillis());
    return Format.duration(d) + " (" + percent + "%)";
  }
}
