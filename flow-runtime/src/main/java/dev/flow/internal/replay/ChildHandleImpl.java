package dev.flow.internal.replay;

import dev.flow.Promise;
import dev.flow.Settable;
import dev.flow.spi.ChildHandle;

/** A started child workflow, as generated child stubs see it. */
final class ChildHandleImpl<R> implements ChildHandle<R> {
  private final Execution execution;
  private final Settable<String> workflowId;
  private final Promise<R> result;

  ChildHandleImpl(Execution execution, Settable<String> workflowId, Promise<R> result) {
    this.execution = execution;
    this.workflowId = workflowId;
    this.result = result;
  }

  @Override
  public Promise<String> workflowId() {
    return workflowId;
  }

  @Override
  public Promise<R> result() {
    return result;
  }

  @Override
  public Promise<Void> signal(String signalName, Object... arguments) {
    return workflowId.flatMap(id -> execution.calls().signal(id, null, signalName, arguments));
  }

  @Override
  public void cancel() {
    execution.cancel(result);
  }
}
