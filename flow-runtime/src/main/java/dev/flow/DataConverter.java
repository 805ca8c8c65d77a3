package dev.flow;

import java.lang.reflect.Type;

/**
 * Turns inputs, results, signal arguments and failure details into the strings SWF carries, and
 * back. {@link #json()} (Jackson) is the default; supply another with {@code
 * FlowClient.builder().dataConverter(...)}. The encoding of a value must not depend on anything
 * but the value, so that replay sees the same input.
 */
public interface DataConverter {
  /** The default converter: JSON through Jackson, with java.time and Optional support. */
  static DataConverter json() {
    return JacksonDataConverter.INSTANCE;
  }

  /** Encodes one value (null included). */
  String toData(Object value);

  /** Decodes one value of {@code type}; a null or empty {@code data} decodes to null. */
  Object fromData(String data, Type type);

  /** Encodes the arguments of a call, in order. */
  String toArguments(Object[] arguments);

  /**
   * Decodes the arguments of a call to {@code types}; missing trailing arguments decode as null
   * (or the primitive's zero).
   */
  Object[] fromArguments(String data, Type[] types);
}
