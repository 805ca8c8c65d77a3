package dev.flow;

import java.util.function.Function;

/**
 * The result of an asynchronous call in workflow code: an activity, a child workflow, a timer.
 *
 * <p>A stub call returns a {@code Promise} at once. Pass it on as an argument to another stub call
 * and that call is scheduled when the promise is ready, with no code of yours in between:
 *
 * <pre>{@code
 * Promise<String> newUrl = media.embedSubtitle(videoUrl, subtitleUrl);
 * Promise<String> webm = media.encodeVideo(newUrl, "webm");   // scheduled when newUrl is ready
 * String result = webm.get();                                  // blocks here, and only here
 * }</pre>
 *
 * <p>{@link #get()} blocks workflow code until the result is known, as of the history being
 * replayed; a failed call throws its failure ({@link ActivityFailure}, {@link
 * ChildWorkflowFailure}, ...) from {@code get()}. {@link Workflow#cancel(Promise)} cancels the call
 * or timer behind a promise. Promises belong to the one workflow execution that made them and are
 * not thread-safe.
 *
 * <p>Every promise is Flow's own: a stub call's, a {@link Settable}, {@link #value}, {@link
 * #failed}, {@link #map}, {@link #flatMap}, {@link Promises}. The interface is sealed (a class of
 * yours cannot implement it): the decider must know when each promise completes, in the order of
 * the history. For a promise that code of yours completes, use a {@link Settable}.
 *
 * @param <T> the type of the result; {@link Void} for calls that return nothing
 */
public sealed interface Promise<T> permits Settable {

  /**
   * Returns the result, blocking workflow code until it is known.
   *
   * @throws RuntimeException the failure of the call, when it failed
   */
  T get();

  /** Whether the result (or failure) is known, as of the point of the history being replayed. */
  boolean isReady();

  /**
   * A promise of {@code fn} applied to this promise's result, once it is ready. A failure of this
   * promise, or one thrown by {@code fn}, fails the returned promise.
   */
  <U> Promise<U> map(Function<? super T, ? extends U> fn);

  /**
   * A promise of the promise {@code fn} returns for this promise's result: for calls that depend on
   * a result computed from another.
   */
  <U> Promise<U> flatMap(Function<? super T, ? extends Promise<U>> fn);

  /** A promise that is ready at once with {@code value}. */
  static <T> Promise<T> value(T value) {
    Settable<T> promise = new Settable<>();
    promise.set(value);
    return promise;
  }

  /** A promise that is ready at once with {@code failure}. */
  static <T> Promise<T> failed(RuntimeException failure) {
    Settable<T> promise = new Settable<>();
    promise.fail(failure);
    return promise;
  }
}
