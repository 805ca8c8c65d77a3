package dev.flow.spi;

import dev.flow.FlowClient;
import dev.flow.StartOptions;
import dev.flow.WorkflowHandle;
import dev.flow.internal.client.ClientContext;
import dev.flow.internal.client.Executions;

/** What generated workflow clients call. */
public final class ClientCalls {
  private ClientCalls() {}

  /**
   * Starts an execution of {@code spec} with {@code options} (null: none) over {@code arguments}
   * (encoded with the client's converter as the input).
   *
   * <p>The workflow id is the options' or a random UUID; the task list and the timeouts are the
   * options' or else the spec's, always sent explicitly (so a start does not depend on the defaults
   * registered with the type); the child policy is {@code TERMINATE}.
   *
   * @throws dev.flow.FlowException when SWF refuses: the id is in use by an open execution, the
   *     domain or type is not registered yet (start a {@code Worker} hosting it first), the input
   *     is over 32,768 characters, ...
   */
  public static <R> WorkflowHandle<R> start(
      FlowClient flow, WorkflowSpec spec, StartOptions options, Object... arguments) {
    return Executions.start(ClientContext.of(flow), spec, options, arguments);
  }

  /**
   * A handle on an existing execution. A null {@code runId} means the latest run of the id, looked
   * up now (so the returned handle's {@code runId()} is never null): the open run if there is one
   * (ListOpenWorkflowExecutions), else the most recently started closed one
   * (ListClosedWorkflowExecutions); none is a {@link dev.flow.FlowException}. Signals, cancellation
   * and termination go to that run; {@code result()} follows continue-as-new.
   */
  public static <R> WorkflowHandle<R> handle(
      FlowClient flow, WorkflowSpec spec, String workflowId, String runId) {
    return Executions.handle(ClientContext.of(flow), spec, workflowId, runId);
  }
}
