package dev.flow.engine;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque task and page tokens. A token only names what it stands for (run, event ids, cursor); the
 * engine checks it against the store on every use, so a stale or forged token is an
 * UnknownResourceFault, never a wrong answer.
 */
final class Tokens {
  private Tokens() {}

  static String encode(String... parts) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
  }

  /** The token's parts if it starts with {@code kind} and has {@code count} parts, else null. */
  static String[] decode(String token, String kind, int count) {
    if (token == null) {
      return null;
    }
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
      return parts.length == count && parts[0].equals(kind) ? parts : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static long number(String part) {
    try {
      return Long.parseLong(part);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
