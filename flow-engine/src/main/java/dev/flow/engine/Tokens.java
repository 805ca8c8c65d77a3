package dev.flow.engine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque task and page tokens: what a token stands for (run, event ids, cursor) and an HMAC-SHA256
 * of it under the engine's key, which is drawn at random when its store is created and kept in the
 * store (so tokens outlive a restart on the same file, and are good for that file only). A token
 * whose MAC does not match was not made here: it is an UnknownResourceFault, like a stale one.
 * Knowing a run id and an event id is not enough to answer a task.
 */
final class Tokens {
  private static final String MAC = "HmacSHA256";

  /** Bytes of the MAC a token carries: 128 bits, out of reach of guessing. */
  private static final int MAC_BYTES = 16;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;

  /** One initialized MAC per thread (looking one up costs more than computing it). */
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  Tokens(byte[] key) {
    this.key = new SecretKeySpec(key, MAC);
  }

  /** A token of {@code parts} (the first names its kind), signed. */
  String encode(String... parts) {
    byte[] payload = String.join("|", parts).getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
  }

  /**
   * The token's parts if it is one this engine made, of {@code kind} with {@code count} parts, else
   * null.
   */
  String[] decode(String token, String kind, int count) {
    if (token == null) {
      return null;
    }
    int dot = token.indexOf('.');
    if (dot < 0 || token.length() > 4096) {
      return null;
    }
    try {
      byte[] payload = DECODER.decode(token.substring(0, dot));
      byte[] mac = DECODER.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(mac, mac(payload))) {
        return null;
      }
      String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
      return parts.length == count && parts[0].equals(kind) ? parts : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private byte[] mac(byte[] payload) {
    return Arrays.copyOf(macs.get().doFinal(payload), MAC_BYTES);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(MAC);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  static long number(String part) {
    try {
      return Long.parseLong(part);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The offset a list's page token carries (0 without a token), or a ValidationException. */
  long offset(String token) {
    if (token == null) {
      return 0;
    }
    String[] t = decode(token, "l", 2);
    long offset = t == null ? -1 : number(t[1]);
    if (offset < 0) {
      throw SwfFaults.validation("Invalid nextPageToken");
    }
    return offset;
  }
}
