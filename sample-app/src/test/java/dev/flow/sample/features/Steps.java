package dev.flow.sample.features;

import dev.flow.annotations.Activity;
import dev.flow.annotations.ActivityOptions;
import dev.flow.annotations.Idempotent;
import dev.flow.annotations.Retry;

/** The activities of the feature tests; {@link StepsImpl} keeps what they saw. */
@Activity(version = "1", taskList = "feature-steps")
public interface Steps {
  /** Fails {@code failures} times for {@code key}, then returns {@code ok:key@attempt}. */
  @Retry(maximumAttempts = 4, initialIntervalSeconds = 60, backoffCoefficient = 2)
  String flaky(String key, int failures);

  /** Blocks until the test releases it: times out after 1 s. */
  @ActivityOptions(startToCloseTimeoutSeconds = 1)
  String hangs(String key);

  /** Heartbeats {@code progress}, then blocks without heartbeating: times out after 1 s. */
  @ActivityOptions(heartbeatTimeoutSeconds = 1, startToCloseTimeoutSeconds = 60)
  String heartbeatsOnce(String progress);

  String echo(String value);

  /** Step {@code n} of a sequence: counts its runs; fails while {@link StepsImpl#failAt} is n. */
  String numbered(int n);

  @Idempotent
  String charge(String account, int cents);

  /** Blocks until the test {@linkplain StepsImpl#release releases} {@code key}. */
  String holdUntilReleased(String key);

  String cleanup(String what);

  String shout(String text);

  /** Leaves its task open for the test to complete with {@code FlowClient.completeActivity}. */
  @ActivityOptions(startToCloseTimeoutSeconds = 600)
  String completedByHand(String key);

  /**
   * Heartbeats every 50 ms (one sent each 3 s: half the timeout) until a heartbeat learns the
   * workflow canceled it; a timeout of 6 s leaves a loaded machine 3 s of slack per heartbeat.
   */
  @ActivityOptions(heartbeatTimeoutSeconds = 6, startToCloseTimeoutSeconds = 60)
  String heartbeatsUntilCanceled(String key);
}
