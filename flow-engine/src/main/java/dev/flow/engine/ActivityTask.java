package dev.flow.engine;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One open activity task's row in {@code activities}: scheduled ({@code started == 0}) or started.
 */
final class ActivityTask {
  private static final String COLUMNS =
      "run_id, scheduled_id, activity_id, domain, type_name, type_version, task_list, priority,"
          + " input, state, started_id, s2s, s2c, st2c, hb, hb_details, cancel_requested_id";

  static final int SCHEDULED = 0;
  static final int STARTED = 1;

  String runId;
  long scheduledId;
  String activityId;
  String domain;
  String typeName;
  String typeVersion;
  String taskList;
  int priority;
  String input;
  int state;
  long startedId;
  String scheduleToStart;
  String scheduleToClose;
  String startToClose;
  String heartbeat;
  String heartbeatDetails;
  long cancelRequestedId;

  static ActivityTask load(Store store, String sqlWhere, Object... args) {
    try (ResultSet rs =
        store.query("SELECT " + COLUMNS + " FROM activities WHERE " + sqlWhere, args)) {
      if (!rs.next()) {
        return null;
      }
      ActivityTask a = new ActivityTask();
      a.runId = rs.getString(1);
      a.scheduledId = rs.getLong(2);
      a.activityId = rs.getString(3);
      a.domain = rs.getString(4);
      a.typeName = rs.getString(5);
      a.typeVersion = rs.getString(6);
      a.taskList = rs.getString(7);
      a.priority = rs.getInt(8);
      a.input = rs.getString(9);
      a.state = rs.getInt(10);
      a.startedId = rs.getLong(11);
      a.scheduleToStart = rs.getString(12);
      a.scheduleToClose = rs.getString(13);
      a.startToClose = rs.getString(14);
      a.heartbeat = rs.getString(15);
      a.heartbeatDetails = rs.getString(16);
      a.cancelRequestedId = rs.getLong(17);
      return a;
    } catch (SQLException ex) {
      throw new Store.StoreException(ex);
    }
  }

  void insert(Store store) {
    store.update(
        "INSERT INTO activities ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?)",
        runId,
        scheduledId,
        activityId,
        domain,
        typeName,
        typeVersion,
        taskList,
        priority,
        input,
        state,
        startedId,
        scheduleToStart,
        scheduleToClose,
        startToClose,
        heartbeat,
        heartbeatDetails,
        cancelRequestedId);
  }

  void save(Store store) {
    store.update(
        "UPDATE activities SET state = ?, started_id = ?, hb_details = ?, cancel_requested_id = ?"
            + " WHERE run_id = ? AND scheduled_id = ?",
        state,
        startedId,
        heartbeatDetails,
        cancelRequestedId,
        runId,
        scheduledId);
  }

  void delete(Store store) {
    store.update(
        "DELETE FROM activities WHERE run_id = ? AND scheduled_id = ?", runId, scheduledId);
  }
}
