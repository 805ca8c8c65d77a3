package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/** An engine on a manual clock with a domain, a workflow type and an activity type registered. */
final class Fixture implements AutoCloseable {
  static final String DOMAIN = "test";
  static final String DECISIONS = "deciders";
  static final String ACTIVITIES = "workers";

  final ManualClock clock;
  final LocalEngine engine;
  final SwfClient swf;

  Fixture() {
    this(null, new ManualClock(), true);
  }

  Fixture(Path file, ManualClock clock, boolean register) {
    this(file, clock, register, Duration.ofMillis(300));
  }

  /** An engine whose long polls wait up to {@code pollTimeout} (300 ms in the others). */
  Fixture(Path file, ManualClock clock, boolean register, Duration pollTimeout) {
    this.clock = clock;
    LocalEngine.Builder b = LocalEngine.builder().clock(clock).pollTimeout(pollTimeout);
    if (file != null) {
      b.file(file);
    }
    this.engine = b.build();
    this.swf = SwfMode.client(engine);
    if (register) {
      register();
    }
  }

  void register() {
    registerWith(swf);
  }

  /** Registers the domain, the workflow type and the activity type through {@code swf}. */
  static void registerWith(SwfClient swf) {
    swf.registerDomain(r -> r.name(DOMAIN).workflowExecutionRetentionPeriodInDays("1"));
    swf.registerWorkflowType(
        r ->
            r.domain(DOMAIN)
                .name("Wf")
                .version("1")
                .defaultTaskList(t -> t.name(DECISIONS))
                .defaultExecutionStartToCloseTimeout("3600")
                .defaultTaskStartToCloseTimeout("10")
                .defaultChildPolicy("TERMINATE"));
    swf.registerActivityType(
        r ->
            r.domain(DOMAIN)
                .name("Act")
                .version("1")
                .defaultTaskList(t -> t.name(ACTIVITIES))
                .defaultTaskScheduleToStartTimeout("60")
                .defaultTaskScheduleToCloseTimeout("600")
                .defaultTaskStartToCloseTimeout("300")
                .defaultTaskHeartbeatTimeout("NONE"));
  }

  WorkflowExecution start(String workflowId) {
    String runId =
        swf.startWorkflowExecution(
                r ->
                    r.domain(DOMAIN)
                        .workflowId(workflowId)
                        .workflowType(t -> t.name("Wf").version("1"))
                        .input("in"))
            .runId();
    return WorkflowExecution.builder().workflowId(workflowId).runId(runId).build();
  }

  PollForDecisionTaskResponse pollDecision() {
    return swf.pollForDecisionTask(
        r -> r.domain(DOMAIN).taskList(t -> t.name(DECISIONS)).identity("decider"));
  }

  PollForActivityTaskResponse pollActivity() {
    return swf.pollForActivityTask(
        r -> r.domain(DOMAIN).taskList(t -> t.name(ACTIVITIES)).identity("worker"));
  }

  void decide(String token, Decision... decisions) {
    swf.respondDecisionTaskCompleted(r -> r.taskToken(token).decisions(decisions));
  }

  static Decision scheduleActivity(String activityId) {
    return Decision.builder()
        .decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
        .scheduleActivityTaskDecisionAttributes(
            a -> a.activityId(activityId).activityType(t -> t.name("Act").version("1")).input("x"))
        .build();
  }

  static Decision startTimer(String timerId, String seconds) {
    return Decision.builder()
        .decisionType(DecisionType.START_TIMER)
        .startTimerDecisionAttributes(a -> a.timerId(timerId).startToFireTimeout(seconds))
        .build();
  }

  static Decision complete(String result) {
    return Decision.builder()
        .decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
        .completeWorkflowExecutionDecisionAttributes(a -> a.result(result))
        .build();
  }

  static Decision fail(String reason) {
    return Decision.builder()
        .decisionType(DecisionType.FAIL_WORKFLOW_EXECUTION)
        .failWorkflowExecutionDecisionAttributes(a -> a.reason(reason).details("d"))
        .build();
  }

  /** The whole history, through the SDK's paginator (so every page). */
  List<HistoryEvent> history(WorkflowExecution execution) {
    List<HistoryEvent> all = new java.util.ArrayList<>();
    swf.getWorkflowExecutionHistoryPaginator(r -> r.domain(DOMAIN).execution(execution))
        .events()
        .forEach(all::add);
    return all;
  }

  List<EventType> types(WorkflowExecution execution) {
    return types(history(execution));
  }

  static List<EventType> types(List<HistoryEvent> events) {
    return events.stream().map(HistoryEvent::eventType).collect(Collectors.toList());
  }

  HistoryEvent last(WorkflowExecution execution) {
    List<HistoryEvent> h = history(execution);
    return h.get(h.size() - 1);
  }

  /** Moves the clock and fires what is due. */
  void advance(Duration d) {
    clock.advance(d);
    engine.tick();
  }

  void assertTypes(WorkflowExecution execution, EventType... expected) {
    List<HistoryEvent> events = history(execution);
    assertThat(types(events)).containsExactly(expected);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).eventId()).isEqualTo(i + 1L);
    }
  }

  static List<EventType> list(EventType... types) {
    return Arrays.asList(types);
  }

  @Override
  public void close() {
    engine.close();
  }
}
