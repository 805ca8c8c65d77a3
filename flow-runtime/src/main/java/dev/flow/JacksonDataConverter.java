package dev.flow;

import java.lang.reflect.Type;

/** The default {@link DataConverter}: JSON through Jackson. */
final class JacksonDataConverter implements DataConverter {
  static final JacksonDataConverter INSTANCE = new JacksonDataConverter();

  // TODO(runtime helper): implement with an ObjectMapper (jsr310, jdk8, parameter names modules).

  @Override
  public String toData(Object value) {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public Object fromData(String data, Type type) {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public String toArguments(Object[] arguments) {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public Object[] fromArguments(String data, Type[] types) {
    throw new UnsupportedOperationException("TODO");
  }
}
