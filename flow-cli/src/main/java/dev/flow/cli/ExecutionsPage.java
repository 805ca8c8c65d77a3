package dev.flow.cli;

import static dev.flow.cli.WebPage.blankToNull;
import static dev.flow.cli.WebPage.page;

import com.sun.net.httpserver.HttpExchange;
import dev.flow.cli.ExecutionHistory.Blocked;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

/**
 * The executions page: a domain's executions, open ones first, filtered by status, type, tag,
 * workflow id, start time and (reading each history, so only when asked) blocked deciders, a page
 * of {@value #PAGE_SIZE} at a time. Open executions refresh every 5 s.
 */
final class ExecutionsPage {
  static final int PAGE_SIZE = 50;

  private final SwfClient swf;

  ExecutionsPage(SwfClient swf) {
    this.swf = swf;
  }

  private static final List<String> STATUSES =
      List.of(
          "open",
          "closed",
          "COMPLETED",
          "FAILED",
          "CANCELED",
          "TERMINATED",
          "TIMED_OUT",
          "CONTINUED_AS_NEW");

  void render(HttpExchange exchange, Map<String, String> q) throws IOException {
    String domain = blankToNull(q.get("domain"));
    if (domain == null) {
      domain = DomainsPage.defaultDomain(swf);
    }
    if (domain == null) {
      page(exchange, 200, "Executions", h -> h.el("p", "No domain is registered yet."));
      return;
    }
    String status = q.getOrDefault("status", "open");
    if (!STATUSES.contains(status)) {
      status = "open";
    }
    String type = blankToNull(q.get("type"));
    String tag = blankToNull(q.get("tag"));
    String id = blankToNull(q.get("id"));
    String since = blankToNull(q.get("since"));
    boolean blockedOnly = q.containsKey("blocked");
    String next = blankToNull(q.get("next"));
    Instant oldest = since == null ? Instant.EPOCH : Since.instant("since", since, Instant.now());
    List<WorkflowExecutionInfo> infos;
    String nextToken;
    boolean open = status.equals("open");
    if (open) {
      var response =
          swf.listOpenWorkflowExecutions(
              ListRequests.open(domain, oldest, PAGE_SIZE, next, id, type, tag));
      infos = response.executionInfos();
      nextToken = response.nextPageToken();
    } else {
      String closeStatus = status.equals("closed") ? null : status;
      var response =
          swf.listClosedWorkflowExecutions(
              ListRequests.closed(domain, oldest, PAGE_SIZE, next, id, closeStatus, type, tag));
      infos = response.executionInfos();
      nextToken = response.nextPageToken();
    }
    String d = domain;
    String s = status;
    page(
        exchange,
        200,
        "Executions",
        open ? 5 : 0,
        h -> {
          h.raw("<form method=\"get\" action=\"/executions\" class=\"filters\">")
              .raw("<input type=\"hidden\" name=\"domain\"")
              .attr("value", d)
              .raw(">")
              .raw("<label>Status <select name=\"status\">");
          for (String option : STATUSES) {
            h.raw("<option")
                .attr("value", option)
                .raw(option.equals(s) ? " selected" : "")
                .raw(">")
                .text(option.toLowerCase(Locale.ROOT).replace('_', ' '))
                .raw("</option>");
          }
          h.raw("</select></label>")
              .raw("<label>Type <input name=\"type\"")
              .attr("value", type == null ? "" : type)
              .raw("></label><label>Tag <input name=\"tag\"")
              .attr("value", tag == null ? "" : tag)
              .raw("></label><label>Workflow id <input name=\"id\"")
              .attr("value", id == null ? "" : id)
              .raw(
                  "></label><label>Since <input name=\"since\" placeholder=\"2h, 1d, ISO\""
                      + " size=\"8\"")
              .attr("value", since == null ? "" : since)
              .raw("></label><label><input type=\"checkbox\" name=\"blocked\"")
              .raw(blockedOnly ? " checked" : "")
              .raw("> blocked</label><button type=\"submit\" id=\"apply\">Filter</button></form>");
          if (open) {
            h.raw("<p class=\"note\">Open executions; this page refreshes every 5 s.</p>");
          }
          h.raw(
              "<table class=\"executions\"><tr><th>Workflow id</th><th>Type</th><th>Status</th>"
                  + "<th>Started</th><th>Closed</th><th>Tags</th></tr>");
          int shown = 0;
          for (WorkflowExecutionInfo i : infos) {
            if ((type != null && !type.equals(i.workflowType().name()))
                || (tag != null && !i.tagList().contains(tag))
                || (!open && !s.equals("closed") && !s.equals(i.closeStatusAsString()))) {
              continue;
            }
            Blocked blocked = null;
            if (blockedOnly) { // reads each history: only when asked, as `flow list --blocked`
              blocked = ExecutionHistory.of(ExecutionPage.history(swf, d, i.execution())).blocked();
              if (blocked == null) {
                continue;
              }
            }
            shown++;
            h.raw("<tr class=\"execution\"><td><a")
                .attr(
                    "href",
                    ExecutionPage.href(d, i.execution().workflowId(), i.execution().runId()))
                .raw(">")
                .text(i.execution().workflowId())
                .raw("</a></td>")
                .el("td", i.workflowType().name() + " " + i.workflowType().version())
                .raw("<td>")
                .text(
                    i.executionStatusAsString().equals("OPEN")
                        ? "open"
                        : i.closeStatusAsString().toLowerCase(Locale.ROOT));
            if (blocked != null) {
              h.raw(" <span class=\"blocked\">blocked: ").text(blocked.reason()).raw("</span>");
            }
            h.raw("</td>")
                .el("td", Format.time(i.startTimestamp()))
                .el("td", i.closeTimestamp() == null ? "" : Format.time(i.closeTimestamp()))
                .el("td", String.join(", ", i.tagList()))
                .raw("</tr>");
          }
          h.raw("</table>");
          if (shown == 0) {
            h.el("p class=\"note\"", "No execution matches.");
          }
          if (nextToken != null) {
            StringBuilder href =
                new StringBuilder("/executions?domain=")
                    .append(Html.q(d))
                    .append("&status=")
                    .append(Html.q(s))
                    .append("&next=")
                    .append(Html.q(nextToken));
            for (String k : new String[] {"type", "tag", "id", "since"}) {
              if (q.get(k) != null) {
                href.append('&').append(k).append('=').append(Html.q(q.get(k)));
              }
            }
            if (blockedOnly) {
              href.append("&blocked=on");
            }
            h.raw("<p><a id=\"next\"").attr("href", href).raw(">Next page</a></p>");
          }
        });
  }
}
