package dev.flow.internal.worker;

/**
 * The activity task each thread runs: set by the worker around the call of the activity's method,
 * read by {@code ActivityContext.current()}. Held as {@code Object} and read as the type the reader
 * names, so that this slot and the public interface it serves do not import each other. Public only
 * for {@code ActivityContext}.
 */
public final class CurrentActivity {
  private static final ThreadLocal<Object> TASK = new ThreadLocal<>();

  private CurrentActivity() {}

  /**
   * The activity task the calling thread runs, as {@code type}, or null when it runs none.
   *
   * @throws ClassCastException when the task is not a {@code type}
   */
  public static <T> T get(Class<T> type) {
    return type.cast(TASK.get());
  }

  /** Makes {@code task} the calling thread's activity task, until {@link #clear()}. */
  static void set(Object task) {
    TASK.set(task);
  }

  /** The calling thread runs no activity task any more. */
  static void clear() {
    TASK.remove();
  }
}
