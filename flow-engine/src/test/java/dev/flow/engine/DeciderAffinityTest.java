package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.swf.model.EventType.DECISION_TASK_COMPLETED;
import static software.amazon.awssdk.services.swf.model.EventType.DECISION_TASK_SCHEDULED;
import static software.amazon.awssdk.services.swf.model.EventType.DECISION_TASK_STARTED;
import static software.amazon.awssdk.services.swf.model.EventType.DECISION_TASK_TIMED_OUT;
import static software.amazon.awssdk.services.swf.model.EventType.TIMER_FIRED;
import static software.amazon.awssdk.services.swf.model.EventType.WORKFLOW_EXECUTION_SIGNALED;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.DecisionTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * Decider affinity (sticky execution): RespondDecisionTaskCompleted.taskList and
 * taskListScheduleToStartTimeout route a run's next decision tasks; PollForDecisionTask
 * .startAtPreviousStartedEvent returns only the events from the previous completed decision task's
 * DecisionTaskStarted on.
 */
class DeciderAffinityTest {
  private static final String STICKY = "deciders-sticky-1";
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  private PollForDecisionTaskResponse poll(String taskList, boolean partial, Integer pageSize) {
    return f.swf.pollForDecisionTask(
        r ->
            r.domain(Fixture.DOMAIN)
                .taskList(t -> t.name(taskList))
                .identity("decider")
                .startAtPreviousStartedEvent(partial)
                .maximumPageSize(pageSize));
  }

  private void decideSticky(
      String token, String s2s, software.amazon.awssdk.services.swf.model.Decision... ds) {
    f.swf.respondDecisionTaskCompleted(
        r ->
            r.taskToken(token)
                .taskList(t -> t.name(STICKY))
                .taskListScheduleToStartTimeout(s2s)
                .decisions(ds));
  }

  private static List<Long> ids(List<HistoryEvent> events) {
    List<Long> ids = new ArrayList<>();
    events.forEach(e -> ids.add(e.eventId()));
    return ids;
  }

  private void signal(String workflowId, String name) {
    f.swf.signalWorkflowExecution(
        r -> r.domain(Fixture.DOMAIN).workflowId(workflowId).signalName(name));
  }

  @Test
  void answerWithTaskList_routesTheNextDecisionTaskThere_andRecordsIt() {
    WorkflowExecution run = f.start("w1");
    decideSticky(f.pollDecision().taskToken(), "5", Fixture.startTimer("t", "1"));
    f.advance(Duration.ofSeconds(1));
    List<HistoryEvent> h = f.history(run);
    HistoryEvent completed =
        h.stream().filter(e -> e.eventType() == DECISION_TASK_COMPLETED).findFirst().orElseThrow();
    assertThat(completed.decisionTaskCompletedEventAttributes().taskList().name())
        .isEqualTo(STICKY);
    assertThat(completed.decisionTaskCompletedEventAttributes().taskListScheduleToStartTimeout())
        .isEqualTo("5");
    HistoryEvent scheduled = h.get(h.size() - 1);
    assertThat(scheduled.eventType()).isEqualTo(DECISION_TASK_SCHEDULED);
    assertThat(scheduled.decisionTaskScheduledEventAttributes().taskList().name())
        .isEqualTo(STICKY);
    assertThat(scheduled.decisionTaskScheduledEventAttributes().scheduleToStartTimeout())
        .isEqualTo("5");

    assertThat(f.pollDecision().taskToken()).isNull(); // not on the run's own list
    assertThat(poll(STICKY, false, null).taskToken()).isNotNull();
  }

  @Test
  void answerWithoutTaskList_sendsTheNextTaskBackToTheRunsOwnList() {
    WorkflowExecution run = f.start("w1");
    decideSticky(f.pollDecision().taskToken(), "5", Fixture.startTimer("t", "1"));
    f.advance(Duration.ofSeconds(1));
    f.decide(poll(STICKY, true, null).taskToken(), Fixture.startTimer("t2", "1"));
    f.advance(Duration.ofSeconds(1));
    HistoryEvent scheduled = f.last(run);
    assertThat(scheduled.decisionTaskScheduledEventAttributes().taskList().name())
        .isEqualTo(Fixture.DECISIONS);
    assertThat(scheduled.decisionTaskScheduledEventAttributes().scheduleToStartTimeout()).isNull();
    assertThat(f.pollDecision().taskToken()).isNotNull();
  }

  @Test
  void stickyTaskNotStartedInTime_timesOut_andIsScheduledOnTheRunsOwnList() {
    WorkflowExecution run = f.start("w1");
    decideSticky(f.pollDecision().taskToken(), "5", Fixture.startTimer("t", "1"));
    f.advance(Duration.ofSeconds(1));
    f.advance(Duration.ofSeconds(5));
    List<HistoryEvent> h = f.history(run);
    assertThat(Fixture.types(h))
        .endsWith(
            TIMER_FIRED, DECISION_TASK_SCHEDULED, DECISION_TASK_TIMED_OUT, DECISION_TASK_SCHEDULED);
    HistoryEvent timedOut = h.get(h.size() - 2);
    assertThat(timedOut.decisionTaskTimedOutEventAttributes().timeoutType())
        .isEqualTo(DecisionTaskTimeoutType.SCHEDULE_TO_START);
    assertThat(timedOut.decisionTaskTimedOutEventAttributes().scheduledEventId())
        .isEqualTo(h.get(h.size() - 3).eventId());
    assertThat(timedOut.decisionTaskTimedOutEventAttributes().startedEventId()).isZero();
    assertThat(h.get(h.size() - 1).decisionTaskScheduledEventAttributes().taskList().name())
        .isEqualTo(Fixture.DECISIONS);
    assertThat(poll(STICKY, false, null).taskToken()).isNull(); // the stale entry is dropped

    // The fallback decider gets the whole history, and the timed-out task is no decision step.
    PollForDecisionTaskResponse d = f.pollDecision();
    assertThat(d.events().get(0).eventId()).isEqualTo(1L);
    assertThat(d.previousStartedEventId()).isEqualTo(3L);
    assertThat(d.events()).hasSize(h.size() + 1);
  }

  /** A decider's long poll on {@code taskList}, interrupted while it waits: its worker closed. */
  private void pollThenLeave(String taskList) throws InterruptedException {
    Engine core = f.engine.core();
    int before = core.waitingPolls();
    Thread poller = new Thread(() -> poll(taskList, true, null), "closing-worker");
    poller.start();
    while (core.waitingPolls() == before && poller.isAlive()) {
      Thread.onSpinWait();
    }
    poller.interrupt();
    poller.join();
  }

  @Test
  void stickyListWhosePollerLeft_sendsTheNextTaskToTheRunsOwnListAtOnce_untilPolledAgain()
      throws Exception {
    WorkflowExecution run = f.start("w1");
    decideSticky(f.pollDecision().taskToken(), "5");
    pollThenLeave(STICKY); // the worker that keeps the run closed

    signal("w1", "a");
    List<HistoryEvent> h = f.history(run);
    assertThat(Fixture.types(h))
        .endsWith(WORKFLOW_EXECUTION_SIGNALED, DECISION_TASK_SCHEDULED)
        .doesNotContain(DECISION_TASK_TIMED_OUT);
    HistoryEvent scheduled = h.get(h.size() - 1);
    assertThat(scheduled.decisionTaskScheduledEventAttributes().taskList().name())
        .isEqualTo(Fixture.DECISIONS);
    assertThat(scheduled.decisionTaskScheduledEventAttributes().scheduleToStartTimeout()).isNull();
    PollForDecisionTaskResponse d = f.pollDecision();
    assertThat(d.taskToken()).isNotNull();

    // A decider polls the list again (a poll that ends empty, as between tasks): it is kept.
    assertThat(poll(STICKY, true, null).taskToken()).isNull();
    decideSticky(d.taskToken(), "5");
    signal("w1", "b");
    HistoryEvent again = f.last(run);
    assertThat(again.eventType()).isEqualTo(DECISION_TASK_SCHEDULED);
    assertThat(again.decisionTaskScheduledEventAttributes().taskList().name()).isEqualTo(STICKY);
    assertThat(again.decisionTaskScheduledEventAttributes().scheduleToStartTimeout())
        .isEqualTo("5");
  }

  @Test
  void stickyTaskStartedInTime_doesNotTimeOut() {
    WorkflowExecution run = f.start("w1");
    decideSticky(f.pollDecision().taskToken(), "5", Fixture.startTimer("t", "1"));
    f.advance(Duration.ofSeconds(1));
    PollForDecisionTaskResponse d = poll(STICKY, true, null);
    f.advance(Duration.ofSeconds(6));
    assertThat(f.types(run)).doesNotContain(DECISION_TASK_TIMED_OUT);
    decideSticky(d.taskToken(), "5", Fixture.complete("done"));
  }

  @Test
  void startAtPreviousStartedEvent_onTheFirstTask_returnsTheWholeHistory() {
    f.start("w1");
    PollForDecisionTaskResponse d = poll(Fixture.DECISIONS, true, null);
    assertThat(d.previousStartedEventId()).isZero();
    assertThat(ids(d.events())).containsExactly(1L, 2L, 3L);
  }

  @Test
  void startAtPreviousStartedEvent_pagesOverTheNewEventsOnly() {
    WorkflowExecution run = f.start("w1");
    decideSticky(f.pollDecision().taskToken(), "5", Fixture.startTimer("t", "100"));
    // 5: DecisionTaskCompleted, 6: TimerStarted, 7..16: signals (7: DecisionTaskScheduled too)
    for (int i = 0; i < 10; i++) {
      signal("w1", "s" + i);
    }
    PollForDecisionTaskResponse first = poll(STICKY, true, 4);
    assertThat(first.previousStartedEventId()).isEqualTo(3L);
    List<HistoryEvent> events = new ArrayList<>(first.events());
    assertThat(ids(first.events())).containsExactly(3L, 4L, 5L, 6L);
    String token = first.nextPageToken();
    while (token != null) {
      String t = token;
      PollForDecisionTaskResponse page =
          f.swf.pollForDecisionTask(
              r ->
                  r.domain(Fixture.DOMAIN)
                      .taskList(x -> x.name(STICKY))
                      .maximumPageSize(4)
                      .startAtPreviousStartedEvent(true)
                      .nextPageToken(t));
      events.addAll(page.events());
      token = page.nextPageToken();
    }
    List<HistoryEvent> all = f.history(run);
    assertThat(events).isEqualTo(all.subList(2, all.size()));
    assertThat(events.get(events.size() - 1).eventType()).isEqualTo(DECISION_TASK_STARTED);
    assertThat(Fixture.types(events)).contains(WORKFLOW_EXECUTION_SIGNALED);
  }

  @Test
  void stickyTaskStartedButNotAnswered_timesOut_andTheNextGoesToTheRunsOwnList() {
    WorkflowExecution run = f.start("w1");
    decideSticky(f.pollDecision().taskToken(), "5", Fixture.startTimer("t", "100"));
    signal("w1", "a");
    assertThat(poll(STICKY, true, null).taskToken()).isNotNull(); // started, never answered
    f.advance(Duration.ofSeconds(10)); // the fixture's task start-to-close timeout
    List<HistoryEvent> h = f.history(run);
    assertThat(Fixture.types(h))
        .endsWith(DECISION_TASK_STARTED, DECISION_TASK_TIMED_OUT, DECISION_TASK_SCHEDULED);
    assertThat(h.get(h.size() - 2).decisionTaskTimedOutEventAttributes().timeoutType())
        .isEqualTo(DecisionTaskTimeoutType.START_TO_CLOSE);
    HistoryEvent next = h.get(h.size() - 1);
    assertThat(next.decisionTaskScheduledEventAttributes().taskList().name())
        .as("the affinity lapses: the decider that let the task time out may be gone")
        .isEqualTo(Fixture.DECISIONS);
    assertThat(next.decisionTaskScheduledEventAttributes().scheduleToStartTimeout()).isNull();
    assertThat(poll(STICKY, true, null).taskToken()).isNull();
    assertThat(f.pollDecision().taskToken()).isNotNull();
  }

  @Test
  void startAtPreviousStartedEvent_afterATimedOutTask_startsAtTheLastCompletedOne() {
    WorkflowExecution run = f.start("w1");
    decideSticky(f.pollDecision().taskToken(), "5", Fixture.startTimer("t", "100"));
    signal("w1", "a");
    poll(STICKY, true, null); // started, never answered
    f.advance(Duration.ofSeconds(10)); // the fixture's task start-to-close timeout
    assertThat(f.types(run)).contains(DECISION_TASK_TIMED_OUT);
    PollForDecisionTaskResponse d = poll(Fixture.DECISIONS, true, null);
    assertThat(d.previousStartedEventId()).isEqualTo(3L);
    assertThat(d.events().get(0).eventId()).isEqualTo(3L);
    assertThat(d.events().get(d.events().size() - 1).eventId()).isEqualTo(d.startedEventId());
  }
}
