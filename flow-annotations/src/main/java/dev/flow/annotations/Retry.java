package dev.flow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The retry policy of an activity method, of every method of an {@link Activity} interface, or of a
 * {@link Workflow} when a parent starts it as a child (unless the call's options give another). The
 * decider waits between attempts on a durable timer and reschedules the activity or restarts the
 * child; the promise fails only when the policy gives up.
 *
 * <pre>{@code
 * @Retry(maximumAttempts = 5, initialIntervalSeconds = 2, backoffCoefficient = 2.0,
 *        doNotRetry = IllegalArgumentException.class)
 * String encodeVideo(String url, String format);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Retry {
  /** How many attempts in all, the first included; 0 means no limit. */
  int maximumAttempts() default 3;

  /** The wait before the second attempt, in seconds. */
  long initialIntervalSeconds() default 1;

  /** Each wait is the previous one times this coefficient. */
  double backoffCoefficient() default 2.0;

  /** The longest wait between attempts, in seconds; 0 means 100 times the initial interval. */
  long maximumIntervalSeconds() default 0;

  /**
   * Failures of these types are never retried: by remote class name, and subclasses too when the
   * remote type is loadable in the workflow worker ({@code IOException.class} covers a {@code
   * FileNotFoundException}).
   */
  Class<? extends Throwable>[] doNotRetry() default {};
}
