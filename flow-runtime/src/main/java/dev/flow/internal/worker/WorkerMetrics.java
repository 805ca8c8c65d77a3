package dev.flow.internal.worker;

import dev.flow.internal.replay.StickyDecider;

/**
 * What a worker counts. The worker calls only these methods; the one implementation that counts
 * ({@link MicrometerWorkerMetrics}) is loaded only when {@code Worker.Builder.meterRegistry} gave a
 * registry, so a worker without Micrometer on its class path runs with {@link #NONE}. Public only
 * for {@code dev.flow.Worker}.
 */
public interface WorkerMetrics {
  /** Counts nothing. */
  WorkerMetrics NONE = new WorkerMetrics() {};

  /** The metrics in {@code registry}, a Micrometer {@code MeterRegistry}. */
  static WorkerMetrics micrometer(Object registry) {
    return MicrometerWorkerMetrics.create(registry);
  }

  /**
   * A decision task handled in {@code nanos}: {@code outcome} is {@code answered}, {@code blocked}
   * (non-determinism), {@code failed} (the decider threw) or {@code unanswered} (the answer was
   * refused).
   */
  default void decisionTask(String workflowType, String outcome, long nanos) {}

  /** A decision task replayed {@code events} history events from the start. */
  default void eventsReplayed(String workflowType, int events) {}

  /** A decision task of a run kept parked here ({@code hit}) or replayed instead ({@code miss}). */
  default void sticky(boolean hit) {}

  /** The sticky cache whose evictions to count. */
  default void watch(StickyDecider decider) {}

  /**
   * An activity task ran for {@code nanos}: {@code completed}, {@code failed}, {@code canceled}.
   */
  default void activity(String activityType, String outcome, long nanos) {}

  /** A poll of {@code kind} tasks on {@code taskList} failed (it is retried after a backoff). */
  default void pollError(String kind, String taskList) {}

  /** An SWF call was throttled (a ThrottlingException or HTTP 429). */
  default void throttled() {}
}
