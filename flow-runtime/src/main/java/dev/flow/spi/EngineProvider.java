package dev.flow.spi;

import software.amazon.awssdk.services.swf.SwfClient;

/**
 * Opens the embedded engine for {@code FlowClient.connect("embedded:...")}. The {@code flow-engine}
 * module provides one through {@link java.util.ServiceLoader}, so the runtime does not depend on
 * it.
 */
public interface EngineProvider {
  /**
   * Opens the engine stored in {@code location} (a file path; empty for a temporary in-memory
   * engine). Closing the returned client closes the engine.
   */
  SwfClient open(String location);
}
