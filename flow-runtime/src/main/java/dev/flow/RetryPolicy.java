package dev.flow;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * When and how often a failed activity (or child workflow) is tried again. Waits between attempts
 * grow from {@link #initialInterval()} by {@link #backoffCoefficient()} up to {@link
 * #maximumInterval()}; failures whose remote type is in {@link #doNotRetry()} are final.
 *
 * <p>In workflow code, each wait is a durable timer and each attempt a new activity task whose id
 * carries the attempt ({@code Media.encodeVideo-3@2}); child workflows start again with the same
 * workflow id. Failures and timeouts are retried; cancellations, activities SWF refused to
 * schedule, children that could not start, were canceled or terminated are not. The promise fails
 * only when the policy gives up, with the last attempt's failure; the earlier attempts' failures
 * are its {@link Throwable#getSuppressed() suppressed} exceptions, in order. In {@link
 * #doNotRetry()}, a timeout is {@code dev.flow.ActivityTimeoutFailure} (or {@code
 * ActivityTaskTimedOut:<KIND>}); a child's failure is its remote type (or its reason, such as
 * {@code timed out (START_TO_CLOSE)}).
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder().maximumAttempts(5).initialInterval(Duration.ofSeconds(2)).build();
 * }</pre>
 *
 * @param maximumAttempts attempts in all, the first included; 0 means no limit
 * @param initialInterval the wait before the second attempt
 * @param backoffCoefficient each wait is the previous one times this
 * @param maximumInterval the longest wait
 * @param doNotRetry fully qualified class names of failures never retried (subclasses included,
 *     when the remote type is loadable in the workflow worker)
 */
public record RetryPolicy(
    int maximumAttempts,
    Duration initialInterval,
    double backoffCoefficient,
    Duration maximumInterval,
    List<String> doNotRetry) {

  public RetryPolicy {
    Objects.requireNonNull(initialInterval, "initialInterval");
    Objects.requireNonNull(maximumInterval, "maximumInterval");
    doNotRetry = List.copyOf(doNotRetry);
    if (maximumAttempts < 0) {
      throw new IllegalArgumentException("maximumAttempts must be 0 (no limit) or more");
    }
    if (backoffCoefficient < 1.0) {
      throw new IllegalArgumentException("backoffCoefficient must be 1.0 or more");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link RetryPolicy}; the defaults are those of {@code @Retry}. */
  public static final class Builder {
    private int maximumAttempts = 3;
    private Duration initialInterval = Duration.ofSeconds(1);
    private double backoffCoefficient = 2.0;
    private Duration maximumInterval;
    private List<String> doNotRetry = List.of();

    private Builder() {}

    public Builder maximumAttempts(int maximumAttempts) {
      this.maximumAttempts = maximumAttempts;
      return this;
    }

    public Builder initialInterval(Duration initialInterval) {
      this.initialInterval = initialInterval;
      return this;
    }

    public Builder backoffCoefficient(double backoffCoefficient) {
      this.backoffCoefficient = backoffCoefficient;
      return this;
    }

    /** The longest wait; unset or zero means 100 times the initial interval. */
    public Builder maximumInterval(Duration maximumInterval) {
      this.maximumInterval = maximumInterval;
      return this;
    }

    public Builder doNotRetry(String... classNames) {
      this.doNotRetry = List.of(classNames);
      return this;
    }

    public RetryPolicy build() {
      Duration max =
          maximumInterval == null || maximumInterval.isZero()
              ? initialInterval.multipliedBy(100)
              : maximumInterval;
      return new RetryPolicy(maximumAttempts, initialInterval, backoffCoefficient, max, doNotRetry);
    }
  }
}
