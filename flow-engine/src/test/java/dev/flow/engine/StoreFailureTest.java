package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * The store fails to write (its file cannot grow, as on a full disk; or it is read-only): the
 * action that met the failure leaves no trace, reads go on, writes are refused with a fault that
 * says so, and everything resumes by itself once the store can write again.
 */
class StoreFailureTest {
  @TempDir Path dir;

  private java.util.concurrent.locks.Lock lock;

  /** 16 KB of input: a start that needs new pages in the file. */
  private static final String BIG = "x".repeat(16 * 1024);

  @Test
  void diskFull_startLeavesNoTrace_readsGoOn_andWritesResumeWhenSpaceReturns() {
    try (Fixture f = new Fixture(dir.resolve("flow.db"), new ManualClock(), true)) {
      Store store = f.engine.core().store;
      lock = f.engine.core().lock;
      List<WorkflowExecution> started = new ArrayList<>();
      started.add(f.start("before"));
      assertThat(f.engine.health().writable()).isTrue();

      limitPages(store, pageCount(store)); // the disk is full from here on
      AwsServiceException refused = null;
      int tried = 0;
      while (refused == null && tried < 50) {
        String id = "w" + tried++;
        try {
          started.add(startBig(f, id));
        } catch (AwsServiceException e) {
          refused = e;
          // Nothing of the refused start is left: no run, no history, the id is free.
          assertThat(
                  f.swf
                      .countOpenWorkflowExecutions(
                          r ->
                              r.domain(Fixture.DOMAIN)
                                  .startTimeFilter(t -> t.oldestDate(java.time.Instant.EPOCH))
                                  .executionFilter(x -> x.workflowId(id)))
                      .count())
              .as("open runs of the refused id %s", id)
              .isZero();
          assertThat(
                  catchThrowableOfType(
                      UnknownResourceException.class,
                      () ->
                          f.swf.describeWorkflowExecution(
                              r ->
                                  r.domain(Fixture.DOMAIN)
                                      .execution(x -> x.workflowId(id).runId("no-such-run")))))
              .isNotNull();
        }
      }
      assertThat(refused).as("a start refused once the file cannot grow").isNotNull();
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
      assertThat(refused.getMessage())
          .contains("not writable")
          .contains("nothing of this request was kept")
          .doesNotContain("SQL")
          .doesNotContain("dev.flow");
      assertThat(f.engine.health().writable()).isFalse();
      assertThat(f.engine.health().problem()).contains("not writable");

      // Reads keep working: every accepted start is there, with its first decision task.
      assertThat(openCount(f)).isEqualTo(started.size());
      for (WorkflowExecution run : started) {
        assertThat(f.types(run))
            .containsExactly(
                EventType.WORKFLOW_EXECUTION_STARTED, EventType.DECISION_TASK_SCHEDULED);
      }

      limitPages(store, 1_000_000); // space returns
      assertThat(f.engine.health().writable()).isTrue();
      WorkflowExecution again = startBig(f, "w" + (tried - 1)); // the refused id is free
      started.add(again);
      assertThat(openCount(f)).isEqualTo(started.size());
      // Every accepted start has its decision task, the one accepted after recovery included.
      List<String> decided = new ArrayList<>();
      for (int i = 0; i < started.size(); i++) {
        PollForDecisionTaskResponse task = f.pollDecision();
        assertThat(task.taskToken()).isNotNull();
        decided.add(task.workflowExecution().workflowId());
        f.decide(task.taskToken(), Fixture.complete("done"));
      }
      assertThat(decided)
          .containsExactlyInAnyOrderElementsOf(
              started.stream().map(WorkflowExecution::workflowId).toList());
    }
  }

  @Test
  void readOnlyStore_refusesWritesAsNotWritable_andResumesWhenWritableAgain() throws Exception {
    try (Fixture f = new Fixture(dir.resolve("flow.db"), new ManualClock(), true)) {
      Store store = f.engine.core().store;
      lock = f.engine.core().lock;
      f.start("before");
      pragma(store, "PRAGMA query_only = ON"); // as if the file were made read-only
      AwsServiceException refused =
          catchThrowableOfType(AwsServiceException.class, () -> f.start("during"));
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.getMessage()).contains("not writable").doesNotContain("SQLITE");
      assertThat(openCount(f)).isEqualTo(1);
      assertThat(f.engine.health().writable()).isFalse();

      pragma(store, "PRAGMA query_only = OFF");
      f.start("during");
      assertThat(openCount(f)).isEqualTo(2);
      assertThat(f.engine.health().writable()).isTrue();
    }
  }

  @Test
  void aStartFailingAfterItsFirstWrite_leavesNoTrace_andItsIdStaysFree() {
    try (Fixture f = new Fixture(dir.resolve("flow.db"), new ManualClock(), true)) {
      Store store = f.engine.core().store;
      lock = f.engine.core().lock;
      // The run's row is written first, then its history, which fails (as a full disk would).
      pragma(
          store,
          "CREATE TRIGGER no_history BEFORE INSERT ON events"
              + " BEGIN SELECT RAISE(ABORT, 'no room for the history'); END");

      AwsServiceException refused =
          catchThrowableOfType(AwsServiceException.class, () -> f.start("w"));
      assertThat(refused.statusCode()).isEqualTo(500);
      assertThat(openCount(f)).as("open runs after the refused start").isZero();
      assertThat(queryLong(store, "SELECT COUNT(*) FROM executions")).isZero();

      pragma(store, "DROP TRIGGER no_history");
      WorkflowExecution run = f.start("w"); // the refused id is free
      assertThat(f.types(run))
          .containsExactly(EventType.WORKFLOW_EXECUTION_STARTED, EventType.DECISION_TASK_SCHEDULED);
      assertThat(openCount(f)).isEqualTo(1);
    }
  }

  @Test
  void health_ofAnIdleStore_writesNothingToItsFiles() throws Exception {
    Path db = dir.resolve("flow.db");
    Path wal = dir.resolve("flow.db-wal");
    try (Fixture f = new Fixture(db, new ManualClock(), true)) {
      f.start("w");
      assertThat(f.engine.health().writable()).isTrue();
      byte[] walBefore = Files.readAllBytes(wal);
      byte[] dbBefore = Files.readAllBytes(db);

      for (int i = 0; i < 10; i++) {
        assertThat(f.engine.health().writable()).isTrue();
      }

      assertThat(Arrays.equals(Files.readAllBytes(wal), walBefore))
          .as("the write-ahead log is unchanged (it was %d bytes)", walBefore.length)
          .isTrue();
      assertThat(Arrays.equals(Files.readAllBytes(db), dbBefore))
          .as("the database file is unchanged")
          .isTrue();
    }
  }

  @Test
  void aDiskWithLessFreeThanOneRequestNeeds_isNotWritable_namingTheFileAndTheBytes() {
    Path file = dir.resolve("flow.db");

    assertThat(Store.lowSpace(file, 4096))
        .contains(file.toString())
        .contains("not writable")
        .contains("4096 bytes free");
    assertThat(Store.lowSpace(file, 10L << 20)).isNull();
    assertThat(Store.lowSpace(file, -1)).as("free space unknown").isNull();
  }

  private static WorkflowExecution startBig(Fixture f, String id) {
    String runId =
        f.swf
            .startWorkflowExecution(
                r ->
                    r.domain(Fixture.DOMAIN)
                        .workflowId(id)
                        .workflowType(t -> t.name("Wf").version("1"))
                        .input(BIG))
            .runId();
    return WorkflowExecution.builder().workflowId(id).runId(runId).build();
  }

  private static int openCount(Fixture f) {
    return f.swf
        .countOpenWorkflowExecutions(
            r ->
                r.domain(Fixture.DOMAIN)
                    .startTimeFilter(t -> t.oldestDate(java.time.Instant.EPOCH)))
        .count();
  }

  private long pageCount(Store store) {
    return queryLong(store, "PRAGMA page_count");
  }

  /** SQLite's own limit on the file's size: past it, writes fail as on a full disk. */
  private void limitPages(Store store, long pages) {
    queryLong(store, "PRAGMA max_page_count = " + pages);
  }

  private void pragma(Store store, String sql) {
    lock.lock();
    try {
      store.update(sql);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code sql} on the store (under the engine's lock, as the engine does) and reads one
   * value.
   */
  private long queryLong(Store store, String sql) {
    lock.lock();
    try (ResultSet rs = store.query(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } finally {
      lock.unlock();
    }
  }
}
