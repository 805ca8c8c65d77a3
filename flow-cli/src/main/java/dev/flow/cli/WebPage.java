package dev.flow.cli;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The frame of every page of the web view (head, style sheet, navigation, title) and the HTTP
 * around it: a page or a redirect sent with headers that allow no script, no framing and no
 * caching; a form or a query string read.
 */
final class WebPage {
  private WebPage() {}

  /** What a page shows inside the frame. */
  interface Body {
    void write(Html h);
  }

  /** Sends page {@code title} with {@code body}. */
  static void page(HttpExchange exchange, int status, String title, Body body) throws IOException {
    page(exchange, status, title, 0, body);
  }

  /** Sends page {@code title} with {@code body}, refreshed every {@code refresh} seconds if > 0. */
  static void page(HttpExchange exchange, int status, String title, int refresh, Body body)
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

  static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(303, -1);
  }

  static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
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

  /** The fields of a form POST (at most 64 KiB of it). */
  static Map<String, String> form(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(64 * 1024);
      return query(new String(body, StandardCharsets.UTF_8));
    }
  }

  /** The parameters of a query string (or form body), the first of each name. */
  static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.putIfAbsent(k, v);
    }
    return q;
  }

  static String blankToNull(String s) {
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
