package dev.flow.internal.worker;

import dev.flow.internal.replay.StickyDecider;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * A worker's meters in a Micrometer registry; the only class of the runtime touching Micrometer.
 */
final class MicrometerWorkerMetrics implements WorkerMetrics {
  private final MeterRegistry registry;
  private final Counter stickyHits;
  private final Counter stickyMisses;
  private final Counter throttled;

  private MicrometerWorkerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.stickyHits = sticky(registry, "hit");
    this.stickyMisses = sticky(registry, "miss");
    this.throttled =
        Counter.builder("flow.worker.throttled")
            .description("SWF calls the engine throttled (ThrottlingException, HTTP 429)")
            .register(registry);
  }

  static WorkerMetrics create(Object registry) {
    return new MicrometerWorkerMetrics((MeterRegistry) registry);
  }

  private static Counter sticky(MeterRegistry registry, String result) {
    return Counter.builder("flow.worker.sticky")
        .description("Decision tasks of runs kept parked here (hit) or replayed from the start")
        .tag("result", result)
        .register(registry);
  }

  @Override
  public void decisionTask(String workflowType, String outcome, long nanos) {
    Timer.builder("flow.worker.decision.task")
        .description("Decision tasks handled, by workflow type and outcome, and their latency")
        .tag("workflowType", workflowType)
        .tag("outcome", outcome)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void eventsReplayed(String workflowType, int events) {
    Counter.builder("flow.worker.events.replayed")
        .description("History events replayed from the start (cache misses, sticky off)")
        .tag("workflowType", workflowType)
        .register(registry)
        .increment(events);
  }

  @Override
  public void sticky(boolean hit) {
    (hit ? stickyHits : stickyMisses).increment();
  }

  @Override
  public void watch(StickyDecider decider) {
    FunctionCounter.builder("flow.worker.sticky.evictions", decider, StickyDecider::evictions)
        .description("Parked executions dropped from the sticky cache")
        .register(registry);
  }

  @Override
  public void activity(String activityType, String outcome, long nanos) {
    Timer.builder("flow.worker.activity")
        .description("Activity tasks run, by activity type and outcome, and their time")
        .tag("activityType", activityType)
        .tag("outcome", outcome)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void pollError(String kind, String taskList) {
    Counter.builder("flow.worker.poll.errors")
        .description("Failed polls, by kind (decision, activity) and task list")
        .tag("kind", kind)
        .tag("taskList", taskList)
        .register(registry)
        .increment();
  }

  @Override
  public void throttled() {
    throttled.increment();
  }
}
