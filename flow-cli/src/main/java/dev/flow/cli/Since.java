package dev.flow.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code --since} values ({@code 2h}, {@code 1d}, ISO-8601) and durations. */
final class Since {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|min|h|d|w)");

  private Since() {}

  /** {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}, {@code 1w}. */
  static Duration duration(String option, String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw CliException.usage(
          option + ": expected a duration such as 90s, 10m, 2h, 1d or 1w, got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m", "min" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }

  /** A duration back from {@code now}, or an ISO-8601 time ({@code 2026-12-01T08:00:00Z}). */
  static Instant instant(String option, String text, Instant now) {
    if (!text.isEmpty() && Character.isDigit(text.charAt(0)) && text.contains("-")) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        try {
          return Instant.parse(text);
        } catch (DateTimeParseException again) {
          throw CliException.usage(
              option
                  + ": expected a duration back from now (2h, 1d) or an ISO-8601 time with"
                  + " an offset (2026-12-01T08:00:00Z), got '"
                  + text
                  + "'");
        }
      }
    }
    try {
      return now.minus(duration(option, text));
    } catch (CliException e) {
      throw CliException.usage(
          option
              + ": expected a duration back from now (2h, 1d) or an ISO-8601 time with"
              + " an offset (2026-12-01T08:00:00Z), got '"
              + text
              + "'");
    }
  }
}
