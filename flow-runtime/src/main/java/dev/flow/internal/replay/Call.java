package dev.flow.internal.replay;

import dev.flow.ActivityFailure;
import dev.flow.CallOptions;
import dev.flow.CanceledFailure;
import dev.flow.ChildWorkflowFailure;
import dev.flow.RetryPolicy;
import dev.flow.Settable;
import dev.flow.StartOptions;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.WorkflowSpec;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One activity or child workflow call: its attempts, the waits between them (timers) and its
 * result. Its commands are issued through {@link Execution} as the events of the attempts before
 * are delivered, so retries and cancellations replay like the code's own commands.
 *
 * <pre>
 * attempt n issued --succeeded--> result set
 *               \--failed, policy allows--> wait timer --fired--> attempt n+1 issued
 *                \--failed, policy gives up--> result failed (earlier failures suppressed)
 * cancel: attempt --> RequestCancel* issued (the outcome decides); wait --> CancelTimer, failed
 * </pre>
 */
abstract class Call {
  final Execution execution;
  final Settable<Object> result = new Settable<>();
  final String baseId;
  final RetryPolicy policy;

  /** What the code depended on when it made the call: every attempt's control says so. */
  final Control.Trace trace;

  /** {@code KIND:ID} of the call: {@code activity:<first attempt's id>}, {@code child:<id>}. */
  final String origin;

  int attempt = 1;

  /** The current attempt, or the timer of the wait before the next one. */
  Command<?> current;

  /** The activity id or workflow id of the current (or last) attempt. */
  String attemptId;

  boolean canceled;

  /** The failures of the attempts before the current one, in order; null when none. */
  private List<RuntimeException> failures;

  Call(Execution execution, String kind, String baseId, RetryPolicy policy, Control.Trace trace) {
    this.execution = execution;
    this.baseId = baseId;
    this.policy = policy;
    this.trace = trace;
    this.origin = kind + ":" + baseId;
    execution.onCancel(result, this::cancel);
    execution.observations().origin(result, origin);
  }

  /** The readable name of what is called: the activity or workflow type. */
  abstract String callName();

  /** The command of the current attempt. */
  abstract Command<?> attemptCommand(int seq);

  /** The command asking for the current attempt to be canceled. */
  abstract Command<?> cancelCommand(int seq);

  /** What {@link RetryPolicy#doNotRetry()} is compared with. */
  abstract String remoteType(RuntimeException failure);

  abstract String describe();

  void start() {
    Command<?> command = attemptCommand(execution.nextSeq());
    if (execution.nextIsNew()) {
      command.control = Control.call(callName(), trace, attempt);
    }
    current = execution.issue(command);
    attemptId = current.id;
  }

  /** The current attempt's result, delivered: decoded as {@code type}, the call's result. */
  void attemptSucceeded(String data, Type type, Delivery delivery) {
    Object value;
    try {
      value = delivery.converter().fromData(data, type);
    } catch (RuntimeException e) {
      attemptFailed(e, false, delivery);
      return;
    }
    delivery.delivering(origin, () -> succeeded(value));
  }

  /** The current attempt's failure, delivered: {@link #failed}. */
  void attemptFailed(RuntimeException failure, boolean retryable, Delivery delivery) {
    delivery.delivering(origin, () -> failed(failure, retryable));
  }

  void succeeded(Object value) {
    if (!result.isReady()) {
      result.set(value);
    }
  }

  /** The current attempt failed: wait and try again when the policy says so, else give up. */
  void failed(RuntimeException failure, boolean retryable) {
    if (result.isReady()) {
      return;
    }
    Duration wait = retryable && !canceled ? retryDelay(failure) : null;
    if (wait == null) {
      giveUp(failure);
      return;
    }
    if (failures == null) {
      failures = new ArrayList<>(2);
    }
    failures.add(failure);
    attempt++;
    if (Commands.ceilSeconds(wait) == 0) {
      start();
    } else {
      TimerCommand timer = new TimerCommand(execution.nextSeq(), wait, this);
      if (execution.nextIsNew()) {
        timer.control = Control.retry(origin, callName(), attempt);
      }
      current = execution.issue(timer);
    }
  }

  /** The wait before the next attempt is over. */
  void waited() {
    if (!canceled && !result.isReady()) {
      start();
    }
  }

  /** Fails the call with {@code failure}, the earlier attempts' failures suppressed in it. */
  void giveUp(RuntimeException failure) {
    if (failures != null) {
      for (RuntimeException earlier : failures) {
        if (earlier != failure) {
          failure.addSuppressed(earlier);
        }
      }
    }
    if (!result.isReady()) {
      result.fail(failure);
    }
  }

  private Duration retryDelay(RuntimeException failure) {
    if (policy == null
        || (policy.maximumAttempts() > 0 && attempt >= policy.maximumAttempts())
        || notToRetry(remoteType(failure))
        || notToRetry(failure.getClass().getName())) {
      return null;
    }
    double millis =
        policy.initialInterval().toMillis() * Math.pow(policy.backoffCoefficient(), attempt - 1);
    return Duration.ofMillis((long) Math.min(millis, (double) policy.maximumInterval().toMillis()));
  }

  /**
   * Whether the policy names {@code type} or one of its supertypes (when {@code type} is loadable
   * here): {@code doNotRetry = IOException.class} covers a remote {@code FileNotFoundException}.
   */
  private boolean notToRetry(String type) {
    if (type == null) {
      return false;
    }
    if (policy.doNotRetry().contains(type)) {
      return true;
    }
    Class<?> c = RemoteFailures.load(type);
    for (c = c == null ? null : c.getSuperclass(); c != null; c = c.getSuperclass()) {
      if (policy.doNotRetry().contains(c.getName())) {
        return true;
      }
    }
    return false;
  }

  void cancel() {
    if (canceled || result.isReady()) {
      return;
    }
    canceled = true;
    if (current instanceof TimerCommand) {
      execution.issue(new TimerCommand.Cancel(execution.nextSeq(), current.id));
      giveUp(new CanceledFailure(describe() + " was canceled while waiting to try again"));
    } else {
      execution.issue(cancelCommand(execution.nextSeq()));
    }
  }

  /** A call of an activity: attempts are ScheduleActivityTask with ids {@code <id>@<attempt>}. */
  static final class Activity extends Call {
    final ActivitySpec spec;
    final CallOptions options;
    final String input;

    Activity(
        Execution execution,
        ActivitySpec spec,
        CallOptions options,
        String input,
        String baseId,
        RetryPolicy policy,
        Control.Trace trace) {
      super(execution, "activity", baseId, policy, trace);
      this.spec = spec;
      this.options = options;
      this.input = input;
    }

    @Override
    String callName() {
      return spec.name();
    }

    @Override
    Command<?> attemptCommand(int seq) {
      String activityId = Commands.withAttempt(baseId, attempt);
      return new ActivityCommand(seq, activityId, spec, options, input, this);
    }

    @Override
    Command<?> cancelCommand(int seq) {
      return new ActivityCommand.CancelRequest(seq, current.id);
    }

    @Override
    String remoteType(RuntimeException failure) {
      return failure instanceof ActivityFailure a ? a.remoteType() : failure.getClass().getName();
    }

    @Override
    String describe() {
      return "activity " + spec.name() + " (id " + attemptId + ")";
    }
  }

  /** A call of a child workflow: attempts start it again with the same workflow id. */
  static final class Child extends Call {
    final WorkflowSpec spec;
    final StartOptions options;
    final String input;

    /** The child's workflow id, once an attempt started. */
    final Settable<String> started = new Settable<>();

    String childRunId;

    Child(
        Execution execution,
        WorkflowSpec spec,
        StartOptions options,
        String input,
        String childId,
        RetryPolicy policy,
        Control.Trace trace) {
      super(execution, "child", childId, policy, trace);
      this.spec = spec;
      this.options = options;
      this.input = input;
    }

    @Override
    String callName() {
      return spec.name();
    }

    @Override
    Command<?> attemptCommand(int seq) {
      return new ChildCommand(seq, spec, options, baseId, input, this);
    }

    @Override
    Command<?> cancelCommand(int seq) {
      return new CancelExternalCommand(seq, baseId, childRunId);
    }

    @Override
    String remoteType(RuntimeException failure) {
      if (failure instanceof ChildWorkflowFailure c) {
        return c.remoteType() != null ? c.remoteType() : c.reason();
      }
      return failure.getClass().getName();
    }

    @Override
    String describe() {
      return "child workflow " + spec.name() + " (id " + baseId + ")";
    }

    void startedRun(String runId) {
      childRunId = runId;
      if (!started.isReady()) {
        started.set(baseId);
      }
    }

    @Override
    void giveUp(RuntimeException failure) {
      if (!started.isReady()) {
        started.fail(failure);
      }
      super.giveUp(failure);
    }
  }
}
