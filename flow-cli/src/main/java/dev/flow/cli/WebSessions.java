package dev.flow.cli;

import static dev.flow.cli.WebPage.form;
import static dev.flow.cli.WebPage.page;
import static dev.flow.cli.WebPage.redirect;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may use the web view. With {@code --sigv4} (or {@code --ui-token}) it is locked: nothing but
 * the login page is served until the visitor gives the key pair (or the token); a session cookie
 * (HttpOnly, SameSite=Strict) then lets them in until the server stops. Every form carries a CSRF
 * token bound to the session, and a POST from another origin is refused.
 */
final class WebSessions {
  private static final String COOKIE = "flow_session";

  private final String credentials;
  private final String uiToken;
  private final Set<String> sessions = ConcurrentHashMap.newKeySet();
  private final byte[] csrfKey = new byte[32];
  private final SecureRandom random = new SecureRandom();

  /** {@code credentials}: {@code accessKey:secretKey}, or null; {@code uiToken}: or null. */
  WebSessions(String credentials, String uiToken) {
    this.credentials = credentials;
    this.uiToken = uiToken;
    random.nextBytes(csrfKey);
  }

  private boolean locked() {
    return credentials != null || uiToken != null;
  }

  /** Whether a request with this session (null: none) may see the pages. */
  boolean admits(String session) {
    return !locked() || (session != null && sessions.contains(session));
  }

  /** The login page: GET shows the form, POST checks it and starts a session. */
  void login(HttpExchange exchange, String method, String session) throws IOException {
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

  /** The session cookie of the request, or null. */
  static String session(HttpExchange exchange) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String part : header.split(";", -1)) {
        String p = part.trim();
        if (p.startsWith(COOKIE + "=")) {
          return p.substring(COOKIE.length() + 1);
        }
      }
    }
    return null;
  }

  /** The CSRF token of a session (or of no session): an HMAC of it under the server's key. */
  String csrf(String session) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(csrfKey, "HmacSHA256"));
      return HexFormat.of()
          .formatHex(
              mac.doFinal((session == null ? "-" : session).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The form's token matches the session's, and the browser says it comes from this site. */
  boolean csrfOk(HttpExchange exchange, Map<String, String> form, String session) {
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
}
