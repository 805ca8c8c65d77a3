package dev.flow.cli;

import static dev.flow.cli.WebPage.form;
import static dev.flow.cli.WebPage.page;
import static dev.flow.cli.WebPage.query;
import static dev.flow.cli.WebPage.redirect;
import static dev.flow.cli.WebPage.send;

import com.sun.net.httpserver.HttpExchange;
import dev.flow.engine.WebPages;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.SwfException;

/**
 * The web view of {@code flow serve}: server-rendered pages, one class each ({@link
 * ExecutionsPage}, {@link ExecutionPage}, {@link DomainsPage}, {@link TypesPage}), read through the
 * engine's own SWF client, and the actions signal, cancel, terminate and resume as form POSTs
 * ({@link ExecutionActions}). Every value goes through {@link Html}; {@link WebSessions} checks the
 * login and the CSRF token every POST carries; the Content-Security-Policy allows no script at all
 * ({@link WebPage}). This class routes a request to its page and turns failures into pages.
 */
final class WebView implements WebPages {
  private static final Logger LOG = LoggerFactory.getLogger(WebView.class);

  private final WebSessions sessions;
  private final DomainsPage domains;
  private final TypesPage types;
  private final ExecutionsPage executions;
  private final ExecutionPage execution;
  private final ExecutionActions actions;

  /** {@code credentials} ({@code accessKey:secretKey}) and {@code uiToken} may be null. */
  WebView(SwfClient swf, String credentials, String uiToken) {
    this.sessions = new WebSessions(credentials, uiToken);
    this.domains = new DomainsPage(swf);
    this.types = new TypesPage(swf);
    this.executions = new ExecutionsPage(swf);
    this.execution = new ExecutionPage(swf);
    this.actions = new ExecutionActions(swf);
  }

  /** The factory {@code flow serve} hands the engine server. */
  static WebPages.Factory factory() {
    return WebView::new;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      String session = WebSessions.session(exchange);
      if (path.equals("/style.css")) {
        send(exchange, 200, "text/css; charset=utf-8", WebPage.STYLE);
        return;
      }
      if (path.equals("/login")) {
        sessions.login(exchange, method, session);
        return;
      }
      if (!sessions.admits(session)) {
        redirect(exchange, "/login");
        return;
      }
      Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
      if (method.equals("POST")) {
        Map<String, String> form = form(exchange);
        if (!sessions.csrfOk(exchange, form, session)) {
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
        actions.handle(exchange, path, form);
        return;
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        page(exchange, 405, "Not allowed", h -> h.el("p", method + " " + path));
        return;
      }
      switch (path) {
        case "/" -> redirect(exchange, "/executions");
        case "/executions" -> executions.render(exchange, q);
        case "/execution" -> execution.render(exchange, q, sessions.csrf(session));
        case "/domains" -> domains.render(exchange);
        case "/types" -> types.render(exchange, q);
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
}
