package dev.flow.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.flow.history.SwfJson;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * The SWF JSON of a history event as the event log stores it: the same text as {@link
 * SwfJson#toText}, written without looking at each of the event's ~57 fields. An event the engine
 * appends has its id, type and timestamp and one attributes member, the one of its type; this
 * writes those, and hands the attributes to {@link SwfJson#write(SdkPojo, JsonGenerator)}. An event
 * of a type this SDK has no attributes member for is written by {@link SwfJson#toText}.
 */
final class EventJson {
  private static final String SUFFIX = "EventAttributes";

  /** The attributes member of each event type ({@code "ActivityTaskScheduled"}), by its name. */
  private static final Map<String, SdkField<?>> ATTRIBUTES = attributesByType();

  private EventJson() {}

  private static Map<String, SdkField<?>> attributesByType() {
    Map<String, SdkField<?>> byType = new HashMap<>();
    for (SdkField<?> field : HistoryEvent.builder().sdkFields()) {
      String name = field.locationName();
      if (name.endsWith(SUFFIX)) {
        String type =
            Character.toUpperCase(name.charAt(0))
                + name.substring(1, name.length() - SUFFIX.length());
        byType.put(type, field);
      }
    }
    return byType;
  }

  /** Whether events of {@code eventType} are written here, not by {@link SwfJson#toText}. */
  static boolean writesItself(String eventType) {
    return ATTRIBUTES.containsKey(eventType);
  }

  /**
   * {@code event} as JSON text, for an event with at most the attributes member of its type set (as
   * every event the engine appends).
   */
  static String toText(HistoryEvent event) {
    SdkField<?> attributes = ATTRIBUTES.get(event.eventTypeAsString());
    if (attributes == null) {
      return SwfJson.toText(event);
    }
    StringWriter text = new StringWriter(256);
    try (JsonGenerator out = SwfJson.factory().createGenerator(text)) {
      out.writeStartObject();
      // In the order of HistoryEvent's fields, as SwfJson writes them.
      if (event.eventTimestamp() != null) {
        out.writeFieldName("eventTimestamp");
        out.writeNumber(BigDecimal.valueOf(event.eventTimestamp().toEpochMilli(), 3));
      }
      out.writeFieldName("eventType");
      out.writeString(event.eventTypeAsString());
      if (event.eventId() != null) {
        out.writeFieldName("eventId");
        out.writeNumber(event.eventId());
      }
      Object value = attributes.getValueOrDefault(event);
      if (value != null) {
        out.writeFieldName(attributes.locationName());
        SwfJson.write((SdkPojo) value, out);
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode event " + event.eventId(), e);
    }
    return text.toString();
  }
}
