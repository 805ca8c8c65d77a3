package dev.flow.engine;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The SQLite store: one connection, used only under the engine lock; one transaction per group of
 * actions ({@link #begin}, then {@link #commit} or {@link #rollback}), each action in a savepoint
 * of its own ({@link #savepoint}, then {@link #release} or {@link #rollbackToSavepoint}), see
 * {@link Engine#tx}. Statements are prepared once and cached by their text. The SQL of each table
 * is in the class that owns it ({@link RunTable}, {@link EventTable}, {@link ActivityTable}, {@link
 * TimerTable}, {@link DeadlineTable}, {@link DomainTable}, {@link TypeTable}, {@link MetaTable});
 * the store runs it.
 *
 * <p>Schema (version 1):
 *
 * <ul>
 *   <li>{@code meta}: the schema version, the key of task tokens, the time skipped so far.
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
  private final Path file;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  /** Whether a transaction begun by {@link #begin} is open. */
  private boolean inTransaction;

  /** Whether the open transaction wrote (so its commit shows whether the store can write). */
  private boolean wrote;

  /**
   * What {@link #probe} writes once a write failed: 128 KB, above what one request can add (its
   * text 32 KB, twice).
   */
  private static final String PROBE = "p".repeat(128 * 1024);

  /** Why the store cannot write, as the last write found; null while writes succeed. */
  private volatile String writeProblem;

  private Store(Connection connection, Path file) {
    this.connection = connection;
    this.file = file;
  }

  /** Opens (creating if needed) the store in {@code file}, or a private in-memory one if null. */
  static Store open(Path file) {
    Connection c = null;
    try {
      if (file != null && file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      // No generated keys: the driver would otherwise ask SQLite for the last row id after every
      // write, and nothing here reads it.
      Properties options = new Properties();
      options.setProperty("jdbc.get_generated_keys", "false");
      c = DriverManager.getConnection(file == null ? "jdbc:sqlite::memory:" : url(file), options);
      // Transactions are begun and ended here (BEGIN, COMMIT, ROLLBACK), not by the driver: after
      // an I/O error SQLite may roll a transaction back by itself, and a driver that still thinks
      // one is open would run the statements that follow each in a transaction of its own.
      c.setAutoCommit(true);
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
        s.execute("BEGIN IMMEDIATE");
        for (String ddl : SCHEMA) {
          s.execute(ddl);
        }
        s.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '"
                + SCHEMA_VERSION
                + "')");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        s.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('token_key', '"
                + Base64.getEncoder().encodeToString(key)
                + "')");
        s.execute("COMMIT");
      }
      Store store = new Store(c, file);
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
      return store;
    } catch (SQLException | IOException | RuntimeException e) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (e instanceof IllegalStateException ise) {
        throw ise;
      }
      String message = String.valueOf(e.getMessage());
      throw new IllegalStateException(
          "Cannot open the engine store "
              + file
              + ": "
              + (e instanceof SQLException sql && cannotWrite(sql)
                  ? "the file is not writable (check its permissions, the directory's, and the"
                      + " free space of its disk)"
                  : message.contains("locked")
                      ? "another engine has it open; use one engine per file, and reach it from"
                          + " other processes over its endpoint"
                      : message),
          e);
    }
  }

  /**
   * The JDBC URL of {@code file}, which names that file and nothing else: SQLite reads a URI
   * ({@code file:}) whose path is percent-encoded, so a {@code ?}, {@code #} or {@code file:} in
   * the name stays part of the name and is never taken for an option of the driver or of SQLite.
   */
  static String url(Path file) {
    String path = file.toAbsolutePath().normalize().toString().replace('\\', '/');
    try {
      // The URI constructor quotes what may not stand in a path: '?', '#', '%', spaces.
      return "jdbc:sqlite:"
          + new URI("file", null, path.startsWith("/") ? path : "/" + path, null).toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a file path: " + file, e);
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
        } else if (a instanceof String s) {
          ps.setString(i + 1, s);
        } else if (a instanceof Long l) {
          ps.setLong(i + 1, l);
        } else if (a instanceof Integer n) {
          ps.setInt(i + 1, n);
        } else if (a instanceof Boolean b) {
          ps.setInt(i + 1, b ? 1 : 0);
        } else {
          throw new IllegalArgumentException("cannot bind " + a.getClass());
        }
      }
    } catch (SQLException e) {
      throw failed(sql, e);
    }
    return ps;
  }

  int update(String sql, Object... args) {
    try {
      int n = bind(sql, args).executeUpdate();
      wrote = true;
      writes++;
      return n;
    } catch (SQLException e) {
      throw failed(sql, e);
    }
  }

  ResultSet query(String sql, Object... args) {
    try {
      return bind(sql, args).executeQuery();
    } catch (SQLException e) {
      throw failed(sql, e);
    }
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

  /** Begins the transaction of one action; {@link #commit} or {@link #rollback} ends it. */
  void begin() {
    if (inTransaction) {
      throw new IllegalStateException("a transaction is already open: transactions do not nest");
    }
    execute("BEGIN");
    inTransaction = true;
    wrote = false;
  }

  /**
   * Commits the action's transaction. When a write failed for want of space or permission, the
   * store counts as not writable until a later commit succeeds ({@link #writeProblem}).
   */
  void commit() {
    if (!inTransaction) {
      return;
    }
    execute("COMMIT");
    inTransaction = false;
    if (wrote) {
      writeProblem = null;
    }
    for (Runnable r : commitListeners) {
      r.run();
    }
  }

  /** How many writes this store ran so far (an action compares before and after). */
  long writes() {
    return writes;
  }

  private long writes;

  /** Whether the open transaction wrote anything yet (a group with no writes needs no commit). */
  boolean wrote() {
    return inTransaction && wrote;
  }

  /** Marks where one action of a group begins, inside the open transaction. */
  void savepoint() {
    run("SAVEPOINT action");
    wroteBeforeSavepoint = wrote;
  }

  /** {@link #wrote} when the action's savepoint began: what is left after undoing the action. */
  private boolean wroteBeforeSavepoint;

  /** Keeps the writes of the action begun by {@link #savepoint} in the open transaction. */
  void release() {
    run("RELEASE action");
  }

  /** Runs a statement prepared once (savepoints come and go with every action). */
  private void run(String sql) {
    try {
      ps(sql).execute();
    } catch (SQLException e) {
      throw failed(sql, e);
    }
  }

  /**
   * Undoes the writes of the action begun by {@link #savepoint} and nothing else. Returns false
   * when the transaction itself is gone (SQLite rolls a whole transaction back by itself after some
   * I/O errors, and then the writes of the group's other actions are gone too): no transaction is
   * open then.
   */
  boolean rollbackToSavepoint() {
    if (!inTransaction) {
      return false;
    }
    rolledBack();
    try (Statement s = connection.createStatement()) {
      s.execute("ROLLBACK TO action");
      s.execute("RELEASE action");
      wrote = wroteBeforeSavepoint;
      return true;
    } catch (SQLException e) {
      // "no such savepoint" or "no transaction is active": SQLite ended the transaction itself.
      rollback();
      return false;
    }
  }

  /**
   * Ends the action's transaction, undoing its writes; also when SQLite already rolled it back by
   * itself (after an I/O error), so the next action starts clean either way.
   */
  void rollback() {
    if (!inTransaction) {
      return;
    }
    inTransaction = false;
    rolledBack();
    try (Statement s = connection.createStatement()) {
      s.execute("ROLLBACK");
    } catch (SQLException e) {
      if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
        throw new StoreException(e, file);
      }
    }
  }

  private void execute(String sql) {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /**
   * Why the store cannot write now, in an operator's words, or null when it can (as far as the last
   * write and {@link #probe} found out).
   */
  String writeProblem() {
    String problem = writeProblem;
    return problem != null ? problem : lowSpace;
  }

  /** What {@link #probe} found of the disk's free space: why it is too little, or null. */
  private volatile String lowSpace;

  /**
   * Finds out whether the store can write, at no cost to an idle store: a small write undone before
   * it reaches the file (a transaction rolled back writes nothing to the write-ahead log), which
   * fails while the store is read-only, and a look at the free space of the file's disk. Once a
   * write failed, it commits a write as large as the largest action's (and undoes it) until one
   * succeeds, so that a store found not writable notices by itself when it can write again. Call
   * outside a transaction.
   */
  void probe() {
    boolean failing = writeProblem != null;
    begin();
    try {
      update("INSERT OR REPLACE INTO meta (key, value) VALUES ('probe', ?)", failing ? PROBE : "p");
      if (failing) {
        update("DELETE FROM meta WHERE key = 'probe'");
        commit();
      } else {
        rollback();
      }
    } catch (StoreException e) {
      rollback();
    }
    lowSpace = file == null ? null : lowSpace(file, usableSpace(file));
  }

  /** The bytes free to this process on the disk of {@code file}, or -1 when it cannot be told. */
  private static long usableSpace(Path file) {
    try {
      return Files.getFileStore(file.toAbsolutePath()).getUsableSpace();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Why {@code usableBytes} free on the disk of {@code file} is too little for the store to write
   * (less than the largest action's write), or null when it is enough or unknown (-1).
   */
  static String lowSpace(Path file, long usableBytes) {
    if (usableBytes < 0 || usableBytes >= PROBE.length()) {
      return null;
    }
    return "the engine's store "
        + file
        + " is not writable (its disk has "
        + usableBytes
        + " bytes free, less than the "
        + PROBE.length()
        + " one request may need)";
  }

  /**
   * The store's exception for {@code e} met running {@code sql}, whose statement is dropped (the
   * driver leaves a failed one unusable: "statement is not executing"); it is prepared anew when
   * next used.
   */
  private StoreException failed(String sql, SQLException e) {
    PreparedStatement ps = statements.remove(sql);
    if (ps != null) {
      try {
        ps.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
    }
    return failed(e);
  }

  /** The store's exception for {@code e}, noting when it says the store cannot write. */
  private StoreException failed(SQLException e) {
    StoreException failure = new StoreException(e, file);
    if (failure.cannotWrite) {
      writeProblem = failure.getMessage();
    }
    return failure;
  }

  /** Whether {@code e} says the file cannot be written: full disk, read-only file, I/O error. */
  static boolean cannotWrite(SQLException e) {
    return switch (e.getErrorCode() & 0xff) {
      // SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN
      case 8, 10, 13, 14 -> true;
      default -> false;
    };
  }

  @Override
  public void close() {
    try {
      for (PreparedStatement ps : statements.values()) {
        ps.close();
      }
      statements.clear();
      rollback();
      connection.close();
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /**
   * An SQL failure; the action that met it is rolled back and answered as ServiceUnavailable when
   * the store cannot write ({@link #cannotWrite}), else as InternalFailure. Its message is for the
   * server's log; callers are told in their own terms.
   */
  static final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The file cannot be written now (full disk, read-only file, I/O error). */
    final boolean cannotWrite;

    StoreException(SQLException cause) {
      this(cause, null);
    }

    StoreException(SQLException cause, Path file) {
      super(describe(cause, file), cause);
      this.cannotWrite = Store.cannotWrite(cause);
    }

    private static String describe(SQLException cause, Path file) {
      String where = file == null ? "the engine's store" : "the engine's store " + file;
      return Store.cannotWrite(cause)
          ? where + " is not writable (" + plain(cause) + ")"
          : where + " failed: " + plain(cause);
    }

    /** SQLite's own words, without the driver's prefix ({@code [SQLITE_FULL] ...}). */
    private static String plain(SQLException e) {
      String m = String.valueOf(e.getMessage());
      int bracket = m.startsWith("[") ? m.indexOf("] ") : -1;
      return bracket > 0 ? m.substring(bracket + 2) : m;
    }
  }

  /** The value of a nullable integer column. */
  static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  /** What to forget when writes are undone (a table's cache of rows). */
  void onRollback(Runnable forget) {
    rollbackListeners.add(forget);
  }

  private final List<Runnable> rollbackListeners = new ArrayList<>();

  /** What to do once writes are committed (a table's cache of rows takes them). */
  void onCommit(Runnable keep) {
    commitListeners.add(keep);
  }

  private final List<Runnable> commitListeners = new ArrayList<>();

  private void rolledBack() {
    for (Runnable r : rollbackListeners) {
      r.run();
    }
  }
}
