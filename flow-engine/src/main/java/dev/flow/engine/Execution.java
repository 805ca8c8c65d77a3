package dev.flow.engine;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One workflow run's row in {@code executions}, loaded, changed and saved within one action. Holds
 * the decision-task state machine: {@link #dtState} is {@link #DT_NONE}, {@link #DT_SCHEDULED} or
 * {@link #DT_STARTED}; {@link #dtPending} records that events arrived while a decision task was
 * started, so another is scheduled when it closes.
 */
final class Execution {
  static final int DT_NONE = 0;
  static final int DT_SCHEDULED = 1;
  static final int DT_STARTED = 2;

  private static final String COLUMNS =
      "run_id, domain, workflow_id, type_name, type_version, task_list, task_priority,"
          + " child_policy, lambda_role, tags, exec_timeout, task_timeout, start_ms, close_ms,"
          + " close_status, is_open, next_event_id, dt_state, dt_scheduled_id, dt_started_id,"
          + " dt_pending, dt_task_list, dt_s2s_timeout, prev_started_id, cancel_requested,"
          + " latest_context, latest_activity_ms, open_activities, open_timers, open_children,"
          + " parent_workflow_id, parent_run_id, parent_initiated_id, parent_started_id";

  static final String SELECT = "SELECT " + COLUMNS + " FROM executions";

  String runId;
  String domain;
  String workflowId;
  String typeName;
  String typeVersion;
  String taskList;
  String taskPriority;
  String childPolicy;
  String lambdaRole;
  String tags; // JSON array of strings, or null
  String execTimeout;
  String taskTimeout;
  long startMs;
  Long closeMs;
  String closeStatus;
  boolean open;
  long nextEventId;
  int dtState;
  long dtScheduledId;
  long dtStartedId;
  boolean dtPending;
  String dtTaskList;
  String dtS2sTimeout;
  long prevStartedId;
  boolean cancelRequested;
  String latestContext;
  Long latestActivityMs;
  int openActivities;
  int openTimers;
  int openChildren;
  String parentWorkflowId;
  String parentRunId;
  long parentInitiatedId;
  long parentStartedId;

  static Execution read(ResultSet rs) throws SQLException {
    Execution e = new Execution();
    e.runId = rs.getString(1);
    e.domain = rs.getString(2);
    e.workflowId = rs.getString(3);
    e.typeName = rs.getString(4);
    e.typeVersion = rs.getString(5);
    e.taskList = rs.getString(6);
    e.taskPriority = rs.getString(7);
    e.childPolicy = rs.getString(8);
    e.lambdaRole = rs.getString(9);
    e.tags = rs.getString(10);
    e.execTimeout = rs.getString(11);
    e.taskTimeout = rs.getString(12);
    e.startMs = rs.getLong(13);
    long close = rs.getLong(14);
    e.closeMs = rs.wasNull() ? null : close;
    e.closeStatus = rs.getString(15);
    e.open = rs.getInt(16) != 0;
    e.nextEventId = rs.getLong(17);
    e.dtState = rs.getInt(18);
    e.dtScheduledId = rs.getLong(19);
    e.dtStartedId = rs.getLong(20);
    e.dtPending = rs.getInt(21) != 0;
    e.dtTaskList = rs.getString(22);
    e.dtS2sTimeout = rs.getString(23);
    e.prevStartedId = rs.getLong(24);
    e.cancelRequested = rs.getInt(25) != 0;
    e.latestContext = rs.getString(26);
    long latest = rs.getLong(27);
    e.latestActivityMs = rs.wasNull() ? null : latest;
    e.openActivities = rs.getInt(28);
    e.openTimers = rs.getInt(29);
    e.openChildren = rs.getInt(30);
    e.parentWorkflowId = rs.getString(31);
    e.parentRunId = rs.getString(32);
    e.parentInitiatedId = rs.getLong(33);
    e.parentStartedId = rs.getLong(34);
    return e;
  }

  static Execution load(Store store, String sqlWhere, Object... args) {
    try (ResultSet rs = store.query(SELECT + " WHERE " + sqlWhere, args)) {
      return rs.next() ? read(rs) : null;
    } catch (SQLException ex) {
      throw new Store.StoreException(ex);
    }
  }

  void insert(Store store) {
    store.update(
        "INSERT INTO executions ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        runId,
        domain,
        workflowId,
        typeName,
        typeVersion,
        taskList,
        taskPriority,
        childPolicy,
        lambdaRole,
        tags,
        execTimeout,
        taskTimeout,
        startMs,
        closeMs,
        closeStatus,
        open,
        nextEventId,
        dtState,
        dtScheduledId,
        dtStartedId,
        dtPending,
        dtTaskList,
        dtS2sTimeout,
        prevStartedId,
        cancelRequested,
        latestContext,
        latestActivityMs,
        openActivities,
        openTimers,
        openChildren,
        parentWorkflowId,
        parentRunId,
        parentInitiatedId,
        parentStartedId);
  }

  /** Saves the mutable part of the row. */
  void save(Store store) {
    store.update(
        "UPDATE executions SET close_ms = ?, close_status = ?, is_open = ?, next_event_id = ?,"
            + " dt_state = ?, dt_scheduled_id = ?, dt_started_id = ?, dt_pending = ?,"
            + " dt_task_list = ?, dt_s2s_timeout = ?, prev_started_id = ?, cancel_requested = ?,"
            + " latest_context = ?, latest_activity_ms = ?, open_activities = ?, open_timers = ?,"
            + " open_children = ?, parent_started_id = ? WHERE run_id = ?",
        closeMs,
        closeStatus,
        open,
        nextEventId,
        dtState,
        dtScheduledId,
        dtStartedId,
        dtPending,
        dtTaskList,
        dtS2sTimeout,
        prevStartedId,
        cancelRequested,
        latestContext,
        latestActivityMs,
        openActivities,
        openTimers,
        openChildren,
        parentStartedId,
        runId);
  }
}
