package dev.flow;

import dev.flow.internal.PromiseCallbacks;
import dev.flow.internal.replay.InWorkflow;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>Callbacks ({@link #map}, {@link #flatMap}, stub calls waiting for this promise) run in the
 * order they were registered, at the moment the promise completes: in workflow code, that is when
 * the decider delivers the history event that completes it. A failure is kept as the very exception
 * object given to {@link #fail}: {@link #get()} rethrows that object, and every promise derived
 * from this one fails with it too.
 *
 * @param <T> the type of the value
 */
public final class Settable<T> implements Promise<T> {
  /** Orders completions, so that {@link Promises#any} can tell which promise was ready first. */
  private static final AtomicLong COMPLETIONS = new AtomicLong();

  static {
    PromiseCallbacks.install((promise, callback) -> ((Settable<?>) promise).whenComplete(callback));
  }

  private static final byte PENDING = 0;
  private static final byte VALUE = 1;
  private static final byte FAILED = 2;

  private byte state = PENDING;
  private T value;
  private RuntimeException failure;
  private long completion;

  /** The callback registered first, or null: most promises have one at most. */
  private Runnable callback;

  /** The callbacks registered after {@link #callback}, or null. */
  private ArrayList<Runnable> moreCallbacks;

  /** A pending promise. */
  public Settable() {}

  /**
   * Completes this promise with {@code value}; a promise completes once.
   *
   * @throws IllegalStateException when this promise is already complete
   */
  public void set(T value) {
    complete(VALUE, value, null);
  }

  /**
   * Completes this promise with {@code failure}; a promise completes once.
   *
   * @throws IllegalStateException when this promise is already complete
   */
  public void fail(RuntimeException failure) {
    complete(FAILED, null, Objects.requireNonNull(failure, "failure"));
  }

  /** Completes this promise as {@code other} completes: with its value or its failure. */
  public void chain(Promise<? extends T> other) {
    Settable<? extends T> source = Promises.settable(other);
    source.whenComplete(() -> copyFrom(source));
  }

  private void copyFrom(Settable<? extends T> source) {
    if (source.state == FAILED) {
      fail(source.failure);
    } else {
      set(source.value);
    }
  }

  /**
   * Returns the value, or throws the failure. In workflow code, when the promise is not ready, the
   * decider replays the history further until it is (or suspends the workflow code until a later
   * decision task, when the history seen so far does not complete it).
   *
   * @throws IllegalStateException when the promise is not ready and this is not workflow code
   */
  @Override
  public T get() {
    boolean waited = state == PENDING;
    if (waited) {
      InWorkflow.blockUntil(this::isReady, "Promise.get() on a promise that is not ready");
    }
    InWorkflow.observed(this, waited);
    if (state == FAILED) {
      throw failure;
    }
    return value;
  }

  @Override
  public boolean isReady() {
    return state != PENDING;
  }

  @Override
  public <U> Promise<U> map(Function<? super T, ? extends U> fn) {
    Objects.requireNonNull(fn, "fn");
    Settable<U> result = new Settable<>();
    whenComplete(
        () -> {
          if (state == FAILED) {
            result.fail(failure);
            return;
          }
          U mapped;
          try {
            mapped = fn.apply(value);
          } catch (RuntimeException e) {
            result.fail(e);
            return;
          }
          result.set(mapped);
        });
    return result;
  }

  @Override
  public <U> Promise<U> flatMap(Function<? super T, ? extends Promise<U>> fn) {
    Objects.requireNonNull(fn, "fn");
    Settable<U> result = new Settable<>();
    whenComplete(
        () -> {
          if (state == FAILED) {
            result.fail(failure);
            return;
          }
          Promise<U> next;
          try {
            next = Objects.requireNonNull(fn.apply(value), "flatMap function returned null");
          } catch (RuntimeException e) {
            result.fail(e);
            return;
          }
          result.chain(next);
        });
    return result;
  }

  @Override
  public String toString() {
    return switch (state) {
      case VALUE -> "Promise[" + value + "]";
      case FAILED -> "Promise[failed: " + failure + "]";
      default -> "Promise[pending]";
    };
  }

  /**
   * Runs {@code callback} once this promise is complete: now, when it is complete already, or when
   * it completes (after the callbacks registered before it). Read the outcome with {@link #get()}.
   * The runtime's other packages reach it through {@link PromiseCallbacks}.
   */
  void whenComplete(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    if (state != PENDING) {
      callback.run();
      return;
    }
    if (this.callback == null) {
      this.callback = callback;
      return;
    }
    if (moreCallbacks == null) {
      moreCallbacks = new ArrayList<>(2);
    }
    moreCallbacks.add(callback);
  }

  /** The failure, or null when pending or completed with a value. */
  RuntimeException failure() {
    return failure;
  }

  /** When this promise completed, relative to the others; 0 while pending. */
  long completion() {
    return completion;
  }

  private void complete(byte newState, T newValue, RuntimeException newFailure) {
    if (state != PENDING) {
      throw new IllegalStateException(
          "this promise is already complete (" + this + "): a promise completes once");
    }
    state = newState;
    value = newValue;
    failure = newFailure;
    completion = COMPLETIONS.incrementAndGet();
    Runnable first = callback;
    ArrayList<Runnable> more = moreCallbacks;
    callback = null;
    moreCallbacks = null;
    if (first != null) {
      first.run();
    }
    if (more != null) {
      for (int i = 0; i < more.size(); i++) {
        more.get(i).run();
      }
    }
  }
}
