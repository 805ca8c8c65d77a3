package dev.flow.engine;

import dev.flow.spi.EngineProvider;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * Opens a {@link LocalEngine} for {@code FlowClient.connect("embedded:<file>")}, found through
 * {@link java.util.ServiceLoader}. The location is the SQLite file (created if missing; an {@code
 * embedded:} prefix is tolerated); empty or {@code :memory:} is an in-memory engine.
 *
 * <p>Within one JVM, every open of the same location shares one engine (a file has one owner, and a
 * client and a worker of the same process must see the same task lists): each open returns its own
 * client, and the engine closes when the last of them is closed.
 */
public final class EmbeddedEngineProvider implements EngineProvider {
  private static final String PREFIX = "embedded:";
  private static final String MEMORY = ":memory:";
  private static final Map<String, Shared> OPEN = new HashMap<>();

  /** An engine and the number of its clients not yet closed. */
  private static final class Shared {
    final LocalEngine engine;
    int clients;

    Shared(LocalEngine engine) {
      this.engine = engine;
    }
  }

  @Override
  public SwfClient open(String location) {
    String path = location == null ? "" : location.strip();
    if (path.startsWith(PREFIX)) {
      path = path.substring(PREFIX.length());
    }
    String key =
        path.isEmpty() || path.equals(MEMORY)
            ? MEMORY
            : Path.of(path).toAbsolutePath().normalize().toString();
    synchronized (OPEN) {
      Shared shared = OPEN.get(key);
      if (shared == null) {
        shared =
            new Shared(
                key.equals(MEMORY) ? LocalEngine.inMemory() : LocalEngine.open(Path.of(key)));
        OPEN.put(key, shared);
      }
      shared.clients++;
      Shared opened = shared;
      return shared.engine.client(() -> release(key, opened));
    }
  }

  private static void release(String key, Shared shared) {
    synchronized (OPEN) {
      if (--shared.clients > 0) {
        return;
      }
      OPEN.remove(key, shared);
    }
    shared.engine.close();
  }
}
