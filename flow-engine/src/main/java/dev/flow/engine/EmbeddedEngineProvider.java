package dev.flow.engine;

import dev.flow.spi.EngineProvider;
import java.nio.file.Path;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * Opens a {@link LocalEngine} for {@code FlowClient.connect("embedded:<file>")}, found through
 * {@link java.util.ServiceLoader}. An empty location is a temporary in-memory engine. Closing the
 * returned client closes the engine.
 */
public final class EmbeddedEngineProvider implements EngineProvider {
  @Override
  public SwfClient open(String location) {
    LocalEngine engine =
        location == null || location.isBlank()
            ? LocalEngine.inMemory()
            : LocalEngine.open(Path.of(location));
    return engine.owningClient();
  }
}
