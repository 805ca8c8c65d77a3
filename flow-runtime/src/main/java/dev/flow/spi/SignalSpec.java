package dev.flow.spi;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;

/** One {@code @Signal} method of a workflow interface: its SWF signal name and parameter types. */
public record SignalSpec(String name, List<Type> parameterTypes) {
  public SignalSpec {
    Objects.requireNonNull(name, "name");
    parameterTypes = List.copyOf(parameterTypes);
  }

  public static SignalSpec of(String name, Type... parameterTypes) {
    return new SignalSpec(name, List.of(parameterTypes));
  }
}
