package dev.flow.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flow.history.SwfJson;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.SwfException;

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
 *
 * <p>While a long poll is held, a {@link PollWatch} watches its connection: a poller that closes it
 * (a worker closing, or killed) ends its poll at once, as an interrupted poll in process; the
 * engine starts no task for it. A task started for a poller found gone before its answer was
 * written is handed back ({@link LocalSwfClient#undelivered}); nothing is written to that
 * connection.
 */
final class SwfHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SwfHttpServer.class);
  private static final Logger REQUESTS = LoggerFactory.getLogger("dev.flow.engine.requests");
  private static final String TARGET_PREFIX = "SimpleWorkflowService.";
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
  private final Consumer<SdkPojo> undelivered;
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
    this.undelivered = client instanceof LocalSwfClient local ? local::undelivered : task -> {};
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
      HttpAnswer.write(
          out,
          503,
          HttpAnswer.fault(
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

  /** One client connection and the thread that serves its requests in turn. */
  private final class Connection {
    final Socket socket;
    final Thread thread;
    private PollWatch watch;

    Connection(Socket socket) {
      this.socket = socket;
      this.thread =
          ConnectionThreads.of(this::run, "flow-engine-http-" + threads.incrementAndGet());
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
        watch = new PollWatch(reader, thread, thread.getName());
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        while (!closed) {
          HttpReader.Request request;
          HttpAnswer answer;
          try {
            request = reader.next(limits.idleMillis());
            if (request == null) {
              return;
            }
            inFlight.incrementAndGet();
            long start = System.nanoTime();
            try {
              answer = serve(request, reader, out, socket, watch);
            } finally {
              inFlight.decrementAndGet();
            }
            served(request, answer, System.nanoTime() - start, socket.getInetAddress());
            if (answer.status() == HttpAnswer.POLLER_GONE) {
              return; // nobody reads an answer now
            }
          } catch (HttpReader.Fault f) {
            HttpAnswer.write(out, f.status, HttpAnswer.fault(f.type, f.getMessage()), true);
            out.flush();
            lingeringClose(socket);
            return;
          } catch (RuntimeException e) {
            String id = HttpAnswer.requestId();
            LOG.error("internal failure reading a request (request id " + id + ")", e);
            HttpAnswer.write(out, 500, HttpAnswer.internalFailure(id), true);
            out.flush();
            lingeringClose(socket);
            return;
          }
          boolean keepOpen = answer.readWhole() && request.keepAlive() && !closed;
          if (answer.model() != null) {
            HttpAnswer.write(out, answer.model(), !keepOpen);
          } else if (answer.page() != null) {
            answer.page().writeTo(out, !keepOpen);
          } else {
            HttpAnswer.write(out, answer.status(), answer.body(), !keepOpen);
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
        if (watch != null) {
          watch.connectionEnds();
        }
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

  /** Counts and logs the request, just before its answer goes out (so a client sees it counted). */
  private void served(HttpReader.Request request, HttpAnswer answer, long nanos, InetAddress from) {
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

  private HttpAnswer serve(
      HttpReader.Request request,
      HttpReader reader,
      OutputStream out,
      Socket socket,
      PollWatch watch)
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
      return new HttpAnswer(page.getResponseCode(), null, null, page, null, true);
    }
    if (!"POST".equals(method)) {
      // a GET elsewhere than / is for a page not there; any other is SWF's with the wrong method
      boolean page = get && !path.equals("/");
      return new HttpAnswer(
          page ? 404 : 405,
          HttpAnswer.fault(
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
      return new HttpAnswer(
          400,
          HttpAnswer.fault(
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
        return new HttpAnswer(
            name,
            new HttpAnswer(
                refusal.status(), HttpAnswer.fault(refusal.type(), refusal.message()), false));
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
    return new HttpAnswer(name, handle(request, target, action, bytes, watch));
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
  private HttpAnswer monitor(HttpReader.Request request) {
    if (request.rawPath().equals("/health") && monitoring.health() != null) {
      LocalEngine.Health health = monitoring.health().get();
      return HttpAnswer.page(
          request, health.writable() ? 200 : 503, "application/json", healthJson(health));
    }
    if (request.rawPath().equals("/metrics") && monitoring.metrics().scrape() != null) {
      return HttpAnswer.page(
          request,
          200,
          "text/plain; version=0.0.4; charset=utf-8",
          monitoring.metrics().scrape().getBytes(StandardCharsets.UTF_8));
    }
    if (request.rawPath().equals("/metrics")) {
      return HttpAnswer.text(
          request,
          404,
          "metrics are off: serve the engine with a Micrometer PrometheusMeterRegistry"
              + " (LocalEngine.builder().meterRegistry(...); the server jar has one)\n");
    }
    return HttpAnswer.text(request, 404, "not found: " + request.rawPath() + "\n");
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

  private HttpAnswer handle(
      HttpReader.Request request,
      String target,
      SwfActions.Action action,
      byte[] bytes,
      PollWatch watch) {
    if (verifier != null) {
      SigV4Verifier.Refusal refusal =
          verifier.verify(request.headers(), request.rawPath(), request.rawQuery(), bytes);
      if (refusal != null) {
        return new HttpAnswer(
            refusal.status(), HttpAnswer.fault(refusal.type(), refusal.message()), true);
      }
    }
    JsonNode body;
    try {
      body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    } catch (IOException e) {
      String why =
          e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
      return new HttpAnswer(
          400, HttpAnswer.fault("SerializationException", "the body is not JSON: " + why), true);
    }
    Object parsed;
    try {
      parsed = SwfJson.read(body, action.requestBuilder().get());
    } catch (SwfJson.OutOfRangeException e) {
      return new HttpAnswer(400, HttpAnswer.fault("ValidationException", e.getMessage()), true);
    } catch (IllegalArgumentException e) {
      return new HttpAnswer(400, HttpAnswer.fault("SerializationException", e.getMessage()), true);
    }
    try {
      SdkPojo answer = call(action, parsed, target.startsWith(TARGET_PREFIX + "PollFor"), watch);
      return answer == null
          ? new HttpAnswer(HttpAnswer.POLLER_GONE, null, false)
          : new HttpAnswer(200, null, answer, null, null, true);
    } catch (SwfException e) {
      int status = e.statusCode() >= 500 ? e.statusCode() : 400;
      return new HttpAnswer(
          status, HttpAnswer.fault(HttpAnswer.faultType(e), HttpAnswer.message(e)), true);
    } catch (UnsupportedOperationException e) {
      return new HttpAnswer(
          400,
          HttpAnswer.fault(
              "UnknownOperationException", "this engine does not implement " + target + " yet"),
          true);
    } catch (RuntimeException | StackOverflowError e) {
      String id = HttpAnswer.requestId();
      LOG.error("internal failure serving " + target + " (request id " + id + ")", e);
      return new HttpAnswer(500, HttpAnswer.internalFailure(id), true);
    }
  }

  /**
   * Calls the action; a long poll is watched while it is held: when its poller went away meanwhile,
   * null (and a task it started is handed back).
   */
  private SdkPojo call(SwfActions.Action action, Object parsed, boolean poll, PollWatch watch) {
    if (!poll) {
      return (SdkPojo) action.call().apply(parsed);
    }
    watch.pollStarts();
    SdkPojo answer;
    try {
      answer = (SdkPojo) action.call().apply(parsed);
    } catch (Throwable t) {
      watch.pollEnds();
      throw t;
    }
    if (watch.pollEnds()) {
      undelivered.accept(answer);
      return null;
    }
    return answer;
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
}
