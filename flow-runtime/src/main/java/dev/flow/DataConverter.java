package dev.flow;

import java.lang.reflect.Type;
import java.util.Objects;

/**
 * Turns inputs, results, signal arguments and failure details into the strings SWF carries, and
 * back. {@link #json()} (Jackson) is the default; supply another with {@code
 * FlowClient.builder().dataConverter(...)}. The encoding of a value must not depend on anything but
 * the value, so that replay sees the same input.
 */
public interface DataConverter {
  /** The default converter: JSON through Jackson, with java.time and Optional support. */
  static DataConverter json() {
    return JacksonDataConverter.INSTANCE;
  }

  /**
   * Encodings longer than this many characters go to the blob store of {@link #withBlobs}: SWF's
   * 32,768 less some headroom.
   */
  int BLOB_THRESHOLD = 32_000;

  /** The default maximum size of one payload kept in a blob store: 16 MiB. */
  int DEFAULT_MAX_PAYLOAD_BYTES = 16 << 20;

  /**
   * {@code inner}, with every encoding longer than {@link #BLOB_THRESHOLD} characters (an input, a
   * result, heartbeat details, a signal's input) stored in {@code store} and replaced by a small
   * JSON reference {@code {"$flowBlob":"sha256:...","size":N}}, which decoding resolves. Payloads
   * over {@code maxBytes} (UTF-8) fail with a {@link FlowException} that says so. Failure details
   * are not stored: they are cut to fit SWF instead. {@code FlowClient.builder().blobStore(store)}
   * applies it to the client's converter; an encoding of a value must not begin with <code>
   * &#123;"$flowBlob":</code> (the key is reserved).
   *
   * @throws IllegalArgumentException when {@code maxBytes} is not positive
   */
  static DataConverter withBlobs(DataConverter inner, BlobStore store, int maxBytes) {
    Objects.requireNonNull(inner, "inner");
    Objects.requireNonNull(store, "store");
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
    }
    return new BlobDataConverter(inner, store, BLOB_THRESHOLD, maxBytes);
  }

  /** Encodes one value (null included). */
  String toData(Object value);

  /** Decodes one value of {@code type}; a null or empty {@code data} decodes to null. */
  Object fromData(String data, Type type);

  /** Encodes the arguments of a call, in order. */
  String toArguments(Object[] arguments);

  /**
   * Decodes the arguments of a call to {@code types}; missing trailing arguments decode as null (or
   * the primitive's zero).
   */
  Object[] fromArguments(String data, Type[] types);
}
