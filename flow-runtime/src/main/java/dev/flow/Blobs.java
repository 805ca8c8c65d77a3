package dev.flow;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Content addresses of the built-in blob stores: {@code sha256:} and 64 hex digits. */
final class Blobs {
  static final String KEY_PREFIX = "sha256:";
  private static final Pattern KEY = Pattern.compile("sha256:[0-9a-f]{64}");

  private Blobs() {}

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  /** The hex digest of a key; anything else (a path, say) is refused. */
  static String hexOf(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new FlowException(
          "not a blob key of this store: " + key + " (expected sha256: and 64 hex digits)");
    }
    return key.substring(KEY_PREFIX.length());
  }
}
