package dev.flow;

import software.amazon.awssdk.services.swf.SwfClient;

/**
 * The connection of an application to an engine: an SWF client (the embedded engine's or AWS's),
 * the domain, and the data converter. Generated workflow clients and {@link Worker}s take one.
 *
 * <pre>{@code
 * try (FlowClient flow = FlowClient.connect("embedded:flow.db", "media")) {
 *   VideoResult r = ProcessVideoWorkflowClient.create(flow).execute(url, subs);
 * }
 * }</pre>
 */
public final class FlowClient implements AutoCloseable {
  // TODO(runtime helper): fields, builder, connect, close.

  private FlowClient() {}

  /** A client of {@code domain} on {@code swf}, with the default Jackson data converter. */
  public static FlowClient create(SwfClient swf, String domain) {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Connects to an engine by name: {@code embedded} (temporary, in memory), {@code embedded:FILE}
   * (durable in FILE; needs flow-engine on the class path), {@code http://HOST:PORT} (an SWF
   * endpoint, such as the engine's server), or {@code aws} (Amazon SWF with the default
   * credentials and region).
   */
  public static FlowClient connect(String engine, String domain) {
    throw new UnsupportedOperationException("TODO");
  }

  public SwfClient swf() {
    throw new UnsupportedOperationException("TODO");
  }

  public String domain() {
    throw new UnsupportedOperationException("TODO");
  }

  /** Closes the SWF client if this client opened it ({@link #connect}). */
  @Override
  public void close() {}
}
