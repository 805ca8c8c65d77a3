package dev.flow.engine;

/**
 * What the engine counts, for {@code GET /metrics}. The engine calls these methods only; the one
 * implementation that counts ({@link MicrometerEngineMetrics}) is loaded only when a registry was
 * given, so an engine without Micrometer on its class path runs with {@link #NONE}.
 */
interface EngineMetrics {
  /** Counts nothing. */
  EngineMetrics NONE = new EngineMetrics() {};

  /** A request served over HTTP: its SWF action, its fault type ("none" on success), its time. */
  default void request(String action, String fault, long nanos) {}

  /** A task of {@code kind} ("decision" or "activity") was queued on {@code taskList}. */
  default void taskScheduled(String kind, String taskList) {}

  /** A task was handed to a poller after waiting {@code waitedNanos} in its queue. */
  default void taskStarted(String kind, String taskList, long waitedNanos) {}

  /** A started task was answered: {@code outcome} completed, failed or canceled. */
  default void taskClosed(String kind, String taskList, String outcome) {}

  /** A transaction that appended {@code events} events committed in {@code nanos}. */
  default void committed(long nanos, int events) {}

  /** The Prometheus text of every meter, or null when the registry is not a Prometheus one. */
  default String scrape() {
    return null;
  }
}
