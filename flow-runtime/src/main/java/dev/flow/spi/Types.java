package dev.flow.spi;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Builds the generic {@link Type}s of parameters and results, so generated code can describe {@code
 * List<String>} without reflection on user classes.
 */
public final class Types {
  private Types() {}

  /** {@code raw<arguments...>}, for example {@code parameterized(List.class, String.class)}. */
  public static ParameterizedType parameterized(Class<?> raw, Type... arguments) {
    return new Parameterized(raw, raw.getEnclosingClass(), List.of(arguments));
  }

  /** {@code component[]}, for a generic component type. */
  public static GenericArrayType arrayOf(Type component) {
    return new GenericArray(component);
  }

  private record Parameterized(Class<?> raw, Type owner, List<Type> arguments)
      implements ParameterizedType {
    @Override
    public Type[] getActualTypeArguments() {
      return arguments.toArray(new Type[0]);
    }

    @Override
    public Type getRawType() {
      return raw;
    }

    @Override
    public Type getOwnerType() {
      return owner;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ParameterizedType p
          && raw.equals(p.getRawType())
          && Objects.equals(owner, p.getOwnerType())
          && arguments.equals(Arrays.asList(p.getActualTypeArguments()));
    }

    @Override
    public int hashCode() {
      return arguments.hashCode() ^ raw.hashCode() ^ Objects.hashCode(owner);
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder(raw.getTypeName()).append('<');
      for (int i = 0; i < arguments.size(); i++) {
        s.append(i == 0 ? "" : ", ").append(arguments.get(i).getTypeName());
      }
      return s.append('>').toString();
    }
  }

  private record GenericArray(Type component) implements GenericArrayType {
    @Override
    public Type getGenericComponentType() {
      return component;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof GenericArrayType a && component.equals(a.getGenericComponentType());
    }

    @Override
    public int hashCode() {
      return component.hashCode();
    }

    @Override
    public String toString() {
      return component.getTypeName() + "[]";
    }
  }
}
