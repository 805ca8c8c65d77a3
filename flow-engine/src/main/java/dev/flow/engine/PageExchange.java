package dev.flow.engine;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One request of {@link SwfHttpServer} that is not SWF's, as the {@link HttpExchange} that {@link
 * WebPages} answer: the request already read (line, headers, body), the answer kept in memory until
 * the server writes it to the connection ({@link #writeTo}) with its length. Pages are small; the
 * server's own bounds (head and body size, read time) hold for them as for SWF's requests.
 */
final class PageExchange extends HttpExchange {
  private final HttpReader.Request request;
  private final Headers requestHeaders = new Headers();
  private final Headers responseHeaders = new Headers();
  private final InetSocketAddress remote;
  private final InetSocketAddress local;
  private final Map<String, Object> attributes = new HashMap<>();
  private InputStream in;
  private OutputStream out;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private int status = -1;

  PageExchange(
      HttpReader.Request request, byte[] body, InetSocketAddress remote, InetSocketAddress local) {
    this.request = request;
    request.headers().forEach(requestHeaders::put);
    this.in = new ByteArrayInputStream(body);
    this.out = this.body;
    this.remote = remote;
    this.local = local;
  }

  @Override
  public Headers getRequestHeaders() {
    return requestHeaders;
  }

  @Override
  public Headers getResponseHeaders() {
    return responseHeaders;
  }

  @Override
  public URI getRequestURI() {
    return URI.create(
        request.rawPath() + (request.rawQuery() == null ? "" : "?" + request.rawQuery()));
  }

  @Override
  public String getRequestMethod() {
    return request.method();
  }

  /** None: the server has no contexts. */
  @Override
  public HttpContext getHttpContext() {
    return null;
  }

  /** Nothing to release: the answer goes out when the server writes it. */
  @Override
  public void close() {}

  @Override
  public InputStream getRequestBody() {
    return in;
  }

  @Override
  public OutputStream getResponseBody() {
    return out;
  }

  /** Takes the status; the length is the body's once written ({@code -1}: none). */
  @Override
  public void sendResponseHeaders(int code, long responseLength) throws IOException {
    if (status >= 0) {
      throw new IOException("headers already sent");
    }
    status = code;
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return remote;
  }

  /** The status sent, or -1 before {@link #sendResponseHeaders}. */
  @Override
  public int getResponseCode() {
    return status;
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return local;
  }

  @Override
  public String getProtocol() {
    return request.version();
  }

  @Override
  public Object getAttribute(String name) {
    return attributes.get(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    attributes.put(name, value);
  }

  @Override
  public void setStreams(InputStream i, OutputStream o) {
    if (i != null) {
      in = i;
    }
    if (o != null) {
      out = o;
    }
  }

  @Override
  public HttpPrincipal getPrincipal() {
    return null;
  }

  /**
   * Writes the answer: status line, headers, length and body (none for {@code HEAD}); a page that
   * sent no status is a 500.
   */
  void writeTo(OutputStream to, boolean close) throws IOException {
    out.flush();
    int code = status < 0 ? 500 : status;
    StringBuilder head =
        new StringBuilder("HTTP/1.1 ")
            .append(code)
            .append(' ')
            .append(HttpAnswer.REASONS.getOrDefault(code, "Status"))
            .append("\r\n");
    for (Map.Entry<String, List<String>> h : responseHeaders.entrySet()) {
      if (h.getKey().equalsIgnoreCase("Content-Length")
          || h.getKey().equalsIgnoreCase("Connection")) {
        continue;
      }
      for (String value : h.getValue()) {
        head.append(h.getKey()).append(": ").append(value).append("\r\n");
      }
    }
    head.append("Content-Length: ").append(body.size()).append("\r\n");
    if (close) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    to.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!request.method().equals("HEAD")) {
      body.writeTo(to);
    }
  }
}
