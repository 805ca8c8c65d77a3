package dev.flow.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * Serves an engine's {@link SwfClient} over the SWF JSON 1.0 protocol until closed, so workers
 * and clients reach it with {@code http://HOST:PORT}. A stand-in (bench branch) for a public
 * {@code LocalEngine.serve(InetSocketAddress)}; it only wraps the package-private server.
 *
 * <pre>{@code
 * try (EngineEndpoint endpoint =
 *     EngineEndpoint.serve(engine.client(), new InetSocketAddress("127.0.0.1", 0))) {
 *   FlowClient flow = FlowClient.connect(endpoint.uri().toString(), "demo");
 * }
 * }</pre>
 */
public final class EngineEndpoint implements AutoCloseable {
  private final SwfHttpServer server;

  private EngineEndpoint(SwfHttpServer server) {
    this.server = server;
  }

  /** Starts serving {@code client} on {@code address} (port 0: any free port). */
  public static EngineEndpoint serve(SwfClient client, InetSocketAddress address)
      throws IOException {
    return new EngineEndpoint(new SwfHttpServer(client, address).start());
  }

  /** The address served, as {@code http://HOST:PORT}. */
  public URI uri() {
    InetSocketAddress a = server.address();
    return URI.create("http://" + a.getHostString() + ":" + a.getPort());
  }

  /** Stops serving; the engine stays open. */
  @Override
  public void close() {
    server.close();
  }
}
