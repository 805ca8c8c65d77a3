package dev.flow.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The engine's meters in a Micrometer registry (names as Micrometer writes them; Prometheus shows
 * {@code flow.engine.tasks.scheduled} as {@code flow_engine_tasks_scheduled_total}). Only this
 * class touches Micrometer.
 */
final class MicrometerEngineMetrics implements EngineMetrics {
  private final MeterRegistry registry;
  private final Counter events;
  private final Timer commits;
  private final DistributionSummary batch;

  private MicrometerEngineMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.events =
        Counter.builder("flow.engine.events")
            .description("History events appended (rate: events per second)")
            .register(registry);
    this.commits =
        Timer.builder("flow.engine.store.commit")
            .description("Store transactions that wrote events, and how long their commit took")
            .publishPercentileHistogram(false)
            .register(registry);
    this.batch =
        DistributionSummary.builder("flow.engine.store.commit.events")
            .description("Events written per store commit")
            .register(registry);
  }

  /**
   * The metrics of {@code engine} in {@code registry} (a Micrometer {@code MeterRegistry}), with
   * gauges for the long polls held and the open executions.
   */
  static EngineMetrics create(Object registry, Engine engine) {
    MeterRegistry r = (MeterRegistry) registry;
    MicrometerEngineMetrics metrics = new MicrometerEngineMetrics(r);
    gauge(
        r,
        "flow.engine.polls.waiting",
        "Long polls held open, waiting for a task",
        engine,
        e -> e.waitingPolls());
    gauge(
        r,
        "flow.engine.executions.open",
        "Open workflow executions",
        engine,
        e -> e.isClosed() ? Double.NaN : e.openExecutions());
    return metrics;
  }

  private static void gauge(
      MeterRegistry r,
      String name,
      String description,
      Engine engine,
      ToDoubleFunction<Engine> value) {
    Gauge.builder(name, engine, value).description(description).strongReference(true).register(r);
  }

  @Override
  public void request(String action, String fault, long nanos) {
    Timer.builder("flow.engine.requests")
        .description("SWF requests served over HTTP, by action and fault (none: success)")
        .tag("action", action)
        .tag("fault", fault)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void taskScheduled(String kind, String taskList) {
    Counter.builder("flow.engine.tasks.scheduled")
        .description("Tasks queued, by kind (decision, activity) and task list")
        .tag("kind", kind)
        .tag("taskList", taskList)
        .register(registry)
        .increment();
  }

  @Override
  public void taskStarted(String kind, String taskList, long waitedNanos) {
    Counter.builder("flow.engine.tasks.started")
        .description("Tasks handed to a poller, by kind and task list")
        .tag("kind", kind)
        .tag("taskList", taskList)
        .register(registry)
        .increment();
    Timer.builder("flow.engine.tasks.schedule.to.start")
        .description("How long tasks waited in their queue for a poller")
        .tag("kind", kind)
        .tag("taskList", taskList)
        .register(registry)
        .record(waitedNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void taskClosed(String kind, String taskList, String outcome) {
    Counter.builder("flow.engine.tasks.completed")
        .description("Started tasks answered, by kind, task list and outcome")
        .tag("kind", kind)
        .tag("taskList", taskList)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  @Override
  public void committed(long nanos, int events) {
    this.events.increment(events);
    commits.record(nanos, TimeUnit.NANOSECONDS);
    batch.record(events);
  }

  @Override
  public String scrape() {
    try {
      return Prometheus.scrape(registry);
    } catch (LinkageError noPrometheusRegistry) {
      return null; // micrometer-registry-prometheus is not on the class path
    }
  }

  /** Loaded only when scraping, so that a registry of another kind needs no Prometheus classes. */
  private static final class Prometheus {
    static String scrape(MeterRegistry registry) {
      return registry instanceof PrometheusMeterRegistry p ? p.scrape() : null;
    }
  }
}
