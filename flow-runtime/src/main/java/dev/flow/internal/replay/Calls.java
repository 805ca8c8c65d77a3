package dev.flow.internal.replay;

import dev.flow.CallOptions;
import dev.flow.CanceledFailure;
import dev.flow.FlowException;
import dev.flow.Promise;
import dev.flow.RetryPolicy;
import dev.flow.Settable;
import dev.flow.StartOptions;
import dev.flow.internal.PromiseCallbacks;
import dev.flow.internal.SwfLimits;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.WorkflowSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the code's calls become commands: an activity or a child workflow (a {@link Call}, with its
 * id, its retries, and, in a resumed run, the result it reuses), a timer, a signal to another
 * execution. Each is issued through {@link Execution#issue}, matched with the history there.
 */
final class Calls {
  private final Execution execution;
  private final PromisedArguments arguments;
  private final Observations observations;

  /** The calls of {@code @Idempotent} activities, by activity id. */
  private final HashMap<String, Call> idempotentCalls = new HashMap<>();

  /** The results a resumed run reuses ({@link Resume}), by key and position; empty otherwise. */
  private final Map<String, Map<Integer, Resume.Entry>> resumed;

  /** How many calls of each key the code made, when it reuses results. */
  private final HashMap<String, Integer> callsByKey = new HashMap<>();

  Calls(Execution execution, PromisedArguments arguments, Observations observations) {
    this.execution = execution;
    this.arguments = arguments;
    this.observations = observations;
    this.resumed = Resume.table(execution.history());
  }

  <R> Promise<R> activity(ActivitySpec activity, CallOptions options, Object[] args) {
    execution.checkRunning();
    CallOptions o = options == null ? CallOptions.DEFAULT : options;
    return arguments.call(args, (values, deps) -> scheduleActivity(activity, o, values, deps));
  }

  <R> Promise<R> childWorkflow(WorkflowSpec child, StartOptions options, Object[] args) {
    execution.checkRunning();
    StartOptions o = options == null ? StartOptions.DEFAULT : options;
    return arguments.call(args, (values, deps) -> startChild(child, o, values, deps, null));
  }

  /** A child workflow started as {@link #childWorkflow}, with its id, signals and cancel. */
  @SuppressWarnings("unchecked")
  <R> ChildHandleImpl<R> childHandle(WorkflowSpec child, StartOptions options, Object[] args) {
    execution.checkRunning();
    StartOptions o = options == null ? StartOptions.DEFAULT : options;
    Settable<String> started = new Settable<>();
    Promise<R> result =
        arguments.call(args, (values, deps) -> startChild(child, o, values, deps, started));
    // a failed promised argument, or a cancel before the start, fails the id as the result
    PromiseCallbacks.whenComplete(
        result,
        () -> {
          if (!started.isReady()) {
            try {
              result.get();
            } catch (RuntimeException failure) {
              started.fail(failure);
            }
          }
        });
    return new ChildHandleImpl<>(execution, started, result);
  }

  /** SignalExternalWorkflowExecution, once every promised argument is ready. */
  Promise<Void> signal(String targetWorkflowId, String targetRunId, String name, Object[] args) {
    execution.checkRunning();
    Objects.requireNonNull(targetWorkflowId, "workflowId");
    Objects.requireNonNull(name, "signalName");
    return arguments.call(
        args,
        (values, deps) -> {
          execution.checkRunning();
          String input;
          try {
            input = encodeInput(values, "signal ", name);
          } catch (RuntimeException e) {
            return Promise.failed(e);
          }
          SignalExternalCommand command =
              new SignalExternalCommand(
                  execution.nextSeq(), targetWorkflowId, targetRunId, name, input);
          Control.Trace trace = observations.trace(deps);
          if (execution.nextIsNew()) {
            command.control = Control.call("signal:" + name, trace, 1);
          }
          return execution.issue(command).promise();
        });
  }

  /**
   * A timer of {@code delay}: of the code's ({@code call} names how it was made, such as {@code
   * Workflow.sleep}) or, with {@code awaitTimeout}, the timeout of {@code Workflow.await}.
   */
  @SuppressWarnings("unchecked")
  Promise<Void> timer(Duration delay, String call, boolean awaitTimeout) {
    execution.checkRunning();
    if (delay.isNegative()) {
      throw new IllegalArgumentException("a timer cannot wait a negative duration: " + delay);
    }
    if (delay.isZero()) {
      return Promise.value(null);
    }
    TimerCommand command = new TimerCommand(execution.nextSeq(), delay, null);
    Control.Trace trace = observations.trace(List.of());
    if (execution.nextIsNew()) {
      command.control = awaitTimeout ? Control.awaitTimeout(trace) : Control.call(call, trace, 1);
    }
    TimerCommand timer = execution.issue(command);
    observations.origin(timer.promise(), "timer:" + timer.id);
    execution.onCancel(
        timer.promise(),
        () -> {
          if (!timer.promise().isReady()) {
            execution.issue(new TimerCommand.Cancel(execution.nextSeq(), timer.id));
            timer.promise().fail(new CanceledFailure("timer " + timer.id + " was canceled"));
          }
        });
    return (Promise<Void>) (Promise<?>) timer.promise();
  }

  private Promise<Object> scheduleActivity(
      ActivitySpec activity, CallOptions o, Object[] values, List<String> deps) {
    execution.checkRunning();
    String input;
    try {
      input = encodeInput(values, "activity ", activity.name());
    } catch (RuntimeException e) {
      return Promise.failed(e);
    }
    if (!resumed.isEmpty()) {
      Promise<Object> reused = reused(activity, o, input);
      if (reused != null) {
        return reused;
      }
    }
    String baseId;
    if (activity.idempotent()) {
      baseId = Commands.idempotentId(activity.name(), Commands.version(activity, o), input);
      Call same = idempotentCalls.get(baseId);
      if (same != null) {
        return same.result; // the same call: scheduled once, one result
      }
    } else {
      baseId = execution.activityBaseId(activity.name());
    }
    RetryPolicy policy = o.retryPolicy() != null ? o.retryPolicy() : activity.retryPolicy();
    Call.Activity call =
        new Call.Activity(execution, activity, o, input, baseId, policy, observations.trace(deps));
    if (activity.idempotent()) {
      idempotentCalls.put(baseId, call);
    }
    call.start();
    return call.result;
  }

  /**
   * The result the stopped run this one resumes recorded for this call (the same activity type,
   * version and input, the same position among such calls), or null: the call is made.
   */
  private Promise<Object> reused(ActivitySpec activity, CallOptions o, String input) {
    String key = Commands.idempotentId(activity.name(), Commands.version(activity, o), input);
    int nth = activity.idempotent() ? 1 : callsByKey.merge(key, 1, Integer::sum);
    Map<Integer, Resume.Entry> byPosition = resumed.get(key);
    Resume.Entry entry = byPosition == null ? null : byPosition.get(nth);
    if (entry == null) {
      return null;
    }
    Settable<Object> result = new Settable<>();
    try {
      result.set(execution.converter().fromData(entry.result(), activity.resultType()));
    } catch (RuntimeException e) {
      result.fail(e);
    }
    observations.origin(result, entry.origin());
    return result;
  }

  @SuppressWarnings("unchecked")
  private Promise<Object> startChild(
      WorkflowSpec child,
      StartOptions o,
      Object[] values,
      List<String> deps,
      Settable<String> started) {
    execution.checkRunning();
    String input;
    try {
      input = encodeInput(values, "child workflow ", child.name());
    } catch (RuntimeException e) {
      if (started != null) {
        started.fail(e);
      }
      return Promise.failed(e);
    }
    String childId = o.workflowId() != null ? o.workflowId() : childId(execution.nextSeq());
    RetryPolicy policy = o.retryPolicy() != null ? o.retryPolicy() : child.retryPolicy();
    Call.Child call =
        new Call.Child(execution, child, o, input, childId, policy, observations.trace(deps));
    if (started != null) {
      PromiseCallbacks.whenComplete(
          call.started,
          () -> {
            if (!started.isReady()) {
              arguments.copy(
                  (Settable<Object>) (Settable<?>) call.started,
                  (Settable<Object>) (Settable<?>) started);
            }
          });
    }
    call.start();
    return call.result;
  }

  /**
   * The id of the child started by command {@code seq}: {@code <workflowId>.<seq>}. A run continued
   * as new numbers its commands from 1 again, while the children of the run before may still be
   * open: its children's ids carry its run id, {@code <workflowId>.<runId>.<seq>}. '.' separates,
   * since SWF forbids ':', '/' and '|' in workflow ids.
   */
  private String childId(int seq) {
    String workflowId = execution.workflowId();
    String runId = execution.runId();
    if (workflowId == null) {
      throw execution.abort(
          new IllegalStateException(
              "child workflow ids derive from the parent's workflow id, which the decider was not"
                  + " given: call Decider.decide(definition, execution, history, converter)"));
    }
    return execution.history().started.continuedExecutionRunId() == null || runId == null
        ? workflowId + "." + seq
        : workflowId + "." + runId + "." + seq;
  }

  /**
   * The encoded {@code values}, the input of {@code what} {@code name} (joined only for the
   * message); too long for SWF: an exception.
   */
  String encodeInput(Object[] values, String what, String name) {
    String input = execution.converter().toArguments(values);
    if (input.length() > SwfLimits.MAX_DATA) {
      throw new FlowException(
          "the input of "
              + what
              + name
              + " is "
              + input.length()
              + " characters long once encoded;"
              + " SWF accepts at most "
              + SwfLimits.MAX_DATA);
    }
    return input;
  }
}
