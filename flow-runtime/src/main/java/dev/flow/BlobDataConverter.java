package dev.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * {@link DataConverter#withBlobs}: encodings longer than the threshold go to the blob store and are
 * replaced by a reference; references are resolved before decoding. References are canonical (the
 * key derives from the content), so replay sees the same input.
 */
final class BlobDataConverter implements DataConverter {
  static final String REFERENCE_FIELD = "$flowBlob";
  private static final String REFERENCE_START = "{\"" + REFERENCE_FIELD + "\":";
  private static final int MAX_REFERENCE = 1_024;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final DataConverter inner;
  private final BlobStore store;
  private final int threshold;
  private final int maxBytes;

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
    String key = store.put(bytes);
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
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "DataConverter.withBlobs(" + inner + ", " + store + ", " + maxBytes + ")";
  }
}
