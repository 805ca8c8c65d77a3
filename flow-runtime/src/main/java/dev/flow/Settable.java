package dev.flow;

import java.util.function.Function;

/**
 * A promise that workflow code completes itself: with {@link #set}, {@link #fail}, or by {@link
 * #chain}ing it to another promise.
 *
 * <pre>{@code
 * Settable<String> approval = new Settable<>();
 * // in a @Signal handler:  approval.set(decision);
 * String decision = approval.get();   // blocks until the signal arrived
 * }</pre>
 *
 * @param <T> the type of the value
 */
public final class Settable<T> implements Promise<T> {
  // Implemented by flow-runtime's replay package (TODO: runtime helper).

  /** Completes this promise with {@code value}; a promise completes once. */
  public void set(T value) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Completes this promise with {@code failure}; a promise completes once. */
  public void fail(RuntimeException failure) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Completes this promise as {@code other} completes. */
  public void chain(Promise<? extends T> other) {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public T get() {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public boolean isReady() {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public <U> Promise<U> map(Function<? super T, ? extends U> fn) {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public <U> Promise<U> flatMap(Function<? super T, ? extends Promise<U>> fn) {
    throw new UnsupportedOperationException("TODO");
  }
}
