package dev.flow.engine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code executions} table: one row per run, open or closed ({@link Run}).
 *
 * <p>Rows read by id are kept in memory, since nearly every action loads its run by id: the
 * committed rows of at most {@link #CACHED_RUNS} recently used runs, and the rows written by the
 * open transaction. Every write of a run goes through this class, which keeps its own copy of what
 * it wrote until the transaction commits; an undone write (a rollback, or an action undone to its
 * savepoint) drops those copies, and the runs they were of are read from SQLite again until the
 * next commit. Callers always get a copy of their own to change.
 */
final class RunTable {
  /** At most this many committed rows are kept in memory. */
  static final int CACHED_RUNS = 256;

  private static final String COLUMNS =
      "run_id, domain, workflow_id, type_name, type_version, task_list, task_priority,"
          + " child_policy, lambda_role, tags, exec_timeout, task_timeout, start_ms, close_ms,"
          + " close_status, is_open, next_event_id, dt_state, dt_scheduled_id, dt_started_id,"
          + " dt_pending, dt_task_list, dt_s2s_timeout, prev_started_id, cancel_requested,"
          + " latest_context, latest_activity_ms, open_activities, open_timers, open_children,"
          + " parent_workflow_id, parent_run_id, parent_initiated_id, parent_started_id";

  private static final String SELECT = "SELECT " + COLUMNS + " FROM executions";

  private final Store store;

  /** Committed rows, least recently used first. */
  private final LinkedHashMap<String, Run> committed =
      new LinkedHashMap<>(CACHED_RUNS * 2, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Run> eldest) {
          return size() > CACHED_RUNS;
        }
      };

  /** The rows the open transaction wrote (null: deleted), as they are in SQLite now. */
  private final Map<String, Run> written = new HashMap<>();

  /** The runs the open transaction wrote, known in {@link #written} or not (undone since). */
  private final Set<String> dirty = new HashSet<>();

  RunTable(Store store) {
    this.store = store;
    store.onCommit(this::committed);
    store.onRollback(written::clear);
  }

  /** The run {@code runId}, or null. */
  Run byId(String runId) {
    Run row;
    if (dirty.contains(runId)) {
      if (!written.containsKey(runId)) {
        return one(SELECT + " WHERE run_id = ?", runId); // its write was undone
      }
      row = written.get(runId);
    } else {
      row = committed.get(runId);
      if (row == null) {
        row = one(SELECT + " WHERE run_id = ?", runId);
        if (row != null) {
          committed.put(runId, row.copy());
        }
        return row;
      }
    }
    return row == null ? null : row.copy();
  }

  /** The open run of {@code workflowId} in {@code domain}, or null. */
  Run open(String domain, String workflowId) {
    return one(
        SELECT + " WHERE domain = ? AND workflow_id = ? AND is_open = 1", domain, workflowId);
  }

  /** The run {@code runId} if it is one of {@code workflowId} in {@code domain}, or null. */
  Run of(String domain, String workflowId, String runId) {
    Run r = byId(runId);
    return r != null && r.domain.equals(domain) && r.workflowId.equals(workflowId) ? r : null;
  }

  /** Whether {@code runId} is a run that is still open (a run not found counts as open). */
  boolean isOpenOrUnknown(String runId) {
    return store.queryLong("SELECT is_open FROM executions WHERE run_id = ?", 1, runId) != 0;
  }

  /** The ids of the open children of {@code parentRunId}. */
  List<String> openChildren(String parentRunId) {
    List<String> children = new ArrayList<>();
    try (ResultSet rs =
        store.query(
            "SELECT run_id FROM executions WHERE parent_run_id = ? AND is_open = 1", parentRunId)) {
      while (rs.next()) {
        children.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new Store.StoreException(e);
    }
    return children;
  }

  /** How many runs are open, in every domain. */
  long countOpen() {
    return store.queryLong("SELECT COUNT(*) FROM executions WHERE is_open = 1", 0);
  }

  /** How many open runs have a decision task started. */
  long countDecisionTasksStarted() {
    return store.queryLong(
        "SELECT COUNT(*) FROM executions WHERE is_open = 1 AND dt_state = ?",
        0,
        DecisionTaskState.STARTED.stored);
  }

  /** How many decision tasks wait in {@code taskList} of {@code domain}. */
  int countScheduledDecisionTasks(String domain, String taskList) {
    return (int)
        store.queryLong(
            "SELECT COUNT(*) FROM executions WHERE domain = ? AND dt_task_list = ? AND"
                + " is_open = 1 AND dt_state = ?",
            0,
            domain,
            taskList,
            DecisionTaskState.SCHEDULED.stored);
  }

  /** A scheduled decision task, as the task queues are rebuilt from. */
  record ScheduledTask(String domain, String taskList, String runId, long ref, int priority) {}

  /** Every scheduled decision task, oldest first. */
  void eachScheduledDecisionTask(Consumer<ScheduledTask> sink) {
    try (ResultSet rs =
        store.query(
            "SELECT domain, dt_task_list, run_id, dt_scheduled_id, task_priority FROM executions"
                + " WHERE is_open = 1 AND dt_state = ? ORDER BY dt_scheduled_id",
            DecisionTaskState.SCHEDULED.stored)) {
      while (rs.next()) {
        String priority = rs.getString(5);
        sink.accept(
            new ScheduledTask(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                priority == null ? 0 : Integer.parseInt(priority)));
      }
    } catch (SQLException e) {
      throw new Store.StoreException(e);
    }
  }

  void insert(Run r) {
    store.update(
        "INSERT INTO executions ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        r.runId,
        r.domain,
        r.workflowId,
        r.typeName,
        r.typeVersion,
        r.taskList,
        r.taskPriority,
        r.childPolicy,
        r.lambdaRole,
        r.tags,
        r.execTimeout,
        r.taskTimeout,
        r.startMs,
        r.closeMs,
        r.closeStatus == null ? null : r.closeStatus.name(),
        r.open,
        r.nextEventId,
        r.dtState.stored,
        r.dtScheduledId,
        r.dtStartedId,
        r.dtPending,
        r.dtTaskList,
        r.dtS2sTimeout,
        r.prevStartedId,
        r.cancelRequested,
        r.latestContext,
        r.latestActivityMs,
        r.openActivities,
        r.openTimers,
        r.openChildren,
        r.parentWorkflowId,
        r.parentRunId,
        r.parentInitiatedId,
        r.parentStartedId);
    wrote(r.runId, r);
  }

  /** Saves the part of the row that changes after the start. */
  void save(Run r) {
    store.update(
        "UPDATE executions SET close_ms = ?, close_status = ?, is_open = ?, next_event_id = ?,"
            + " dt_state = ?, dt_scheduled_id = ?, dt_started_id = ?, dt_pending = ?,"
            + " dt_task_list = ?, dt_s2s_timeout = ?, prev_started_id = ?, cancel_requested = ?,"
            + " latest_context = ?, latest_activity_ms = ?, open_activities = ?, open_timers = ?,"
            + " open_children = ?, parent_started_id = ? WHERE run_id = ?",
        r.closeMs,
        r.closeStatus == null ? null : r.closeStatus.name(),
        r.open,
        r.nextEventId,
        r.dtState.stored,
        r.dtScheduledId,
        r.dtStartedId,
        r.dtPending,
        r.dtTaskList,
        r.dtS2sTimeout,
        r.prevStartedId,
        r.cancelRequested,
        r.latestContext,
        r.latestActivityMs,
        r.openActivities,
        r.openTimers,
        r.openChildren,
        r.parentStartedId,
        r.runId);
    wrote(r.runId, r);
  }

  /** Forgets a closed run whose retention period is over (its events go separately). */
  void delete(String runId) {
    store.update("DELETE FROM executions WHERE run_id = ?", runId);
    wrote(runId, null);
  }

  /** Notes what the open transaction wrote of the run: its row now, or null if deleted. */
  private void wrote(String runId, Run row) {
    dirty.add(runId);
    written.put(runId, row == null ? null : row.copy());
  }

  /** The open transaction committed: what it wrote is committed. */
  private void committed() {
    for (String runId : dirty) {
      Run row = written.get(runId);
      if (row != null) {
        committed.put(runId, row);
      } else {
        committed.remove(runId); // deleted, or its write undone: read again when needed
      }
    }
    dirty.clear();
    written.clear();
  }

  // ---------------------------------------------------------------- visibility

  /**
   * Which runs a list or count request selects, as SWF's filters say it: the domain, open or
   * closed, a start or close time range, and at most one of workflow id, type, tag, close status.
   */
  record Filter(
      String domain,
      boolean open,
      Instant startedFrom,
      Instant startedTo,
      Instant closedFrom,
      Instant closedTo,
      String workflowId,
      String typeName,
      String typeVersion,
      String tag,
      String closeStatus) {}

  /** The WHERE clause and arguments of {@code f}. */
  private static final class Where {
    final StringBuilder sql = new StringBuilder(" WHERE domain = ? AND is_open = ?");
    final List<Object> args = new ArrayList<>();

    Where(Filter f) {
      args.add(f.domain());
      args.add(f.open());
      range("start_ms", f.startedFrom(), f.startedTo());
      range("close_ms", f.closedFrom(), f.closedTo());
      eq("workflow_id", f.workflowId());
      eq("type_name", f.typeName());
      eq("type_version", f.typeVersion());
      if (f.tag() != null) {
        sql.append(" AND EXISTS (SELECT 1 FROM json_each(executions.tags) WHERE value = ?)");
        args.add(f.tag());
      }
      eq("close_status", f.closeStatus());
    }

    private void range(String column, Instant from, Instant to) {
      if (from != null) {
        sql.append(" AND ").append(column).append(" >= ?");
        args.add(from.toEpochMilli());
      }
      if (to != null) {
        sql.append(" AND ").append(column).append(" <= ?");
        args.add(to.toEpochMilli());
      }
    }

    private void eq(String column, Object value) {
      if (value != null) {
        sql.append(" AND ").append(column).append(" = ?");
        args.add(value);
      }
    }
  }

  /**
   * A page of the runs {@code f} selects, newest first (or oldest first if {@code oldestFirst}), by
   * close time when the filter has a close time range, else by start time: at most {@code max} runs
   * from {@code offset}, and one more if there are more (so the caller knows).
   */
  List<Run> list(Filter f, boolean oldestFirst, int max, long offset) {
    Where where = new Where(f);
    String order = f.closedFrom() != null ? "close_ms" : "start_ms";
    String direction = oldestFirst ? "ASC" : "DESC";
    List<Object> args = new ArrayList<>(where.args);
    args.add(max + 1);
    args.add(offset);
    List<Run> runs = new ArrayList<>();
    try (ResultSet rs =
        store.query(
            SELECT
                + where.sql
                + " ORDER BY "
                + order
                + " "
                + direction
                + ", run_id "
                + direction
                + " LIMIT ? OFFSET ?",
            args.toArray())) {
      while (rs.next()) {
        runs.add(read(rs));
      }
    } catch (SQLException e) {
      throw new Store.StoreException(e);
    }
    return runs;
  }

  /** How many runs {@code f} selects. */
  int count(Filter f) {
    Where where = new Where(f);
    return (int)
        store.queryLong("SELECT COUNT(*) FROM executions" + where.sql, 0, where.args.toArray());
  }

  // ---------------------------------------------------------------- rows

  private Run one(String sql, Object... args) {
    try (ResultSet rs = store.query(sql, args)) {
      return rs.next() ? read(rs) : null;
    } catch (SQLException e) {
      throw new Store.StoreException(e);
    }
  }

  private static Run read(ResultSet rs) throws SQLException {
    Run r = new Run();
    r.runId = rs.getString(1);
    r.domain = rs.getString(2);
    r.workflowId = rs.getString(3);
    r.typeName = rs.getString(4);
    r.typeVersion = rs.getString(5);
    r.taskList = rs.getString(6);
    r.taskPriority = rs.getString(7);
    r.childPolicy = rs.getString(8);
    r.lambdaRole = rs.getString(9);
    r.tags = rs.getString(10);
    r.execTimeout = rs.getString(11);
    r.taskTimeout = rs.getString(12);
    r.startMs = rs.getLong(13);
    r.closeMs = Store.nullableLong(rs, 14);
    r.closeStatus = CloseStatus.of(rs.getString(15));
    r.open = rs.getInt(16) != 0;
    r.nextEventId = rs.getLong(17);
    r.dtState = DecisionTaskState.of(rs.getInt(18));
    r.dtScheduledId = rs.getLong(19);
    r.dtStartedId = rs.getLong(20);
    r.dtPending = rs.getInt(21) != 0;
    r.dtTaskList = rs.getString(22);
    r.dtS2sTimeout = rs.getString(23);
    r.prevStartedId = rs.getLong(24);
    r.cancelRequested = rs.getInt(25) != 0;
    r.latestContext = rs.getString(26);
    r.latestActivityMs = Store.nullableLong(rs, 27);
    r.openActivities = rs.getInt(28);
    r.openTimers = rs.getInt(29);
    r.openChildren = rs.getInt(30);
    r.parentWorkflowId = rs.getString(31);
    r.parentRunId = rs.getString(32);
    r.parentInitiatedId = rs.getLong(33);
    r.parentStartedId = rs.getLong(34);
    return r;
  }
}
