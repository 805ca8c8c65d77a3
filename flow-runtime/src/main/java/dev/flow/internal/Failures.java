package dev.flow.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Failures as they travel in SWF {@code reason} and {@code details}: the reason is the exception's
 * class name, the details a JSON object {@code {"type", "message", "stackTrace", "cause"}} whose
 * cause is the same shape or null.
 */
public final class Failures {
  /** SWF's limit on the length of a reason. */
  public static final int MAX_REASON = 256;

  /** SWF's limit on the length of details. */
  public static final int MAX_DETAILS = 32_768;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Failures() {}

  /** The SWF reason for {@code failure}: its class name, cut to 256 characters. */
  public static String reason(Throwable failure) {
    return truncate(failure.getClass().getName(), MAX_REASON);
  }

  /** The SWF details for {@code failure}, within SWF's limit (stack traces are cut first). */
  public static String details(Throwable failure) {
    String json = toJson(failure, Integer.MAX_VALUE).toString();
    if (json.length() <= MAX_DETAILS) {
      return json;
    }
    json = toJson(failure, 4_000).toString();
    return json.length() <= MAX_DETAILS ? json : toJson(failure, 0).toString();
  }

  private static ObjectNode toJson(Throwable failure, int maxStackTrace) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", failure.getClass().getName());
    node.put("message", failure.getMessage() == null ? null : truncate(failure.getMessage(), 8_000));
    node.put("stackTrace", truncate(stackTrace(failure), maxStackTrace));
    Throwable cause = failure.getCause();
    if (cause != null && cause != failure) {
      node.set("cause", toJson(cause, maxStackTrace / 2));
    } else {
      node.putNull("cause");
    }
    return node;
  }

  /** The parsed details, or a {@code {"type": reason, "message": details}} object when they are not JSON. */
  public static Remote parse(String reason, String details) {
    if (details != null && details.startsWith("{")) {
      try {
        JsonNode node = MAPPER.readTree(details);
        if (node.hasNonNull("type")) {
          return new Remote(
              node.get("type").asText(),
              node.hasNonNull("message") ? node.get("message").asText() : null,
              node.hasNonNull("stackTrace") ? node.get("stackTrace").asText() : "");
        }
      } catch (JsonProcessingException e) {
        // not our JSON: fall through to the plain form
      }
    }
    return new Remote(reason == null ? "unknown" : reason, details, "");
  }

  /** What a remote failure reported. */
  public record Remote(String type, String message, String stackTrace) {}

  private static String stackTrace(Throwable failure) {
    StringWriter out = new StringWriter();
    failure.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, Math.max(0, max));
  }
}
