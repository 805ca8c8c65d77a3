package dev.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

/**
 * {@link DataConverter#withBlobs}: encodings longer than the threshold go to the blob store and are
 * replaced by a reference; references are resolved before decoding. References are canonical (the
 * key derives from the content), so replay sees the same input. A decider replays the whole history
 * at every decision, encoding the same large inputs and decoding the same large results again, so
 * the most recent payloads are kept in memory (bounded by their total size): neither stored again
 * nor read again.
 */
final class BlobDataConverter implements DataConverter {
  static final String REFERENCE_FIELD = "$flowBlob";
  private static final String REFERENCE_START = "{\"" + REFERENCE_FIELD + "\":";
  private static final int MAX_REFERENCE = 1_024;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The total characters of the payloads kept in memory. */
  static final long CACHE_CHARS = 8L << 20;

  private final DataConverter inner;
  private final BlobStore store;
  private final int threshold;
  private final int maxBytes;

  // guarded by itself: payloads by key, least recently used first
  private final LinkedHashMap<String, String> recent = new LinkedHashMap<>(16, 0.75f, true);
  private long recentChars; // guarded by recent

  BlobDataConverter(DataConverter inner, BlobStore store, int threshold, int maxBytes) {
    this.inner = inner;
    this.store = store;
    this.threshold = threshold;
    this.maxBytes = maxBytes;
  }

  @Override
  public String toData(Object value) {
    return offload(inner.toData(value));
  }

  @Override
  public Object fromData(String data, Type type) {
    return inner.fromData(resolve(data), type);
  }

  @Override
  public String toArguments(Object[] arguments) {
    return offload(inner.toArguments(arguments));
  }

  @Override
  public Object[] fromArguments(String data, Type[] types) {
    return inner.fromArguments(resolve(data), types);
  }

  private String offload(String data) {
    if (data == null || data.length() <= threshold) {
      return data;
    }
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > maxBytes) {
      throw new FlowException(
          "a payload of "
              + bytes.length
              + " bytes once encoded is over the maximum of "
              + maxBytes
              + " bytes for payloads kept in "
              + store
              + ": raise it with FlowClient.builder().maxPayloadBytes(n) (or"
              + " DataConverter.withBlobs(inner, store, maxBytes)), or pass a reference (a URL, a"
              + " key) instead of the data");
    }
    String key = cachedKey(data);
    if (key == null) {
      key = store.put(bytes);
      remember(key, data);
    }
    ObjectNode reference = MAPPER.createObjectNode();
    reference.put(REFERENCE_FIELD, key);
    reference.put("size", bytes.length);
    return reference.toString();
  }

  private String resolve(String data) {
    if (data == null || data.length() > MAX_REFERENCE || !data.startsWith(REFERENCE_START)) {
      return data;
    }
    JsonNode reference;
    try {
      reference = MAPPER.readTree(data);
    } catch (JsonProcessingException e) {
      return data; // not a reference after all
    }
    JsonNode key = reference.get(REFERENCE_FIELD);
    if (key == null || !key.isTextual()) {
      return data;
    }
    String cached = cached(key.asText());
    if (cached != null) {
      return cached;
    }
    byte[] bytes = store.get(key.asText());
    JsonNode size = reference.get("size");
    if (size != null && size.canConvertToLong() && size.asLong() != bytes.length) {
      throw new FlowException(
          "blob "
              + key.asText()
              + " in "
              + store
              + " has "
              + bytes.length
              + " bytes where its reference says "
              + size.asLong());
    }
    String resolved = new String(bytes, StandardCharsets.UTF_8);
    remember(key.asText(), resolved);
    return resolved;
  }

  private String cached(String key) {
    synchronized (recent) {
      return recent.get(key);
    }
  }

  /** The key {@code data} was stored under, if it is still in memory (same content, same key). */
  private String cachedKey(String data) {
    synchronized (recent) {
      for (var e : recent.entrySet()) {
        if (e.getValue().length() == data.length() && e.getValue().equals(data)) {
          recent.get(e.getKey()); // most recently used now
          return e.getKey();
        }
      }
      return null;
    }
  }

  private void remember(String key, String data) {
    if (data.length() > CACHE_CHARS / 4) {
      return; // too large to keep
    }
    synchronized (recent) {
      String previous = recent.put(key, data);
      recentChars += data.length() - (previous == null ? 0 : previous.length());
      var eldest = recent.entrySet().iterator();
      while (recentChars > CACHE_CHARS && eldest.hasNext()) {
        var e = eldest.next();
        recentChars -= e.getValue().length();
        eldest.remove();
      }
    }
  }

  @Override
  public String toString() {
    return "DataConverter.withBlobs(" + inner + ", " + store + ", " + maxBytes + ")";
  }
}
