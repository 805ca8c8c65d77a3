package dev.flow;

/**
 * Something was canceled: the workflow execution itself (a cancel request reached it), or a call it
 * canceled with {@link Workflow#cancel(Promise)}.
 *
 * <p>When cancellation of the execution is requested, workflow code gets a {@code CanceledFailure}
 * at its next blocking point ({@code get()}, {@code Workflow.await}, {@code Workflow.sleep}) that
 * actually waits. Cleanup that must wait for activities runs inside {@link
 * Workflow#nonCancellable}. Workflow code that ends by throwing a {@code CanceledFailure} (its own,
 * uncaught, or one it throws) closes the execution as canceled.
 *
 * <pre>{@code
 * try {
 *   media.encodeVideo(url, "webm").get();
 * } catch (CanceledFailure e) {
 *   Workflow.nonCancellable(() -> media.cleanup(url).get());
 *   throw e;                                  // closes the execution as canceled
 * }
 * }</pre>
 */
public class CanceledFailure extends FlowException {
  private static final long serialVersionUID = 1L;

  public CanceledFailure(String message) {
    super(message);
  }
}
