package dev.flow.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;

/**
 * The SQLite store: one connection, used only under the engine lock, one transaction per action
 * (auto-commit off; {@link #commit} or {@link #rollback} ends it). Statements are prepared once and
 * cached by their text.
 *
 * <p>Schema (version 1):
 *
 * <ul>
 *   <li>{@code domains}: name, status, description, retention, created; {@code domain_tags}.
 *   <li>{@code types}: (domain, kind W|A, name, version) -> status, description, dates, and the
 *       registered defaults as the SWF JSON of Workflow/ActivityTypeConfiguration.
 *   <li>{@code executions}: one row per run (open or closed): identity, configuration, status, the
 *       next event id, and the decision-task state machine (state, scheduled/started event ids,
 *       pending-events flag, task list in use, previous started id), and the link to its parent
 *       (run, StartChildWorkflowExecutionInitiated and ChildWorkflowExecutionStarted event ids in
 *       the parent's history).
 *   <li>{@code events}: (run_id, event_id) -> event type and the whole HistoryEvent as SWF JSON.
 *   <li>{@code activities}: the open activity tasks of each run (scheduled or started).
 *   <li>{@code timers}: the open timers of each run.
 *   <li>{@code deadlines}: every armed timeout (kind, run, ref event id, due time); the timer
 *       service fires the due ones; rows go when the thing they time closes.
 * </ul>
 */
final class Store implements AutoCloseable {
  static final int SCHEMA_VERSION = 1;

  private static final String[] SCHEMA = {
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS domains (name TEXT PRIMARY KEY, status TEXT NOT NULL,"
        + " description TEXT, retention TEXT NOT NULL, created_ms INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS domain_tags (domain TEXT NOT NULL, key TEXT NOT NULL,"
        + " value TEXT, PRIMARY KEY (domain, key)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS types (domain TEXT NOT NULL, kind TEXT NOT NULL,"
        + " name TEXT NOT NULL, version TEXT NOT NULL, status TEXT NOT NULL, description TEXT,"
        + " created_ms INTEGER NOT NULL, deprecated_ms INTEGER, config TEXT NOT NULL,"
        + " PRIMARY KEY (domain, kind, name, version)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS executions (run_id TEXT PRIMARY KEY, domain TEXT NOT NULL,"
        + " workflow_id TEXT NOT NULL, type_name TEXT NOT NULL, type_version TEXT NOT NULL,"
        + " task_list TEXT NOT NULL, task_priority TEXT, child_policy TEXT NOT NULL,"
        + " lambda_role TEXT, tags TEXT, exec_timeout TEXT NOT NULL, task_timeout TEXT NOT NULL,"
        + " start_ms INTEGER NOT NULL, close_ms INTEGER, close_status TEXT,"
        + " is_open INTEGER NOT NULL, next_event_id INTEGER NOT NULL,"
        + " dt_state INTEGER NOT NULL, dt_scheduled_id INTEGER NOT NULL,"
        + " dt_started_id INTEGER NOT NULL, dt_pending INTEGER NOT NULL,"
        + " dt_task_list TEXT NOT NULL, dt_s2s_timeout TEXT, prev_started_id INTEGER NOT NULL,"
        + " cancel_requested INTEGER NOT NULL, latest_context TEXT, latest_activity_ms INTEGER,"
        + " open_activities INTEGER NOT NULL, open_timers INTEGER NOT NULL,"
        + " open_children INTEGER NOT NULL, parent_workflow_id TEXT, parent_run_id TEXT,"
        + " parent_initiated_id INTEGER NOT NULL, parent_started_id INTEGER NOT NULL)",
    "CREATE UNIQUE INDEX IF NOT EXISTS executions_open_id ON executions (domain, workflow_id)"
        + " WHERE is_open = 1",
    "CREATE INDEX IF NOT EXISTS executions_by_parent ON executions (parent_run_id)"
        + " WHERE parent_run_id IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS executions_by_start ON executions (domain, is_open, start_ms)",
    "CREATE INDEX IF NOT EXISTS executions_by_close ON executions (domain, close_ms)"
        + " WHERE is_open = 0",
    "CREATE TABLE IF NOT EXISTS events (run_id TEXT NOT NULL, event_id INTEGER NOT NULL,"
        + " type TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (run_id, event_id)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS activities (run_id TEXT NOT NULL, scheduled_id INTEGER NOT NULL,"
        + " activity_id TEXT NOT NULL, domain TEXT NOT NULL, type_name TEXT NOT NULL,"
        + " type_version TEXT NOT NULL, task_list TEXT NOT NULL, priority INTEGER NOT NULL,"
        + " input TEXT, state INTEGER NOT NULL, started_id INTEGER NOT NULL,"
        + " s2s TEXT NOT NULL, s2c TEXT NOT NULL, st2c TEXT NOT NULL, hb TEXT NOT NULL,"
        + " hb_details TEXT, cancel_requested_id INTEGER NOT NULL,"
        + " PRIMARY KEY (run_id, scheduled_id)) WITHOUT ROWID",
    "CREATE UNIQUE INDEX IF NOT EXISTS activities_by_id ON activities (run_id, activity_id)",
    "CREATE TABLE IF NOT EXISTS timers (run_id TEXT NOT NULL, timer_id TEXT NOT NULL,"
        + " started_id INTEGER NOT NULL, PRIMARY KEY (run_id, timer_id)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS deadlines (run_id TEXT NOT NULL, kind INTEGER NOT NULL,"
        + " ref INTEGER NOT NULL, due_ms INTEGER NOT NULL, PRIMARY KEY (run_id, kind, ref))"
        + " WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS deadlines_by_due ON deadlines (due_ms)",
  };

  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  private Store(Connection connection) {
    this.connection = connection;
  }

  /** Opens (creating if needed) the store in {@code file}, or a private in-memory one if null. */
  static Store open(Path file) {
    Connection c = null;
    try {
      if (file != null && file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      c =
          DriverManager.getConnection(
              file == null ? "jdbc:sqlite::memory:" : "jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        if (file != null) {
          // One engine owns a file: a second one (here or in another process) fails fast
          // instead of sharing it without seeing its task queues.
          s.execute("PRAGMA locking_mode=EXCLUSIVE");
          s.execute("PRAGMA journal_mode=WAL");
          s.execute("PRAGMA synchronous=NORMAL");
        }
        s.execute("PRAGMA foreign_keys=OFF");
        s.execute("PRAGMA busy_timeout=1000");
        for (String ddl : SCHEMA) {
          s.execute(ddl);
        }
        s.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '"
                + SCHEMA_VERSION
                + "')");
      }
      c.setAutoCommit(false);
      Store store = new Store(c);
      String version = store.queryString("SELECT value FROM meta WHERE key = 'schema_version'");
      if (!String.valueOf(SCHEMA_VERSION).equals(version)) {
        throw new IllegalStateException(
            "Engine file "
                + file
                + " has schema version "
                + version
                + "; this engine reads "
                + SCHEMA_VERSION);
      }
      store.commit();
      return store;
    } catch (SQLException | IOException | RuntimeException e) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (e instanceof IllegalStateException) {
        throw (IllegalStateException) e;
      }
      String message = String.valueOf(e.getMessage());
      throw new IllegalStateException(
          "Cannot open the engine store "
              + file
              + ": "
              + message
              + (message.contains("locked")
                  ? " (another engine has it open; use one engine per file, and reach it from"
                      + " other processes over its endpoint)"
                  : ""),
          e);
    }
  }

  PreparedStatement ps(String sql) {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      try {
        ps = connection.prepareStatement(sql);
      } catch (SQLException e) {
        throw new StoreException(e);
      }
      statements.put(sql, ps);
    }
    return ps;
  }

  /** Binds {@code args} (null, String, Integer, Long, Boolean) to the statement. */
  PreparedStatement bind(String sql, Object... args) {
    PreparedStatement ps = ps(sql);
    try {
      for (int i = 0; i < args.length; i++) {
        Object a = args[i];
        if (a == null) {
          ps.setNull(i + 1, Types.NULL);
        } else if (a instanceof String) {
          ps.setString(i + 1, (String) a);
        } else if (a instanceof Long) {
          ps.setLong(i + 1, (Long) a);
        } else if (a instanceof Integer) {
          ps.setInt(i + 1, (Integer) a);
        } else if (a instanceof Boolean) {
          ps.setInt(i + 1, ((Boolean) a) ? 1 : 0);
        } else {
          throw new IllegalArgumentException("cannot bind " + a.getClass());
        }
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
    return ps;
  }

  int update(String sql, Object... args) {
    try {
      return bind(sql, args).executeUpdate();
    } catch (SQLException e) {
      throw forget(sql, e);
    }
  }

  ResultSet query(String sql, Object... args) {
    try {
      return bind(sql, args).executeQuery();
    } catch (SQLException e) {
      throw forget(sql, e);
    }
  }

  /**
   * Drops the cached statement that failed: SQLite JDBC leaves it unusable ("statement is not
   * executing"), so once the store takes writes again the next use prepares it afresh.
   */
  private StoreException forget(String sql, SQLException e) {
    PreparedStatement ps = statements.remove(sql);
    if (ps != null) {
      try {
        ps.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
    }
    return new StoreException(e);
  }

  String queryString(String sql, Object... args) {
    try (ResultSet rs = query(sql, args)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  long queryLong(String sql, long ifNone, Object... args) {
    try (ResultSet rs = query(sql, args)) {
      if (!rs.next()) {
        return ifNone;
      }
      long v = rs.getLong(1);
      return rs.wasNull() ? ifNone : v;
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  void commit() {
    try {
      connection.commit();
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  void rollback() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  @Override
  public void close() {
    try {
      for (PreparedStatement ps : statements.values()) {
        ps.close();
      }
      statements.clear();
      connection.rollback();
      connection.close();
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /** An SQL failure; the action that met it is rolled back and answered as InternalFailure. */
  static final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreException(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }

  static Long getNullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
