package dev.flow.cli;

import com.sun.net.httpserver.HttpExchange;
import dev.flow.FlowClient;
import dev.flow.cli.ExecutionHistory.Blocked;
import dev.flow.cli.ExecutionHistory.Call;
import dev.flow.engine.WebPages;
import dev.flow.internal.SwfJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowExecutionResponse;
import software.amazon.awssdk.services.swf.model.DomainInfo;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.RegistrationStatus;
import software.amazon.awssdk.services.swf.model.SwfException;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

/**
 * The web view of {@code flow serve}: server-rendered pages (executions, an execution, domains,
 * types) read through the engine's own SWF client, and the actions signal, cancel, terminate and
 * resume as form POSTs. Every value goes through {@link Html}; every POST carries a CSRF token
 * bound to the session; the Content-Security-Policy allows no script at all.
 *
 * <p>With {@code --sigv4} (or {@code --ui-token}) nothing but the login page is served until the
 * visitor gives the key pair (or the token); a session cookie (HttpOnly, SameSite=Strict) then lets
 * them in until the server stops.
 */
final class WebView implements WebPages {
  private static final Logger LOG = LoggerFactory.getLogger(WebView.class);
  private static final String COOKIE = "flow_session";
  static final int PAGE_SIZE = 50;

  private final SwfClient swf;
  private final String credentials;
  private final String uiToken;
  private final Set<String> sessions = ConcurrentHashMap.newKeySet();
  private final byte[] csrfKey = new byte[32];
  private final SecureRandom random = new SecureRandom();

  WebView(SwfClient swf, String credentials, String uiToken) {
    this.swf = swf;
    this.credentials = credentials;
    this.uiToken = uiToken;
    random.nextBytes(csrfKey);
  }

  /** The factory {@code flow serve} hands the engine server. */
  static WebPages.Factory factory() {
    return WebView::new;
  }

  private boolean locked() {
    return credentials != null || uiToken != null;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      String session = session(exchange);
      boolean in = !locked() || (session != null && sessions.contains(session));
      if (path.equals("/style.css")) {
        send(exchange, 200, "text/css; charset=utf-8", STYLE);
        return;
      }
      if (path.equals("/login")) {
        login(exchange, method, session);
        return;
      }
      if (!in) {
        redirect(exchange, "/login");
        return;
      }
      Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
      if (method.equals("POST")) {
        Map<String, String> form = form(exchange);
        if (!csrfOk(exchange, form, session)) {
          page(
              exchange,
              403,
              "Refused",
              h ->
                  h.el(
                      "p",
                      "This form is stale or came from another site (its CSRF token does not"
                          + " match): reload the page and try again."));
          return;
        }
        act(exchange, path, form);
        return;
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        page(exchange, 405, "Not allowed", h -> h.el("p", method + " " + path));
        return;
      }
      switch (path) {
        case "/" -> redirect(exchange, "/executions");
        case "/executions" -> executions(exchange, q, session);
        case "/execution" -> execution(exchange, q, session);
        case "/domains" -> domains(exchange);
        case "/types" -> types(exchange, q);
        default ->
            page(
                exchange,
                404,
                "Not found",
                h ->
                    h.raw("<p>No page ")
                        .text(path)
                        .raw(". See <a href=\"/executions\">executions</a>.</p>"));
      }
    } catch (SwfException e) {
      page(
          exchange,
          400,
          "Cannot do that",
          h ->
              h.el(
                  "p",
                  e.awsErrorDetails() == null
                      ? e.getMessage()
                      : e.awsErrorDetails().errorMessage()));
    } catch (RuntimeException e) {
      LOG.warn("web view: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      page(exchange, 500, "Failed", h -> h.el("p", String.valueOf(e.getMessage())));
    }
  }

  // ------------------------------------------------------------------ auth

  private void login(HttpExchange exchange, String method, String session) throws IOException {
    if (!locked()) {
      redirect(exchange, "/executions");
      return;
    }
    String problem = null;
    if (method.equals("POST")) {
      Map<String, String> form = form(exchange);
      if (!csrfOk(exchange, form, session)) {
        problem = "stale form: try again";
      } else if (granted(form)) {
        String id = HexFormat.of().formatHex(bytes(32));
        sessions.add(id);
        exchange
            .getResponseHeaders()
            .add("Set-Cookie", COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict");
        redirect(exchange, "/executions");
        return;
      } else {
        problem = "those are not the server's credentials";
      }
    }
    String why = problem;
    String token = csrf(session);
    page(
        exchange,
        problem == null ? 401 : 403,
        "Sign in",
        h -> {
          h.raw("<p>This engine asks for the key pair it was started with (")
              .el("code", "--sigv4")
              .raw(") or its ")
              .el("code", "--ui-token")
              .raw(".</p>");
          if (why != null) {
            h.raw("<p class=\"error\">").text(why).raw("</p>");
          }
          h.raw("<form method=\"post\" action=\"/login\" class=\"login\">")
              .raw("<input type=\"hidden\" name=\"csrf\"")
              .attr("value", token)
              .raw(">")
              .raw("<label>Access key <input name=\"accessKey\" autocomplete=\"username\"></label>")
              .raw(
                  "<label>Secret key <input name=\"secretKey\" type=\"password\""
                      + " autocomplete=\"current-password\"></label>")
              .raw("<label>or UI token <input name=\"token\" type=\"password\"></label>")
              .raw("<button type=\"submit\">Sign in</button></form>");
        });
  }

  private boolean granted(Map<String, String> form) {
    String token = form.getOrDefault("token", "");
    if (uiToken != null && !token.isEmpty() && same(token, uiToken)) {
      return true;
    }
    String pair = form.getOrDefault("accessKey", "") + ":" + form.getOrDefault("secretKey", "");
    return credentials != null && same(pair, credentials);
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static String session(HttpExchange exchange) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String part : header.split(";")) {
        String p = part.trim();
        if (p.startsWith(COOKIE + "=")) {
          return p.substring(COOKIE.length() + 1);
        }
      }
    }
    return null;
  }

  /** The CSRF token of a session (or of no session): an HMAC of it under the server's key. */
  private String csrf(String session) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(csrfKey, "HmacSHA256"));
      return HexFormat.of()
          .formatHex(
              mac.doFinal((session == null ? "-" : session).getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The form's token matches the session's, and the browser says it comes from this site. */
  private boolean csrfOk(HttpExchange exchange, Map<String, String> form, String session) {
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (origin != null
        && !origin.equals("null")
        && host != null
        && !origin.replaceFirst("^https?://", "").equals(host)) {
      return false;
    }
    return same(form.getOrDefault("csrf", ""), csrf(session));
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  // ------------------------------------------------------------------ pages

  private String defaultDomain() {
    List<DomainInfo> domains =
        swf.listDomains(r -> r.registrationStatus(RegistrationStatus.REGISTERED)).domainInfos();
    return domains.isEmpty() ? null : domains.get(0).name();
  }

  private void domains(HttpExchange exchange) throws IOException {
    List<DomainInfo> domains =
        swf.listDomains(r -> r.registrationStatus(RegistrationStatus.REGISTERED)).domainInfos();
    page(
        exchange,
        200,
        "Domains",
        h -> {
          h.raw("<table><tr><th>Domain</th><th>Description</th><th></th></tr>");
          for (DomainInfo d : domains) {
            h.raw("<tr><td><a")
                .attr("href", "/executions?domain=" + Html.q(d.name()))
                .raw(">")
                .text(d.name())
                .raw("</a></td><td>")
                .text(d.description())
                .raw("</td><td><a")
                .attr("href", "/types?domain=" + Html.q(d.name()))
                .raw(">types</a></td></tr>");
          }
          h.raw("</table>");
        });
  }

  private void types(HttpExchange exchange, Map<String, String> q) throws IOException {
    String domain = q.getOrDefault("domain", defaultDomain());
    var workflows =
        swf.listWorkflowTypes(
                r -> r.domain(domain).registrationStatus(RegistrationStatus.REGISTERED))
            .typeInfos();
    var activities =
        swf.listActivityTypes(
                r -> r.domain(domain).registrationStatus(RegistrationStatus.REGISTERED))
            .typeInfos();
    page(
        exchange,
        200,
        "Types in " + domain,
        h -> {
          h.raw(
              "<h2>Workflow types</h2><table><tr><th>Name</th><th>Version</th><th>Registered</th>"
                  + "<th></th></tr>");
          for (var t : workflows) {
            h.raw("<tr>")
                .el("td", t.workflowType().name())
                .el("td", t.workflowType().version())
                .el("td", Format.time(t.creationDate()))
                .raw("<td><a")
                .attr(
                    "href",
                    "/executions?domain="
                        + Html.q(domain)
                        + "&type="
                        + Html.q(t.workflowType().name()))
                .raw(">executions</a></td></tr>");
          }
          h.raw(
              "</table><h2>Activity types</h2><table><tr><th>Name</th><th>Version</th>"
                  + "<th>Registered</th></tr>");
          for (var t : activities) {
            h.raw("<tr>")
                .el("td", t.activityType().name())
                .el("td", t.activityType().version())
                .el("td", Format.time(t.creationDate()))
                .raw("</tr>");
          }
          h.raw("</table>");
        });
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

  private void executions(HttpExchange exchange, Map<String, String> q, String session)
      throws IOException {
    String domain = blankToNull(q.get("domain"));
    if (domain == null) {
      domain = defaultDomain();
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
                .text(option.toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
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
              blocked = blockedOf(d, i.execution());
              if (blocked == null) {
                continue;
              }
            }
            shown++;
            h.raw("<tr class=\"execution\"><td><a")
                .attr("href", executionHref(d, i.execution().workflowId(), i.execution().runId()))
                .raw(">")
                .text(i.execution().workflowId())
                .raw("</a></td>")
                .el("td", i.workflowType().name() + " " + i.workflowType().version())
                .raw("<td>")
                .text(
                    i.executionStatusAsString().equals("OPEN")
                        ? "open"
                        : i.closeStatusAsString().toLowerCase(java.util.Locale.ROOT));
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

  private Blocked blockedOf(String domain, WorkflowExecution execution) {
    return ExecutionHistory.of(history(domain, execution)).blocked();
  }

  static String executionHref(String domain, String workflowId, String runId) {
    return "/execution?domain="
        + Html.q(domain)
        + "&id="
        + Html.q(workflowId)
        + (runId == null ? "" : "&run=" + Html.q(runId));
  }

  private List<HistoryEvent> history(String domain, WorkflowExecution execution) {
    try (Engine engine = Engine.over("web", FlowClient.builder().swf(swf).domain(domain).build())) {
      return Executions.history(engine, execution);
    }
  }

  private void execution(HttpExchange exchange, Map<String, String> q, String session)
      throws IOException {
    String domain = q.getOrDefault("domain", defaultDomain());
    WorkflowExecution run;
    try (Engine engine = Engine.over("web", FlowClient.builder().swf(swf).domain(domain).build())) {
      run = Executions.find(engine, q.getOrDefault("id", ""), blankToNull(q.get("run")));
    } catch (CliException e) {
      page(exchange, 404, "No such execution", h -> h.el("p", e.getMessage()));
      return;
    }
    DescribeWorkflowExecutionResponse d =
        swf.describeWorkflowExecution(r -> r.domain(domain).execution(run));
    ExecutionHistory h = ExecutionHistory.of(history(domain, run));
    var summary = DescribeCommand.describe(d, h);
    Instant now = Instant.now();
    boolean open = !h.isClosed();
    String done = q.get("done");
    String token = csrf(session);
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
          row(
              p,
              "Tags",
              String.join(
                  ", ",
                  summary.path("tags").findValuesAsText("tags").isEmpty()
                      ? d.executionInfo().tagList()
                      : d.executionInfo().tagList()));
          if (summary.path("parent").isObject()) {
            String pid = summary.path("parent").path("workflowId").asText();
            String prun = summary.path("parent").path("runId").asText();
            p.raw("<tr><th>Parent</th><td><a id=\"parent\"")
                .attr("href", executionHref(domain, pid, prun))
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
            actions(p, domain, run, token);
          } else {
            p.raw("<section class=\"actions\"><form method=\"post\" action=\"/execution/resume\">");
            hidden(p, domain, run, token);
            p.raw(
                "<button type=\"submit\" id=\"resume\">Resume</button> a new run that reuses the"
                    + " results of the calls that completed</form></section>");
          }
          List<Call> children =
              h.calls().stream().filter(c -> c.kind() == ExecutionHistory.Kind.CHILD).toList();
          if (!children.isEmpty()) {
            p.raw("<section><h2>Children</h2><ul class=\"children\">");
            for (Call c : children) {
              p.raw("<li><a")
                  .attr("href", executionHref(domain, c.id(), null))
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

  private static void hidden(Html p, String domain, WorkflowExecution run, String token) {
    p.raw("<input type=\"hidden\" name=\"csrf\"")
        .attr("value", token)
        .raw(">")
        .raw("<input type=\"hidden\" name=\"domain\"")
        .attr("value", domain)
        .raw(">")
        .raw("<input type=\"hidden\" name=\"id\"")
        .attr("value", run.workflowId())
        .raw(">")
        .raw("<input type=\"hidden\" name=\"run\"")
        .attr("value", run.runId())
        .raw(">");
  }

  private static void actions(Html p, String domain, WorkflowExecution run, String token) {
    p.raw("<section class=\"actions\"><h2>Actions</h2>")
        .raw("<form method=\"post\" action=\"/execution/signal\" id=\"signal-form\">");
    hidden(p, domain, run, token);
    p.raw("<label>Signal <input name=\"name\" id=\"signal-name\" required></label>")
        .raw(
            "<label>Input (JSON array of arguments) <input name=\"input\" id=\"signal-input\""
                + " value=\"[]\" size=\"30\"></label>")
        .raw("<button type=\"submit\" id=\"signal\">Send signal</button></form>")
        .raw("<form method=\"post\" action=\"/execution/cancel\">");
    hidden(p, domain, run, token);
    p.raw("<button type=\"submit\" id=\"cancel\">Request cancel</button></form>")
        .raw("<form method=\"post\" action=\"/execution/terminate\">");
    hidden(p, domain, run, token);
    p.raw("<label>Reason <input name=\"reason\" id=\"terminate-reason\"></label>")
        .raw("<button type=\"submit\" id=\"terminate\">Terminate</button></form></section>");
  }

  // ------------------------------------------------------------------ actions

  private void act(HttpExchange exchange, String path, Map<String, String> form)
      throws IOException {
    String domain = form.getOrDefault("domain", "");
    WorkflowExecution run =
        WorkflowExecution.builder()
            .workflowId(form.getOrDefault("id", ""))
            .runId(blankToNull(form.get("run")))
            .build();
    String done;
    switch (path) {
      case "/execution/signal" -> {
        String name = form.getOrDefault("name", "").trim();
        String input = blankToNull(form.get("input"));
        if (name.isEmpty()) {
          throw new IllegalArgumentException("a signal needs a name");
        }
        if (input != null) {
          try {
            if (!new com.fasterxml.jackson.databind.ObjectMapper().readTree(input).isArray()) {
              throw new IllegalArgumentException("not an array");
            }
          } catch (Exception e) {
            page(
                exchange,
                400,
                "Bad signal input",
                h ->
                    h.el(
                        "p",
                        "The input must be the JSON"
                            + " array of the signal method's arguments, such as [\"ann\"]; was: "
                            + input));
            return;
          }
        }
        swf.signalWorkflowExecution(
            r ->
                r.domain(domain)
                    .workflowId(run.workflowId())
                    .runId(run.runId())
                    .signalName(name)
                    .input(input));
        done = "signal " + name + " sent";
      }
      case "/execution/cancel" -> {
        swf.requestCancelWorkflowExecution(
            r -> r.domain(domain).workflowId(run.workflowId()).runId(run.runId()));
        done = "cancellation requested";
      }
      case "/execution/terminate" -> {
        String reason = blankToNull(form.get("reason"));
        swf.terminateWorkflowExecution(
            r ->
                r.domain(domain)
                    .workflowId(run.workflowId())
                    .runId(run.runId())
                    .reason(reason == null ? "terminated from the web view" : reason));
        done = "terminated";
      }
      case "/execution/resume" -> {
        try (Engine engine =
            Engine.over("web", FlowClient.builder().swf(swf).domain(domain).build())) {
          WorkflowExecution resumed =
              Resume.start(engine, run, ExecutionHistory.of(history(domain, run)), null);
          redirect(
              exchange,
              executionHref(domain, resumed.workflowId(), resumed.runId())
                  + "&done="
                  + Html.q("resumed as a new run"));
          return;
        } catch (CliException e) {
          page(exchange, 400, "Cannot resume", h -> h.el("p", e.getMessage()));
          return;
        }
      }
      default -> {
        page(exchange, 404, "Not found", h -> h.el("p", "no action " + path));
        return;
      }
    }
    LOG.info("web view: {} {} (run {})", done, run.workflowId(), run.runId());
    redirect(
        exchange, executionHref(domain, run.workflowId(), run.runId()) + "&done=" + Html.q(done));
  }

  // ------------------------------------------------------------------ HTTP

  interface Body {
    void write(Html h);
  }

  private void page(HttpExchange exchange, int status, String title, Body body) throws IOException {
    page(exchange, status, title, 0, body);
  }

  private void page(HttpExchange exchange, int status, String title, int refresh, Body body)
      throws IOException {
    Html h = new Html();
    h.raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .text(title)
        .raw(" · Flow</title><link rel=\"stylesheet\" href=\"/style.css\">");
    if (refresh > 0) {
      h.raw("<meta http-equiv=\"refresh\"").attr("content", refresh).raw(">");
    }
    h.raw(
            "</head><body><header><a href=\"/executions\" class=\"brand\">Flow</a>"
                + "<nav><a href=\"/executions\">Executions</a><a href=\"/domains\">Domains</a>"
                + "<a href=\"/types\">Types</a></nav></header><main><h1>")
        .text(title)
        .raw("</h1>");
    body.write(h);
    h.raw("</main></body></html>");
    send(exchange, status, "text/html; charset=utf-8", h.toString());
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(303, -1);
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", type);
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "same-origin");
    headers.set("X-Frame-Options", "DENY");
    headers.set(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'self'; img-src 'self';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static Map<String, String> form(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(64 * 1024);
      return query(new String(body, StandardCharsets.UTF_8));
    }
  }

  static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.putIfAbsent(k, v);
    }
    return q;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  static final String STYLE =
      """
      body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
      header{background:#263238;color:#fff;padding:8px 16px;display:flex;gap:24px;align-items:center}
      header a{color:#fff;text-decoration:none;margin-right:16px}.brand{font-weight:bold}
      main{padding:12px 16px}h1{font-size:20px;margin:4px 0 12px}h2{font-size:16px;margin:18px 0 6px}
      table{border-collapse:collapse;background:#fff}th,td{border:1px solid #ddd;padding:3px 8px;
      text-align:left;vertical-align:top}th{background:#eceff1}
      .filters,.actions form,.login{display:flex;flex-wrap:wrap;gap:10px;align-items:end;
      margin:6px 0 10px}.login{flex-direction:column;align-items:start;max-width:320px}
      label{display:flex;flex-direction:column;font-size:12px;color:#555}
      .blocked{background:#ffcdd2;color:#b71c1c;padding:0 4px;border-radius:3px}
      .blocked-reason{border:1px solid #e57373;background:#fff5f5;padding:4px 12px}
      .done{background:#e8f5e9;border:1px solid #81c784;padding:4px 8px}
      .error{color:#b71c1c}.note{color:#666}pre{white-space:pre-wrap;word-break:break-all;
      max-width:900px;margin:4px 0}summary{cursor:pointer;font-family:monospace;font-size:12px}
      svg{background:#fff;border:1px solid #ddd;display:block;margin:4px 0}
      """;
}
