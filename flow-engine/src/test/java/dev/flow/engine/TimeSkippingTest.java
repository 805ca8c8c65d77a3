package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.swf.model.EventType.*;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.ActivityTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/** Time skipping with raw SWF calls: the engine jumps to the next deadline only when idle. */
class TimeSkippingTest {
  private static final String DOMAIN = "test";
  private static final long DAY_SECONDS = TimeUnit.DAYS.toSeconds(1);

  private LocalEngine engine;
  private SwfClient swf;

  TimeSkippingTest() {
    use(LocalEngine.builder().timeSkipping(true).pollTimeout(Duration.ofSeconds(5)).build());
    register();
  }

  private void use(LocalEngine engine) {
    this.engine = engine;
    this.swf = engine.client();
  }

  private void register() {
    swf.registerDomain(r -> r.name(DOMAIN).workflowExecutionRetentionPeriodInDays("1"));
    swf.registerWorkflowType(
        r ->
            r.domain(DOMAIN)
                .name("Wf")
                .version("1")
                .defaultTaskList(t -> t.name(Fixture.DECISIONS))
                .defaultExecutionStartToCloseTimeout(Long.toString(30 * DAY_SECONDS))
                .defaultTaskStartToCloseTimeout("10")
                .defaultChildPolicy("TERMINATE"));
    swf.registerActivityType(
        r ->
            r.domain(DOMAIN)
                .name("Act")
                .version("1")
                .defaultTaskList(t -> t.name(Fixture.ACTIVITIES))
                .defaultTaskScheduleToStartTimeout("3600")
                .defaultTaskScheduleToCloseTimeout("7200")
                .defaultTaskStartToCloseTimeout("3600")
                .defaultTaskHeartbeatTimeout("NONE"));
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void timerOfOneDay_firesInUnderTwoSecondsOfRealTime() {
    WorkflowExecution run = start("w1");
    decide(pollDecision(), Fixture.startTimer("t", Long.toString(DAY_SECONDS)));

    long t0 = System.nanoTime();
    PollForDecisionTaskResponse next = pollDecision(); // waits: the engine is idle, time jumps
    long realMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

    assertThat(realMillis).isLessThan(2000);
    assertThat(next.taskToken()).isNotNull();
    List<HistoryEvent> h = history(run);
    assertThat(Fixture.types(h)).contains(TIMER_FIRED);
    assertThat(Duration.between(time(h, TIMER_STARTED), time(h, TIMER_FIRED)))
        .isGreaterThanOrEqualTo(Duration.ofDays(1))
        .isLessThan(Duration.ofDays(1).plusSeconds(10));
  }

  @Test
  void activityScheduleToStart_timesOutWhenNoWorkerPollsItsList() {
    WorkflowExecution run = start("w1");
    Decision onUnpolledList =
        Decision.builder()
            .decisionType("ScheduleActivityTask")
            .scheduleActivityTaskDecisionAttributes(
                a ->
                    a.activityId("a")
                        .activityType(t -> t.name("Act").version("1"))
                        .taskList(t -> t.name("nobody-polls-this")))
            .build();
    decide(pollDecision(), onUnpolledList);

    long t0 = System.nanoTime();
    pollDecision();
    long realMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

    assertThat(realMillis).isLessThan(2000);
    List<HistoryEvent> h = history(run);
    HistoryEvent timedOut =
        h.stream().filter(e -> e.eventType() == ACTIVITY_TASK_TIMED_OUT).findFirst().orElseThrow();
    assertThat(timedOut.activityTaskTimedOutEventAttributes().timeoutType())
        .isEqualTo(ActivityTaskTimeoutType.SCHEDULE_TO_START);
    assertThat(Duration.between(time(h, ACTIVITY_TASK_SCHEDULED), time(h, ACTIVITY_TASK_TIMED_OUT)))
        .isGreaterThanOrEqualTo(Duration.ofHours(1));
  }

  @Test
  void timeDoesNotJump_whileADecisionTaskIsOutstanding() throws Exception {
    WorkflowExecution run = start("w1");
    PollForDecisionTaskResponse task = pollDecision();
    // Another poller waits, and a 30-day execution timeout is armed: only the open task holds time.
    CompletableFuture<PollForActivityTaskResponse> waiting =
        CompletableFuture.supplyAsync(this::pollActivity);

    Thread.sleep(300);

    assertThat(Fixture.types(history(run))).doesNotContain(DECISION_TASK_TIMED_OUT);
    decide(task, Fixture.startTimer("t", Long.toString(DAY_SECONDS)));
    List<HistoryEvent> h = history(run);
    assertThat(Duration.between(time(h, DECISION_TASK_STARTED), time(h, DECISION_TASK_COMPLETED)))
        .isLessThan(Duration.ofSeconds(5));
    assertThat(waiting).isNotDone();

    pollDecision(); // now idle: the day passes
    assertThat(Fixture.types(history(run))).contains(TIMER_FIRED);
  }

  @Test
  void timeDoesNotJump_whileAnActivityRuns() throws Exception {
    WorkflowExecution run = start("w1");
    decide(pollDecision(), Fixture.scheduleActivity("a"));
    PollForActivityTaskResponse activity = pollActivity();
    CompletableFuture<PollForDecisionTaskResponse> decider =
        CompletableFuture.supplyAsync(this::pollDecision);

    Thread.sleep(300);

    assertThat(decider).isNotDone();
    swf.respondActivityTaskCompleted(r -> r.taskToken(activity.taskToken()).result("done"));
    assertThat(decider.get(5, TimeUnit.SECONDS).taskToken()).isNotNull();
    assertThat(Fixture.types(history(run)))
        .contains(ACTIVITY_TASK_COMPLETED)
        .doesNotContain(ACTIVITY_TASK_TIMED_OUT);
  }

  @Test
  void closedRuns_stayReadable_retentionIsNeverSkippedTo() throws Exception {
    WorkflowExecution closed = start("done");
    decide(pollDecision(), Fixture.complete("r"));
    WorkflowExecution sleeper = start("sleeper");
    decide(pollDecision(), Fixture.startTimer("t", Long.toString(2 * DAY_SECONDS)));

    pollDecision(); // two days pass, more than the domain's retention of one

    assertThat(Fixture.types(history(sleeper))).contains(TIMER_FIRED);
    assertThat(Fixture.types(history(closed))).endsWith(WORKFLOW_EXECUTION_COMPLETED);
  }

  @Test
  void skippedTime_isStored_soAReopenedEngineGoesOnFromIt(@TempDir Path dir) {
    Path file = dir.resolve("flow.db");
    Instant fired;
    engine.close();
    try (LocalEngine first = LocalEngine.builder().file(file).timeSkipping(true).build()) {
      use(first);
      register();
      WorkflowExecution run = start("w1");
      decide(pollDecision(), Fixture.startTimer("t", Long.toString(DAY_SECONDS)));
      decide(pollDecision(), Fixture.complete("done"));
      fired = time(history(run), TIMER_FIRED);
    }
    try (LocalEngine second = LocalEngine.builder().file(file).timeSkipping(true).build()) {
      SwfClient swf2 = second.client();
      String runId =
          swf2.startWorkflowExecution(
                  r ->
                      r.domain(DOMAIN)
                          .workflowId("w2")
                          .workflowType(t -> t.name("Wf").version("1")))
              .runId();
      List<HistoryEvent> h =
          swf2.getWorkflowExecutionHistory(
                  r -> r.domain(DOMAIN).execution(e -> e.workflowId("w2").runId(runId)))
              .events();
      assertThat(h.get(0).eventTimestamp()).isAfterOrEqualTo(fired);
    }
  }

  private WorkflowExecution start(String workflowId) {
    String runId =
        swf.startWorkflowExecution(
                r ->
                    r.domain(DOMAIN)
                        .workflowId(workflowId)
                        .workflowType(t -> t.name("Wf").version("1")))
            .runId();
    return WorkflowExecution.builder().workflowId(workflowId).runId(runId).build();
  }

  private PollForDecisionTaskResponse pollDecision() {
    return swf.pollForDecisionTask(
        r -> r.domain(DOMAIN).taskList(t -> t.name(Fixture.DECISIONS)).identity("decider"));
  }

  private PollForActivityTaskResponse pollActivity() {
    return swf.pollForActivityTask(
        r -> r.domain(DOMAIN).taskList(t -> t.name(Fixture.ACTIVITIES)).identity("worker"));
  }

  private void decide(PollForDecisionTaskResponse task, Decision... decisions) {
    assertThat(task.taskToken()).as("a decision task").isNotNull();
    swf.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken()).decisions(decisions));
  }

  private List<HistoryEvent> history(WorkflowExecution run) {
    return swf.getWorkflowExecutionHistory(r -> r.domain(DOMAIN).execution(run)).events();
  }

  private static Instant time(List<HistoryEvent> h, EventType type) {
    return h.stream()
        .filter(e -> e.eventType() == type)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in " + Fixture.types(h)))
        .eventTimestamp();
  }
}
