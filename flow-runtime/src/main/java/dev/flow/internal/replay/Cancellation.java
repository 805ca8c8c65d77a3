package dev.flow.internal.replay;

import dev.flow.CanceledFailure;
import dev.flow.Promise;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * Cancellation in workflow code: what {@code Workflow.cancel(promise)} does for each promise of a
 * call or timer, the cancel request of the execution itself, and the {@code
 * Workflow.nonCancellable} scopes in which waiting goes on despite it.
 */
final class Cancellation {
  private final String workflowId;

  /** What {@code Workflow.cancel(promise)} does, per promise of a call or timer. */
  private final IdentityHashMap<Promise<?>, Runnable> cancelers;

  /** The WorkflowExecutionCancelRequested event delivered, or null. */
  private HistoryEvent request;

  /** How deep the code is in {@code Workflow.nonCancellable} scopes. */
  private int nonCancellable;

  /** The cancellation of {@code workflowId}, with room for {@code expectedPromises} cancelers. */
  Cancellation(String workflowId, int expectedPromises) {
    this.workflowId = workflowId;
    this.cancelers = new IdentityHashMap<>(expectedPromises);
  }

  /** Makes {@code Workflow.cancel(promise)} run {@code canceler}. */
  void onCancel(Promise<?> promise, Runnable canceler) {
    cancelers.put(promise, canceler);
  }

  /** Asks for the call or timer behind {@code promise} to be canceled; others: nothing happens. */
  void cancel(Promise<?> promise) {
    Runnable canceler = cancelers.get(Objects.requireNonNull(promise, "promise"));
    if (canceler != null) {
      canceler.run();
    }
  }

  /** The execution's cancellation was requested by {@code event} (the first one counts). */
  void requested(HistoryEvent event) {
    if (request == null) {
      request = event;
    }
  }

  boolean isRequested() {
    return request != null;
  }

  /**
   * Throws {@link CanceledFailure} when the code would wait while cancellation of the execution is
   * requested, outside {@code nonCancellable} scopes.
   */
  void checkWait() {
    if (request != null && nonCancellable == 0) {
      throw new CanceledFailure(
          "cancellation of workflow execution "
              + (workflowId == null ? "" : workflowId + " ")
              + "was requested (event "
              + request.eventId()
              + ")");
    }
  }

  /** {@code fn}'s result; blocking in it does not throw {@link CanceledFailure}. */
  <T> T nonCancellable(Supplier<T> fn) {
    nonCancellable++;
    try {
      return fn.get();
    } finally {
      nonCancellable--;
    }
  }
}
