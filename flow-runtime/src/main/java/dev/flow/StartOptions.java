package dev.flow;

import java.time.Duration;
import java.util.List;

/**
 * Options of one workflow execution, started from a client or as a child. Unset options keep those
 * the workflow type was declared with; an unset workflow id is a new random one (from a client) or
 * one derived deterministically from the parent (for a child).
 *
 * <pre>{@code
 * ProcessVideoWorkflowClient.create(flow)
 *     .withOptions(StartOptions.builder().workflowId("video-42").tags("batch").build())
 *     .start(url, subs);
 * }</pre>
 */
public final class StartOptions {
  /** No overrides. */
  public static final StartOptions DEFAULT = builder().build();

  private final String workflowId;
  private final String taskList;
  private final Duration executionStartToCloseTimeout;
  private final Duration taskStartToCloseTimeout;
  private final List<String> tags;
  private final Integer priority;
  private final RetryPolicy retryPolicy;
  private final String resumeFromWorkflowId;
  private final String resumeFromRunId;

  private StartOptions(Builder b) {
    this.workflowId = b.workflowId;
    this.taskList = b.taskList;
    this.executionStartToCloseTimeout = b.executionStartToCloseTimeout;
    this.taskStartToCloseTimeout = b.taskStartToCloseTimeout;
    this.tags = b.tags;
    this.priority = b.priority;
    this.retryPolicy = b.retryPolicy;
    this.resumeFromWorkflowId = b.resumeFromWorkflowId;
    this.resumeFromRunId = b.resumeFromRunId;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The workflow id, or null for a generated one. */
  public String workflowId() {
    return workflowId;
  }

  /** The decision task list, or null to keep the declared one. */
  public String taskList() {
    return taskList;
  }

  /** The execution start-to-close timeout, or null to keep the declared one. */
  public Duration executionStartToCloseTimeout() {
    return executionStartToCloseTimeout;
  }

  /** The decision task start-to-close timeout, or null to keep the declared one. */
  public Duration taskStartToCloseTimeout() {
    return taskStartToCloseTimeout;
  }

  /** The tags of the execution (at most 5); empty when none. */
  public List<String> tags() {
    return tags;
  }

  /** The SWF task priority, or null to keep the declared one. */
  public Integer priority() {
    return priority;
  }

  /**
   * For a child workflow: when and how often to start it again after it failed or timed out (with
   * the same workflow id); null: never.
   */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** The workflow id of the closed run this one resumes ({@link Builder#resumeFrom}); or null. */
  public String resumeFromWorkflowId() {
    return resumeFromWorkflowId;
  }

  /** The run id of the closed run this one resumes ({@link Builder#resumeFrom}); or null. */
  public String resumeFromRunId() {
    return resumeFromRunId;
  }

  /** Builds {@link StartOptions}. */
  public static final class Builder {
    private String workflowId;
    private String taskList;
    private Duration executionStartToCloseTimeout;
    private Duration taskStartToCloseTimeout;
    private List<String> tags = List.of();
    private Integer priority;
    private RetryPolicy retryPolicy;
    private String resumeFromWorkflowId;
    private String resumeFromRunId;

    private Builder() {}

    public Builder workflowId(String workflowId) {
      this.workflowId = workflowId;
      return this;
    }

    public Builder taskList(String taskList) {
      this.taskList = taskList;
      return this;
    }

    public Builder executionStartToCloseTimeout(Duration timeout) {
      this.executionStartToCloseTimeout = timeout;
      return this;
    }

    public Builder taskStartToCloseTimeout(Duration timeout) {
      this.taskStartToCloseTimeout = timeout;
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

    /** For a child workflow: how to retry it; see {@link StartOptions#retryPolicy()}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    /**
     * Starts the execution as the resumption of the closed (failed, timed-out, terminated or
     * canceled) run {@code runId} of {@code workflowId}: every activity call that completed in
     * that run, made again by the new run with the same type, version and input (and at the same
     * position among such calls), resolves at once with the result recorded there instead of
     * running again. The new run records the results it reuses in its own history (markers named
     * {@code flow.resumed}), so it replays on its own. Pass the same arguments as that run had
     * (or use {@link WorkflowHandle#resume()}, which does). From a client only; child workflows
     * ignore it.
     *
     * <pre>{@code
     * OrderWorkflowClient.create(flow)
     *     .withOptions(StartOptions.builder().workflowId("order-7").resumeFrom("order-7", failedRunId).build())
     *     .start(order);
     * }</pre>
     */
    public Builder resumeFrom(String workflowId, String runId) {
      this.resumeFromWorkflowId = java.util.Objects.requireNonNull(workflowId, "workflowId");
      this.resumeFromRunId = java.util.Objects.requireNonNull(runId, "runId");
      return this;
    }

    public StartOptions build() {
      return new StartOptions(this);
    }
  }
}
