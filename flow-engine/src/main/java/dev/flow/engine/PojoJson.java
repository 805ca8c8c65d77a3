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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Converts SDK model objects to and from the SWF JSON 1.0 wire shape (member names as on the wire,
 * timestamps as epoch seconds), driven by the model's own {@link SdkField} metadata, so every event
 * and configuration type of the API is stored without a hand-written mapper.
 */
final class PojoJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PojoJson() {}

  static String write(SdkPojo pojo) {
    try {
      return MAPPER.writeValueAsString(toNode(pojo));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + pojo.getClass().getSimpleName(), e);
    }
  }

  /** Reads {@code json} into the builder from {@code builder} and builds it. */
  static <T> T read(String json, Supplier<? extends SdkPojo> builder) {
    try {
      return build(fill(builder.get(), MAPPER.readTree(json)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt stored JSON: " + e.getOriginalMessage(), e);
    }
  }

  static ObjectNode toNode(SdkPojo pojo) {
    ObjectNode node = NODES.objectNode();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      JsonNode json = value == null ? null : valueNode(field, value);
      if (json != null) {
        node.set(field.locationName(), json);
      }
    }
    return node;
  }

  private static JsonNode valueNode(SdkField<?> field, Object value) {
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.STRING) {
      return NODES.textNode((String) value);
    } else if (type == MarshallingType.INTEGER) {
      return NODES.numberNode((Integer) value);
    } else if (type == MarshallingType.LONG) {
      return NODES.numberNode((Long) value);
    } else if (type == MarshallingType.BOOLEAN) {
      return NODES.booleanNode((Boolean) value);
    } else if (type == MarshallingType.DOUBLE) {
      return NODES.numberNode((Double) value);
    } else if (type == MarshallingType.INSTANT) {
      return NODES.numberNode(BigDecimal.valueOf(((Instant) value).toEpochMilli(), 3));
    } else if (type == MarshallingType.SDK_POJO) {
      return toNode((SdkPojo) value);
    } else if (type == MarshallingType.LIST) {
      if (value instanceof SdkAutoConstructList) {
        return null;
      }
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      ArrayNode array = NODES.arrayNode();
      for (Object element : (List<?>) value) {
        array.add(element == null ? NODES.nullNode() : valueNode(member, element));
      }
      return array;
    } else if (type == MarshallingType.MAP) {
      if (value instanceof SdkAutoConstructMap) {
        return null;
      }
      SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
      ObjectNode object = NODES.objectNode();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        object.set((String) e.getKey(), valueNode(member, e.getValue()));
      }
      return object;
    }
    throw new IllegalStateException(
        "unsupported member type " + type + " of " + field.memberName());
  }

  private static SdkPojo fill(SdkPojo builder, JsonNode node) {
    for (SdkField<?> field : builder.sdkFields()) {
      JsonNode json = node.get(field.locationName());
      if (json != null && !json.isNull()) {
        field.set(builder, fromNode(field, json));
      }
    }
    return builder;
  }

  @SuppressWarnings("unchecked")
  private static <T> T build(SdkPojo builder) {
    return (T) ((SdkBuilder<?, ?>) builder).build();
  }

  private static Object fromNode(SdkField<?> field, JsonNode json) {
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.STRING) {
      return json.asText();
    } else if (type == MarshallingType.INTEGER) {
      return json.intValue();
    } else if (type == MarshallingType.LONG) {
      return json.longValue();
    } else if (type == MarshallingType.BOOLEAN) {
      return json.booleanValue();
    } else if (type == MarshallingType.DOUBLE) {
      return json.doubleValue();
    } else if (type == MarshallingType.INSTANT) {
      return Instant.ofEpochMilli(json.decimalValue().movePointRight(3).longValue());
    } else if (type == MarshallingType.SDK_POJO) {
      return build(fill(field.constructor().get(), json));
    } else if (type == MarshallingType.LIST) {
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      List<Object> list = new ArrayList<>(json.size());
      for (JsonNode element : json) {
        list.add(element.isNull() ? null : fromNode(member, element));
      }
      return list;
    } else if (type == MarshallingType.MAP) {
      SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : json.properties()) {
        map.put(e.getKey(), fromNode(member, e.getValue()));
      }
      return map;
    }
    throw new IllegalStateException(
        "unsupported member type " + type + " of " + field.memberName());
  }
}
