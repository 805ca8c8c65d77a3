package dev.flow.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.Buildable;

/**
 * The SWF JSON 1.0 body format, read into and written from the SDK's model objects through their
 * field metadata ({@link SdkPojo#sdkFields()}): one codec for all 39 actions and for what the
 * store keeps (events, type configurations), with no per-shape code. Timestamps are epoch seconds
 * with millisecond fractions, as SWF sends them.
 */
final class SwfJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SwfJson() {}

  /** {@code pojo} as JSON text, for the store. */
  static String toText(SdkPojo pojo) {
    try {
      return MAPPER.writeValueAsString(write(pojo));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + pojo.getClass().getSimpleName(), e);
    }
  }

  /** Reads stored JSON text into the model object {@code builder} builds. */
  @SuppressWarnings("unchecked")
  static <T> T fromText(String json, Supplier<? extends SdkPojo> builder) {
    try {
      return (T) read(MAPPER.readTree(json), builder.get());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt stored JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Fills {@code builder} (a model builder) from {@code json} and builds it. */
  static Object read(JsonNode json, SdkPojo builder) {
    if (!json.isObject()) {
      throw new IllegalArgumentException("expected a JSON object, got " + json.getNodeType());
    }
    for (SdkField<?> field : builder.sdkFields()) {
      JsonNode value = json.get(field.locationName());
      if (value != null && !value.isNull()) {
        field.set(builder, readValue(field, value));
      }
    }
    return ((Buildable) builder).build();
  }

  private static Object readValue(SdkField<?> field, JsonNode value) {
    MarshallingKnownType type = field.marshallingType().getKnownType();
    switch (type) {
      case STRING:
        return expect(value.isTextual(), field, value, "a string").asText();
      case INTEGER:
        return expect(value.canConvertToInt(), field, value, "an integer").asInt();
      case LONG:
        return expect(value.canConvertToLong(), field, value, "an integer").asLong();
      case BOOLEAN:
        return expect(value.isBoolean(), field, value, "true or false").asBoolean();
      case DOUBLE:
        return expect(value.isNumber(), field, value, "a number").asDouble();
      case INSTANT:
        expect(value.isNumber() || value.isTextual(), field, value, "epoch seconds");
        BigDecimal seconds = new BigDecimal(value.asText());
        return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
      case SDK_POJO:
        return read(value, field.constructor().get());
      case LIST:
        {
          expect(value.isArray(), field, value, "an array");
          SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
          List<Object> list = new ArrayList<>(value.size());
          for (JsonNode element : value) {
            list.add(readValue(member, element));
          }
          return list;
        }
      case MAP:
        {
          expect(value.isObject(), field, value, "an object");
          SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
          Map<String, Object> map = new LinkedHashMap<>();
          for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            map.put(entry.getKey(), readValue(member, entry.getValue()));
          }
          return map;
        }
      default:
        throw new IllegalArgumentException(
            "field " + field.locationName() + " has an unsupported type " + type);
    }
  }

  private static JsonNode expect(boolean ok, SdkField<?> field, JsonNode value, String what) {
    if (!ok) {
      throw new IllegalArgumentException(
          "field '" + field.locationName() + "' must be " + what + ", got " + value);
    }
    return value;
  }

  /** The JSON object of {@code pojo}, leaving out unset fields. */
  static ObjectNode write(SdkPojo pojo) {
    ObjectNode json = NODES.objectNode();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      if (value != null && !isAutoConstructed(value)) {
        json.set(field.locationName(), writeValue(field, value));
      }
    }
    return json;
  }

  private static JsonNode writeValue(SdkField<?> field, Object value) {
    switch (field.marshallingType().getKnownType()) {
      case STRING:
        return NODES.textNode(value.toString());
      case INTEGER:
        return NODES.numberNode((Integer) value);
      case LONG:
        return NODES.numberNode((Long) value);
      case BOOLEAN:
        return NODES.booleanNode((Boolean) value);
      case DOUBLE:
        return NODES.numberNode((Double) value);
      case INSTANT:
        return NODES.numberNode(BigDecimal.valueOf(((Instant) value).toEpochMilli(), 3));
      case SDK_POJO:
        return write((SdkPojo) value);
      case LIST:
        {
          SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
          ArrayNode array = NODES.arrayNode();
          for (Object element : (List<?>) value) {
            array.add(writeValue(member, element));
          }
          return array;
        }
      case MAP:
        {
          SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
          ObjectNode object = NODES.objectNode();
          ((Map<?, ?>) value).forEach((k, v) -> object.set(k.toString(), writeValue(member, v)));
          return object;
        }
      default:
        throw new IllegalArgumentException(
            "field " + field.locationName() + " has an unsupported type "
                + field.marshallingType().getKnownType());
    }
  }

  /** The SDK's placeholder for a list or map that was never set: not sent. */
  private static boolean isAutoConstructed(Object value) {
    return value instanceof software.amazon.awssdk.core.util.SdkAutoConstructList
        || value instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap;
  }
}
