package dev.flow.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flow.history.SwfJson;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.DefaultUndefinedException;
import software.amazon.awssdk.services.swf.model.DomainAlreadyExistsException;
import software.amazon.awssdk.services.swf.model.DomainDeprecatedException;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.LimitExceededException;
import software.amazon.awssdk.services.swf.model.OperationNotPermittedException;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.SwfException;
import software.amazon.awssdk.services.swf.model.TooManyTagsException;
import software.amazon.awssdk.services.swf.model.TypeAlreadyExistsException;
import software.amazon.awssdk.services.swf.model.TypeDeprecatedException;
import software.amazon.awssdk.services.swf.model.TypeNotDeprecatedException;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionAlreadyStartedException;

/**
 * Serves an {@link SwfClient} over the SWF JSON 1.0 protocol: {@code POST /} with {@code
 * X-Amz-Target: SimpleWorkflowService.<Action>} and a JSON body; answers with the JSON of the
 * response, or a fault as SWF sends it ({@code {"__type": "...#UnknownResourceFault", "message":
 * ...}}, HTTP 400). With a {@link SigV4Verifier}, a request without a valid signature is refused
 * with the fault AWS gives ({@code MissingAuthenticationTokenException}, {@code
 * InvalidSignatureException}, ...); what can be checked without the body is checked before the body
 * is read.
 *
 * <p>HTTP/1.1 is spoken here rather than by the JDK's {@code HttpServer}, which answers malformed
 * requests with HTML pages or resets, and has no bound on threads or read time. Answers are written
 * from the model objects without a tree, histories streamed to the connection. Every request gets a
 * JSON fault or an answer; one that breaks HTTP's grammar or a bound of {@link HttpReader} (head
 * size and time, body size and time) gets its fault and the connection is closed. Each connection
 * has a thread of its own (virtual where the JDK has them), so long polls do not hold others up; at
 * most {@link #MAX_CONNECTIONS} are open at once, and one more is answered ServiceUnavailable and
 * closed. An idle connection is closed after {@link #IDLE_TIMEOUT_MILLIS}.
 *
 * <p>Beside SWF: {@code GET /health} (200 while the store takes writes, else 503) and {@code GET
 * /metrics} (Prometheus text), unauthenticated, for probes and scrapers; every other request goes
 * to the {@link WebPages} the server was given, if any (through a {@link PageExchange}).
 */
final class SwfHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SwfHttpServer.class);
  private static final Logger REQUESTS = LoggerFactory.getLogger("dev.flow.engine.requests");
  private static final String TARGET_PREFIX = "SimpleWorkflowService.";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
  private static final String FAULT_NAMESPACE = "com.amazonaws.swf.base.model#";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Connections the kernel may hold before they are accepted; above the 500 concurrent long polls a
   * busy engine serves, since workers open their polls in bursts.
   */
  static final int BACKLOG = 2048;

  /** Connections open at once; each holds a thread (a long poll holds it up to 60 s). */
  static final int MAX_CONNECTIONS = 2000;

  /** How long a kept-alive connection may wait for its next request. */
  static final long IDLE_TIMEOUT_MILLIS = 30_000;

  /**
   * What the server reports on {@code GET /health} and {@code GET /metrics}.
   *
   * @param health the engine's health now
   * @param metrics the engine's meters
   * @param logRequests whether to log one line per request (logger {@code
   *     dev.flow.engine.requests})
   * @param pages what answers every other request (the web view), or null: 404
   */
  record Monitoring(
      Supplier<LocalEngine.Health> health,
      EngineMetrics metrics,
      boolean logRequests,
      WebPages pages) {
    /** No health to tell, nothing counted, nothing logged, no pages. */
    static final Monitoring NONE = new Monitoring(null, EngineMetrics.NONE, false, null);
  }

  private final Map<String, SwfActions.Action> actions;
  private final SigV4Verifier verifier;
  private final Monitoring monitoring;
  private final ServerSocket socket;
  private final Limits limits;
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger threads = new AtomicInteger();
  private final Thread acceptor;
  private volatile boolean closed;

  SwfHttpServer(SwfClient client, InetSocketAddress address) throws IOException {
    this(client, address, null);
  }

  /** A server that also requires requests signed as {@code verifier} checks, unless null. */
  SwfHttpServer(SwfClient client, InetSocketAddress address, SigV4Verifier verifier)
      throws IOException {
    this(client, address, verifier, Limits.DEFAULT);
  }

  /** The server's bounds: open connections, and the time a request's parts may take to arrive. */
  record Limits(int maxConnections, long headMillis, long bodyMillis, long idleMillis) {
    static final Limits DEFAULT =
        new Limits(
            MAX_CONNECTIONS,
            HttpReader.HEAD_TIMEOUT_MILLIS,
            HttpReader.BODY_TIMEOUT_MILLIS,
            IDLE_TIMEOUT_MILLIS);
  }

  SwfHttpServer(SwfClient client, InetSocketAddress address, SigV4Verifier verifier, Limits limits)
      throws IOException {
    this(client, address, verifier, limits, Monitoring.NONE);
  }

  /** A server that also answers {@code GET /health}, {@code GET /metrics} and pages ({@code m}). */
  SwfHttpServer(
      SwfClient client,
      InetSocketAddress address,
      SigV4Verifier verifier,
      Limits limits,
      Monitoring m)
      throws IOException {
    this.actions = SwfActions.of(client);
    this.verifier = verifier;
    this.monitoring = m;
    this.limits = limits;
    this.socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(address, BACKLOG);
    this.acceptor = new Thread(this::accept, "flow-engine-http-accept");
    acceptor.setDaemon(true);
  }

  SwfHttpServer start() {
    acceptor.start();
    return this;
  }

  /** The address the server listens on (with the port chosen when 0 was asked for). */
  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** How many requests are being served now (long polls included). */
  int inFlight() {
    return inFlight.get();
  }

  /** How many connections are open now. */
  int connections() {
    return open.size();
  }

  /** Stops serving: requests in progress (long polls too) end at once. */
  @Override
  public void close() {
    closed = true;
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("closing the server socket", e);
    }
    for (Connection c : open) {
      c.abort();
    }
    try {
      acceptor.join(5000);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      for (Connection c : open) {
        c.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void accept() {
    while (!closed) {
      Socket s;
      try {
        s = socket.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("accepting a connection failed", e);
        }
        continue;
      }
      if (open.size() >= limits.maxConnections()) {
        refuse(s, limits.maxConnections());
        continue;
      }
      Connection c = new Connection(s);
      open.add(c);
      c.thread.start();
      if (closed) {
        c.abort();
      }
    }
  }

  /** Answers a connection over the bound ServiceUnavailable, without reading it, and closes it. */
  private static void refuse(Socket s, int max) {
    try (s) {
      s.setSoTimeout(1000);
      OutputStream out = s.getOutputStream();
      write(
          out,
          503,
          fault(
              "ServiceUnavailable",
              "the engine has "
                  + max
                  + " connections open, the most it serves at once; retry shortly"),
          true);
      out.flush();
      s.shutdownOutput();
    } catch (IOException e) {
      // the client is gone
    }
  }

  private static final Method OF_VIRTUAL = method(Thread.class, "ofVirtual");
  private static final Method NAMED = method(builder(), "name", String.class);
  private static final Method UNSTARTED = method(builder(), "unstarted", Runnable.class);

  /**
   * The thread of a connection: a virtual thread where the JDK has them (21+; looked up at run
   * time, so the engine still builds for and runs on 17), since most connections wait, in long
   * polls or between requests; else a daemon platform thread.
   */
  static Thread connectionThread(Runnable run, String name) {
    if (OF_VIRTUAL != null && NAMED != null && UNSTARTED != null) {
      try {
        return (Thread) UNSTARTED.invoke(NAMED.invoke(OF_VIRTUAL.invoke(null), name), run);
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.debug("no virtual thread; a platform thread serves the connection", e);
      }
    }
    Thread t = new Thread(run, name);
    t.setDaemon(true);
    return t;
  }

  private static Class<?> builder() {
    try {
      return Class.forName("java.lang.Thread$Builder");
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  private static Method method(Class<?> type, String name, Class<?>... parameters) {
    try {
      return type == null ? null : type.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /** One client connection and the thread that serves its requests in turn. */
  private final class Connection {
    final Socket socket;
    final Thread thread;

    Connection(Socket socket) {
      this.socket = socket;
      this.thread = connectionThread(this::run, "flow-engine-http-" + threads.incrementAndGet());
    }

    void abort() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
      thread.interrupt();
    }

    private void run() {
      try (socket) {
        socket.setTcpNoDelay(true); // headers and body go out in one write, but answer at once
        HttpReader reader = new HttpReader(socket, limits.headMillis(), limits.bodyMillis());
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        while (!closed) {
          HttpReader.Request request;
          Answer answer;
          try {
            request = reader.next(limits.idleMillis());
            if (request == null) {
              return;
            }
            inFlight.incrementAndGet();
            long start = System.nanoTime();
            try {
              answer = serve(request, reader, out, socket);
            } finally {
              inFlight.decrementAndGet();
            }
            served(request, answer, System.nanoTime() - start, socket.getInetAddress());
          } catch (HttpReader.Fault f) {
            write(out, f.status, fault(f.type, f.getMessage()), true);
            out.flush();
            lingeringClose(socket);
            return;
          } catch (RuntimeException e) {
            String id = UUID.randomUUID().toString();
            LOG.error("internal failure reading a request (request id " + id + ")", e);
            write(out, 500, internalFailure(id), true);
            out.flush();
            lingeringClose(socket);
            return;
          }
          boolean keepOpen = answer.readWhole() && request.keepAlive() && !closed;
          if (answer.model() != null) {
            write(out, answer.model(), !keepOpen);
          } else if (answer.page() != null) {
            answer.page().writeTo(out, !keepOpen);
          } else {
            write(out, answer.status(), answer.body(), !keepOpen);
          }
          out.flush();
          if (!keepOpen) {
            lingeringClose(socket);
            return;
          }
        }
      } catch (IOException e) {
        // the client went away, or the server is closing
      } finally {
        open.remove(this);
      }
    }
  }

  /**
   * Closes after an answer sent before the whole request was read: stops writing, then reads and
   * drops what the client still sends (briefly), so the close does not reset the connection and
   * lose the answer on its way.
   */
  private static void lingeringClose(Socket s) {
    try {
      s.shutdownOutput();
      s.setSoTimeout(1000);
      InputStream in = s.getInputStream();
      byte[] drop = new byte[8192];
      long left = 4L << 20;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
      int n;
      while (left > 0 && System.nanoTime() < deadline && (n = in.read(drop)) > 0) {
        left -= n;
      }
    } catch (IOException e) {
      // closing anyway
    }
  }

  /**
   * An answer's status and body (a fault's JSON, or the model object of a success), and whether the
   * request was read whole (else close after).
   */
  private record Answer(
      int status,
      JsonNode body,
      SdkPojo model,
      PageExchange page,
      String action,
      boolean readWhole) {
    Answer(int status, JsonNode body, boolean readWhole) {
      this(status, body, null, null, null, readWhole);
    }

    Answer(String action, Answer a) {
      this(a.status, a.body, a.model, a.page, action, a.readWhole);
    }

    /** The SWF fault type the answer carries ("none" on success). */
    String fault() {
      if (body == null) {
        return "none";
      }
      String type = body.path("__type").asText("");
      return type.substring(type.indexOf('#') + 1);
    }
  }

  /** Counts and logs the request, just before its answer goes out (so a client sees it counted). */
  private void served(HttpReader.Request request, Answer answer, long nanos, InetAddress from) {
    if (answer.action() != null) {
      monitoring.metrics().request(answer.action(), answer.fault(), nanos);
    }
    if (monitoring.logRequests()) {
      String fault = answer.fault();
      REQUESTS.info(
          "{} {} {} {} {} ms {}",
          request.method(),
          answer.action() != null ? answer.action() : request.rawPath(),
          answer.status(),
          fault.equals("none") ? "-" : fault,
          TimeUnit.NANOSECONDS.toMillis(nanos),
          from == null ? "-" : from.getHostAddress());
    }
  }

  private Answer serve(
      HttpReader.Request request, HttpReader reader, OutputStream out, Socket socket)
      throws IOException, HttpReader.Fault {
    String method = request.method();
    String path = request.rawPath();
    boolean monitor = path.equals("/health") || path.equals("/metrics");
    boolean get = method.equals("GET") || method.equals("HEAD");
    if (monitor && get) {
      return monitor(request);
    }
    if (monitoring.pages() != null && !monitor && !(method.equals("POST") && path.equals("/"))) {
      checkUri(request);
      byte[] body = body(request, reader, out);
      PageExchange page =
          new PageExchange(
              request,
              body,
              (InetSocketAddress) socket.getRemoteSocketAddress(),
              (InetSocketAddress) socket.getLocalSocketAddress());
      try (page) {
        monitoring.pages().handle(page);
      }
      return new Answer(page.getResponseCode(), null, null, page, null, true);
    }
    if (!"POST".equals(method)) {
      // a GET elsewhere than / is for a page not there; any other is SWF's with the wrong method
      boolean page = get && !path.equals("/");
      return new Answer(
          page ? 404 : 405,
          fault(
              "UnknownOperationException",
              (page ? "not found: " + path : "SWF takes POST requests only")
                  + ". This server answers SWF on POST /, GET /health and GET /metrics"),
          false);
    }
    String target = request.header("X-Amz-Target");
    SwfActions.Action action =
        target != null && target.startsWith(TARGET_PREFIX)
            ? actions.get(target.substring(TARGET_PREFIX.length()))
            : null;
    if (action == null) {
      return new Answer(
          400,
          fault(
              "UnknownOperationException",
              "unknown operation '"
                  + target
                  + "': expected X-Amz-Target: "
                  + TARGET_PREFIX
                  + "<Action>, one of "
                  + new TreeSet<>(actions.keySet())),
          false);
    }
    String name = target.substring(TARGET_PREFIX.length());
    if (verifier != null) {
      SigV4Verifier.Refusal refusal = verifier.precheck(request.headers());
      if (refusal != null) {
        return new Answer(
            name, new Answer(refusal.status(), fault(refusal.type(), refusal.message()), false));
      }
    }
    if (request.contentLength() > HttpReader.MAX_BODY_BYTES) {
      throw new HttpReader.Fault(
          413,
          "RequestEntityTooLarge",
          "the request body is larger than "
              + HttpReader.MAX_BODY_BYTES
              + " bytes, the most this engine takes");
    }
    byte[] bytes = body(request, reader, out);
    return new Answer(name, handle(request, target, action, bytes));
  }

  /** Reads the request's body, first telling a client that waits for it to go on. */
  private static byte[] body(HttpReader.Request request, HttpReader reader, OutputStream out)
      throws IOException, HttpReader.Fault {
    if (request.expectsContinue()) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    return reader.body(request);
  }

  /** {@code GET /health} and {@code GET /metrics}. */
  private Answer monitor(HttpReader.Request request) {
    if (request.rawPath().equals("/health") && monitoring.health() != null) {
      LocalEngine.Health health = monitoring.health().get();
      return page(request, health.writable() ? 200 : 503, "application/json", healthJson(health));
    }
    if (request.rawPath().equals("/metrics") && monitoring.metrics().scrape() != null) {
      return page(
          request,
          200,
          "text/plain; version=0.0.4; charset=utf-8",
          monitoring.metrics().scrape().getBytes(StandardCharsets.UTF_8));
    }
    if (request.rawPath().equals("/metrics")) {
      return text(
          request,
          404,
          "metrics are off: serve the engine with a Micrometer PrometheusMeterRegistry"
              + " (LocalEngine.builder().meterRegistry(...); the server jar has one)\n");
    }
    return text(request, 404, "not found: " + request.rawPath() + "\n");
  }

  /**
   * {@code {"status": "ok"|"unhealthy", "storeWritable": true, "storeProblem": null,
   * "schemaVersion": 1, "openExecutions": 3, "uptimeSeconds": 42}}
   */
  private static byte[] healthJson(LocalEngine.Health health) {
    ObjectNode o = JSON.createObjectNode();
    o.put("status", health.writable() ? "ok" : "unhealthy");
    o.put("storeWritable", health.writable());
    o.put("storeProblem", health.problem());
    o.put("schemaVersion", health.schemaVersion());
    o.put("openExecutions", health.openExecutions());
    o.put("uptimeSeconds", health.uptime().toSeconds());
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Answer text(HttpReader.Request request, int status, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return page(request, status, "text/plain; charset=utf-8", bytes);
  }

  /** An answer that is not SWF's: {@code bytes} of {@code type}, never cached. */
  private static Answer page(HttpReader.Request request, int status, String type, byte[] bytes) {
    PageExchange page = new PageExchange(request, new byte[0], null, null);
    page.getResponseHeaders().set("Content-Type", type);
    page.getResponseHeaders().set("Cache-Control", "no-store");
    try (page) {
      page.sendResponseHeaders(status, bytes.length);
      page.getResponseBody().write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: not thrown
    }
    boolean whole = request.contentLength() <= 0 && !request.chunked();
    return new Answer(status, null, null, page, null, whole);
  }

  private Answer handle(
      HttpReader.Request request, String target, SwfActions.Action action, byte[] bytes) {
    if (verifier != null) {
      SigV4Verifier.Refusal refusal =
          verifier.verify(request.headers(), request.rawPath(), request.rawQuery(), bytes);
      if (refusal != null) {
        return new Answer(refusal.status(), fault(refusal.type(), refusal.message()), true);
      }
    }
    JsonNode body;
    try {
      body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    } catch (IOException e) {
      String why =
          e instanceof JsonProcessingException
              ? ((JsonProcessingException) e).getOriginalMessage()
              : e.getMessage();
      return new Answer(400, fault("SerializationException", "the body is not JSON: " + why), true);
    }
    Object parsed;
    try {
      parsed = SwfJson.read(body, action.requestBuilder().get());
    } catch (SwfJson.OutOfRangeException e) {
      return new Answer(400, fault("ValidationException", e.getMessage()), true);
    } catch (IllegalArgumentException e) {
      return new Answer(400, fault("SerializationException", e.getMessage()), true);
    }
    try {
      return new Answer(200, null, (SdkPojo) action.call().apply(parsed), null, null, true);
    } catch (SwfException e) {
      int status = e.statusCode() >= 500 ? e.statusCode() : 400;
      return new Answer(status, fault(faultType(e), message(e)), true);
    } catch (UnsupportedOperationException e) {
      return new Answer(
          400,
          fault("UnknownOperationException", "this engine does not implement " + target + " yet"),
          true);
    } catch (RuntimeException | StackOverflowError e) {
      String id = UUID.randomUUID().toString();
      LOG.error("internal failure serving " + target + " (request id " + id + ")", e);
      return new Answer(500, internalFailure(id), true);
    }
  }

  /** The fault of a failure of the engine itself: what the caller may know, and where to look. */
  private static ObjectNode internalFailure(String requestId) {
    return fault(
        "InternalFailure",
        "The engine failed on this request; nothing of it was kept. Its log has the details under"
            + " request id "
            + requestId
            + ".");
  }

  /** The SWF fault name of {@code e}, as its {@code __type} gives it. */
  static String faultType(SwfException e) {
    if (e instanceof UnknownResourceException) return "UnknownResourceFault";
    if (e instanceof TypeAlreadyExistsException) return "TypeAlreadyExistsFault";
    if (e instanceof DomainAlreadyExistsException) return "DomainAlreadyExistsFault";
    if (e instanceof WorkflowExecutionAlreadyStartedException) {
      return "WorkflowExecutionAlreadyStartedFault";
    }
    if (e instanceof DefaultUndefinedException) return "DefaultUndefinedFault";
    if (e instanceof LimitExceededException) return "LimitExceededFault";
    if (e instanceof OperationNotPermittedException) return "OperationNotPermittedFault";
    if (e instanceof TypeDeprecatedException) return "TypeDeprecatedFault";
    if (e instanceof TypeNotDeprecatedException) return "TypeNotDeprecatedFault";
    if (e instanceof DomainDeprecatedException) return "DomainDeprecatedFault";
    if (e instanceof TooManyTagsException) return "TooManyTagsFault";
    if (e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null) {
      return e.awsErrorDetails().errorCode();
    }
    return "ValidationException";
  }

  private static String message(SwfException e) {
    if (e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null) {
      return e.awsErrorDetails().errorMessage();
    }
    return e.getMessage();
  }

  /** A page's path and query must make a URI (the web view reads them as one): else a 400. */
  private static void checkUri(HttpReader.Request request) throws HttpReader.Fault {
    String raw = request.rawPath() + (request.rawQuery() == null ? "" : "?" + request.rawQuery());
    try {
      new URI(raw);
    } catch (URISyntaxException e) {
      throw new HttpReader.Fault(
          400,
          "ValidationException",
          "the request's path is not a valid URI ("
              + e.getReason()
              + " at index "
              + e.getIndex()
              + "): percent-encode it");
    }
  }

  private static ObjectNode fault(String type, String message) {
    ObjectNode fault = JSON.createObjectNode();
    fault.put("__type", type.contains("#") ? type : FAULT_NAMESPACE + type);
    fault.put("message", message);
    return fault;
  }

  /** The reason phrases of the status lines this server writes. */
  static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(200, "OK"),
          Map.entry(302, "Found"),
          Map.entry(303, "See Other"),
          Map.entry(304, "Not Modified"),
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(408, "Request Timeout"),
          Map.entry(413, "Content Too Large"),
          Map.entry(431, "Request Header Fields Too Large"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(501, "Not Implemented"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(505, "HTTP Version Not Supported"));

  /**
   * Writes a success: its JSON written from the model object as it comes (Jackson's generator, no
   * tree). A history (a decision task's, or GetWorkflowExecutionHistory's, up to 1,000 events a
   * page) goes straight to the connection in chunks as it is written; any other answer, small, is
   * sent with its length.
   */
  private static void write(OutputStream out, SdkPojo model, boolean close) throws IOException {
    if (model instanceof PollForDecisionTaskResponse
        || model instanceof GetWorkflowExecutionHistoryResponse) {
      out.write(head(200, "Transfer-Encoding: chunked", close));
      try (OutputStream chunks = new ChunkedOutput(out);
          JsonGenerator json = SwfJson.factory().createGenerator(chunks)) {
        SwfJson.write(model, json);
      }
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator json = SwfJson.factory().createGenerator(bytes)) {
      SwfJson.write(model, json);
    }
    out.write(head(200, "Content-Length: " + bytes.size(), close));
    bytes.writeTo(out);
  }

  private static byte[] head(int status, String framing, boolean close) {
    return ("HTTP/1.1 "
            + status
            + " "
            + REASONS.getOrDefault(status, "Error")
            + "\r\nContent-Type: "
            + CONTENT_TYPE
            + "\r\nx-amzn-RequestId: "
            + UUID.randomUUID()
            + "\r\n"
            + framing
            + (close ? "\r\nConnection: close" : "")
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * HTTP/1.1 chunked framing over the connection: each write is one chunk (Jackson writes its
   * buffer of about 8 KB at a time); closing writes the last chunk and leaves the connection open.
   */
  private static final class ChunkedOutput extends OutputStream {
    private final OutputStream out;

    ChunkedOutput(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return; // a chunk of 0 bytes would end the body
      }
      out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(b, off, len);
      out.write(CRLF);
    }

    private boolean closed;

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        out.write(LAST_CHUNK);
      }
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  }

  /** Writes one answer: the status line, the headers SWF sends, and the JSON body. */
  private static void write(OutputStream out, int status, JsonNode body, boolean close)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    out.write(head(status, "Content-Length: " + bytes.length, close));
    out.write(bytes);
  }
}
