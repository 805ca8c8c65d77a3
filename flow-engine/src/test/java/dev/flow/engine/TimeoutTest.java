package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.swf.model.EventType.*;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.ActivityTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionTimeoutType;

/** Every SWF timeout, driven by a manual clock and {@link LocalEngine#tick()}: no sleeping. */
@InBothModes
class TimeoutTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void decisionTask_startToClose_timesOut_andIsRescheduled() {
    WorkflowExecution run = f.start("w1");
    PollForDecisionTaskResponse d = f.pollDecision();
    f.advance(Duration.ofSeconds(9));
    assertThat(f.types(run)).hasSize(3);
    f.advance(Duration.ofSeconds(1));
    f.assertTypes(
        run,
        WORKFLOW_EXECUTION_STARTED,
        DECISION_TASK_SCHEDULED,
        DECISION_TASK_STARTED,
        DECISION_TASK_TIMED_OUT,
        DECISION_TASK_SCHEDULED);
    var timedOut = f.history(run).get(3).decisionTaskTimedOutEventAttributes();
    assertThat(timedOut.timeoutType()).isEqualTo(DecisionTaskTimeoutType.START_TO_CLOSE);
    assertThat(timedOut.scheduledEventId()).isEqualTo(2);
    assertThat(timedOut.startedEventId()).isEqualTo(3);
    assertThatThrownBy(() -> f.decide(d.taskToken())).isInstanceOf(UnknownResourceException.class);
    PollForDecisionTaskResponse again = f.pollDecision();
    assertThat(again.startedEventId()).isEqualTo(6);
    assertThat(again.previousStartedEventId()).isZero(); // the timed-out task decided nothing
  }

  private PollForActivityTaskResponse scheduleWith(
      WorkflowExecution run, String s2s, String s2c, String st2c, String hb, boolean start) {
    Decision d =
        Decision.builder()
            .decisionType("ScheduleActivityTask")
            .scheduleActivityTaskDecisionAttributes(
                a ->
                    a.activityId("a")
                        .activityType(t -> t.name("Act").version("1"))
                        .scheduleToStartTimeout(s2s)
                        .scheduleToCloseTimeout(s2c)
                        .startToCloseTimeout(st2c)
                        .heartbeatTimeout(hb))
            .build();
    f.decide(f.pollDecision().taskToken(), d);
    return start ? f.pollActivity() : null;
  }

  private HistoryEvent activityTimedOut(WorkflowExecution run) {
    List<HistoryEvent> h = f.history(run);
    assertThat(Fixture.types(h)).endsWith(ACTIVITY_TASK_TIMED_OUT, DECISION_TASK_SCHEDULED);
    return h.get(h.size() - 2);
  }

  @Test
  void activity_scheduleToStart_timesOut() {
    WorkflowExecution run = f.start("w1");
    scheduleWith(run, "5", "100", "100", "NONE", false);
    f.advance(Duration.ofSeconds(5));
    var e = activityTimedOut(run).activityTaskTimedOutEventAttributes();
    assertThat(e.timeoutType()).isEqualTo(ActivityTaskTimeoutType.SCHEDULE_TO_START);
    assertThat(e.scheduledEventId()).isEqualTo(5);
    assertThat(e.startedEventId()).isZero();
    assertThat(f.pollActivity().taskToken()).isNull();
  }

  @Test
  void activity_startToClose_timesOut() {
    WorkflowExecution run = f.start("w1");
    PollForActivityTaskResponse a = scheduleWith(run, "5", "100", "20", "NONE", true);
    f.advance(Duration.ofSeconds(19));
    assertThat(f.last(run).eventType()).isEqualTo(ACTIVITY_TASK_STARTED);
    f.advance(Duration.ofSeconds(1));
    var e = activityTimedOut(run).activityTaskTimedOutEventAttributes();
    assertThat(e.timeoutType()).isEqualTo(ActivityTaskTimeoutType.START_TO_CLOSE);
    assertThat(e.startedEventId()).isEqualTo(6);
    assertThatThrownBy(() -> f.swf.respondActivityTaskCompleted(r -> r.taskToken(a.taskToken())))
        .isInstanceOf(UnknownResourceException.class);
  }

  @Test
  void activity_scheduleToClose_timesOut() {
    WorkflowExecution run = f.start("w1");
    scheduleWith(run, "NONE", "30", "100", "NONE", true);
    f.advance(Duration.ofSeconds(30));
    assertThat(activityTimedOut(run).activityTaskTimedOutEventAttributes().timeoutType())
        .isEqualTo(ActivityTaskTimeoutType.SCHEDULE_TO_CLOSE);
  }

  @Test
  void activity_heartbeat_timesOut_withLastDetails() {
    WorkflowExecution run = f.start("w1");
    PollForActivityTaskResponse a = scheduleWith(run, "NONE", "NONE", "NONE", "10", true);
    f.advance(Duration.ofSeconds(8));
    f.swf.recordActivityTaskHeartbeat(r -> r.taskToken(a.taskToken()).details("half"));
    f.advance(Duration.ofSeconds(8)); // 16 s after start, 8 s after the heartbeat
    assertThat(f.last(run).eventType()).isEqualTo(ACTIVITY_TASK_STARTED);
    f.advance(Duration.ofSeconds(2));
    var e = activityTimedOut(run).activityTaskTimedOutEventAttributes();
    assertThat(e.timeoutType()).isEqualTo(ActivityTaskTimeoutType.HEARTBEAT);
    assertThat(e.details()).isEqualTo("half");
  }

  @Test
  void timer_fires_andSchedulesDecision() {
    WorkflowExecution run = f.start("w1");
    f.decide(f.pollDecision().taskToken(), Fixture.startTimer("t1", "60"));
    f.advance(Duration.ofSeconds(59));
    assertThat(f.last(run).eventType()).isEqualTo(TIMER_STARTED);
    f.advance(Duration.ofSeconds(1));
    List<HistoryEvent> h = f.history(run);
    assertThat(Fixture.types(h)).endsWith(TIMER_STARTED, TIMER_FIRED, DECISION_TASK_SCHEDULED);
    var fired = h.get(h.size() - 2).timerFiredEventAttributes();
    assertThat(fired.timerId()).isEqualTo("t1");
    assertThat(fired.startedEventId()).isEqualTo(5);
    assertThat(h.get(h.size() - 2).eventTimestamp()).isEqualTo(f.clock.instant());
  }

  @Test
  void execution_startToClose_timesOut() {
    WorkflowExecution run = f.start("w1");
    f.decide(f.pollDecision().taskToken(), Fixture.scheduleActivity("a"));
    f.advance(Duration.ofSeconds(3600));
    HistoryEvent last = f.last(run);
    assertThat(last.eventType()).isEqualTo(WORKFLOW_EXECUTION_TIMED_OUT);
    assertThat(last.workflowExecutionTimedOutEventAttributes().timeoutType())
        .isEqualTo(WorkflowExecutionTimeoutType.START_TO_CLOSE);
    assertThat(last.workflowExecutionTimedOutEventAttributes().childPolicyAsString())
        .isEqualTo("TERMINATE");
    assertThat(
            f.swf
                .describeWorkflowExecution(r -> r.domain(Fixture.DOMAIN).execution(run))
                .executionInfo()
                .closeStatusAsString())
        .isEqualTo("TIMED_OUT");
    assertThat(f.pollActivity().taskToken()).isNull();
  }

  @Test
  void timerThread_firesOnItsOwn_withAMovedClock() throws InterruptedException {
    WorkflowExecution run = f.start("w1");
    f.decide(f.pollDecision().taskToken(), Fixture.startTimer("t1", "1"));
    f.clock.advance(Duration.ofSeconds(1)); // no tick(): the timer thread re-reads the clock
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!f.types(run).contains(TIMER_FIRED) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(f.types(run)).contains(TIMER_FIRED);
  }

  @Test
  void decisionTask_scheduleToStart_onOverriddenTaskList_revertsToTheOriginalList() {
    WorkflowExecution run = f.start("w1");
    PollForDecisionTaskResponse d = f.pollDecision();
    f.swf.respondDecisionTaskCompleted(
        r ->
            r.taskToken(d.taskToken())
                .taskList(t -> t.name("sticky"))
                .taskListScheduleToStartTimeout("5")
                .decisions(Fixture.startTimer("t", "1")));
    f.advance(Duration.ofSeconds(1));
    List<HistoryEvent> h = f.history(run);
    assertThat(h.get(h.size() - 1).decisionTaskScheduledEventAttributes().taskList().name())
        .isEqualTo("sticky");
    f.advance(Duration.ofSeconds(5));
    h = f.history(run);
    assertThat(Fixture.types(h))
        .endsWith(DECISION_TASK_SCHEDULED, DECISION_TASK_TIMED_OUT, DECISION_TASK_SCHEDULED);
    assertThat(h.get(h.size() - 2).decisionTaskTimedOutEventAttributes().timeoutType())
        .isEqualTo(DecisionTaskTimeoutType.SCHEDULE_TO_START);
    assertThat(h.get(h.size() - 1).decisionTaskScheduledEventAttributes().taskList().name())
        .isEqualTo(Fixture.DECISIONS);
    assertThat(f.pollDecision().taskToken()).isNotNull();
  }

  @Test
  void closedRun_isForgottenAfterTheDomainRetentionPeriod() {
    WorkflowExecution run = f.start("w1");
    f.decide(f.pollDecision().taskToken(), Fixture.complete("r"));
    f.advance(Duration.ofHours(23));
    assertThat(f.last(run).eventType()).isEqualTo(WORKFLOW_EXECUTION_COMPLETED);
    f.advance(Duration.ofHours(1)); // the fixture's domain keeps closed runs 1 day
    assertThatThrownBy(() -> f.history(run)).isInstanceOf(UnknownResourceException.class);
    assertThat(
            f.swf
                .countClosedWorkflowExecutions(
                    r ->
                        r.domain(Fixture.DOMAIN)
                            .closeTimeFilter(t -> t.oldestDate(java.time.Instant.EPOCH)))
                .count())
        .isZero();
    f.start("w1"); // the id is free, of course
  }
}
