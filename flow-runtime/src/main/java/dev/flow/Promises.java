package dev.flow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Waiting on several promises at once, in workflow code.
 *
 * <pre>{@code
 * List<Promise<String>> thumbs = new ArrayList<>();
 * for (String c : chapters) thumbs.add(media.extractThumbnail(videoUrl, c));
 * List<String> urls = Promises.getAll(thumbs);          // blocks until all are ready
 * Promise<Void> both = Promises.all(webm, mpeg4);       // ready when both are
 * Promise<String> first = Promises.any(fast, slow);     // as the first of them to complete
 * int winner = Promises.anyIndex(fast, slow).get();     // which one that was: 0 or 1
 * }</pre>
 *
 * <p>"First" is in the order of the history: the promise whose completing event comes first.
 */
public final class Promises {
  private Promises() {}

  /**
   * A promise that is ready when all of {@code promises} are, or fails as soon as one of them
   * fails, with that failure (the same exception object). When several are failed already, the
   * failure that happened first wins.
   */
  public static Promise<Void> all(Promise<?>... promises) {
    return all(Arrays.asList(promises));
  }

  /** {@link #all(Promise[])} over a collection. */
  public static Promise<Void> all(Collection<? extends Promise<?>> promises) {
    Settable<Void> result = new Settable<>();
    List<Settable<?>> pending = new ArrayList<>(promises.size());
    Settable<?> firstFailed = null;
    for (Promise<?> promise : promises) {
      Settable<?> s = settable(promise);
      if (!s.isReady()) {
        pending.add(s);
      } else if (s.failure() != null
          && (firstFailed == null || s.completion() < firstFailed.completion())) {
        firstFailed = s;
      }
    }
    if (firstFailed != null) {
      result.fail(firstFailed.failure());
      return result;
    }
    if (pending.isEmpty()) {
      result.set(null);
      return result;
    }
    int[] remaining = {pending.size()};
    for (Settable<?> s : pending) {
      s.whenComplete(
          () -> {
            if (result.isReady()) {
              return;
            }
            if (s.failure() != null) {
              result.fail(s.failure());
            } else if (--remaining[0] == 0) {
              result.set(null);
            }
          });
    }
    return result;
  }

  /**
   * A promise that completes as the first of {@code promises} to complete, with its value or its
   * failure. When some are ready already, the one that completed first wins.
   *
   * @throws IllegalArgumentException when there are no promises
   */
  @SafeVarargs
  public static <T> Promise<T> any(Promise<? extends T>... promises) {
    List<Promise<? extends T>> list = new ArrayList<>(promises.length);
    for (Promise<? extends T> promise : promises) {
      list.add(promise);
    }
    return any(list);
  }

  /**
   * A promise of the index (from 0) of the first of {@code promises} to complete, whether it
   * succeeded or failed: which one won a race. It never fails; {@code get()} on the winner gives
   * its value or throws its failure.
   *
   * <pre>{@code
   * Promise<String> approval = approvals.waitFor(id);
   * Promise<Void> deadline = Workflow.timer(Duration.ofDays(1));
   * if (Promises.anyIndex(approval, deadline).get() == 1) {
   *   return "no answer in a day";
   * }
   * }</pre>
   */
  public static Promise<Integer> anyIndex(Promise<?>... promises) {
    return anyIndex(Arrays.asList(promises));
  }

  /** {@link #anyIndex(Promise[])} over a list: the index in its order. */
  public static Promise<Integer> anyIndex(List<? extends Promise<?>> promises) {
    if (promises.isEmpty()) {
      throw new IllegalArgumentException("Promises.anyIndex needs at least one promise");
    }
    Settable<Integer> result = new Settable<>();
    List<Settable<?>> all = new ArrayList<>(promises.size());
    int first = -1;
    for (int i = 0; i < promises.size(); i++) {
      Settable<?> s = settable(promises.get(i));
      all.add(s);
      if (s.isReady() && (first < 0 || s.completion() < all.get(first).completion())) {
        first = i;
      }
    }
    if (first >= 0) {
      result.set(first);
      return result;
    }
    for (int i = 0; i < all.size(); i++) {
      int index = i;
      all.get(i)
          .whenComplete(
              () -> {
                if (!result.isReady()) {
                  result.set(index);
                }
              });
    }
    return result;
  }

  /** {@link #any(Promise[])} over a collection. */
  public static <T> Promise<T> any(Collection<? extends Promise<? extends T>> promises) {
    if (promises.isEmpty()) {
      throw new IllegalArgumentException("Promises.any needs at least one promise");
    }
    Settable<T> result = new Settable<>();
    List<Settable<? extends T>> all = new ArrayList<>(promises.size());
    Settable<? extends T> first = null;
    for (Promise<? extends T> promise : promises) {
      Settable<? extends T> s = settable(promise);
      all.add(s);
      if (s.isReady() && (first == null || s.completion() < first.completion())) {
        first = s;
      }
    }
    if (first != null) {
      result.chain(first);
      return result;
    }
    for (Settable<? extends T> s : all) {
      s.whenComplete(
          () -> {
            if (!result.isReady()) {
              result.chain(s);
            }
          });
    }
    return result;
  }

  /**
   * The values of {@code promises}, in order, blocking workflow code until all are ready.
   *
   * @throws RuntimeException the first failure, as soon as one of them fails
   */
  public static <T> List<T> getAll(List<? extends Promise<T>> promises) {
    all(promises).get();
    List<T> values = new ArrayList<>(promises.size());
    for (Promise<T> promise : promises) {
      values.add(promise.get());
    }
    return values;
  }

  /** {@code promise} as the one class that implements the sealed {@link Promise}. */
  static <T> Settable<T> settable(Promise<T> promise) {
    return (Settable<T>) Objects.requireNonNull(promise, "promise");
  }
}
