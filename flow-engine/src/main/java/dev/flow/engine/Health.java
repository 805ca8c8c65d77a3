package dev.flow.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * The engine's health, as {@code GET /health} answers it: healthy (HTTP 200) while its store takes
 * writes, else 503 with what the store said.
 *
 * @param storeProblem null while the store takes writes, else what it answered
 * @param schemaVersion the version of the store's schema
 * @param openExecutions open executions in every domain, or -1 when the store cannot be read
 * @param uptime since the engine opened
 */
record Health(String storeProblem, int schemaVersion, long openExecutions, Duration uptime) {
  private static final ObjectMapper JSON = new ObjectMapper();

  boolean ok() {
    return storeProblem == null;
  }

  /**
   * {@code {"status": "ok"|"unhealthy", "storeWritable": true, "storeProblem": null,
   * "schemaVersion": 1, "openExecutions": 3, "uptimeSeconds": 42}}
   */
  byte[] toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("status", ok() ? "ok" : "unhealthy");
    o.put("storeWritable", ok());
    o.put("storeProblem", storeProblem);
    o.put("schemaVersion", schemaVersion);
    o.put("openExecutions", openExecutions);
    o.put("uptimeSeconds", uptime.toSeconds());
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
