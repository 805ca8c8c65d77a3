package dev.flow;

import java.time.Duration;

/**
 * Options of one activity call, overriding those the activity type was declared with. Unset options
 * keep the declared ones.
 *
 * <pre>{@code
 * CallOptions gpu = CallOptions.builder().taskList("gpu").startToCloseTimeout(Duration.ofHours(1)).build();
 * Promise<String> webm = media.withOptions(gpu).encodeVideo(newUrl, "webm");
 * }</pre>
 */
public final class CallOptions {
  /** No overrides. */
  public static final CallOptions DEFAULT = builder().build();

  private final String version;
  private final String taskList;
  private final Duration scheduleToStartTimeout;
  private final Duration startToCloseTimeout;
  private final Duration scheduleToCloseTimeout;
  private final Duration heartbeatTimeout;
  private final Integer priority;
  private final RetryPolicy retryPolicy;

  private CallOptions(Builder b) {
    this.version = b.version;
    this.taskList = b.taskList;
    this.scheduleToStartTimeout = b.scheduleToStartTimeout;
    this.startToCloseTimeout = b.startToCloseTimeout;
    this.scheduleToCloseTimeout = b.scheduleToCloseTimeout;
    this.heartbeatTimeout = b.heartbeatTimeout;
    this.priority = b.priority;
    this.retryPolicy = b.retryPolicy;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The activity type version to schedule, or null to keep the declared one. */
  public String version() {
    return version;
  }

  /** The task list, or null to keep the declared one. */
  public String taskList() {
    return taskList;
  }

  /** The schedule-to-start timeout, or null to keep the declared one; zero means none. */
  public Duration scheduleToStartTimeout() {
    return scheduleToStartTimeout;
  }

  /** The start-to-close timeout, or null to keep the declared one; zero means none. */
  public Duration startToCloseTimeout() {
    return startToCloseTimeout;
  }

  /** The schedule-to-close timeout, or null to keep the declared one; zero means none. */
  public Duration scheduleToCloseTimeout() {
    return scheduleToCloseTimeout;
  }

  /** The heartbeat timeout, or null to keep the declared one; zero means none. */
  public Duration heartbeatTimeout() {
    return heartbeatTimeout;
  }

  /** The SWF task priority, or null to keep the declared one. */
  public Integer priority() {
    return priority;
  }

  /** The retry policy, or null to keep the declared one. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** Builds {@link CallOptions}. */
  public static final class Builder {
    private String version;
    private String taskList;
    private Duration scheduleToStartTimeout;
    private Duration startToCloseTimeout;
    private Duration scheduleToCloseTimeout;
    private Duration heartbeatTimeout;
    private Integer priority;
    private RetryPolicy retryPolicy;

    private Builder() {}

    /** The activity type version to schedule (registered with SWF), instead of the declared one. */
    public Builder version(String version) {
      this.version = version;
      return this;
    }

    public Builder taskList(String taskList) {
      this.taskList = taskList;
      return this;
    }

    public Builder scheduleToStartTimeout(Duration timeout) {
      this.scheduleToStartTimeout = timeout;
      return this;
    }

    public Builder startToCloseTimeout(Duration timeout) {
      this.startToCloseTimeout = timeout;
      return this;
    }

    public Builder scheduleToCloseTimeout(Duration timeout) {
      this.scheduleToCloseTimeout = timeout;
      return this;
    }

    public Builder heartbeatTimeout(Duration timeout) {
      this.heartbeatTimeout = timeout;
      return this;
    }

    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    public CallOptions build() {
      return new CallOptions(this);
    }
  }
}
