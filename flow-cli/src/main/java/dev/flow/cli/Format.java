package dev.flow.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the command line writes durations, times and payload excerpts for people. */
public final class Format {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private Format() {}

  /** {@code 850 ms}, {@code 1.2 s}, {@code 42 s}, {@code 3 min 20 s}, {@code 2 h 5 min}, ... */
  public static String duration(Duration d) {
    if (d == null) {
      return "-";
    }
    long ms = d.toMillis();
    if (ms < 0) {
      return "-" + duration(d.negated());
    }
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 10_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    }
    if (s < 86_400) {
      return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
    }
    return s / 86_400 + " d" + (s % 86_400 / 3600 == 0 ? "" : " " + s % 86_400 / 3600 + " h");
  }

  /** A timeout in SWF's seconds text ({@code "30"}) as a duration; {@code NONE} stays. */
  public static String seconds(String seconds) {
    if (seconds == null) {
      return "-";
    }
    try {
      return duration(Duration.ofSeconds(Long.parseLong(seconds.trim())));
    } catch (NumberFormatException e) {
      return seconds;
    }
  }

  /** {@code 2026-12-02 08:00:00} (UTC), or {@code -}. */
  public static String time(Instant t) {
    return t == null ? "-" : TIME.format(t);
  }

  /** ISO-8601 with milliseconds ({@code 2026-12-02T08:00:00.123Z}), or null. */
  public static String iso(Instant t) {
    return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
  }

  /** {@code text} on one line, cut to {@code max} characters with an ellipsis; "" for null. */
  public static String excerpt(String text, int max) {
    if (text == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(Math.min(text.length(), max + 1));
    boolean space = false;
    for (int i = 0; i < text.length() && b.length() <= max; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        space = b.length() > 0;
        continue;
      }
      if (space) {
        b.append(' ');
        space = false;
      }
      b.append(c);
    }
    if (b.length() > max) {
      b.setLength(Math.max(0, max - 1));
      b.append('…');
    }
    return b.toString();
  }
}
