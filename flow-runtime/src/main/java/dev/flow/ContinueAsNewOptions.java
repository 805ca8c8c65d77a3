package dev.flow;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Options of the next run when workflow code continues its execution as new ({@link
 * Workflow#continueAsNew(ContinueAsNewOptions, Object...)}, or a generated self stub). What is left
 * unset is carried over from the run that continues: task list, timeouts, tags, priority; the
 * version is this run's (or, through a self stub, the version its definition declares).
 *
 * <pre>{@code
 * if (Workflow.isContinueAsNewSuggested()) {
 *   Workflow.continueAsNew(
 *       ContinueAsNewOptions.builder().version("2").taskList("video-v2").build(), nextUrl, subs);
 * }
 * }</pre>
 *
 * <p>The workflow id stays; the workflow type stays (SWF continues a run as the same type: start
 * another type as a child workflow instead).
 */
public final class ContinueAsNewOptions {
  /** Carries everything over. */
  public static final ContinueAsNewOptions DEFAULT = builder().build();

  private final String version;
  private final String taskList;
  private final Duration executionStartToCloseTimeout;
  private final Duration taskStartToCloseTimeout;
  private final List<String> tags;
  private final Integer priority;

  private ContinueAsNewOptions(Builder b) {
    this.version = b.version;
    this.taskList = b.taskList;
    this.executionStartToCloseTimeout = b.executionStartToCloseTimeout;
    this.taskStartToCloseTimeout = b.taskStartToCloseTimeout;
    this.tags = b.tags;
    this.priority = b.priority;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The workflow type version of the next run, or null to keep this run's. */
  public String version() {
    return version;
  }

  /** The decision task list of the next run, or null to keep this run's. */
  public String taskList() {
    return taskList;
  }

  /** The next run's execution start-to-close timeout, or null to keep this run's. */
  public Duration executionStartToCloseTimeout() {
    return executionStartToCloseTimeout;
  }

  /** The next run's decision task start-to-close timeout, or null to keep this run's. */
  public Duration taskStartToCloseTimeout() {
    return taskStartToCloseTimeout;
  }

  /**
   * The next run's tags, or empty to keep this run's. SWF takes 5 tags; Flow adds one carrying the
   * run number ({@link WorkflowInfo#attempt()}) when there is room, so give at most 4.
   */
  public List<String> tags() {
    return tags;
  }

  /** The SWF task priority of the next run, or null to keep this run's. */
  public Integer priority() {
    return priority;
  }

  /** Builds {@link ContinueAsNewOptions}. */
  public static final class Builder {
    private String version;
    private String taskList;
    private Duration executionStartToCloseTimeout;
    private Duration taskStartToCloseTimeout;
    private List<String> tags = List.of();
    private Integer priority;

    private Builder() {}

    /**
     * The workflow type version the next run is (a version a worker hosts, registered with SWF): to
     * move a long-running execution onto new code at its next run.
     */
    public Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    public Builder taskList(String taskList) {
      this.taskList = Objects.requireNonNull(taskList, "taskList");
      return this;
    }

    /** Rounded up to whole seconds, as SWF takes timeouts. */
    public Builder executionStartToCloseTimeout(Duration timeout) {
      this.executionStartToCloseTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Rounded up to whole seconds, as SWF takes timeouts. */
    public Builder taskStartToCloseTimeout(Duration timeout) {
      this.taskStartToCloseTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public Builder tags(String... tags) {
      this.tags = List.of(tags);
      return this;
    }

    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    public ContinueAsNewOptions build() {
      return new ContinueAsNewOptions(this);
    }
  }
}
