package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RunTable} keeps the rows it read and wrote in memory: committed rows serve {@link
 * RunTable#byId} without a query, and an undone write (a rollback, or an action undone to its
 * savepoint) is never served.
 */
class RunTableCacheTest {
  private final Store store = Store.open(null);
  private final RunTable runs = new RunTable(store);

  @AfterEach
  void close() {
    store.close();
  }

  private Run inserted(long nextEventId) {
    Run r = new Run();
    r.runId = "r1";
    r.domain = "d";
    r.workflowId = "w1";
    r.typeName = "t";
    r.typeVersion = "1";
    r.taskList = "list";
    r.childPolicy = "TERMINATE";
    r.execTimeout = "60";
    r.taskTimeout = "10";
    r.dtTaskList = "list";
    r.open = true;
    r.nextEventId = nextEventId;
    store.begin();
    runs.insert(r);
    store.commit();
    return r;
  }

  private void changeBehindTheTablesBack(long nextEventId) {
    store.update("UPDATE executions SET next_event_id = ? WHERE run_id = 'r1'", nextEventId);
  }

  @Test
  void byId_afterCommit_servesTheCommittedRowFromMemory() {
    inserted(3);
    changeBehindTheTablesBack(99); // no query: the row written is what byId gives
    assertThat(runs.byId("r1").nextEventId).isEqualTo(3);
    assertThat(runs.of("d", "w1", "r1").nextEventId).isEqualTo(3);
    assertThat(runs.of("d", "w2", "r1")).isNull();
    assertThat(runs.of("e", "w1", "r1")).isNull();
  }

  @Test
  void byId_givesACopyOfItsOwn() {
    inserted(3);
    Run r = runs.byId("r1");
    r.nextEventId = 50;
    r.dtState = DecisionTaskState.STARTED;
    assertThat(runs.byId("r1").nextEventId).isEqualTo(3);
    assertThat(runs.byId("r1").dtState).isEqualTo(DecisionTaskState.NONE);
  }

  @Test
  void byId_inTheWritingTransaction_seesItsWrites_andAfterCommitToo() {
    Run r = inserted(3);
    store.begin();
    r.nextEventId = 7;
    runs.save(r);
    r.nextEventId = 8; // not saved
    assertThat(runs.byId("r1").nextEventId).isEqualTo(7);
    store.commit();
    assertThat(runs.byId("r1").nextEventId).isEqualTo(7);
  }

  @Test
  void byId_afterRollback_isTheCommittedRow() {
    Run r = inserted(3);
    assertThat(runs.byId("r1").nextEventId).isEqualTo(3);
    store.begin();
    r.nextEventId = 7;
    runs.save(r);
    store.rollback();
    assertThat(runs.byId("r1").nextEventId).isEqualTo(3);
    store.begin();
    store.commit(); // a later commit keeps nothing of the undone write
    assertThat(runs.byId("r1").nextEventId).isEqualTo(3);
  }

  @Test
  void byId_afterAnActionUndoneToItsSavepoint_isWhatTheGroupKept() {
    Run r = inserted(3);
    store.begin();
    r.nextEventId = 5;
    runs.save(r); // the group's first action, kept
    store.savepoint();
    r.nextEventId = 9;
    runs.save(r); // the next action's, undone
    assertThat(store.rollbackToSavepoint()).isTrue();
    assertThat(runs.byId("r1").nextEventId).isEqualTo(5);
    store.commit();
    assertThat(runs.byId("r1").nextEventId).isEqualTo(5);
  }

  @Test
  void byId_afterDelete_isNull_andAfterItsRollback_isTheRow() {
    inserted(3);
    store.begin();
    runs.delete("r1");
    assertThat(runs.byId("r1")).isNull();
    store.rollback();
    assertThat(runs.byId("r1").nextEventId).isEqualTo(3);
    store.begin();
    runs.delete("r1");
    store.commit();
    assertThat(runs.byId("r1")).isNull();
  }
}
