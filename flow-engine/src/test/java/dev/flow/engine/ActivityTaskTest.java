package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.swf.model.EventType.*;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.ScheduleActivityTaskFailedCause;
import software.amazon.awssdk.services.swf.model.ScheduleLambdaFunctionFailedCause;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

@InBothModes
class ActivityTaskTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  private WorkflowExecution runWithActivity(String activityId) {
    WorkflowExecution run = f.start("w-" + activityId);
    f.decide(f.pollDecision().taskToken(), Fixture.scheduleActivity(activityId));
    return run;
  }

  @Test
  void failedActivity_recordsReasonAndDetails_andSchedulesDecision() {
    WorkflowExecution run = runWithActivity("a1");
    PollForActivityTaskResponse a = f.pollActivity();
    f.swf.respondActivityTaskFailed(
        r -> r.taskToken(a.taskToken()).reason("java.io.IOException").details("{\"m\":1}"));
    List<HistoryEvent> h = f.history(run);
    assertThat(Fixture.types(h))
        .endsWith(ACTIVITY_TASK_STARTED, ACTIVITY_TASK_FAILED, DECISION_TASK_SCHEDULED);
    var failed = h.get(6).activityTaskFailedEventAttributes();
    assertThat(failed.reason()).isEqualTo("java.io.IOException");
    assertThat(failed.details()).isEqualTo("{\"m\":1}");
    assertThat(failed.scheduledEventId()).isEqualTo(5);
    assertThat(failed.startedEventId()).isEqualTo(6);
  }

  @Test
  void respondTwice_isUnknownResourceFault() {
    runWithActivity("a1");
    PollForActivityTaskResponse a = f.pollActivity();
    f.swf.respondActivityTaskCompleted(r -> r.taskToken(a.taskToken()).result("1"));
    assertThatThrownBy(
            () -> f.swf.respondActivityTaskCompleted(r -> r.taskToken(a.taskToken()).result("2")))
        .isInstanceOf(UnknownResourceException.class);
    assertThatThrownBy(() -> f.swf.recordActivityTaskHeartbeat(r -> r.taskToken(a.taskToken())))
        .isInstanceOf(UnknownResourceException.class);
    assertThatThrownBy(() -> f.swf.respondActivityTaskFailed(r -> r.taskToken("bm9wZQ")))
        .isInstanceOf(UnknownResourceException.class);
  }

  @Test
  void heartbeat_recordsNoEvent_andReportsCancelRequested() {
    WorkflowExecution run = runWithActivity("a1");
    PollForActivityTaskResponse a = f.pollActivity();
    assertThat(
            f.swf
                .recordActivityTaskHeartbeat(r -> r.taskToken(a.taskToken()).details("10%"))
                .cancelRequested())
        .isFalse();
    int events = f.history(run).size();
    assertThat(events).isEqualTo(6);
    f.swf.signalWorkflowExecution(
        r -> r.domain(Fixture.DOMAIN).workflowId(run.workflowId()).signalName("s"));
    Decision cancel =
        Decision.builder()
            .decisionType("RequestCancelActivityTask")
            .requestCancelActivityTaskDecisionAttributes(x -> x.activityId("a1"))
            .build();
    f.decide(f.pollDecision().taskToken(), cancel);
    HistoryEvent requested = f.last(run);
    assertThat(requested.eventType()).isEqualTo(ACTIVITY_TASK_CANCEL_REQUESTED);
    assertThat(requested.activityTaskCancelRequestedEventAttributes().activityId()).isEqualTo("a1");
    assertThat(f.swf.recordActivityTaskHeartbeat(r -> r.taskToken(a.taskToken())).cancelRequested())
        .isTrue();
    f.swf.respondActivityTaskCanceled(r -> r.taskToken(a.taskToken()).details("undone"));
    List<HistoryEvent> h = f.history(run);
    HistoryEvent canceled = h.get(h.size() - 2);
    assertThat(canceled.eventType()).isEqualTo(ACTIVITY_TASK_CANCELED);
    assertThat(canceled.activityTaskCanceledEventAttributes().details()).isEqualTo("undone");
    assertThat(canceled.activityTaskCanceledEventAttributes().latestCancelRequestedEventId())
        .isEqualTo(requested.eventId());
    assertThat(h.get(h.size() - 1).eventType()).isEqualTo(DECISION_TASK_SCHEDULED);
  }

  @Test
  void requestCancel_ofScheduledActivity_cancelsItAtOnce() {
    WorkflowExecution run = f.start("w1");
    Decision cancel =
        Decision.builder()
            .decisionType("RequestCancelActivityTask")
            .requestCancelActivityTaskDecisionAttributes(x -> x.activityId("a1"))
            .build();
    f.decide(f.pollDecision().taskToken(), Fixture.scheduleActivity("a1"), cancel);
    assertThat(f.types(run))
        .endsWith(
            ACTIVITY_TASK_SCHEDULED,
            ACTIVITY_TASK_CANCEL_REQUESTED,
            ACTIVITY_TASK_CANCELED,
            DECISION_TASK_SCHEDULED);
    assertThat(f.pollActivity().taskToken()).isNull();
  }

  @Test
  void requestCancel_ofUnknownActivity_recordsFailure() {
    WorkflowExecution run = f.start("w1");
    Decision cancel =
        Decision.builder()
            .decisionType("RequestCancelActivityTask")
            .requestCancelActivityTaskDecisionAttributes(x -> x.activityId("zz"))
            .build();
    f.decide(f.pollDecision().taskToken(), cancel);
    List<HistoryEvent> h = f.history(run);
    assertThat(h.get(4).eventType()).isEqualTo(REQUEST_CANCEL_ACTIVITY_TASK_FAILED);
    assertThat(h.get(4).requestCancelActivityTaskFailedEventAttributes().causeAsString())
        .isEqualTo("ACTIVITY_ID_UNKNOWN");
  }

  private HistoryEvent scheduleFails(Decision decision) {
    WorkflowExecution run = f.start("w" + System.nanoTime());
    f.decide(f.pollDecision().taskToken(), decision);
    List<HistoryEvent> h = f.history(run);
    assertThat(Fixture.types(h)).endsWith(SCHEDULE_ACTIVITY_TASK_FAILED, DECISION_TASK_SCHEDULED);
    HistoryEvent e = h.get(h.size() - 2);
    assertThat(e.scheduleActivityTaskFailedEventAttributes().decisionTaskCompletedEventId())
        .isEqualTo(4);
    f.decide(f.pollDecision().taskToken(), Fixture.complete(null));
    return e;
  }

  private static Decision schedule(String type, String version, String activityId) {
    return Decision.builder()
        .decisionType("ScheduleActivityTask")
        .scheduleActivityTaskDecisionAttributes(
            a -> a.activityId(activityId).activityType(t -> t.name(type).version(version)))
        .build();
  }

  @Test
  void countPendingActivityTasks_countsScheduledTasks_untilAWorkerStartsThem() {
    f.start("counted");
    f.decide(
        f.pollDecision().taskToken(),
        Fixture.scheduleActivity("a1"),
        Fixture.scheduleActivity("a2"));

    assertThat(pendingActivities()).isEqualTo(2);
    f.pollActivity();
    assertThat(pendingActivities()).isEqualTo(1);
    assertThatThrownBy(
            () ->
                f.swf.countPendingActivityTasks(
                    r -> r.domain("no-such-domain").taskList(t -> t.name(Fixture.ACTIVITIES))))
        .isInstanceOf(UnknownResourceException.class);
  }

  private int pendingActivities() {
    return f.swf
        .countPendingActivityTasks(
            r -> r.domain(Fixture.DOMAIN).taskList(t -> t.name(Fixture.ACTIVITIES)))
        .count();
  }

  @Test
  void scheduleLambdaFunction_isRecordedAsFailed_asSwfDoesWhereLambdaIsNotAvailable() {
    WorkflowExecution run = f.start("lambda");
    f.decide(
        f.pollDecision().taskToken(),
        Decision.builder()
            .decisionType("ScheduleLambdaFunction")
            .scheduleLambdaFunctionDecisionAttributes(a -> a.id("l1").name("resize"))
            .build());

    List<HistoryEvent> h = f.history(run);
    assertThat(Fixture.types(h))
        .endsWith(EventType.SCHEDULE_LAMBDA_FUNCTION_FAILED, DECISION_TASK_SCHEDULED);
    HistoryEvent e = h.get(h.size() - 2);
    assertThat(e.scheduleLambdaFunctionFailedEventAttributes().id()).isEqualTo("l1");
    assertThat(e.scheduleLambdaFunctionFailedEventAttributes().name()).isEqualTo("resize");
    assertThat(e.scheduleLambdaFunctionFailedEventAttributes().cause())
        .isEqualTo(ScheduleLambdaFunctionFailedCause.LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION);
  }

  @Test
  void scheduleActivity_failures_recordSwfCauses() {
    assertThat(
            scheduleFails(schedule("Nope", "1", "a"))
                .scheduleActivityTaskFailedEventAttributes()
                .cause())
        .isEqualTo(ScheduleActivityTaskFailedCause.ACTIVITY_TYPE_DOES_NOT_EXIST);

    f.swf.registerActivityType(r -> r.domain(Fixture.DOMAIN).name("Bare").version("1"));
    assertThat(
            scheduleFails(schedule("Bare", "1", "a"))
                .scheduleActivityTaskFailedEventAttributes()
                .cause())
        .isEqualTo(ScheduleActivityTaskFailedCause.DEFAULT_TASK_LIST_UNDEFINED);
    Decision withList =
        Decision.builder()
            .decisionType("ScheduleActivityTask")
            .scheduleActivityTaskDecisionAttributes(
                a ->
                    a.activityId("a")
                        .activityType(t -> t.name("Bare").version("1"))
                        .taskList(t -> t.name("l")))
            .build();
    assertThat(scheduleFails(withList).scheduleActivityTaskFailedEventAttributes().cause())
        .isEqualTo(ScheduleActivityTaskFailedCause.DEFAULT_SCHEDULE_TO_CLOSE_TIMEOUT_UNDEFINED);
    Decision withS2c =
        Decision.builder()
            .decisionType("ScheduleActivityTask")
            .scheduleActivityTaskDecisionAttributes(
                a ->
                    a.activityId("a")
                        .activityType(t -> t.name("Bare").version("1"))
                        .taskList(t -> t.name("l"))
                        .scheduleToCloseTimeout("10"))
            .build();
    assertThat(scheduleFails(withS2c).scheduleActivityTaskFailedEventAttributes().cause())
        .isEqualTo(ScheduleActivityTaskFailedCause.DEFAULT_SCHEDULE_TO_START_TIMEOUT_UNDEFINED);
    Decision withS2s =
        Decision.builder()
            .decisionType("ScheduleActivityTask")
            .scheduleActivityTaskDecisionAttributes(
                a ->
                    a.activityId("a")
                        .activityType(t -> t.name("Bare").version("1"))
                        .taskList(t -> t.name("l"))
                        .scheduleToCloseTimeout("10")
                        .scheduleToStartTimeout("NONE"))
            .build();
    assertThat(scheduleFails(withS2s).scheduleActivityTaskFailedEventAttributes().cause())
        .isEqualTo(ScheduleActivityTaskFailedCause.DEFAULT_START_TO_CLOSE_TIMEOUT_UNDEFINED);
  }

  @Test
  void scheduleActivity_withIdInUse_recordsActivityIdAlreadyInUse() {
    WorkflowExecution run = f.start("w1");
    f.decide(
        f.pollDecision().taskToken(),
        Fixture.scheduleActivity("a1"),
        Fixture.scheduleActivity("a1"));
    List<HistoryEvent> h = f.history(run);
    assertThat(Fixture.types(h))
        .endsWith(ACTIVITY_TASK_SCHEDULED, SCHEDULE_ACTIVITY_TASK_FAILED, DECISION_TASK_SCHEDULED);
    assertThat(h.get(5).scheduleActivityTaskFailedEventAttributes().cause())
        .isEqualTo(ScheduleActivityTaskFailedCause.ACTIVITY_ID_ALREADY_IN_USE);
    assertThat(h.get(5).scheduleActivityTaskFailedEventAttributes().activityId()).isEqualTo("a1");
    // once the first is closed, the id is free again
    f.swf.respondActivityTaskCompleted(r -> r.taskToken(f.pollActivity().taskToken()));
    f.decide(f.pollDecision().taskToken(), Fixture.scheduleActivity("a1"));
    assertThat(f.last(run).eventType()).isEqualTo(ACTIVITY_TASK_SCHEDULED);
  }

  @Test
  void activityTasks_areDeliveredByPriorityThenOrder() {
    WorkflowExecution run = f.start("w1");
    Decision high =
        Decision.builder()
            .decisionType("ScheduleActivityTask")
            .scheduleActivityTaskDecisionAttributes(
                a ->
                    a.activityId("high")
                        .activityType(t -> t.name("Act").version("1"))
                        .taskPriority("10"))
            .build();
    f.decide(
        f.pollDecision().taskToken(),
        Fixture.scheduleActivity("first"),
        Fixture.scheduleActivity("second"),
        high);
    assertThat(f.pollActivity().activityId()).isEqualTo("high");
    assertThat(f.pollActivity().activityId()).isEqualTo("first");
    assertThat(f.pollActivity().activityId()).isEqualTo("second");
    assertThat(
            f.swf
                .describeWorkflowExecution(r -> r.domain(Fixture.DOMAIN).execution(run))
                .openCounts()
                .openActivityTasks())
        .isEqualTo(3);
  }

  @Test
  void closingTheExecution_invalidatesItsActivityTasks() {
    WorkflowExecution run = runWithActivity("a1");
    PollForActivityTaskResponse a = f.pollActivity();
    f.swf.terminateWorkflowExecution(r -> r.domain(Fixture.DOMAIN).workflowId(run.workflowId()));
    assertThatThrownBy(() -> f.swf.respondActivityTaskCompleted(r -> r.taskToken(a.taskToken())))
        .isInstanceOf(UnknownResourceException.class);
  }

  @Test
  void the1001stOpenActivity_failsWithOpenActivitiesLimitExceeded() {
    WorkflowExecution run = f.start("w1");
    List<Decision> decisions = new java.util.ArrayList<>();
    for (int i = 0; i <= Engine.MAX_OPEN_ACTIVITIES; i++) {
      decisions.add(Fixture.scheduleActivity("a" + i));
    }
    f.swf.respondDecisionTaskCompleted(
        r -> r.taskToken(f.pollDecision().taskToken()).decisions(decisions));
    List<HistoryEvent> h = f.history(run);
    assertThat(h.stream().filter(e -> e.eventType() == ACTIVITY_TASK_SCHEDULED)).hasSize(1000);
    assertThat(h.get(h.size() - 2).scheduleActivityTaskFailedEventAttributes().cause())
        .isEqualTo(ScheduleActivityTaskFailedCause.OPEN_ACTIVITIES_LIMIT_EXCEEDED);
  }
}
