package dev.flow.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One {@code @Activity} interface and its generated classes: how to wrap any implementation of it
 * in its dispatcher, and its stub. Listed by {@link Manifest#activityBindings()}, so that a
 * container (such as Flow's Spring Boot starter) hosts implementations it creates itself, with
 * their dependencies, and hands out the stub, without reflection.
 *
 * <pre>{@code
 * ActivityBinding.of(Media.class, MediaDispatcher::new).stub(MediaStub.class, MediaStub::new)
 * }</pre>
 */
public final class ActivityBinding<T> {
  private final Class<T> type;
  private final Function<? super T, ? extends ActivityDispatcher> dispatchers;
  private final List<Injectable<?>> injectables;

  private ActivityBinding(
      Class<T> type,
      Function<? super T, ? extends ActivityDispatcher> dispatchers,
      List<Injectable<?>> injectables) {
    this.type = type;
    this.dispatchers = dispatchers;
    this.injectables = List.copyOf(injectables);
  }

  /** The binding of {@code type}, whose implementations {@code dispatchers} wraps. */
  public static <T> ActivityBinding<T> of(
      Class<T> type, Function<? super T, ? extends ActivityDispatcher> dispatchers) {
    return new ActivityBinding<>(
        Objects.requireNonNull(type, "type"),
        Objects.requireNonNull(dispatchers, "dispatchers"),
        List.of());
  }

  /** This binding with stub class {@code stubType} too, made by {@code stubs}. */
  public <S> ActivityBinding<T> stub(Class<S> stubType, Supplier<? extends S> stubs) {
    List<Injectable<?>> more = new ArrayList<>(injectables);
    more.add(Injectable.stub(stubType, stubs));
    return new ActivityBinding<>(type, dispatchers, more);
  }

  /** The {@code @Activity} interface. */
  public Class<T> type() {
    return type;
  }

  /**
   * The dispatcher calling {@code implementation}, which serves every activity type of the
   * interface. The implementation is called from several activity threads at once.
   *
   * @throws IllegalArgumentException when {@code implementation} does not implement {@link #type()}
   */
  public ActivityDispatcher dispatcher(Object implementation) {
    Objects.requireNonNull(implementation, "implementation");
    if (!type.isInstance(implementation)) {
      throw new IllegalArgumentException(
          implementation.getClass().getName()
              + " does not implement @Activity "
              + type.getName()
              + ", so it cannot serve its activity types");
    }
    return dispatchers.apply(type.cast(implementation));
  }

  /** The generated classes workflow code is handed: the interface's stub. */
  public List<Injectable<?>> injectables() {
    return injectables;
  }

  @Override
  public String toString() {
    return "ActivityBinding{" + type.getName() + "}";
  }
}
