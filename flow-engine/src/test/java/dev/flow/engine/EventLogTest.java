package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** {@link EventLog} reads what the running action appended from memory, not from SQLite. */
class EventLogTest {
  private final Store store = Store.open(null);
  private final Tables tables = Tables.of(store);
  private final EventLog log = new EventLog(tables.events());

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void page_ofEventsTheActionAppended_isReadFromMemory() {
    Run run = new Run();
    run.runId = "r1";
    run.nextEventId = 1;
    store.begin();
    Tx tx = new Tx(tables, 1_700_000_000_000L);
    log.append(
        tx,
        run,
        EventType.WORKFLOW_EXECUTION_STARTED,
        b -> b.workflowExecutionStartedEventAttributes(a -> a.input("in")));
    log.append(
        tx,
        run,
        EventType.DECISION_TASK_SCHEDULED,
        b -> b.decisionTaskScheduledEventAttributes(a -> a.startToCloseTimeout("10")));
    // Gone from the table: only memory still has them.
    store.update("DELETE FROM events WHERE run_id = 'r1'");

    EventLog.Page page = log.page(tx, "r1", 1, 2, 1, false, 100);

    assertThat(page.next()).isEqualTo(-1);
    assertThat(page.events())
        .extracting(HistoryEvent::eventId)
        .containsExactlyElementsOf(List.of(1L, 2L));
    assertThat(page.events().get(0).workflowExecutionStartedEventAttributes().input())
        .isEqualTo("in");
    EventLog.Page first = log.page(tx, "r1", 1, 2, 1, false, 1);
    assertThat(first.events()).extracting(HistoryEvent::eventId).containsExactly(1L);
    assertThat(first.next()).isEqualTo(2);
    store.rollback();
  }
}
