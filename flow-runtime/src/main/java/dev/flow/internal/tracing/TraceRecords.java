package dev.flow.internal.tracing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Where a run's trace is recorded in SWF, as text (no OpenTelemetry here): the {@code "trace"} key
 * of the Flow JSON object a tracing worker answers with as {@code executionContext}, and the {@link
 * Tracing#START_TAG} tag of a traced start.
 */
final class TraceRecords {
  static final String KEY = "trace";

  private static final ObjectMapper JSON = new ObjectMapper();

  private TraceRecords() {}

  /**
   * {@code untraced} (null, or a Flow JSON object) with {@code "trace": traceparent} added; an
   * {@code untraced} that is no JSON object is returned as it is.
   */
  static String withTrace(String untraced, String traceparent) {
    ObjectNode context;
    if (untraced == null) {
      context = JSON.createObjectNode().put("flow", 1);
    } else {
      JsonNode parsed = parse(untraced);
      if (parsed == null || !parsed.isObject()) {
        return untraced;
      }
      context = (ObjectNode) parsed;
    }
    return context.put(KEY, traceparent).toString();
  }

  /** The {@code traceparent} an {@code executionContext} records, or null. */
  static String traceOf(String executionContext) {
    if (executionContext == null || !executionContext.contains("\"" + KEY + "\"")) {
      return null; // most contexts: no need to parse
    }
    JsonNode parsed = parse(executionContext);
    if (parsed == null || !parsed.isObject() || !parsed.has("flow")) {
      return null;
    }
    JsonNode trace = parsed.get(KEY);
    return trace != null && trace.isTextual() ? trace.asText() : null;
  }

  /** The {@code traceparent} of a traced start's {@link Tracing#START_TAG} tag, or null. */
  static String traceOfTags(List<String> tags) {
    if (tags == null) {
      return null;
    }
    for (String tag : tags) {
      if (tag.startsWith(Tracing.START_TAG)) {
        return tag.substring(Tracing.START_TAG.length());
      }
    }
    return null;
  }

  /**
   * A run's failure as one line: the reason, and the message of Flow's failure details ({@code
   * {"type":...,"message":...}}) when they have one.
   */
  static String failure(String reason, String details) {
    JsonNode parsed = details == null ? null : parse(details);
    JsonNode message = parsed == null ? null : parsed.get("message");
    String text = message != null && message.isTextual() ? message.asText() : null;
    return reason == null ? String.valueOf(text) : text == null ? reason : reason + ": " + text;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
