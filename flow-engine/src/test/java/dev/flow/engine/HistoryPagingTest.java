package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.SwfException;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

@InBothModes
class HistoryPagingTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  /** A run with 2 + 10 signals + DecisionTaskStarted = 13 events in its first decision task. */
  private WorkflowExecution runWithSignals() {
    WorkflowExecution run = f.start("w1");
    for (int i = 0; i < 10; i++) {
      int n = i;
      f.swf.signalWorkflowExecution(
          r -> r.domain(Fixture.DOMAIN).workflowId("w1").signalName("s" + n));
    }
    return run;
  }

  private List<Long> ids(List<HistoryEvent> events) {
    List<Long> ids = new ArrayList<>();
    events.forEach(e -> ids.add(e.eventId()));
    return ids;
  }

  @Test
  void getHistory_pagesForwardAndBackward() {
    WorkflowExecution run = runWithSignals();
    for (boolean reverse : new boolean[] {false, true}) {
      List<Long> all = new ArrayList<>();
      String token = null;
      int pages = 0;
      do {
        String t = token;
        GetWorkflowExecutionHistoryResponse page =
            f.swf.getWorkflowExecutionHistory(
                r ->
                    r.domain(Fixture.DOMAIN)
                        .execution(run)
                        .maximumPageSize(5)
                        .reverseOrder(reverse)
                        .nextPageToken(t));
        assertThat(page.events().size()).isLessThanOrEqualTo(5);
        all.addAll(ids(page.events()));
        token = page.nextPageToken();
        pages++;
      } while (token != null);
      assertThat(pages).isEqualTo(3);
      List<Long> expected = new ArrayList<>();
      for (long i = 1; i <= 12; i++) {
        expected.add(reverse ? 13 - i : i);
      }
      assertThat(all).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void getHistory_withBadPageSizeOrToken_isValidationException() {
    WorkflowExecution run = runWithSignals();
    assertThatThrownBy(
            () ->
                f.swf.getWorkflowExecutionHistory(
                    r -> r.domain(Fixture.DOMAIN).execution(run).maximumPageSize(1001)))
        .isExactlyInstanceOf(SwfException.class);
    assertThatThrownBy(
            () ->
                f.swf.getWorkflowExecutionHistory(
                    r -> r.domain(Fixture.DOMAIN).execution(run).nextPageToken("zzz")))
        .isExactlyInstanceOf(SwfException.class);
  }

  @Test
  void pollForDecisionTask_pagesTheHistoryOfTheTask_withoutStartingAnother() {
    runWithSignals();
    PollForDecisionTaskResponse first =
        f.swf.pollForDecisionTask(
            r ->
                r.domain(Fixture.DOMAIN)
                    .taskList(t -> t.name(Fixture.DECISIONS))
                    .maximumPageSize(5));
    assertThat(ids(first.events())).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(first.startedEventId()).isEqualTo(13);
    List<Long> all = new ArrayList<>(ids(first.events()));
    String token = first.nextPageToken();
    while (token != null) {
      String t = token;
      PollForDecisionTaskResponse page =
          f.swf.pollForDecisionTask(
              r ->
                  r.domain(Fixture.DOMAIN)
                      .taskList(x -> x.name(Fixture.DECISIONS))
                      .maximumPageSize(5)
                      .nextPageToken(t));
      assertThat(page.taskToken()).isEqualTo(first.taskToken());
      assertThat(page.startedEventId()).isEqualTo(13);
      all.addAll(ids(page.events()));
      token = page.nextPageToken();
    }
    assertThat(all).hasSize(13).isSorted();
    f.decide(first.taskToken(), Fixture.complete("ok"));
  }

  @Test
  void pollForDecisionTask_inReverseOrder_startsWithDecisionTaskStarted() {
    runWithSignals();
    PollForDecisionTaskResponse first =
        f.swf.pollForDecisionTask(
            r ->
                r.domain(Fixture.DOMAIN)
                    .taskList(t -> t.name(Fixture.DECISIONS))
                    .maximumPageSize(4)
                    .reverseOrder(true));
    assertThat(ids(first.events())).containsExactly(13L, 12L, 11L, 10L);
    String t = first.nextPageToken();
    PollForDecisionTaskResponse second =
        f.swf.pollForDecisionTask(
            r ->
                r.domain(Fixture.DOMAIN)
                    .taskList(x -> x.name(Fixture.DECISIONS))
                    .maximumPageSize(4)
                    .reverseOrder(true)
                    .nextPageToken(t));
    assertThat(ids(second.events())).containsExactly(9L, 8L, 7L, 6L);
  }

  @Test
  void pollForDecisionTask_startAtPreviousStartedEvent_returnsOnlyTheNewEvents() {
    WorkflowExecution run = f.start("w1");
    f.decide(f.pollDecision().taskToken(), Fixture.startTimer("t", "1"));
    f.advance(java.time.Duration.ofSeconds(1));
    PollForDecisionTaskResponse d =
        f.swf.pollForDecisionTask(
            r ->
                r.domain(Fixture.DOMAIN)
                    .taskList(t -> t.name(Fixture.DECISIONS))
                    .startAtPreviousStartedEvent(true));
    assertThat(d.previousStartedEventId()).isEqualTo(3);
    assertThat(ids(d.events())).containsExactly(3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(f.history(run)).hasSize(8);
  }
}
