package dev.flow.spi;

import dev.flow.Promise;

/**
 * A child workflow started with {@link Stubs#startChild}, in the parent's workflow code.
 *
 * @param <R> the child's result type
 */
public interface ChildHandle<R> {
  /**
   * The child's workflow id, ready once the child started; failed as the result is when it could
   * not start.
   */
  Promise<String> workflowId();

  /** The child's result; fails with {@code ChildWorkflowFailure}. */
  Promise<R> result();

  /**
   * Signals the child (its current run) once it started: SignalExternalWorkflowExecution. The
   * promise fails when SWF could not deliver the signal.
   */
  Promise<Void> signal(String signalName, Object... arguments);

  /**
   * Requests cancellation of the child (RequestCancelExternalWorkflowExecution); its result then
   * fails with a {@code ChildWorkflowFailure} whose cause is a {@code CanceledFailure}, once the
   * child closed as canceled.
   */
  void cancel();
}
