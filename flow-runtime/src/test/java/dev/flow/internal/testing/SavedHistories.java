package dev.flow.internal.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * Loads histories saved as {@code aws swf get-workflow-execution-history} prints them ({@code
 * {"events": [...]}}, timestamps as ISO-8601 text or epoch seconds) from test resources, such as
 * {@code histories/process-video.json}.
 */
public final class SavedHistories {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private SavedHistories() {}

  /** The events of resource {@code name} (relative to {@code /histories/}). */
  public static List<HistoryEvent> load(String name) {
    String path = "/histories/" + name;
    try (InputStream in = SavedHistories.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      JsonNode root = MAPPER.readTree(in);
      JsonNode events = root.isArray() ? root : root.path("events");
      List<HistoryEvent> history = new ArrayList<>(events.size());
      for (JsonNode event : events) {
        Object builder = MAPPER.treeToValue(event, HistoryEvent.serializableBuilderClass());
        history.add(((HistoryEvent.Builder) builder).build());
      }
      return history;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read saved history " + path, e);
    }
  }
}
