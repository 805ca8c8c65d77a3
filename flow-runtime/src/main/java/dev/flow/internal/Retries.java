package dev.flow.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * SWF calls retried while the engine throttles them or fails transiently, with exponential backoff
 * and jitter, so that many workers backing off at once do not come back in step. Public for the
 * worker and client packages.
 */
public final class Retries {
  private Retries() {}

  /**
   * Whether {@code e} may pass by itself: throttling (a {@code ThrottlingException} or HTTP 429), a
   * server error (5xx) or a network failure. Faults such as {@code UnknownResourceFault} are not.
   */
  public static boolean isTransient(Throwable e) {
    if (configurationProblem(e) != null) {
      return false;
    }
    if (e instanceof AwsServiceException s) {
      return s.isThrottlingException() || s.statusCode() == 429 || s.statusCode() >= 500;
    }
    return e instanceof SdkClientException && !(e instanceof AbortedException);
  }

  /**
   * Flow's short message for a failure that is the configuration's, not the engine's: no AWS
   * credentials or no region found (the SDK's message lists every provider of its chain); null for
   * any other failure. Waiting does not fix these: they are not {@linkplain #isTransient
   * transient}.
   */
  public static String configurationProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (!(t instanceof SdkClientException)) {
        continue;
      }
      String m = t.getMessage();
      if (m == null) {
        continue;
      }
      if (m.startsWith("Unable to load credentials")) {
        return "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or"
            + " AWS_PROFILE (a profile in ~/.aws), or run with a role (instance, container or web"
            + " identity)";
      }
      if (m.startsWith("Unable to load region")) {
        return "no AWS region found: set AWS_REGION (or a profile's region), or name it, as in"
            + " aws:eu-west-1";
      }
    }
    return null;
  }

  /** Whether {@code e} says the engine throttled the call (ThrottlingException, HTTP 429). */
  public static boolean isThrottled(Throwable e) {
    return e instanceof AwsServiceException s
        && (s.isThrottlingException() || s.statusCode() == 429);
  }

  /** {@code millis} with "equal jitter": between half of it and all of it. */
  public static long jittered(long millis) {
    if (millis <= 1) {
      return Math.max(0, millis);
    }
    long half = millis / 2;
    return half + ThreadLocalRandom.current().nextLong(millis - half + 1);
  }

  /**
   * Runs {@code call}, retrying it after a transient failure ({@link #isTransient}) up to {@code
   * attempts} calls in all, waiting {@code firstMillis} (jittered) before the first retry and
   * doubling up to {@code maxMillis}. Other failures, the last transient one, and any failure when
   * the thread is interrupted while waiting (its interrupt status is kept) are thrown as they are.
   */
  public static <T> T call(Supplier<T> call, int attempts, long firstMillis, long maxMillis) {
    return call(call, attempts, firstMillis, maxMillis, () -> {});
  }

  /** As {@link #call(Supplier, int, long, long)}, running {@code onThrottled} at each throttle. */
  public static <T> T call(
      Supplier<T> call, int attempts, long firstMillis, long maxMillis, Runnable onThrottled) {
    long delay = Math.max(1, firstMillis);
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        if (isThrottled(e)) {
          onThrottled.run();
        }
        if (attempt >= attempts || !isTransient(e)) {
          throw e;
        }
        try {
          Thread.sleep(jittered(delay));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        delay = Math.min(delay * 2, Math.max(delay, maxMillis));
      }
    }
  }
}
