package dev.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import java.lang.reflect.Type;

/** The default {@link DataConverter}: JSON through Jackson. */
final class JacksonDataConverter implements DataConverter {
  static final JacksonDataConverter INSTANCE = new JacksonDataConverter();

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(new Jdk8Module())
          .addModule(new ParameterNamesModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private JacksonDataConverter() {}

  @Override
  public String toData(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new FlowException(
          "cannot encode a " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(),
          e);
    }
  }

  @Override
  public Object fromData(String data, Type type) {
    if (data == null || data.isEmpty()) {
      return defaultValue(type);
    }
    Object simple = simpleValue(data, type);
    if (simple != null) {
      return simple;
    }
    JavaType javaType = mapper.constructType(type);
    try {
      return mapper.readValue(data, javaType);
    } catch (JsonProcessingException e) {
      throw new FlowException(
          "cannot decode "
              + abbreviate(data)
              + " as "
              + type.getTypeName()
              + ": "
              + e.getOriginalMessage(),
          e);
    }
  }

  /**
   * {@code data} decoded as {@link #fromData} decodes it through Jackson, without it when the
   * target is an int or a long (boxed or not) and {@code data} is a short integer literal, or a
   * string and {@code data} a quoted string without escapes or control characters; else null.
   * Replay decodes the recorded result of every call again: most are such.
   */
  private static Object simpleValue(String data, Type type) {
    if (type == int.class || type == Integer.class) {
      return integerLiteral(data, 9) ? Integer.valueOf(data) : null;
    }
    if (type == long.class || type == Long.class) {
      return integerLiteral(data, 18) ? Long.valueOf(data) : null;
    }
    if (type == String.class) {
      int n = data.length();
      if (n < 2 || data.charAt(0) != '"' || data.charAt(n - 1) != '"') {
        return null;
      }
      for (int i = 1; i < n - 1; i++) {
        char c = data.charAt(i);
        if (c < 0x20 || c == '"' || c == '\\') {
          return null;
        }
      }
      return data.substring(1, n - 1);
    }
    return null;
  }

  /** Whether {@code data} is -?(0|[1-9][0-9]*) with at most {@code maxDigits} digits. */
  private static boolean integerLiteral(String data, int maxDigits) {
    int start = data.startsWith("-") ? 1 : 0;
    int digits = data.length() - start;
    if (digits < 1 || digits > maxDigits || (digits > 1 && data.charAt(start) == '0')) {
      return false;
    }
    for (int i = start; i < data.length(); i++) {
      char c = data.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toArguments(Object[] arguments) {
    String simple = simpleArguments(arguments);
    if (simple != null) {
      return simple;
    }
    ArrayNode array = mapper.createArrayNode();
    for (Object argument : arguments) {
      JsonNode node = mapper.valueToTree(argument);
      array.add(node);
    }
    return array.toString();
  }

  /**
   * The arguments as {@link #toArguments} encodes them through the tree, written directly when each
   * is null, a boolean, an integral box or a string of printable ASCII without quotes or
   * backslashes (the output Jackson gives those, byte for byte); else null. Replay encodes the
   * arguments of every call again to compare them with the recorded input: most are such.
   */
  private static String simpleArguments(Object[] arguments) {
    StringBuilder s = new StringBuilder(2 + 8 * arguments.length).append('[');
    for (int i = 0; i < arguments.length; i++) {
      if (i > 0) {
        s.append(',');
      }
      Object a = arguments[i];
      if (a == null) {
        s.append("null");
      } else if (a instanceof Integer
          || a instanceof Long
          || a instanceof Short
          || a instanceof Byte
          || a instanceof Boolean) {
        s.append(a);
      } else if (a instanceof String text && plain(text)) {
        s.append('"').append(text).append('"');
      } else {
        return null;
      }
    }
    return s.append(']').toString();
  }

  /** Whether JSON writes {@code text} as is between quotes: printable ASCII, no '"' or '\\'. */
  private static boolean plain(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  @Override
  public Object[] fromArguments(String data, Type[] types) {
    Object[] values = new Object[types.length];
    JsonNode array;
    try {
      array = data == null || data.isEmpty() ? mapper.createArrayNode() : mapper.readTree(data);
    } catch (JsonProcessingException e) {
      throw new FlowException(
          "cannot decode arguments " + abbreviate(data) + ": " + e.getOriginalMessage(), e);
    }
    if (!array.isArray()) {
      throw new FlowException(
          "cannot decode arguments "
              + abbreviate(data)
              + ": expected a JSON array of "
              + types.length
              + " values");
    }
    for (int i = 0; i < types.length; i++) {
      JsonNode node = array.get(i);
      if (node == null || node.isNull()) {
        values[i] = defaultValue(types[i]);
        continue;
      }
      try {
        values[i] = mapper.treeToValue(node, mapper.constructType(types[i]));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw new FlowException(
            "cannot decode argument "
                + i
                + " "
                + abbreviate(node.toString())
                + " as "
                + types[i].getTypeName()
                + ": "
                + e.getMessage(),
            e);
      }
    }
    return values;
  }

  private static Object defaultValue(Type type) {
    if (type instanceof Class<?> c && c.isPrimitive()) {
      if (c == boolean.class) return false;
      if (c == char.class) return '\0';
      if (c == long.class) return 0L;
      if (c == double.class) return 0.0d;
      if (c == float.class) return 0.0f;
      if (c == byte.class) return (byte) 0;
      if (c == short.class) return (short) 0;
      return 0;
    }
    return null;
  }

  private static String abbreviate(String data) {
    return data.length() <= 200 ? data : data.substring(0, 200) + "...";
  }
}
