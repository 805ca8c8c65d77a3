package dev.flow.engine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.SwfRequest;

/**
 * Serves an {@link SwfClient} over HTTP with SWF's JSON 1.0 protocol ({@code POST /}, {@code
 * X-Amz-Target: SimpleWorkflowService.<Action>}, faults as {@code {"__type", "message"}}), so any
 * SWF client (the AWS SDKs, the AWS CLI, another process's Flow workers) reaches the engine with an
 * endpoint override. Requests and responses go through {@link PojoJson}, which writes the SDK model
 * in its wire shape; the action table is read once from the {@code SwfClient} interface.
 */
final class HttpEndpoint implements AutoCloseable {
  private static final String TARGET_PREFIX = "SimpleWorkflowService.";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
  private static final Map<String, Method> ACTIONS = actions();

  private final SwfClient client;
  private final HttpServer server;
  private final ExecutorService threads;

  private HttpEndpoint(SwfClient client, HttpServer server, ExecutorService threads) {
    this.client = client;
    this.server = server;
    this.threads = threads;
  }

  /** Serves {@code client} on {@code port} of the loopback interface (0: any free port). */
  static HttpEndpoint start(SwfClient client, int port) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      // Long polls hold a thread each for up to 60 s.
      ExecutorService threads =
          Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "flow-engine-http");
                t.setDaemon(true);
                return t;
              });
      HttpEndpoint endpoint = new HttpEndpoint(client, server, threads);
      server.createContext("/", endpoint::handle);
      server.setExecutor(threads);
      server.start();
      return endpoint;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot serve the engine on port " + port + ": " + e, e);
    }
  }

  URI uri() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
  }

  /** Every SWF action of the interface: its name and the method serving it. */
  private static Map<String, Method> actions() {
    Map<String, Method> actions = new TreeMap<>();
    for (Method m : SwfClient.class.getMethods()) {
      if (m.getParameterCount() == 1
          && SwfRequest.class.isAssignableFrom(m.getParameterTypes()[0])
          && SdkPojo.class.isAssignableFrom(m.getReturnType())
          && !Modifier.isStatic(m.getModifiers())) {
        String name = Character.toUpperCase(m.getName().charAt(0)) + m.getName().substring(1);
        actions.put(name, m);
      }
    }
    return actions;
  }

  static int actionCount() {
    return ACTIONS.size();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        reply(exchange, 405, fault("UnknownOperationException", "Use POST with X-Amz-Target"));
        return;
      }
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      Method action =
          target != null && target.startsWith(TARGET_PREFIX)
              ? ACTIONS.get(target.substring(TARGET_PREFIX.length()))
              : null;
      if (action == null) {
        reply(
            exchange,
            400,
            fault(
                "UnknownOperationException",
                "Unknown X-Amz-Target "
                    + target
                    + ": expected SimpleWorkflowService.<Action>, one of "
                    + ACTIONS.keySet()));
        return;
      }
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Object request;
      try {
        request = PojoJson.read(body.isBlank() ? "{}" : body, builderOf(action));
      } catch (RuntimeException e) {
        reply(exchange, 400, fault("SerializationException", "Cannot read the request: " + e));
        return;
      }
      try {
        SdkPojo response = (SdkPojo) action.invoke(client, request);
        reply(exchange, 200, PojoJson.write(response));
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof AwsServiceException) {
          AwsServiceException f = (AwsServiceException) cause;
          reply(
              exchange,
              f.statusCode(),
              fault(f.awsErrorDetails().errorCode(), f.awsErrorDetails().errorMessage()));
        } else {
          reply(exchange, 500, fault("InternalFailure", String.valueOf(cause)));
        }
      } catch (IllegalAccessException e) {
        reply(exchange, 500, fault("InternalFailure", e.toString()));
      }
    }
  }

  private static Supplier<SdkPojo> builderOf(Method action) {
    return () -> {
      try {
        return (SdkPojo) action.getParameterTypes()[0].getMethod("builder").invoke(null);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /** A fault body as SWF writes it: the modeled fault's shape id and the message. */
  static String fault(String code, String message) {
    String namespace =
        code.equals("ValidationException")
            ? "com.amazon.coral.validate#"
            : code.endsWith("Exception") || code.equals("InternalFailure")
                ? "com.amazon.coral.service#"
                : "com.amazonaws.swf.base.model#";
    return "{\"__type\":"
        + quote(namespace + code)
        + ",\"message\":"
        + quote(message == null ? "" : message)
        + "}";
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
