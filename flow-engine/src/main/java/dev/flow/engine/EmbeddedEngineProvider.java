package dev.flow.engine;

import dev.flow.spi.EngineProvider;
import java.nio.file.Path;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * Opens a {@link LocalEngine} for {@code FlowClient.connect("embedded:<file>")}, found through
 * {@link java.util.ServiceLoader}. The location is the SQLite file (created if missing; an {@code
 * embedded:} prefix is tolerated); empty or {@code :memory:} is a temporary in-memory engine.
 * Closing the returned client closes the engine.
 */
public final class EmbeddedEngineProvider implements EngineProvider {
  private static final String PREFIX = "embedded:";

  @Override
  public SwfClient open(String location) {
    String path = location == null ? "" : location.strip();
    if (path.startsWith(PREFIX)) {
      path = path.substring(PREFIX.length());
    }
    LocalEngine engine =
        path.isEmpty() || path.equals(":memory:")
            ? LocalEngine.inMemory()
            : LocalEngine.open(Path.of(path));
    return engine.owningClient();
  }
}
