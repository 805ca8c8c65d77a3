package dev.flow.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.flow.internal.SwfJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import software.amazon.awssdk.services.swf.model.LimitExceededException;
import software.amazon.awssdk.services.swf.model.OperationNotPermittedException;
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
 * ...}}, HTTP 400). Every request runs on its own thread, so long polls do not hold others up. With
 * a {@link SigV4Verifier}, a request without a valid signature is refused before it is read as
 * JSON, with the fault AWS gives ({@code MissingAuthenticationTokenException}, {@code
 * InvalidSignatureException}, ...).
 *
 * <p>Beside SWF: {@code GET /health} (200 while the store takes writes, else 503) and {@code GET
 * /metrics} (Prometheus text), unauthenticated, for probes and scrapers; every other request goes
 * to the {@link WebPages} the server was given, if any.
 */
final class SwfHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SwfHttpServer.class);
  private static final String TARGET_PREFIX = "SimpleWorkflowService.";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
  private static final String FAULT_NAMESPACE = "com.amazonaws.swf.base.model#";
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    // The JDK server writes a response's headers and body in two packets; with Nagle's algorithm
    // on, the body then waits for the client's delayed ACK (40 ms on Linux) on every request. Read
    // once, when the JDK's server configuration loads: before the first HttpServer is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /**
   * Connections the kernel may hold before they are accepted; above the 500 concurrent long polls a
   * busy engine serves, since workers open their polls in bursts.
   */
  static final int BACKLOG = 2048;

  private static final Logger REQUESTS = LoggerFactory.getLogger("dev.flow.engine.requests");

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
      Supplier<Health> health, EngineMetrics metrics, boolean logRequests, WebPages pages) {
    /** No health to tell, nothing counted, nothing logged, no pages. */
    static final Monitoring NONE = new Monitoring(null, EngineMetrics.NONE, false, null);
  }

  private final Map<String, SwfActions.Action> actions;
  private final SigV4Verifier verifier;
  private final Monitoring monitoring;
  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicInteger inFlight = new AtomicInteger();

  SwfHttpServer(SwfClient client, InetSocketAddress address) throws IOException {
    this(client, address, null);
  }

  /** A server that also requires requests signed as {@code verifier} checks, unless null. */
  SwfHttpServer(SwfClient client, InetSocketAddress address, SigV4Verifier verifier)
      throws IOException {
    this(client, address, verifier, Monitoring.NONE);
  }

  /** A server that also answers {@code GET /health} and {@code GET /metrics} from {@code m}. */
  SwfHttpServer(SwfClient client, InetSocketAddress address, SigV4Verifier verifier, Monitoring m)
      throws IOException {
    this.actions = SwfActions.of(client);
    this.verifier = verifier;
    this.monitoring = m;
    this.server = HttpServer.create(address, BACKLOG);
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "flow-engine-http-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  SwfHttpServer start() {
    server.start();
    return this;
  }

  /** The address the server listens on (with the port chosen when 0 was asked for). */
  InetSocketAddress address() {
    return server.getAddress();
  }

  /** How many requests are being served now (long polls included). */
  int inFlight() {
    return inFlight.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    inFlight.incrementAndGet();
    CURRENT.set(new Served());
    try {
      serve(exchange);
    } finally {
      CURRENT.remove();
      inFlight.decrementAndGet();
    }
  }

  /**
   * What the request on this thread is: when it came, its SWF action and the fault it got. (Not
   * exchange attributes: the JDK server shares those between all exchanges of a context.)
   */
  private static final class Served {
    final long start = System.nanoTime();
    String action;
    String fault;
  }

  private static final ThreadLocal<Served> CURRENT = new ThreadLocal<>();

  /** Counts and logs the request, just before its answer goes out (so a client sees it counted). */
  private void served(HttpExchange exchange, int status) {
    Served served = CURRENT.get();
    long nanos = System.nanoTime() - served.start;
    String action = served.action;
    String fault = served.fault;
    if (action != null) {
      monitoring.metrics().request(action, fault == null ? "none" : fault, nanos);
    }
    if (monitoring.logRequests()) {
      REQUESTS.info(
          "{} {} {} {} {} ms {}",
          exchange.getRequestMethod(),
          action != null ? action : exchange.getRequestURI().getPath(),
          status,
          fault == null ? "-" : fault,
          TimeUnit.NANOSECONDS.toMillis(nanos),
          exchange.getRemoteAddress() == null
              ? "-"
              : exchange.getRemoteAddress().getAddress().getHostAddress());
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      boolean monitor = path.equals("/health") || path.equals("/metrics");
      if (monitoring.pages() != null && !monitor && !(method.equals("POST") && path.equals("/"))) {
        monitoring.pages().handle(exchange);
        served(exchange, exchange.getResponseCode());
        return;
      }
      if ("GET".equals(method) || "HEAD".equals(method)) {
        get(exchange);
        return;
      }
      if (!"POST".equals(method)) {
        respond(exchange, 405, fault("UnknownOperationException", "SWF takes POST requests only"));
        return;
      }
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      SwfActions.Action action =
          target != null && target.startsWith(TARGET_PREFIX)
              ? actions.get(target.substring(TARGET_PREFIX.length()))
              : null;
      if (action == null) {
        respond(
            exchange,
            400,
            fault(
                "UnknownOperationException",
                "unknown operation '"
                    + target
                    + "': expected X-Amz-Target: "
                    + TARGET_PREFIX
                    + "<Action>, one of "
                    + new TreeSet<>(actions.keySet())));
        return;
      }
      CURRENT.get().action = target.substring(TARGET_PREFIX.length());
      byte[] bytes;
      try (InputStream in = exchange.getRequestBody()) {
        bytes = in.readAllBytes();
      }
      if (verifier != null) {
        SigV4Verifier.Refusal refusal =
            verifier.verify(exchange.getRequestHeaders(), exchange.getRequestURI(), bytes);
        if (refusal != null) {
          respond(exchange, refusal.status(), fault(refusal.type(), refusal.message()));
          return;
        }
      }
      JsonNode body;
      try {
        body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
      } catch (JsonProcessingException e) {
        respond(
            exchange,
            400,
            fault("SerializationException", "the body is not JSON: " + e.getOriginalMessage()));
        return;
      }
      Object request;
      try {
        request = SwfJson.read(body, action.requestBuilder().get());
      } catch (IllegalArgumentException e) {
        respond(exchange, 400, fault("SerializationException", e.getMessage()));
        return;
      }
      try {
        respond(exchange, 200, SwfJson.write((SdkPojo) action.call().apply(request)));
      } catch (SwfException e) {
        int status = e.statusCode() >= 500 ? e.statusCode() : 400;
        respond(exchange, status, fault(faultType(e), message(e)));
      } catch (UnsupportedOperationException e) {
        respond(
            exchange,
            400,
            fault(
                "UnknownOperationException", "this engine does not implement " + target + " yet"));
      } catch (RuntimeException e) {
        LOG.warn("internal failure serving " + target, e);
        respond(exchange, 500, fault("InternalFailure", "internal failure: " + e));
      }
    }
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

  private static ObjectNode fault(String type, String message) {
    ObjectNode fault = JSON.createObjectNode();
    fault.put("__type", type.contains("#") ? type : FAULT_NAMESPACE + type);
    fault.put("message", message);
    return fault;
  }

  /** {@code GET /health}, {@code GET /metrics}; 404 for anything else. */
  private void get(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (path.equals("/health") && monitoring.health() != null) {
      Health health = monitoring.health().get();
      send(exchange, health.ok() ? 200 : 503, "application/json", health.toJson());
    } else if (path.equals("/metrics") && monitoring.metrics().scrape() != null) {
      send(
          exchange,
          200,
          "text/plain; version=0.0.4; charset=utf-8",
          monitoring.metrics().scrape().getBytes(StandardCharsets.UTF_8));
    } else if (path.equals("/metrics")) {
      send(
          exchange,
          404,
          "text/plain; charset=utf-8",
          ("metrics are off: serve the engine with a Micrometer PrometheusMeterRegistry"
                  + " (LocalEngine.builder().meterRegistry(...); the server jar has one)\n")
              .getBytes(StandardCharsets.UTF_8));
    } else {
      send(
          exchange,
          404,
          "text/plain; charset=utf-8",
          ("not found: "
                  + path
                  + ". This server answers SWF on POST /, GET /health and GET"
                  + " /metrics\n")
              .getBytes(StandardCharsets.UTF_8));
    }
  }

  private void send(HttpExchange exchange, int status, String type, byte[] bytes)
      throws IOException {
    served(exchange, status);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    if (status != 200) {
      String type = body.path("__type").asText("");
      CURRENT.get().fault = type.substring(type.indexOf('#') + 1);
    }
    served(exchange, status);
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
