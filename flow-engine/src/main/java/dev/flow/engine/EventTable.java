package dev.flow.engine;

import java.sql.ResultSet;
import java.sql.SQLException;

/** The {@code events} table: each run's history, one row per event, the event as SWF JSON. */
final class EventTable {
  private final Store store;

  EventTable(Store store) {
    this.store = store;
  }

  void insert(String runId, long eventId, String type, String json) {
    store.update(
        "INSERT INTO events (run_id, event_id, type, body) VALUES (?, ?, ?, ?)",
        runId,
        eventId,
        type,
        json);
  }

  /** One stored event: its id and its SWF JSON. */
  interface Sink {
    /** Takes an event; false to stop reading. */
    boolean accept(long eventId, String json) throws SQLException;
  }

  /** Events {@code [from, to]} of the run, ascending or descending, at most {@code limit}. */
  void read(String runId, long from, long to, boolean descending, int limit, Sink sink) {
    String sql =
        descending
            ? "SELECT event_id, body FROM events WHERE run_id = ? AND event_id >= ? AND event_id"
                + " <= ? ORDER BY event_id DESC LIMIT ?"
            : "SELECT event_id, body FROM events WHERE run_id = ? AND event_id >= ? AND event_id"
                + " <= ? ORDER BY event_id ASC LIMIT ?";
    try (ResultSet rs = store.query(sql, runId, from, to, limit)) {
      while (rs.next()) {
        if (!sink.accept(rs.getLong(1), rs.getString(2))) {
          return;
        }
      }
    } catch (SQLException e) {
      throw new Store.StoreException(e);
    }
  }

  /** Forgets a run's history (its retention period is over). */
  void deleteRun(String runId) {
    store.update("DELETE FROM events WHERE run_id = ?", runId);
  }
}
