package dev.flow.spi;

import dev.flow.FlowClient;
import dev.flow.StartOptions;
import dev.flow.WorkflowHandle;

/** What generated workflow clients call. */
public final class ClientCalls {
  private ClientCalls() {}

  /** Starts an execution of {@code spec} with {@code options} (null: none) over {@code arguments}. */
  public static <R> WorkflowHandle<R> start(
      FlowClient flow, WorkflowSpec spec, StartOptions options, Object... arguments) {
    throw new UnsupportedOperationException("TODO");
  }

  /** A handle on an existing execution; a null {@code runId} means the latest run of the id. */
  public static <R> WorkflowHandle<R> handle(
      FlowClient flow, WorkflowSpec spec, String workflowId, String runId) {
    throw new UnsupportedOperationException("TODO");
  }
}
