package dev.flow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.ListOpenWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

/** {@code flow list}: executions, newest first, a page at a time. */
@Command(
    name = "list",
    description = {
      "List executions, most recently started first: open ones, then closed ones (or only one"
          + " kind), a page at a time.",
      "SWF filters by one of type, tag, status or id per request; the others are applied to the"
          + " page here."
    })
final class ListCommand extends CliCommand {
  static final Set<String> STATUSES =
      Set.of(
          "OPEN", "COMPLETED", "FAILED", "CANCELED", "TERMINATED", "CONTINUED_AS_NEW", "TIMED_OUT");

  static final class Which {
    @Option(names = "--open", description = "only open executions")
    boolean open;

    @Option(names = "--closed", description = "only closed executions")
    boolean closed;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Which which = new Which();

  @Option(names = "--type", paramLabel = "TYPE", description = "only this workflow type")
  String type;

  @Option(names = "--tag", paramLabel = "TAG", description = "only executions with this tag")
  String tag;

  @Option(names = "--id", paramLabel = "ID", description = "only runs of this workflow id")
  String id;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      description = "OPEN, COMPLETED, FAILED, CANCELED, TERMINATED, CONTINUED_AS_NEW or TIMED_OUT")
  String status;

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      description = "only executions started since: 2h, 1d, or an ISO-8601 time")
  String since;

  @Option(
      names = "--blocked",
      description =
          "only open executions whose decider is blocked, with the reason (reads each history)")
  boolean blocked;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "at most N executions per page (1 to 1000) [default ${DEFAULT-VALUE}]")
  int limit;

  @Option(
      names = "--page",
      paramLabel = "TOKEN",
      description = "the next page, as the previous page printed it (with --open or --closed)")
  String page;

  @Option(
      names = "--json",
      description =
          "print {\"executions\": [{workflowId, runId, type, version, status, startTime,"
              + " closeTime, tags, parent, blocked}], \"nextPageToken\"}")
  boolean json;

  /** One row. */
  record Row(WorkflowExecutionInfo info, ExecutionHistory.Blocked blocked) {}

  @Override
  int run() {
    if (limit < 1 || limit > 1000) {
      throw CliException.usage("--limit: expected 1 to 1000, was " + limit);
    }
    String wanted = status == null ? null : status.toUpperCase(Locale.ROOT);
    if (wanted != null && !STATUSES.contains(wanted)) {
      throw CliException.usage(
          "--status: expected one of OPEN, COMPLETED, FAILED, CANCELED, TERMINATED,"
              + " CONTINUED_AS_NEW, TIMED_OUT; got '"
              + status
              + "'");
    }
    boolean open = which.open || blocked || "OPEN".equals(wanted);
    boolean closed = which.closed || (wanted != null && !"OPEN".equals(wanted));
    if (open && closed) {
      throw CliException.usage(
          "--open, --blocked or --status OPEN select open executions; --closed or a close status"
              + " select closed ones: choose one side");
    }
    if (page != null && !open && !closed) {
      throw CliException.usage("--page needs --open or --closed (the page of which list)");
    }
    Instant oldest = since == null ? Instant.EPOCH : Since.instant("--since", since, Instant.now());
    List<Row> rows = new ArrayList<>();
    String next = null;
    String nextSide = null;
    try (Engine engine = engine()) {
      if (!closed) {
        next = listOpen(engine, oldest, rows, limit);
        nextSide = "--open";
      }
      if (!open && rows.size() < limit) {
        next = listClosed(engine, oldest, wanted, rows, limit - rows.size(), open || closed);
        nextSide = "--closed";
      }
    }
    if (json) {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      ArrayNode array = root.putArray("executions");
      rows.forEach(r -> array.add(json(r.info(), r.blocked())));
      root.put("nextPageToken", next);
      printJson(root);
      return 0;
    }
    if (rows.isEmpty()) {
      out()
          .println(
              "no "
                  + (blocked ? "blocked " : open ? "open " : closed ? "closed " : "")
                  + "executions match in domain "
                  + root().domain());
      return 0;
    }
    Table t = new Table("WORKFLOW ID", "RUN ID", "TYPE", "STATUS", "STARTED (UTC)", "DURATION");
    Instant now = Instant.now();
    for (Row r : rows) {
      WorkflowExecutionInfo i = r.info();
      Instant end = i.closeTimestamp() != null ? i.closeTimestamp() : now;
      t.row(
          i.execution().workflowId(),
          i.execution().runId(),
          i.workflowType().name() + " " + i.workflowType().version(),
          r.blocked() != null ? "BLOCKED (" + r.blocked().reason() + ")" : status(i),
          Format.time(i.startTimestamp()),
          Format.duration(Duration.between(i.startTimestamp(), end)));
    }
    t.print(out());
    if (next != null) {
      out().println("more: add " + (open || closed ? "" : nextSide + " ") + "--page " + next);
    }
    return 0;
  }

  static String status(WorkflowExecutionInfo i) {
    return i.closeStatus() != null ? i.closeStatusAsString() : i.executionStatusAsString();
  }

  static ObjectNode json(WorkflowExecutionInfo i, ExecutionHistory.Blocked blocked) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("workflowId", i.execution().workflowId());
    o.put("runId", i.execution().runId());
    o.put("type", i.workflowType().name());
    o.put("version", i.workflowType().version());
    o.put("status", status(i));
    o.put("startTime", Format.iso(i.startTimestamp()));
    o.put("closeTime", Format.iso(i.closeTimestamp()));
    ArrayNode tags = o.putArray("tags");
    i.tagList().forEach(tags::add);
    if (i.parent() != null) {
      o.putObject("parent")
          .put("workflowId", i.parent().workflowId())
          .put("runId", i.parent().runId());
    } else {
      o.putNull("parent");
    }
    if (Boolean.TRUE.equals(i.cancelRequested())) {
      o.put("cancelRequested", true);
    }
    o.set("blocked", blocked == null ? null : DescribeCommand.json(blocked));
    return o;
  }

  private String listOpen(Engine engine, Instant oldest, List<Row> rows, int max) {
    String token = page;
    do {
      ListOpenWorkflowExecutionsResponse response =
          engine
              .swf()
              .listOpenWorkflowExecutions(
                  ListRequests.open(
                      engine.domain(), oldest, max - rows.size(), token, id, type, tag));
      for (WorkflowExecutionInfo i : response.executionInfos()) {
        if (!matches(i, null)) {
          continue;
        }
        ExecutionHistory.Blocked b = null;
        if (blocked) {
          b = Executions.decoded(engine, i.execution()).blocked();
          if (b == null) {
            continue;
          }
        }
        rows.add(new Row(i, b));
      }
      token = response.nextPageToken();
    } while (token != null && rows.size() < max);
    return token;
  }

  private String listClosed(
      Engine engine, Instant oldest, String wanted, List<Row> rows, int max, boolean paged) {
    String token = paged ? page : null;
    int before = rows.size();
    do {
      ListClosedWorkflowExecutionsResponse response =
          engine
              .swf()
              .listClosedWorkflowExecutions(
                  ListRequests.closed(
                      engine.domain(),
                      oldest,
                      max - (rows.size() - before),
                      token,
                      id,
                      wanted,
                      type,
                      tag));
      for (WorkflowExecutionInfo i : response.executionInfos()) {
        if (matches(i, wanted)) {
          rows.add(new Row(i, null));
        }
      }
      token = response.nextPageToken();
    } while (token != null && rows.size() - before < max);
    return token;
  }

  private boolean matches(WorkflowExecutionInfo i, String wanted) {
    return (type == null || type.equals(i.workflowType().name()))
        && (tag == null || i.tagList().contains(tag))
        && (wanted == null || wanted.equals(status(i)));
  }
}
