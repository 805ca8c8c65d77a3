package dev.flow.internal.replay;

import dev.flow.CanceledFailure;
import dev.flow.Promise;
import dev.flow.Promises;
import dev.flow.Settable;
import dev.flow.internal.PromiseCallbacks;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls made over promised arguments: an argument of a call (activity, child workflow, signal) may
 * be a {@link Promise} of the value; the call is issued once every promised argument is ready, from
 * the callback of the last one, and its {@code deps} name the calls they came from. A failed
 * promised argument fails the call with the same exception object, and the call is never issued.
 */
final class PromisedArguments {
  /** Starts a call over its argument values and the origins of its promised arguments. */
  interface Start {
    Promise<Object> apply(Object[] values, List<String> deps);
  }

  private final Execution execution;
  private final Observations observations;

  PromisedArguments(Execution execution, Observations observations) {
    this.execution = execution;
    this.observations = observations;
  }

  /**
   * Calls {@code start} with the argument values once every promised argument is ready; the promise
   * returned follows the one {@code start} returns, unless it was canceled first.
   */
  @SuppressWarnings("unchecked")
  <R> Promise<R> call(Object[] arguments, Start start) {
    Object[] args = arguments == null ? new Object[0] : arguments;
    List<Promise<?>> promised = null;
    for (Object argument : args) {
      if (argument instanceof Promise<?> promise) {
        if (promised == null) {
          promised = new ArrayList<>(args.length);
        }
        promised.add(promise);
      }
    }
    if (promised == null) {
      return (Promise<R>) start.apply(args.clone(), List.of());
    }
    List<Promise<?>> promisedArguments = promised;
    Settable<Object> result = new Settable<>();
    Promise<?>[] started = new Promise<?>[1];
    Promise<Void> ready = Promises.all(promised);
    PromiseCallbacks.whenComplete(
        ready,
        () -> {
          if (result.isReady()) {
            return; // canceled before its arguments were ready
          }
          Promise<Object> call;
          observations.beginRead();
          Object[] values;
          try {
            ready.get(); // a failed argument fails the call with the same exception object
            values = values(args);
          } catch (RuntimeException failure) {
            result.fail(failure);
            return;
          } finally {
            observations.endRead();
          }
          try {
            call = start.apply(values, deps(promisedArguments));
          } catch (RuntimeException failure) {
            result.fail(failure);
            return;
          }
          started[0] = call;
          String origin = observations.originOf(call);
          if (origin != null) {
            observations.origin(result, origin);
          }
          Settable<Object> s = (Settable<Object>) call;
          PromiseCallbacks.whenComplete(
              s,
              () -> {
                if (!result.isReady()) {
                  copy(s, result);
                }
              });
        });
    if (!result.isReady()) {
      execution.onCancel(
          result,
          () -> {
            if (started[0] != null) {
              execution.cancel(started[0]);
            } else if (!result.isReady()) {
              result.fail(new CanceledFailure("canceled before its arguments were ready"));
            }
          });
    }
    return (Promise<R>) result;
  }

  /** The origins of {@code promised}, in order, once each. */
  private List<String> deps(List<Promise<?>> promised) {
    List<String> deps = new ArrayList<>(promised.size());
    for (Promise<?> p : promised) {
      String origin = observations.originOf(p);
      if (origin != null && !deps.contains(origin)) {
        deps.add(origin);
      }
    }
    return deps;
  }

  /** Completes {@code to} as {@code from} completed, reading it as the decider, not the code. */
  void copy(Settable<Object> from, Settable<Object> to) {
    Object value;
    observations.beginRead();
    try {
      value = from.get();
    } catch (RuntimeException failure) {
      to.fail(failure);
      return;
    } finally {
      observations.endRead();
    }
    to.set(value);
  }

  /** The values of {@code arguments}, promises read (they are ready). */
  static Object[] values(Object[] arguments) {
    Object[] values = new Object[arguments.length];
    for (int i = 0; i < arguments.length; i++) {
      values[i] = arguments[i] instanceof Promise<?> p ? p.get() : arguments[i];
    }
    return values;
  }
}
