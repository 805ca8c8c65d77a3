package dev.flow;

import java.time.Duration;

/**
 * A client's handle on one workflow execution. Generated clients wrap it in a typed handle with a
 * method per signal; {@code untyped()} on those returns this.
 *
 * @param <R> the type of the workflow's result
 */
public interface WorkflowHandle<R> {
  String workflowId();

  String runId();

  /**
   * Waits for the execution to close and returns its result.
   *
   * @throws WorkflowFailure when it failed, timed out, was canceled or terminated
   */
  R result();

  /**
   * As {@link #result()}, waiting at most {@code timeout}.
   *
   * @throws WorkflowFailure when it closed unsuccessfully
   * @throws FlowException when it is still open after {@code timeout}
   */
  R result(Duration timeout);

  /** Sends signal {@code name} with {@code arguments}, encoded with the client's converter. */
  void signal(String name, Object... arguments);

  /** Asks the execution to cancel itself; it sees a cancellation at its next blocking point. */
  void cancel();

  /** Ends the execution at once, recording {@code reason}. */
  void terminate(String reason);
}
