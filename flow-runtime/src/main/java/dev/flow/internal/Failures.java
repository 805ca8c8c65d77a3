package dev.flow.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flow.FlowException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failures as they travel in SWF {@code reason} and {@code details}: the reason is the exception's
 * class name, the details a JSON object {@code {"type", "message", "stackTrace", "cause"}} whose
 * cause is the same shape or null.
 */
public final class Failures {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Failures() {}

  /** The SWF reason for {@code failure}: its class name, cut to 256 characters. */
  public static String reason(Throwable failure) {
    return truncate(failure.getClass().getName(), SwfLimits.MAX_REASON);
  }

  /** The SWF details for {@code failure}, within SWF's limit (stack traces are cut first). */
  public static String details(Throwable failure) {
    String json = toJson(failure, Integer.MAX_VALUE).toString();
    if (json.length() <= SwfLimits.MAX_DATA) {
      return json;
    }
    json = toJson(failure, 4_000).toString();
    return json.length() <= SwfLimits.MAX_DATA ? json : toJson(failure, 0).toString();
  }

  private static ObjectNode toJson(Throwable failure, int maxStackTrace) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", failure.getClass().getName());
    node.put(
        "message", failure.getMessage() == null ? null : truncate(failure.getMessage(), 8_000));
    node.put("stackTrace", truncate(stackTrace(failure), maxStackTrace));
    Throwable cause = failure.getCause();
    if (cause != null && cause != failure) {
      node.set("cause", toJson(cause, maxStackTrace / 2));
    } else {
      node.putNull("cause");
    }
    return node;
  }

  /**
   * The parsed details, or a {@code {"type": reason, "message": details}} object when they are not
   * JSON.
   */
  public static Remote parse(String reason, String details) {
    Remote remote = parseJson(details);
    return remote != null
        ? remote
        : new Remote(reason == null ? "unknown" : reason, details, "", null);
  }

  /** The failure Flow's JSON {@code details} report, or null when they are not that JSON. */
  public static Remote parseJson(String details) {
    if (details != null && details.startsWith("{")) {
      try {
        JsonNode node = MAPPER.readTree(details);
        if (node.hasNonNull("type")) {
          return remote(node, 0);
        }
      } catch (JsonProcessingException e) {
        // not our JSON
      }
    }
    return null;
  }

  private static Remote remote(JsonNode node, int depth) {
    JsonNode cause = node.get("cause");
    return new Remote(
        node.get("type").asText(),
        node.hasNonNull("message") ? node.get("message").asText() : null,
        node.hasNonNull("stackTrace") ? node.get("stackTrace").asText() : "",
        cause != null && cause.hasNonNull("type") && depth < MAX_CAUSES
            ? remote(cause, depth + 1)
            : null);
  }

  /** How many causes deep a remote failure is read. */
  private static final int MAX_CAUSES = 16;

  /**
   * What a remote failure reported.
   *
   * @param cause what the remote exception's cause reported; null when it had none
   */
  public record Remote(String type, String message, String stackTrace, Remote cause) {
    /** {@code type: message}, as {@link Throwable#toString()} shows an exception. */
    public String summary() {
      return message == null ? type : type + ": " + message;
    }

    /** {@code "; caused by: T: m; caused by: ..."} for the causes, or empty when there is none. */
    public String causes() {
      StringBuilder s = new StringBuilder();
      for (Remote c = cause; c != null; c = c.cause) {
        s.append("; caused by: ").append(c.summary());
      }
      return s.toString();
    }
  }

  /**
   * The remote failure as a throwable whose stack trace and causes are the remote ones: an instance
   * of the remote type when it is a {@code RuntimeException} loadable here with a public {@code
   * (String)} constructor, else a {@link FlowException} whose message starts with the remote type.
   */
  public static Throwable toThrowable(Remote remote) {
    Throwable t = null;
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      Class<?> c =
          Class.forName(
              remote.type(), false, loader == null ? Failures.class.getClassLoader() : loader);
      if (RuntimeException.class.isAssignableFrom(c)) {
        t = (Throwable) c.getConstructor(String.class).newInstance(remote.message());
      }
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      // not rebuildable here: the stand-in below says what it was
    }
    if (t == null) {
      t = new FlowException(remote.summary());
    }
    t.setStackTrace(frames(remote.stackTrace()));
    if (remote.cause() != null) {
      try {
        t.initCause(toThrowable(remote.cause()));
      } catch (IllegalStateException e) {
        // the rebuilt type set its own cause: keep it
      }
    }
    return t;
  }

  private static final Pattern FRAME =
      Pattern.compile("^\\s*at (?:[^\\s/]+/)*([^\\s(]+)\\.([^.\\s(]+)\\(([^)]*)\\)\\s*$");

  /** The frames of the text of a stack trace, up to its first {@code Caused by}. */
  public static StackTraceElement[] frames(String text) {
    if (text == null || text.isEmpty()) {
      return new StackTraceElement[0];
    }
    List<StackTraceElement> frames = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("Caused by:")) {
        break;
      }
      Matcher m = FRAME.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String where = m.group(3);
      String file = null;
      int lineNumber = -1;
      if (where.equals("Native Method")) {
        lineNumber = -2;
      } else if (!where.equals("Unknown Source")) {
        int colon = where.lastIndexOf(':');
        if (colon > 0) {
          file = where.substring(0, colon);
          try {
            lineNumber = Integer.parseInt(where.substring(colon + 1));
          } catch (NumberFormatException e) {
            file = where;
          }
        } else {
          file = where;
        }
      }
      frames.add(new StackTraceElement(m.group(1), m.group(2), file, lineNumber));
    }
    return frames.toArray(new StackTraceElement[0]);
  }

  private static String stackTrace(Throwable failure) {
    StringWriter out = new StringWriter();
    failure.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, Math.max(0, max));
  }
}
