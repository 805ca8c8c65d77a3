package dev.flow.spi;

import dev.flow.RetryPolicy;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;

/**
 * One activity type as declared by an {@code @Activity} interface method: its SWF type, the
 * defaults registered with it, and the Java types of its parameters and result.
 *
 * <p>Timeouts are in seconds; 0 means none (SWF's {@code NONE}).
 */
public record ActivitySpec(
    String name,
    String version,
    String taskList,
    long scheduleToStartTimeoutSeconds,
    long startToCloseTimeoutSeconds,
    long scheduleToCloseTimeoutSeconds,
    long heartbeatTimeoutSeconds,
    boolean idempotent,
    RetryPolicy retryPolicy,
    List<Type> parameterTypes,
    Type resultType) {

  public ActivitySpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(taskList, "taskList");
    Objects.requireNonNull(resultType, "resultType");
    parameterTypes = List.copyOf(parameterTypes);
  }

  /** Starts a spec of activity type {@code (name, version)}. */
  public static Builder builder(String name, String version) {
    return new Builder(name, version);
  }

  /** Builds an {@link ActivitySpec}; generated code uses it. */
  public static final class Builder {
    private final String name;
    private final String version;
    private String taskList;
    private long scheduleToStartTimeoutSeconds;
    private long startToCloseTimeoutSeconds = 300;
    private long scheduleToCloseTimeoutSeconds;
    private long heartbeatTimeoutSeconds;
    private boolean idempotent;
    private RetryPolicy retryPolicy;
    private List<Type> parameterTypes = List.of();
    private Type resultType = Void.class;

    private Builder(String name, String version) {
      this.name = name;
      this.version = version;
      this.taskList = name;
    }

    public Builder taskList(String taskList) {
      this.taskList = taskList;
      return this;
    }

    public Builder scheduleToStartTimeoutSeconds(long seconds) {
      this.scheduleToStartTimeoutSeconds = seconds;
      return this;
    }

    public Builder startToCloseTimeoutSeconds(long seconds) {
      this.startToCloseTimeoutSeconds = seconds;
      return this;
    }

    public Builder scheduleToCloseTimeoutSeconds(long seconds) {
      this.scheduleToCloseTimeoutSeconds = seconds;
      return this;
    }

    public Builder heartbeatTimeoutSeconds(long seconds) {
      this.heartbeatTimeoutSeconds = seconds;
      return this;
    }

    public Builder idempotent(boolean idempotent) {
      this.idempotent = idempotent;
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    public Builder parameterTypes(Type... types) {
      this.parameterTypes = List.of(types);
      return this;
    }

    /** The result type; {@code Void.class} for a {@code void} method. */
    public Builder resultType(Type type) {
      this.resultType = type;
      return this;
    }

    public ActivitySpec build() {
      return new ActivitySpec(
          name,
          version,
          taskList,
          scheduleToStartTimeoutSeconds,
          startToCloseTimeoutSeconds,
          scheduleToCloseTimeoutSeconds,
          heartbeatTimeoutSeconds,
          idempotent,
          retryPolicy,
          parameterTypes,
          resultType);
    }
  }
}
