package dev.flow.engine;

/** The {@code timers} table: the open timers of each run, by timer id and TimerStarted event. */
final class TimerTable {
  private final Store store;

  TimerTable(Store store) {
    this.store = store;
  }

  void insert(String runId, String timerId, long startedId) {
    store.update(
        "INSERT INTO timers (run_id, timer_id, started_id) VALUES (?, ?, ?)",
        runId,
        timerId,
        startedId);
  }

  /** The TimerStarted event of the run's open timer {@code timerId}, or -1. */
  long startedId(String runId, String timerId) {
    return store.queryLong(
        "SELECT started_id FROM timers WHERE run_id = ? AND timer_id = ?", -1, runId, timerId);
  }

  /** The id of the run's open timer started by event {@code startedId}, or null. */
  String timerId(String runId, long startedId) {
    return store.queryString(
        "SELECT timer_id FROM timers WHERE run_id = ? AND started_id = ?", runId, startedId);
  }

  void delete(String runId, String timerId) {
    store.update("DELETE FROM timers WHERE run_id = ? AND timer_id = ?", runId, timerId);
  }

  /** Deletes every open timer of a run (it closed). */
  void deleteRun(String runId) {
    store.update("DELETE FROM timers WHERE run_id = ?", runId);
  }
}
