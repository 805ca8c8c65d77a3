package dev.flow.engine;

import dev.flow.internal.SwfLimits;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Request validation with the messages SWF gives for its ValidationException (a missing member, a
 * too long string, a bad duration), plus duration parsing.
 */
final class Check {
  /** SWF's limit on input, result, details and control: 32,768 characters, defined once. */
  static final int MAX_DATA = SwfLimits.MAX_DATA;

  static final long NONE = -1;
  static final long MAX_EXECUTION_SECONDS = 365L * 24 * 3600;

  private Check() {}

  /** The earliest date a request may carry: 0001-01-01T00:00:00Z. */
  static final Instant MIN_DATE = Instant.parse("0001-01-01T00:00:00Z");

  /** The latest date a request may carry: 9999-12-31T23:59:59.999Z. */
  static final Instant MAX_DATE = Instant.parse("9999-12-31T23:59:59.999Z");

  /**
   * Checks every value of a request, whatever the action: its text is valid Unicode (a lone UTF-16
   * surrogate would be stored as '?', so two ids could become one) and its dates lie between the
   * years 1 and 9999.
   */
  static void values(SdkPojo request) {
    values(request, "");
  }

  private static void values(SdkPojo pojo, String prefix) {
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      if (!plainlyValid(value)) {
        value(value, prefix + field.locationName()); // names the member only when needed
      }
    }
  }

  /** Whether {@code value} needs no look (none, a number, valid text, an empty list or map). */
  private static boolean plainlyValid(Object value) {
    return value == null
        || value instanceof Number
        || value instanceof Boolean
        || (value instanceof String s && validUnicode(s))
        || (value instanceof List<?> l && l.isEmpty())
        || (value instanceof Map<?, ?> m && m.isEmpty());
  }

  private static boolean validUnicode(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return false; // a pair, or a lone one: unicode() tells
      }
    }
    return true;
  }

  private static void value(Object value, String member) {
    if (value instanceof String s) {
      unicode(s, member);
    } else if (value instanceof Instant date) {
      if (date.isBefore(MIN_DATE) || date.isAfter(MAX_DATE)) {
        throw SwfFaults.validation(
            "1 validation error detected: Value '"
                + date
                + "' at '"
                + member
                + "' failed to satisfy constraint: Member must be a date between the years 1 and"
                + " 9999");
      }
    } else if (value instanceof SdkPojo pojo) {
      values(pojo, member + ".");
    } else if (value instanceof List) {
      int i = 0;
      for (Object element : (List<?>) value) {
        value(element, member + "." + ++i);
      }
    } else if (value instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        value(String.valueOf(e.getKey()), member + ".key");
        value(e.getValue(), member + "." + e.getKey());
      }
    }
  }

  private static void unicode(String text, String member) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw SwfFaults.validation(
            "1 validation error detected: Value at '"
                + member
                + "' failed to satisfy constraint: Member must be valid Unicode text; it holds a"
                + String.format(" lone UTF-16 surrogate (U+%04X) at index %d", (int) c, i));
      }
    }
  }

  static <T> T required(T value, String member) {
    if (value == null) {
      throw SwfFaults.validation(
          "1 validation error detected: Value null at '"
              + member
              + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  /** A name (domain, type, id, task list): 1..256 characters, no ':', '/', '|', control chars. */
  static String name(String value, String member) {
    required(value, member);
    length(value, 1, 256, member);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ':' || c == '/' || c == '|' || c <= 0x1f || (c >= 0x7f && c <= 0x9f)) {
        throw SwfFaults.validation(
            "Invalid "
                + member
                + " '"
                + value
                + "': it must not contain ':', '/', '|' or control"
                + " characters");
      }
    }
    if (!value.equals(value.strip())) {
      throw SwfFaults.validation(
          "Invalid " + member + " '" + value + "': it must not start or end with whitespace");
    }
    if (value.equals("arn")) {
      throw SwfFaults.validation("Invalid " + member + ": it must not be the literal string arn");
    }
    return value;
  }

  /** A type version: a name of at most 64 characters. */
  static String version(String value, String member) {
    return length(name(value, member), 1, 64, member);
  }

  /** A required string of 1..max characters with no other rule (signal and marker names). */
  static String text(String value, int max, String member) {
    return length(required(value, member), 1, max, member);
  }

  static String length(String value, int min, int max, String member) {
    if (value != null && (value.length() < min || value.length() > max)) {
      throw SwfFaults.validation(
          "1 validation error detected: Value at '"
              + member
              + "' failed to satisfy constraint: Member must have length "
              + (value.length() < min
                  ? "greater than or equal to " + min
                  : "less than or equal to " + max));
    }
    return value;
  }

  /** Input, result, details, control: at most 32,768 characters. */
  static String data(String value, String member) {
    return length(value, 0, MAX_DATA, member);
  }

  /** A failure's or termination's reason: at most 256 characters ({@link SwfLimits#MAX_REASON}). */
  static String reason(String value, String member) {
    return length(value, 0, SwfLimits.MAX_REASON, member);
  }

  static void size(Collection<?> values, int max, String member) {
    if (values != null && values.size() > max) {
      throw SwfFaults.validation(
          "1 validation error detected: Value at '"
              + member
              + "' failed to satisfy constraint: Member must have length less than or equal to "
              + max);
    }
  }

  /** Seconds of a duration string: a non-negative integer, or NONE ({@link #NONE}) if allowed. */
  static long seconds(String value, boolean noneAllowed, String member) {
    if (value == null) {
      return NONE;
    }
    if (value.equals("NONE")) {
      if (noneAllowed) {
        return NONE;
      }
      throw SwfFaults.validation(
          "Invalid " + member + " 'NONE': this timeout must be a number of seconds");
    }
    try {
      long s = Long.parseLong(value);
      if (s >= 0 && value.length() <= 8) {
        return s;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw SwfFaults.validation(
        "Invalid "
            + member
            + " '"
            + value
            + "': expected a number of seconds (0 or more)"
            + (noneAllowed ? " or NONE" : ""));
  }

  /** An execution start-to-close timeout: seconds, not NONE, at most one year (SWF's limit). */
  static long executionTimeout(String value, String member) {
    long s = seconds(value, false, member);
    if (s > MAX_EXECUTION_SECONDS) {
      throw SwfFaults.validation(
          "Invalid "
              + member
              + " '"
              + value
              + "': a workflow execution runs at most one year ("
              + MAX_EXECUTION_SECONDS
              + " seconds)");
    }
    return s;
  }

  /** A child policy: TERMINATE, REQUEST_CANCEL or ABANDON (null: not given). */
  static String childPolicy(String value, String member) {
    if (value != null && !List.of("TERMINATE", "REQUEST_CANCEL", "ABANDON").contains(value)) {
      throw SwfFaults.validation(
          "Invalid " + member + " '" + value + "': expected TERMINATE, REQUEST_CANCEL or ABANDON");
    }
    return value;
  }

  static Integer priority(String value, String member) {
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw SwfFaults.validation(
          "Invalid "
              + member
              + " '"
              + value
              + "': expected an integer between "
              + Integer.MIN_VALUE
              + " and "
              + Integer.MAX_VALUE);
    }
  }

  static int pageSize(Integer value) {
    if (value == null || value == 0) {
      return 1000;
    }
    if (value < 0 || value > 1000) {
      throw SwfFaults.validation(
          "1 validation error detected: Value '"
              + value
              + "' at 'maximumPageSize' failed to"
              + " satisfy constraint: Member must have value between 0 and 1000");
    }
    return value;
  }

  /** {@code value}, or {@code fallback} (a registered default) when it is not set. */
  static String orDefault(String value, String fallback) {
    return value != null ? value : fallback;
  }
}
