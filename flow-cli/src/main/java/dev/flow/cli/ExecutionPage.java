package dev.flow.cli;

import static dev.flow.cli.WebPage.blankToNull;
import static dev.flow.cli.WebPage.page;

import com.sun.net.httpserver.HttpExchange;
import dev.flow.FlowClient;
import dev.flow.cli.ExecutionHistory.Blocked;
import dev.flow.cli.ExecutionHistory.Call;
import dev.flow.history.SwfJson;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowExecutionResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * The page of one execution: its summary (status, times, input, result or failure), why its decider
 * is blocked, the forms of the actions on it, its children, its pending work, its graph, its
 * timeline and its whole history. It does not refresh: the forms would lose their input.
 */
final class ExecutionPage {
  private final SwfClient swf;

  ExecutionPage(SwfClient swf) {
    this.swf = swf;
  }

  /** The link to an execution's page (its current or latest run when {@code runId} is null). */
  static String href(String domain, String workflowId, String runId) {
    return "/execution?domain="
        + Html.q(domain)
        + "&id="
        + Html.q(workflowId)
        + (runId == null ? "" : "&run=" + Html.q(runId));
  }

  /** The whole history of {@code execution}, every page of it. */
  static List<HistoryEvent> history(SwfClient swf, String domain, WorkflowExecution execution) {
    try (Engine engine = Engine.over("web", FlowClient.builder().swf(swf).domain(domain).build())) {
      return Executions.history(engine, execution);
    }
  }

  /** {@code token}: the CSRF token the action forms carry. */
  void render(HttpExchange exchange, Map<String, String> q, String token) throws IOException {
    String domain = q.getOrDefault("domain", DomainsPage.defaultDomain(swf));
    WorkflowExecution run;
    try (Engine engine = Engine.over("web", FlowClient.builder().swf(swf).domain(domain).build())) {
      run = Executions.find(engine, q.getOrDefault("id", ""), blankToNull(q.get("run")));
    } catch (CliException e) {
      page(exchange, 404, "No such execution", h -> h.el("p", e.getMessage()));
      return;
    }
    DescribeWorkflowExecutionResponse d =
        swf.describeWorkflowExecution(r -> r.domain(domain).execution(run));
    ExecutionHistory h = ExecutionHistory.of(history(swf, domain, run));
    var summary = DescribeCommand.describe(d, h);
    Instant now = Instant.now();
    boolean open = !h.isClosed();
    String done = q.get("done");
    page(
        exchange,
        200,
        run.workflowId(),
        0, // no refresh: the forms of this page would lose their input
        p -> {
          if (done != null) {
            p.raw("<p class=\"done\">").text(done).raw("</p>");
          }
          p.raw("<section class=\"summary\"><table>");
          row(p, "Workflow id", run.workflowId());
          row(p, "Run id", run.runId());
          row(p, "Type", h.workflowType() + " " + h.workflowVersion());
          p.raw("<tr><th>Status</th><td id=\"status\">").text(summary.path("status").asText());
          Blocked b = h.blocked();
          if (b != null) {
            p.raw(" <span class=\"blocked\">decider blocked</span>");
          }
          p.raw("</td></tr>");
          row(p, "Started", Format.time(h.startTime()) + " UTC");
          row(
              p,
              h.isClosed() ? "Closed" : "Running for",
              h.isClosed()
                  ? Format.time(h.endTime())
                      + " UTC, after "
                      + Format.duration(Duration.between(h.startTime(), h.endTime()))
                  : Format.duration(Duration.between(h.startTime(), now)));
          row(p, "Task list", summary.path("taskList").asText());
          row(p, "Tags", String.join(", ", d.executionInfo().tagList()));
          if (summary.path("parent").isObject()) {
            String pid = summary.path("parent").path("workflowId").asText();
            String prun = summary.path("parent").path("runId").asText();
            p.raw("<tr><th>Parent</th><td><a id=\"parent\"")
                .attr("href", href(domain, pid, prun))
                .raw(">")
                .text(pid)
                .raw("</a></td></tr>");
          }
          payloadRow(p, "Input", summary.path("input").asText(""));
          if (summary.path("result").isTextual()) {
            payloadRow(p, "Result", summary.path("result").asText());
          }
          if (summary.path("failure").isObject()) {
            payloadRow(
                p,
                "Failure",
                summary.path("failure").path("reason").asText()
                    + "\n"
                    + summary.path("failure").path("details").asText(""));
          }
          p.raw("</table></section>");
          if (b != null) {
            p.raw("<section class=\"blocked-reason\" id=\"blocked\"><h2>Decider blocked</h2><p>")
                .text(b.reason() + ": " + b.message())
                .raw("</p>");
            if (b.where() != null) {
              p.raw("<p>at ").el("code", b.where()).raw("</p>");
            }
            if (b.worker() != null) {
              p.raw("<p>on worker ").text(b.worker()).raw("</p>");
            }
            p.el("p", "Deploy the fixed code: the next decision takes the execution up again.")
                .raw("</section>");
          }
          if (open) {
            ExecutionActions.forms(p, domain, run, token);
          } else {
            ExecutionActions.resumeForm(p, domain, run, token);
          }
          List<Call> children =
              h.calls().stream().filter(c -> c.kind() == ExecutionHistory.Kind.CHILD).toList();
          if (!children.isEmpty()) {
            p.raw("<section><h2>Children</h2><ul class=\"children\">");
            for (Call c : children) {
              p.raw("<li><a")
                  .attr("href", href(domain, c.id(), null))
                  .raw(">")
                  .text(c.id())
                  .raw("</a> ")
                  .text(c.label() + ": " + c.outcome().text())
                  .raw("</li>");
            }
            p.raw("</ul></section>");
          }
          List<Call> pending =
              h.calls().stream()
                  .filter(c -> !c.internal() && c.outcome() == ExecutionHistory.Outcome.OPEN)
                  .toList();
          p.raw("<section><h2>Pending work</h2>");
          if (pending.isEmpty()) {
            p.el("p class=\"note\"", "Nothing is pending.");
          } else {
            p.raw(
                "<table"
                    + " class=\"pending\"><tr><th>Call</th><th>Id</th><th>Attempt</th><th>State</th>"
                    + "</tr>");
            for (Call c : pending) {
              var a = c.last();
              p.raw("<tr>")
                  .el("td", c.label())
                  .el("td", a.id())
                  .el("td", c.attempts().size())
                  .el(
                      "td",
                      a.started() != null
                          ? "running for "
                              + Format.duration(Duration.between(a.started(), now))
                              + " on "
                              + a.worker()
                          : "waiting " + Format.duration(Duration.between(a.scheduled(), now)))
                  .raw("</tr>");
            }
            p.raw("</table>");
          }
          p.raw("</section><section><h2>Graph</h2>");
          ExecutionGraph graph = ExecutionGraph.of(h);
          if (!graph.hasDependencies()) {
            p.el("p class=\"note\"", "No dependencies were recorded: the calls in timeline order.");
          }
          Drawings.graph(p, graph);
          p.raw("</section><section><h2>Timeline</h2>");
          Drawings.timeline(p, h, now);
          p.raw(
              "</section><section><h2>History</h2><table class=\"history\"><tr><th>#</th>"
                  + "<th>Time</th><th>Event</th><th>Details</th></tr>");
          for (HistoryEvent e : h.events()) {
            String json = SwfJson.toText(e);
            p.raw("<tr")
                .attr("id", "e" + e.eventId())
                .raw(">")
                .el("td", e.eventId())
                .el("td", Format.time(e.eventTimestamp()))
                .el("td", e.eventTypeAsString())
                .raw("<td><details><summary>")
                .text(Format.excerpt(attributes(json), 90))
                .raw("</summary><pre>")
                .text(json)
                .raw("</pre></details></td></tr>");
          }
          p.raw("</table></section>");
        });
  }

  /** The event's attributes as JSON text, without the envelope the table shows already. */
  private static String attributes(String json) {
    int i = json.indexOf("Attributes\":");
    return i < 0 ? json : json.substring(i + "Attributes\":".length(), json.length() - 1);
  }

  private static void row(Html p, String name, String value) {
    p.raw("<tr>").el("th", name).el("td", value).raw("</tr>");
  }

  private static void payloadRow(Html p, String name, String value) {
    p.raw("<tr>")
        .el("th", name)
        .raw("<td><details><summary>")
        .text(Format.excerpt(value, 100))
        .raw("</summary><pre>")
        .text(value)
        .raw("</pre></details></td></tr>");
  }
}
