package dev.flow.engine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

/** The {@code activities} table: the open activity tasks of each run ({@link ActivityTask}). */
final class ActivityTable {
  private static final String COLUMNS =
      "run_id, scheduled_id, activity_id, domain, type_name, type_version, task_list, priority,"
          + " input, state, started_id, s2s, s2c, st2c, hb, hb_details, cancel_requested_id";

  private final Store store;

  ActivityTable(Store store) {
    this.store = store;
  }

  /** The open task the run scheduled with event {@code scheduledId}, or null. */
  ActivityTask byScheduledId(String runId, long scheduledId) {
    return one(
        "SELECT " + COLUMNS + " FROM activities WHERE run_id = ? AND scheduled_id = ?",
        runId,
        scheduledId);
  }

  /** The run's open task of {@code activityId}, or null. */
  ActivityTask byActivityId(String runId, String activityId) {
    return one(
        "SELECT " + COLUMNS + " FROM activities WHERE run_id = ? AND activity_id = ?",
        runId,
        activityId);
  }

  /** Whether the run has an open task of {@code activityId}. */
  boolean hasActivityId(String runId, String activityId) {
    return store.queryLong(
            "SELECT 1 FROM activities WHERE run_id = ? AND activity_id = ?", 0, runId, activityId)
        != 0;
  }

  /** How many tasks wait (scheduled, not started) in {@code taskList} of {@code domain}. */
  int countScheduled(String domain, String taskList) {
    return (int)
        store.queryLong(
            "SELECT COUNT(*) FROM activities WHERE domain = ? AND task_list = ? AND state = ?",
            0,
            domain,
            taskList,
            ActivityTask.State.SCHEDULED.stored);
  }

  /** How many tasks are started, in every run. */
  long countStarted() {
    return store.queryLong(
        "SELECT COUNT(*) FROM activities WHERE state = ?", 0, ActivityTask.State.STARTED.stored);
  }

  /** Every scheduled task, as the task queues are rebuilt from, by run then schedule order. */
  void eachScheduled(Consumer<RunTable.ScheduledTask> sink) {
    try (ResultSet rs =
        store.query(
            "SELECT domain, task_list, run_id, scheduled_id, priority FROM activities WHERE"
                + " state = ? ORDER BY run_id, scheduled_id",
            ActivityTask.State.SCHEDULED.stored)) {
      while (rs.next()) {
        sink.accept(
            new RunTable.ScheduledTask(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5)));
      }
    } catch (SQLException e) {
      throw new Store.StoreException(e);
    }
  }

  void insert(ActivityTask a) {
    store.update(
        "INSERT INTO activities ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        a.runId,
        a.scheduledId,
        a.activityId,
        a.domain,
        a.typeName,
        a.typeVersion,
        a.taskList,
        a.priority,
        a.input,
        a.state.stored,
        a.startedId,
        a.scheduleToStart,
        a.scheduleToClose,
        a.startToClose,
        a.heartbeat,
        a.heartbeatDetails,
        a.cancelRequestedId);
  }

  /** Saves what changes once a task is scheduled: state, started event, heartbeat, cancel. */
  void save(ActivityTask a) {
    store.update(
        "UPDATE activities SET state = ?, started_id = ?, hb_details = ?, cancel_requested_id = ?"
            + " WHERE run_id = ? AND scheduled_id = ?",
        a.state.stored,
        a.startedId,
        a.heartbeatDetails,
        a.cancelRequestedId,
        a.runId,
        a.scheduledId);
  }

  void delete(ActivityTask a) {
    store.update(
        "DELETE FROM activities WHERE run_id = ? AND scheduled_id = ?", a.runId, a.scheduledId);
  }

  /** Deletes every open task of a run (it closed). */
  void deleteRun(String runId) {
    store.update("DELETE FROM activities WHERE run_id = ?", runId);
  }

  private ActivityTask one(String sql, Object... args) {
    try (ResultSet rs = store.query(sql, args)) {
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
      a.state = ActivityTask.State.of(rs.getInt(10));
      a.startedId = rs.getLong(11);
      a.scheduleToStart = rs.getString(12);
      a.scheduleToClose = rs.getString(13);
      a.startToClose = rs.getString(14);
      a.heartbeat = rs.getString(15);
      a.heartbeatDetails = rs.getString(16);
      a.cancelRequestedId = rs.getLong(17);
      return a;
    } catch (SQLException e) {
      throw new Store.StoreException(e);
    }
  }
}
