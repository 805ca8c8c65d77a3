package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.swf.model.EventType.*;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.ActivityTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowExecutionResponse;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.ExecutionStatus;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.SwfException;
import software.amazon.awssdk.services.swf.model.TypeAlreadyExistsException;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionAlreadyStartedException;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

/**
 * A whole workflow's life through the SWF API, in process and through the AWS SDK v2 client over
 * HTTP against the same engine: register, start, decide, run an activity, complete, then read it
 * back with history, describe, list and count. Faults and a timeout cross the wire too.
 */
@InBothModes
class WorkflowLifecycleContractTest {
  private static final String DOMAIN = "contract";

  private final ManualClock clock = new ManualClock();
  private final LocalEngine engine =
      LocalEngine.builder().clock(clock).pollTimeout(Duration.ofMillis(300)).build();
  private final SwfClient swf = SwfMode.client(engine);

  @AfterEach
  void close() {
    engine.close();
  }

  private void register() {
    swf.registerDomain(
        r -> r.name(DOMAIN).description("contract").workflowExecutionRetentionPeriodInDays("1"));
    swf.registerWorkflowType(
        r ->
            r.domain(DOMAIN)
                .name("Order")
                .version("1")
                .defaultTaskList(t -> t.name("deciders"))
                .defaultExecutionStartToCloseTimeout("3600")
                .defaultTaskStartToCloseTimeout("30")
                .defaultChildPolicy("TERMINATE"));
    swf.registerActivityType(
        r ->
            r.domain(DOMAIN)
                .name("Charge")
                .version("1")
                .defaultTaskList(t -> t.name("workers"))
                .defaultTaskScheduleToStartTimeout("60")
                .defaultTaskScheduleToCloseTimeout("600")
                .defaultTaskStartToCloseTimeout("300")
                .defaultTaskHeartbeatTimeout("NONE"));
  }

  private WorkflowExecution start(String workflowId) {
    String runId =
        swf.startWorkflowExecution(
                r ->
                    r.domain(DOMAIN)
                        .workflowId(workflowId)
                        .workflowType(t -> t.name("Order").version("1"))
                        .input("{\"order\":42}")
                        .tagList("vip"))
            .runId();
    return WorkflowExecution.builder().workflowId(workflowId).runId(runId).build();
  }

  private PollForDecisionTaskResponse pollDecision() {
    return swf.pollForDecisionTask(
        r -> r.domain(DOMAIN).taskList(t -> t.name("deciders")).identity("decider-1"));
  }

  private PollForActivityTaskResponse pollActivity() {
    return swf.pollForActivityTask(
        r -> r.domain(DOMAIN).taskList(t -> t.name("workers")).identity("worker-1"));
  }

  private static Decision schedule(String activityId) {
    return Decision.builder()
        .decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
        .scheduleActivityTaskDecisionAttributes(
            a ->
                a.activityId(activityId)
                    .activityType(t -> t.name("Charge").version("1"))
                    .input("[\"card\",12.5]"))
        .build();
  }

  private List<EventType> types(WorkflowExecution run) {
    return swf.getWorkflowExecutionHistory(r -> r.domain(DOMAIN).execution(run)).events().stream()
        .map(HistoryEvent::eventType)
        .toList();
  }

  @Test
  void workflow_runsFromStartToCompletion_andReadsBack() {
    register();
    WorkflowExecution run = start("order-42");

    PollForDecisionTaskResponse first = pollDecision();
    assertThat(first.taskToken()).isNotBlank();
    assertThat(first.workflowExecution()).isEqualTo(run);
    assertThat(first.workflowType().name()).isEqualTo("Order");
    assertThat(first.startedEventId()).isEqualTo(3L);
    assertThat(first.events().get(0).workflowExecutionStartedEventAttributes().input())
        .isEqualTo("{\"order\":42}");
    assertThat(first.events().get(0).eventTimestamp()).isEqualTo(clock.instant());
    swf.respondDecisionTaskCompleted(
        r -> r.taskToken(first.taskToken()).decisions(schedule("charge-1")).executionContext("c1"));

    PollForActivityTaskResponse task = pollActivity();
    assertThat(task.activityId()).isEqualTo("charge-1");
    assertThat(task.activityType().name()).isEqualTo("Charge");
    assertThat(task.input()).isEqualTo("[\"card\",12.5]");
    assertThat(task.workflowExecution()).isEqualTo(run);
    assertThat(
            swf.recordActivityTaskHeartbeat(r -> r.taskToken(task.taskToken()).details("half"))
                .cancelRequested())
        .isFalse();
    swf.respondActivityTaskCompleted(r -> r.taskToken(task.taskToken()).result("charged"));

    PollForDecisionTaskResponse second = pollDecision();
    assertThat(second.previousStartedEventId()).isEqualTo(3L);
    HistoryEvent completed =
        second.events().stream()
            .filter(e -> e.eventType() == ACTIVITY_TASK_COMPLETED)
            .findFirst()
            .orElseThrow();
    assertThat(completed.activityTaskCompletedEventAttributes().result()).isEqualTo("charged");
    swf.respondDecisionTaskCompleted(
        r ->
            r.taskToken(second.taskToken())
                .decisions(
                    Decision.builder()
                        .decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
                        .completeWorkflowExecutionDecisionAttributes(a -> a.result("shipped"))
                        .build()));

    assertThat(types(run))
        .containsExactly(
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
    List<HistoryEvent> reversed =
        swf.getWorkflowExecutionHistory(
                r -> r.domain(DOMAIN).execution(run).reverseOrder(true).maximumPageSize(1))
            .events();
    assertThat(reversed).hasSize(1);
    assertThat(reversed.get(0).workflowExecutionCompletedEventAttributes().result())
        .isEqualTo("shipped");

    DescribeWorkflowExecutionResponse described =
        swf.describeWorkflowExecution(r -> r.domain(DOMAIN).execution(run));
    assertThat(described.executionInfo().executionStatus()).isEqualTo(ExecutionStatus.CLOSED);
    assertThat(described.executionInfo().closeStatusAsString()).isEqualTo("COMPLETED");
    assertThat(described.executionInfo().tagList()).containsExactly("vip");
    assertThat(described.latestExecutionContext()).isEqualTo("c1");
    assertThat(described.executionConfiguration().taskList().name()).isEqualTo("deciders");

    List<WorkflowExecutionInfo> closed =
        swf.listClosedWorkflowExecutions(
                r ->
                    r.domain(DOMAIN)
                        .startTimeFilter(f -> f.oldestDate(clock.instant().minusSeconds(60))))
            .executionInfos();
    assertThat(closed).extracting(WorkflowExecutionInfo::execution).containsExactly(run);
    assertThat(
            swf.countOpenWorkflowExecutions(
                    r ->
                        r.domain(DOMAIN)
                            .startTimeFilter(f -> f.oldestDate(clock.instant().minusSeconds(60))))
                .count())
        .isZero();
    assertThat(swf.describeDomain(r -> r.name(DOMAIN)).domainInfo().description())
        .isEqualTo("contract");
    assertThat(
            swf.listActivityTypes(r -> r.domain(DOMAIN).registrationStatus("REGISTERED"))
                .typeInfos())
        .extracting(i -> i.activityType().name())
        .containsExactly("Charge");
  }

  @Test
  void client_isTheModesClient() {
    if (SwfMode.current() == SwfMode.OVER_HTTP) {
      assertThat(swf).isNotInstanceOf(LocalSwfClient.class);
      assertThat(swf.serviceName()).isEqualTo("swf");
    } else {
      assertThat(swf).isSameAs(engine.client());
    }
  }

  @Test
  void emptyLongPoll_isATaskWithoutToken() {
    register();
    assertThat(pollDecision().taskToken()).isNull();
    assertThat(pollActivity().taskToken()).isNull();
  }

  @Test
  void faults_arriveAsTheSdkExceptionsSwfWouldGive() {
    assertThatThrownBy(() -> swf.describeDomain(r -> r.name("nowhere")))
        .isInstanceOf(UnknownResourceException.class)
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("UnknownResourceFault"));
    register();
    assertThatThrownBy(
            () -> swf.registerActivityType(r -> r.domain(DOMAIN).name("Charge").version("1")))
        .isInstanceOf(TypeAlreadyExistsException.class)
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("TypeAlreadyExistsFault"));
    start("order-1");
    assertThatThrownBy(() -> start("order-1"))
        .isInstanceOf(WorkflowExecutionAlreadyStartedException.class)
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("WorkflowExecutionAlreadyStartedFault"));
    assertThatThrownBy(() -> swf.respondActivityTaskCompleted(r -> r.taskToken("forged")))
        .isInstanceOf(SwfException.class);
  }

  @Test
  void activityScheduleToStartTimeout_isRecordedAndReachesTheDecider() {
    register();
    WorkflowExecution run = start("order-7");
    PollForDecisionTaskResponse d = pollDecision();
    swf.respondDecisionTaskCompleted(r -> r.taskToken(d.taskToken()).decisions(schedule("a1")));

    clock.advance(Duration.ofSeconds(61));
    engine.tick();

    PollForDecisionTaskResponse next = pollDecision();
    HistoryEvent timedOut =
        next.events().stream()
            .filter(e -> e.eventType() == ACTIVITY_TASK_TIMED_OUT)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no timeout in " + types(run)));
    assertThat(timedOut.activityTaskTimedOutEventAttributes().timeoutType())
        .isEqualTo(ActivityTaskTimeoutType.SCHEDULE_TO_START);
  }

  private static String errorCode(Throwable e) {
    return ((SwfException) e).awsErrorDetails().errorCode();
  }
}
