package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.swf.model.EventType.*;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.DefaultUndefinedException;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowExecutionResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.SwfException;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionAlreadyStartedException;

@InBothModes
class WorkflowExecutionTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void start_recordsStartedAndSchedulesDecisionTask() {
    WorkflowExecution run = f.start("w1");
    assertThat(run.runId()).isNotBlank();
    List<HistoryEvent> h = f.history(run);
    f.assertTypes(run, WORKFLOW_EXECUTION_STARTED, DECISION_TASK_SCHEDULED);
    var started = h.get(0).workflowExecutionStartedEventAttributes();
    assertThat(started.input()).isEqualTo("in");
    assertThat(started.taskList().name()).isEqualTo(Fixture.DECISIONS);
    assertThat(started.executionStartToCloseTimeout()).isEqualTo("3600");
    assertThat(started.taskStartToCloseTimeout()).isEqualTo("10");
    assertThat(started.childPolicyAsString()).isEqualTo("TERMINATE");
    assertThat(started.workflowType().name()).isEqualTo("Wf");
    assertThat(h.get(0).eventTimestamp()).isEqualTo(f.clock.instant());
    var scheduled = h.get(1).decisionTaskScheduledEventAttributes();
    assertThat(scheduled.taskList().name()).isEqualTo(Fixture.DECISIONS);
    assertThat(scheduled.startToCloseTimeout()).isEqualTo("10");
  }

  @Test
  void start_whileOpen_isWorkflowExecutionAlreadyStartedFault() {
    f.start("w1");
    assertThatThrownBy(() -> f.start("w1"))
        .isInstanceOf(WorkflowExecutionAlreadyStartedException.class)
        .satisfies(
            e ->
                assertThat(((SwfException) e).awsErrorDetails().errorCode())
                    .isEqualTo("WorkflowExecutionAlreadyStartedFault"));
  }

  @Test
  void start_afterClose_startsANewRun() {
    WorkflowExecution first = f.start("w1");
    f.swf.terminateWorkflowExecution(r -> r.domain(Fixture.DOMAIN).workflowId("w1"));
    WorkflowExecution second = f.start("w1");
    assertThat(second.runId()).isNotEqualTo(first.runId());
  }

  @Test
  void start_withoutTimeoutsOrTypeDefaults_isDefaultUndefinedFault() {
    f.swf.registerWorkflowType(r -> r.domain(Fixture.DOMAIN).name("Bare").version("1"));
    assertThatThrownBy(
            () ->
                f.swf.startWorkflowExecution(
                    r ->
                        r.domain(Fixture.DOMAIN)
                            .workflowId("b")
                            .workflowType(t -> t.name("Bare").version("1"))
                            .taskList(t -> t.name("x"))
                            .childPolicy("TERMINATE")
                            .taskStartToCloseTimeout("5")))
        .isInstanceOf(DefaultUndefinedException.class)
        .hasMessageContaining("executionStartToCloseTimeout");
    assertThatThrownBy(
            () ->
                f.swf.startWorkflowExecution(
                    r ->
                        r.domain(Fixture.DOMAIN)
                            .workflowId("b")
                            .workflowType(t -> t.name("Bare").version("1"))))
        .isInstanceOf(DefaultUndefinedException.class)
        .hasMessageContaining("taskList");
  }

  @Test
  void start_unknownTypeOrDomain_isUnknownResourceFault() {
    assertThatThrownBy(
            () ->
                f.swf.startWorkflowExecution(
                    r ->
                        r.domain(Fixture.DOMAIN)
                            .workflowId("x")
                            .workflowType(t -> t.name("No").version("1"))))
        .isInstanceOf(UnknownResourceException.class)
        .hasMessageContaining("WorkflowType=[name=No, version=1]");
    assertThatThrownBy(
            () ->
                f.swf.startWorkflowExecution(
                    r ->
                        r.domain("nodomain")
                            .workflowId("x")
                            .workflowType(t -> t.name("Wf").version("1"))))
        .isInstanceOf(UnknownResourceException.class)
        .hasMessageContaining("nodomain");
  }

  @Test
  void start_withoutWorkflowId_isValidationException_andRecordsNothing() {
    assertThatThrownBy(
            () ->
                f.swf.startWorkflowExecution(
                    r -> r.domain(Fixture.DOMAIN).workflowType(t -> t.name("Wf").version("1"))))
        .isExactlyInstanceOf(SwfException.class)
        .hasMessageContaining("workflowId");
    assertThat(
            f.swf
                .countOpenWorkflowExecutions(
                    r ->
                        r.domain(Fixture.DOMAIN)
                            .startTimeFilter(t -> t.oldestDate(java.time.Instant.EPOCH)))
                .count())
        .isZero();
  }

  @Test
  void fullRun_activityAndCompletion_recordsSwfHistory() {
    WorkflowExecution run = f.start("w1");
    PollForDecisionTaskResponse d1 = f.pollDecision();
    assertThat(d1.taskToken()).isNotNull();
    assertThat(d1.startedEventId()).isEqualTo(3);
    assertThat(d1.previousStartedEventId()).isZero();
    assertThat(d1.workflowExecution()).isEqualTo(run);
    assertThat(d1.workflowType().name()).isEqualTo("Wf");
    assertThat(Fixture.types(d1.events()))
        .containsExactly(
            WORKFLOW_EXECUTION_STARTED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED);
    assertThat(d1.events().get(2).decisionTaskStartedEventAttributes().identity())
        .isEqualTo("decider");
    assertThat(d1.events().get(2).decisionTaskStartedEventAttributes().scheduledEventId())
        .isEqualTo(2);
    f.decide(d1.taskToken(), Fixture.scheduleActivity("a1"));

    PollForActivityTaskResponse a = f.pollActivity();
    assertThat(a.activityId()).isEqualTo("a1");
    assertThat(a.input()).isEqualTo("x");
    assertThat(a.activityType().name()).isEqualTo("Act");
    assertThat(a.workflowExecution()).isEqualTo(run);
    assertThat(a.startedEventId()).isEqualTo(6);
    f.swf.respondActivityTaskCompleted(r -> r.taskToken(a.taskToken()).result("done"));

    PollForDecisionTaskResponse d2 = f.pollDecision();
    assertThat(d2.previousStartedEventId()).isEqualTo(3);
    assertThat(d2.startedEventId()).isEqualTo(9);
    f.decide(d2.taskToken(), Fixture.complete("result"));

    f.assertTypes(
        run,
        WORKFLOW_EXECUTION_STARTED,
        DECISION_TASK_SCHEDULED,
        DECISION_TASK_STARTED,
        DECISION_TASK_COMPLETED,
        ACTIVITY_TASK_SCHEDULED,
        ACTIVITY_TASK_STARTED,
        ACTIVITY_TASK_COMPLETED,
        DECISION_TASK_SCHEDULED,
        DECISION_TASK_STARTED,
        DECISION_TASK_COMPLETED,
        WORKFLOW_EXECUTION_COMPLETED);
    List<HistoryEvent> h = f.history(run);
    var completed = h.get(3).decisionTaskCompletedEventAttributes();
    assertThat(completed.scheduledEventId()).isEqualTo(2);
    assertThat(completed.startedEventId()).isEqualTo(3);
    var scheduled = h.get(4).activityTaskScheduledEventAttributes();
    assertThat(scheduled.decisionTaskCompletedEventId()).isEqualTo(4);
    assertThat(scheduled.activityId()).isEqualTo("a1");
    assertThat(scheduled.taskList().name()).isEqualTo(Fixture.ACTIVITIES);
    assertThat(scheduled.scheduleToStartTimeout()).isEqualTo("60");
    assertThat(scheduled.scheduleToCloseTimeout()).isEqualTo("600");
    assertThat(scheduled.startToCloseTimeout()).isEqualTo("300");
    assertThat(scheduled.heartbeatTimeout()).isEqualTo("NONE");
    assertThat(h.get(5).activityTaskStartedEventAttributes().scheduledEventId()).isEqualTo(5);
    assertThat(h.get(5).activityTaskStartedEventAttributes().identity()).isEqualTo("worker");
    var done = h.get(6).activityTaskCompletedEventAttributes();
    assertThat(done.result()).isEqualTo("done");
    assertThat(done.scheduledEventId()).isEqualTo(5);
    assertThat(done.startedEventId()).isEqualTo(6);
    assertThat(h.get(10).workflowExecutionCompletedEventAttributes().result()).isEqualTo("result");
    assertThat(h.get(10).workflowExecutionCompletedEventAttributes().decisionTaskCompletedEventId())
        .isEqualTo(10);

    DescribeWorkflowExecutionResponse desc =
        f.swf.describeWorkflowExecution(r -> r.domain(Fixture.DOMAIN).execution(run));
    assertThat(desc.executionInfo().executionStatusAsString()).isEqualTo("CLOSED");
    assertThat(desc.executionInfo().closeStatusAsString()).isEqualTo("COMPLETED");
    assertThat(desc.openCounts().openDecisionTasks()).isZero();
  }

  @Test
  void failDecision_closesAsFailed() {
    WorkflowExecution run = f.start("w1");
    f.decide(f.pollDecision().taskToken(), Fixture.fail("Boom"));
    HistoryEvent last = f.last(run);
    assertThat(last.eventType()).isEqualTo(WORKFLOW_EXECUTION_FAILED);
    assertThat(last.workflowExecutionFailedEventAttributes().reason()).isEqualTo("Boom");
    assertThat(last.workflowExecutionFailedEventAttributes().details()).isEqualTo("d");
    assertThat(
            f.swf
                .describeWorkflowExecution(r -> r.domain(Fixture.DOMAIN).execution(run))
                .executionInfo()
                .closeStatusAsString())
        .isEqualTo("FAILED");
  }

  @Test
  void signal_whileDecisionTaskStarted_schedulesNextDecisionTaskAfterCompletion() {
    WorkflowExecution run = f.start("w1");
    PollForDecisionTaskResponse d1 = f.pollDecision();
    f.swf.signalWorkflowExecution(
        r -> r.domain(Fixture.DOMAIN).workflowId("w1").signalName("go").input("s"));
    // one decision task at a time: nothing new is scheduled while d1 is started
    assertThat(f.types(run))
        .containsExactly(
            WORKFLOW_EXECUTION_STARTED,
            DECISION_TASK_SCHEDULED,
            DECISION_TASK_STARTED,
            WORKFLOW_EXECUTION_SIGNALED);
    assertThat(
            f.swf
                .countPendingDecisionTasks(
                    r -> r.domain(Fixture.DOMAIN).taskList(t -> t.name(Fixture.DECISIONS)))
                .count())
        .isZero();
    f.decide(d1.taskToken());
    f.assertTypes(
        run,
        WORKFLOW_EXECUTION_STARTED,
        DECISION_TASK_SCHEDULED,
        DECISION_TASK_STARTED,
        WORKFLOW_EXECUTION_SIGNALED,
        DECISION_TASK_COMPLETED,
        DECISION_TASK_SCHEDULED);
    HistoryEvent signaled = f.history(run).get(3);
    assertThat(signaled.workflowExecutionSignaledEventAttributes().signalName()).isEqualTo("go");
    assertThat(signaled.workflowExecutionSignaledEventAttributes().input()).isEqualTo("s");
    PollForDecisionTaskResponse d2 = f.pollDecision();
    assertThat(d2.taskToken()).isNotNull();
    assertThat(d2.previousStartedEventId()).isEqualTo(3);
  }

  @Test
  void signals_whileDecisionTaskScheduled_doNotScheduleAnother() {
    WorkflowExecution run = f.start("w1");
    f.swf.signalWorkflowExecution(r -> r.domain(Fixture.DOMAIN).workflowId("w1").signalName("a"));
    f.swf.signalWorkflowExecution(
        r -> r.domain(Fixture.DOMAIN).workflowId("w1").runId(run.runId()).signalName("b"));
    f.assertTypes(
        run,
        WORKFLOW_EXECUTION_STARTED,
        DECISION_TASK_SCHEDULED,
        WORKFLOW_EXECUTION_SIGNALED,
        WORKFLOW_EXECUTION_SIGNALED);
    PollForDecisionTaskResponse d = f.pollDecision();
    assertThat(d.events()).hasSize(5);
  }

  @Test
  void completeDecision_withUnseenEvents_failsWithUnhandledDecision_andSchedulesDecisionTask() {
    WorkflowExecution run = f.start("w1");
    PollForDecisionTaskResponse d1 = f.pollDecision();
    f.swf.signalWorkflowExecution(
        r -> r.domain(Fixture.DOMAIN).workflowId("w1").signalName("late"));
    f.decide(d1.taskToken(), Fixture.complete("r"));
    f.assertTypes(
        run,
        WORKFLOW_EXECUTION_STARTED,
        DECISION_TASK_SCHEDULED,
        DECISION_TASK_STARTED,
        WORKFLOW_EXECUTION_SIGNALED,
        DECISION_TASK_COMPLETED,
        COMPLETE_WORKFLOW_EXECUTION_FAILED,
        DECISION_TASK_SCHEDULED);
    var failed = f.history(run).get(5).completeWorkflowExecutionFailedEventAttributes();
    assertThat(failed.causeAsString()).isEqualTo("UNHANDLED_DECISION");
    assertThat(failed.decisionTaskCompletedEventId()).isEqualTo(5);
    f.decide(f.pollDecision().taskToken(), Fixture.complete("r"));
    assertThat(f.last(run).eventType()).isEqualTo(WORKFLOW_EXECUTION_COMPLETED);
  }

  @Test
  void respondDecision_withStaleToken_isUnknownResourceFault() {
    f.start("w1");
    PollForDecisionTaskResponse d1 = f.pollDecision();
    f.decide(d1.taskToken(), Fixture.startTimer("t", "100"));
    assertThatThrownBy(() -> f.decide(d1.taskToken(), Fixture.complete("r")))
        .isInstanceOf(UnknownResourceException.class);
    assertThatThrownBy(() -> f.decide("garbage", Fixture.complete("r")))
        .isInstanceOf(UnknownResourceException.class);
  }

  @Test
  void respondDecision_withInvalidDecision_isValidationException_andRecordsNothing() {
    WorkflowExecution run = f.start("w1");
    PollForDecisionTaskResponse d1 = f.pollDecision();
    var bad =
        software.amazon.awssdk.services.swf.model.Decision.builder()
            .decisionType("ScheduleActivityTask")
            .scheduleActivityTaskDecisionAttributes(
                a -> a.activityType(t -> t.name("Act").version("1")))
            .build();
    assertThatThrownBy(() -> f.decide(d1.taskToken(), Fixture.scheduleActivity("ok"), bad))
        .isExactlyInstanceOf(SwfException.class)
        .hasMessageContaining("decisions.2.activityId");
    assertThatThrownBy(
            () -> f.decide(d1.taskToken(), Fixture.complete("r"), Fixture.scheduleActivity("x")))
        .isExactlyInstanceOf(SwfException.class)
        .hasMessageContaining("must be the last decision");
    assertThat(f.types(run))
        .containsExactly(
            WORKFLOW_EXECUTION_STARTED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED);
    f.decide(d1.taskToken(), Fixture.complete("r")); // the task is still open
    assertThat(f.last(run).eventType()).isEqualTo(WORKFLOW_EXECUTION_COMPLETED);
  }

  @Test
  void requestCancel_recordsCancelRequested_andCancelDecisionCloses() {
    WorkflowExecution run = f.start("w1");
    f.decide(f.pollDecision().taskToken());
    f.swf.requestCancelWorkflowExecution(r -> r.domain(Fixture.DOMAIN).workflowId("w1"));
    assertThat(f.types(run)).endsWith(WORKFLOW_EXECUTION_CANCEL_REQUESTED, DECISION_TASK_SCHEDULED);
    assertThat(
            f.swf
                .describeWorkflowExecution(r -> r.domain(Fixture.DOMAIN).execution(run))
                .executionInfo()
                .cancelRequested())
        .isTrue();
    var cancel =
        software.amazon.awssdk.services.swf.model.Decision.builder()
            .decisionType("CancelWorkflowExecution")
            .cancelWorkflowExecutionDecisionAttributes(a -> a.details("bye"))
            .build();
    f.decide(f.pollDecision().taskToken(), cancel);
    HistoryEvent last = f.last(run);
    assertThat(last.eventType()).isEqualTo(WORKFLOW_EXECUTION_CANCELED);
    assertThat(last.workflowExecutionCanceledEventAttributes().details()).isEqualTo("bye");
  }

  @Test
  void terminate_closesAndInvalidatesTasks() {
    WorkflowExecution run = f.start("w1");
    PollForDecisionTaskResponse d1 = f.pollDecision();
    f.swf.terminateWorkflowExecution(
        r -> r.domain(Fixture.DOMAIN).workflowId("w1").reason("stop").details("why"));
    HistoryEvent last = f.last(run);
    assertThat(last.eventType()).isEqualTo(WORKFLOW_EXECUTION_TERMINATED);
    assertThat(last.workflowExecutionTerminatedEventAttributes().reason()).isEqualTo("stop");
    assertThat(last.workflowExecutionTerminatedEventAttributes().childPolicyAsString())
        .isEqualTo("TERMINATE");
    assertThatThrownBy(() -> f.decide(d1.taskToken())).isInstanceOf(UnknownResourceException.class);
    assertThatThrownBy(
            () ->
                f.swf.signalWorkflowExecution(
                    r -> r.domain(Fixture.DOMAIN).workflowId("w1").signalName("s")))
        .isInstanceOf(UnknownResourceException.class);
    assertThatThrownBy(
            () -> f.swf.terminateWorkflowExecution(r -> r.domain(Fixture.DOMAIN).workflowId("w1")))
        .isInstanceOf(UnknownResourceException.class);
  }

  @Test
  void markerAndTimerDecisions_recordTheirEvents() {
    WorkflowExecution run = f.start("w1");
    var marker =
        software.amazon.awssdk.services.swf.model.Decision.builder()
            .decisionType("RecordMarker")
            .recordMarkerDecisionAttributes(a -> a.markerName("m").details("v"))
            .build();
    var cancelTimer =
        software.amazon.awssdk.services.swf.model.Decision.builder()
            .decisionType("CancelTimer")
            .cancelTimerDecisionAttributes(a -> a.timerId("t1"))
            .build();
    f.decide(f.pollDecision().taskToken(), marker, Fixture.startTimer("t1", "60"), cancelTimer);
    List<HistoryEvent> h = f.history(run);
    assertThat(Fixture.types(h))
        .containsExactly(
            WORKFLOW_EXECUTION_STARTED,
            DECISION_TASK_SCHEDULED,
            DECISION_TASK_STARTED,
            DECISION_TASK_COMPLETED,
            MARKER_RECORDED,
            TIMER_STARTED,
            TIMER_CANCELED);
    assertThat(h.get(4).markerRecordedEventAttributes().details()).isEqualTo("v");
    assertThat(h.get(5).timerStartedEventAttributes().startToFireTimeout()).isEqualTo("60");
    assertThat(h.get(5).timerStartedEventAttributes().decisionTaskCompletedEventId()).isEqualTo(4);
    assertThat(h.get(6).timerCanceledEventAttributes().startedEventId()).isEqualTo(6);
    f.advance(java.time.Duration.ofSeconds(120));
    assertThat(f.types(run)).doesNotContain(TIMER_FIRED);
  }

  @Test
  void timerDecisions_thatCannotBeCarriedOut_recordFailedEvents() {
    WorkflowExecution run = f.start("w1");
    var cancelTimer =
        software.amazon.awssdk.services.swf.model.Decision.builder()
            .decisionType("CancelTimer")
            .cancelTimerDecisionAttributes(a -> a.timerId("nope"))
            .build();
    f.decide(
        f.pollDecision().taskToken(),
        Fixture.startTimer("t1", "60"),
        Fixture.startTimer("t1", "60"),
        cancelTimer);
    List<HistoryEvent> h = f.history(run);
    assertThat(Fixture.types(h))
        .containsExactly(
            WORKFLOW_EXECUTION_STARTED,
            DECISION_TASK_SCHEDULED,
            DECISION_TASK_STARTED,
            DECISION_TASK_COMPLETED,
            TIMER_STARTED,
            START_TIMER_FAILED,
            CANCEL_TIMER_FAILED,
            DECISION_TASK_SCHEDULED);
    assertThat(h.get(5).startTimerFailedEventAttributes().causeAsString())
        .isEqualTo("TIMER_ID_ALREADY_IN_USE");
    assertThat(h.get(6).cancelTimerFailedEventAttributes().causeAsString())
        .isEqualTo("TIMER_ID_UNKNOWN");
  }

  @Test
  void describeExecution_reportsOpenCountsAndConfiguration() {
    WorkflowExecution run = f.start("w1");
    f.decide(
        f.pollDecision().taskToken(), Fixture.scheduleActivity("a1"), Fixture.startTimer("t", "5"));
    DescribeWorkflowExecutionResponse d =
        f.swf.describeWorkflowExecution(r -> r.domain(Fixture.DOMAIN).execution(run));
    assertThat(d.executionInfo().executionStatusAsString()).isEqualTo("OPEN");
    assertThat(d.executionInfo().execution()).isEqualTo(run);
    assertThat(d.openCounts().openActivityTasks()).isEqualTo(1);
    assertThat(d.openCounts().openTimers()).isEqualTo(1);
    assertThat(d.openCounts().openDecisionTasks()).isZero();
    assertThat(d.executionConfiguration().taskList().name()).isEqualTo(Fixture.DECISIONS);
    assertThat(d.executionConfiguration().executionStartToCloseTimeout()).isEqualTo("3600");
    assertThat(d.latestActivityTaskTimestamp()).isNotNull();
    assertThatThrownBy(
            () ->
                f.swf.describeWorkflowExecution(
                    r -> r.domain(Fixture.DOMAIN).execution(e -> e.workflowId("w1").runId("nope"))))
        .isInstanceOf(UnknownResourceException.class);
  }

  @Test
  void history_reaching25000Events_terminatesTheRun_withEventLimitExceeded() {
    WorkflowExecution run = f.start("w1");
    for (int i = 0; i < 24_998; i++) {
      f.swf.signalWorkflowExecution(r -> r.domain(Fixture.DOMAIN).workflowId("w1").signalName("s"));
    }
    var last =
        f.swf
            .getWorkflowExecutionHistory(
                r -> r.domain(Fixture.DOMAIN).execution(run).reverseOrder(true).maximumPageSize(2))
            .events();
    assertThat(last.get(0).eventId()).isEqualTo(25_001L);
    assertThat(last.get(0).eventType()).isEqualTo(WORKFLOW_EXECUTION_TERMINATED);
    assertThat(last.get(0).workflowExecutionTerminatedEventAttributes().causeAsString())
        .isEqualTo("EVENT_LIMIT_EXCEEDED");
    assertThat(last.get(1).eventType()).isEqualTo(WORKFLOW_EXECUTION_SIGNALED);
  }

  @Test
  void start_withExecutionTimeoutNoneOrOverAYear_isValidationException() {
    assertThatThrownBy(
            () ->
                f.swf.startWorkflowExecution(
                    r ->
                        r.domain(Fixture.DOMAIN)
                            .workflowId("x")
                            .workflowType(t -> t.name("Wf").version("1"))
                            .executionStartToCloseTimeout("NONE")))
        .isExactlyInstanceOf(SwfException.class)
        .hasMessageContaining("executionStartToCloseTimeout");
    assertThatThrownBy(
            () ->
                f.swf.startWorkflowExecution(
                    r ->
                        r.domain(Fixture.DOMAIN)
                            .workflowId("x")
                            .workflowType(t -> t.name("Wf").version("1"))
                            .executionStartToCloseTimeout("31536001")))
        .isExactlyInstanceOf(SwfException.class)
        .hasMessageContaining("one year");
    assertThatThrownBy(
            () ->
                f.swf.startWorkflowExecution(
                    r ->
                        r.domain(Fixture.DOMAIN)
                            .workflowId("x")
                            .workflowType(t -> t.name("Wf").version("1"))
                            .input("x".repeat(32769))))
        .isExactlyInstanceOf(SwfException.class)
        .hasMessageContaining("input");
  }

  @Test
  void names_followSwfRules_idsRejectColons_signalAndMarkerNamesDoNot() {
    assertThatThrownBy(() -> f.start("parent:1"))
        .isExactlyInstanceOf(SwfException.class)
        .hasMessageContaining("workflowId")
        .hasMessageContaining("':'");
    WorkflowExecution run = f.start("w1");
    f.swf.signalWorkflowExecution(
        r -> r.domain(Fixture.DOMAIN).workflowId("w1").signalName("ns:signal/1"));
    var marker =
        software.amazon.awssdk.services.swf.model.Decision.builder()
            .decisionType("RecordMarker")
            .recordMarkerDecisionAttributes(a -> a.markerName("SideEffect:1"))
            .build();
    f.decide(f.pollDecision().taskToken(), marker);
    assertThat(f.types(run)).contains(WORKFLOW_EXECUTION_SIGNALED, MARKER_RECORDED);
  }
}
