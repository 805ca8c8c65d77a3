package dev.flow.engine;

import java.sql.ResultSet;
import java.sql.SQLException;

/** The {@code deadlines} table: every armed timeout, by run, kind and the event it times. */
final class DeadlineTable {
  /** An armed deadline. */
  record Deadline(String runId, DeadlineKind kind, long ref, long dueMs) {}

  private final Store store;

  DeadlineTable(Store store) {
    this.store = store;
  }

  /** Arms (or moves) the deadline of {@code kind} for {@code ref} of the run. */
  void arm(String runId, DeadlineKind kind, long ref, long dueMs) {
    store.update(
        "INSERT OR REPLACE INTO deadlines (run_id, kind, ref, due_ms) VALUES (?, ?, ?, ?)",
        runId,
        kind.stored,
        ref,
        dueMs);
  }

  void disarm(String runId, DeadlineKind kind, long ref) {
    store.update(
        "DELETE FROM deadlines WHERE run_id = ? AND kind = ? AND ref = ?", runId, kind.stored, ref);
  }

  /** Disarms the four timeouts of the run's activity task scheduled by event {@code ref}. */
  void disarmActivity(String runId, long ref) {
    store.update(
        "DELETE FROM deadlines WHERE run_id = ? AND ref = ? AND kind IN (?, ?, ?, ?)",
        runId,
        ref,
        DeadlineKind.ACTIVITY[0].stored,
        DeadlineKind.ACTIVITY[1].stored,
        DeadlineKind.ACTIVITY[2].stored,
        DeadlineKind.ACTIVITY[3].stored);
  }

  /** Disarms every deadline of a run. */
  void disarmRun(String runId) {
    store.update("DELETE FROM deadlines WHERE run_id = ?", runId);
  }

  /** The deadline due first, or null if none is armed. */
  Deadline first() {
    try (ResultSet rs =
        store.query("SELECT run_id, kind, ref, due_ms FROM deadlines ORDER BY due_ms LIMIT 1")) {
      return rs.next()
          ? new Deadline(
              rs.getString(1), DeadlineKind.of(rs.getInt(2)), rs.getLong(3), rs.getLong(4))
          : null;
    } catch (SQLException e) {
      throw new Store.StoreException(e);
    }
  }

  /** When the first deadline other than a retention period is due, or Long.MAX_VALUE. */
  long firstDueExceptRetention() {
    return store.queryLong(
        "SELECT MIN(due_ms) FROM deadlines WHERE kind != ?",
        Long.MAX_VALUE,
        DeadlineKind.RETENTION.stored);
  }
}
