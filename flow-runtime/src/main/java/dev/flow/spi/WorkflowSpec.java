package dev.flow.spi;

import dev.flow.RetryPolicy;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One workflow type as declared by a {@code @Workflow} interface: its SWF type, registration
 * defaults, the Java types of the entry method's parameters and result, and its signals.
 *
 * <p>{@code resultType} is the type of the value the execution completes with: {@code R} for an
 * entry method returning {@code R} or {@code Promise<R>}, {@code Void.class} for {@code void}.
 *
 * <p>{@code failOnNonDeterminism}: when replay finds the code no longer matches the history, fail
 * the execution (a {@code FailWorkflowExecution} decision with reason {@code
 * NonDeterministicWorkflow}) instead of answering nothing, which leaves it blocked until fixed code
 * is deployed (the default).
 *
 * <p>{@code retryPolicy}: how a parent retries this workflow when it starts it as a child and the
 * call's {@code StartOptions} give no policy; null for no retries.
 */
public record WorkflowSpec(
    String name,
    String version,
    String taskList,
    long executionStartToCloseTimeoutSeconds,
    long taskStartToCloseTimeoutSeconds,
    List<Type> parameterTypes,
    Type resultType,
    List<SignalSpec> signals,
    boolean failOnNonDeterminism,
    RetryPolicy retryPolicy) {

  public WorkflowSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(taskList, "taskList");
    Objects.requireNonNull(resultType, "resultType");
    parameterTypes = List.copyOf(parameterTypes);
    signals = List.copyOf(signals);
  }

  /** The signal named {@code name}, if the workflow declares one. */
  public Optional<SignalSpec> signal(String name) {
    return signals.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  public static Builder builder(String name, String version) {
    return new Builder(name, version);
  }

  /** Builds a {@link WorkflowSpec}; generated code uses it. */
  public static final class Builder {
    private final String name;
    private final String version;
    private String taskList;
    private long executionStartToCloseTimeoutSeconds = 365L * 24 * 3600;
    private long taskStartToCloseTimeoutSeconds = 30;
    private List<Type> parameterTypes = List.of();
    private Type resultType = Void.class;
    private List<SignalSpec> signals = List.of();
    private boolean failOnNonDeterminism;
    private RetryPolicy retryPolicy;

    private Builder(String name, String version) {
      this.name = name;
      this.version = version;
      this.taskList = name;
    }

    public Builder taskList(String taskList) {
      this.taskList = taskList;
      return this;
    }

    public Builder executionStartToCloseTimeoutSeconds(long seconds) {
      this.executionStartToCloseTimeoutSeconds = seconds;
      return this;
    }

    public Builder taskStartToCloseTimeoutSeconds(long seconds) {
      this.taskStartToCloseTimeoutSeconds = seconds;
      return this;
    }

    public Builder parameterTypes(Type... types) {
      this.parameterTypes = List.of(types);
      return this;
    }

    public Builder resultType(Type type) {
      this.resultType = type;
      return this;
    }

    public Builder signals(SignalSpec... signals) {
      this.signals = List.of(signals);
      return this;
    }

    /** Fail the execution on non-determinism instead of blocking it; default false. */
    public Builder failOnNonDeterminism(boolean failOnNonDeterminism) {
      this.failOnNonDeterminism = failOnNonDeterminism;
      return this;
    }

    /** How parents retry this workflow as a child when the call gives no policy; default none. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    public WorkflowSpec build() {
      return new WorkflowSpec(
          name,
          version,
          taskList,
          executionStartToCloseTimeoutSeconds,
          taskStartToCloseTimeoutSeconds,
          parameterTypes,
          resultType,
          signals,
          failOnNonDeterminism,
          retryPolicy);
    }
  }
}
