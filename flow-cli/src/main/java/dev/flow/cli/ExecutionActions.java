package dev.flow.cli;

import static dev.flow.cli.WebPage.blankToNull;
import static dev.flow.cli.WebPage.page;
import static dev.flow.cli.WebPage.redirect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.flow.FlowClient;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * The actions on an execution, as form POSTs from its page: send a signal, request cancellation,
 * terminate, resume a closed one as a new run; and the forms themselves.
 */
final class ExecutionActions {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionActions.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SwfClient swf;

  ExecutionActions(SwfClient swf) {
    this.swf = swf;
  }

  /** The hidden fields that name the run (and the CSRF token) in each form. */
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

  /** The forms of an open execution: signal, request cancel, terminate. */
  static void forms(Html p, String domain, WorkflowExecution run, String token) {
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

  /** The form of a closed execution: resume it as a new run. */
  static void resumeForm(Html p, String domain, WorkflowExecution run, String token) {
    p.raw("<section class=\"actions\"><form method=\"post\" action=\"/execution/resume\">");
    hidden(p, domain, run, token);
    p.raw(
        "<button type=\"submit\" id=\"resume\">Resume</button> a new run that reuses the"
            + " results of the calls that completed</form></section>");
  }

  /** Does the action {@code path} names, then shows the execution's page with what was done. */
  void handle(HttpExchange exchange, String path, Map<String, String> form) throws IOException {
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
            if (!JSON.readTree(input).isArray()) {
              throw new IllegalArgumentException("not an array");
            }
          } catch (IOException | IllegalArgumentException e) {
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
              Resume.start(
                  engine, run, ExecutionHistory.of(ExecutionPage.history(swf, domain, run)), null);
          redirect(
              exchange,
              ExecutionPage.href(domain, resumed.workflowId(), resumed.runId())
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
        exchange,
        ExecutionPage.href(domain, run.workflowId(), run.runId()) + "&done=" + Html.q(done));
  }
}
