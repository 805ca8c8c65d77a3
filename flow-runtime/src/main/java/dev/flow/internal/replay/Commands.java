package dev.flow.internal.replay;

import dev.flow.CallOptions;
import dev.flow.spi.ActivitySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The names and numbers the commands share: activity ids, timeouts, and the prefixes that tell
 * Flow's own timers and markers from the code's.
 */
final class Commands {
  /**
   * The id prefix of the zero-second timers the decider starts when it splits its decisions over
   * several tasks: not commands of the workflow code, so replay skips them.
   */
  static final String SPLIT_TIMER = "flow-split-";

  /**
   * The prefix of the names of markers and the ids of timers the worker records for itself (a
   * blocked decider, a resumed run): not commands of the workflow code, so replay skips them.
   */
  static final String FLOW_PREFIX = "flow.";

  /** Whether timer {@code timerId} is the decider's or the worker's own, not the code's. */
  static boolean isFlowTimer(String timerId) {
    return timerId != null && (timerId.startsWith(SPLIT_TIMER) || timerId.startsWith(FLOW_PREFIX));
  }

  /** Whether marker {@code name} is the worker's own, not the code's. */
  static boolean isFlowMarker(String name) {
    return name != null && name.startsWith(FLOW_PREFIX);
  }

  private Commands() {}

  /**
   * The id of an {@code @Idempotent} activity call: {@code <name>#<first 16 hex digits of the
   * SHA-256 of name, version and input>}, so the same call is the same activity.
   */
  static String idempotentId(String name, String version, String input) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] hash =
          sha.digest((name + '\n' + version + '\n' + input).getBytes(StandardCharsets.UTF_8));
      return name + "#" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** Whether {@code id} is {@code <name>-<seq>}, compared without building it. */
  static boolean isSeqId(String id, String name, int seq) {
    int n = name.length();
    if (seq <= 0 || id.length() <= n + 1 || !id.startsWith(name) || id.charAt(n) != '-') {
      return false;
    }
    int i = id.length();
    for (int rest = seq; rest > 0; rest /= 10) {
      if (--i <= n || id.charAt(i) != (char) ('0' + rest % 10)) {
        return false;
      }
    }
    return i == n + 1;
  }

  static String withAttempt(String id, int attempt) {
    return attempt <= 1 ? id : id + "@" + attempt;
  }

  /** The activity type version to schedule: the call's, else the declared one. */
  static String version(ActivitySpec activity, CallOptions o) {
    return o.version() != null ? o.version() : activity.version();
  }

  /** An SWF timeout: whole seconds, or {@code NONE} for zero. */
  static String timeout(Duration override, long declaredSeconds) {
    long seconds = override != null ? ceilSeconds(override) : declaredSeconds;
    return seconds <= 0 ? "NONE" : Long.toString(seconds);
  }

  /**
   * Checks {@code override} as {@link #timeout} would, without writing it.
   *
   * @throws IllegalArgumentException when it is negative
   */
  static void checkTimeout(Duration override) {
    if (override != null) {
      ceilSeconds(override);
    }
  }

  static long ceilSeconds(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("a timeout cannot be negative: " + d);
    }
    return d.getNano() == 0 ? d.getSeconds() : d.getSeconds() + 1;
  }
}
