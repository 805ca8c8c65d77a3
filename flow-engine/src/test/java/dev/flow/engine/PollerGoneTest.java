package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.swf.model.EventType.DECISION_TASK_SCHEDULED;
import static software.amazon.awssdk.services.swf.model.EventType.DECISION_TASK_STARTED;
import static software.amazon.awssdk.services.swf.model.EventType.DECISION_TASK_TIMED_OUT;
import static software.amazon.awssdk.services.swf.model.EventType.WORKFLOW_EXECUTION_SIGNALED;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.ActivityTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.DecisionTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * A poller that goes away while the engine holds its long poll: over HTTP its connection closes (a
 * worker closing its client, or killed: its kernel closes its sockets), in process its thread is
 * interrupted. The engine withdraws the poll at once: it starts no task for it, and its task list
 * counts as left. A task already started for a poller found gone before the answer was written is
 * handed back: timed out at once, not at its start-to-close timeout.
 */
class PollerGoneTest {
  private static final String STICKY = "deciders-sticky-1";

  /** Long polls held up to 10 s: far longer than the tests take to see one withdrawn. */
  private final Fixture f = new Fixture(null, new ManualClock(), true, Duration.ofSeconds(10));

  private final LocalEngine.Server server =
      f.engine.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

  @AfterEach
  void close() {
    server.close();
    f.close();
  }

  @Test
  void pollOverHttp_whoseConnectionCloses_isWithdrawn_andTheTaskGoesToAnotherPoller()
      throws Exception {
    try (Socket gone = heldPoll(Fixture.DECISIONS)) {
      assertThat(f.engine.core().waitingPolls()).isEqualTo(1);
    } // closed: the worker's connection ends
    awaitTrue(() -> f.engine.core().waitingPolls() == 0, "the poll of the closed connection ends");

    WorkflowExecution run = f.start("w1");
    PollForDecisionTaskResponse task =
        f.swf.pollForDecisionTask(
            r ->
                r.domain(Fixture.DOMAIN)
                    .taskList(t -> t.name(Fixture.DECISIONS))
                    .identity("second"));
    assertThat(task.taskToken()).isNotNull();
    List<HistoryEvent> h = f.history(run);
    assertThat(Fixture.types(h)).filteredOn(DECISION_TASK_STARTED::equals).hasSize(1);
    assertThat(h.get(h.size() - 1).decisionTaskStartedEventAttributes().identity())
        .isEqualTo("second");
  }

  @Test
  void stickyPollOverHttp_whoseConnectionCloses_leavesTheList_theNextTaskGoesToTheRunsOwn()
      throws Exception {
    WorkflowExecution run = startKeptOnSticky();
    try (Socket gone = heldPoll(STICKY)) {
      assertThat(f.engine.core().waitingPolls()).isEqualTo(1);
    }
    awaitTrue(() -> f.engine.core().waitingPolls() == 0, "the poll of the closed connection ends");

    f.swf.signalWorkflowExecution(r -> r.domain(Fixture.DOMAIN).workflowId("w1").signalName("s"));
    List<HistoryEvent> h = f.history(run);
    assertThat(Fixture.types(h)).endsWith(WORKFLOW_EXECUTION_SIGNALED, DECISION_TASK_SCHEDULED);
    assertThat(h.get(h.size() - 1).decisionTaskScheduledEventAttributes().taskList().name())
        .isEqualTo(Fixture.DECISIONS);
  }

  @Test
  void pollerInterruptedBeforeTheTaskStarts_startsNothing_theTaskStaysQueued() throws Exception {
    WorkflowExecution run = f.start("w1");
    PollForDecisionTaskResponse[] taken = new PollForDecisionTaskResponse[1];
    Thread leaving =
        new Thread(
            () -> {
              Thread.currentThread().interrupt(); // its worker closed as the task came
              taken[0] = f.pollDecision();
            });
    leaving.start();
    leaving.join();
    assertThat(taken[0].taskToken()).isNull();
    assertThat(f.types(run)).doesNotContain(DECISION_TASK_STARTED);
    assertThat(f.pollDecision().taskToken()).isNotNull();
  }

  @Test
  void undeliveredDecisionTask_timesOutAtOnce_andTheNextGoesToTheRunsOwnList() {
    WorkflowExecution run = startKeptOnSticky();
    f.swf.signalWorkflowExecution(r -> r.domain(Fixture.DOMAIN).workflowId("w1").signalName("s"));
    PollForDecisionTaskResponse lost =
        f.swf.pollForDecisionTask(
            r ->
                r.domain(Fixture.DOMAIN)
                    .taskList(t -> t.name(STICKY))
                    .startAtPreviousStartedEvent(true));

    ((LocalSwfClient) f.engine.client()).undelivered(lost); // its connection had closed

    List<HistoryEvent> h = f.history(run);
    assertThat(Fixture.types(h))
        .endsWith(DECISION_TASK_STARTED, DECISION_TASK_TIMED_OUT, DECISION_TASK_SCHEDULED);
    HistoryEvent timedOut = h.get(h.size() - 2);
    assertThat(timedOut.decisionTaskTimedOutEventAttributes().timeoutType())
        .isEqualTo(DecisionTaskTimeoutType.START_TO_CLOSE);
    assertThat(timedOut.decisionTaskTimedOutEventAttributes().startedEventId())
        .isEqualTo(lost.startedEventId());
    assertThat(h.get(h.size() - 1).decisionTaskScheduledEventAttributes().taskList().name())
        .isEqualTo(Fixture.DECISIONS);
    f.decide(f.pollDecision().taskToken(), Fixture.startTimer("t", "100"));

    f.advance(Duration.ofSeconds(10)); // the start-to-close deadline of the lost task is gone
    assertThat(f.types(run)).filteredOn(DECISION_TASK_TIMED_OUT::equals).hasSize(1);
  }

  @Test
  void undeliveredActivityTask_timesOutAtOnce() {
    WorkflowExecution run = f.start("w1");
    f.decide(f.pollDecision().taskToken(), Fixture.scheduleActivity("a1"));
    PollForActivityTaskResponse lost = f.pollActivity();

    ((LocalSwfClient) f.engine.client()).undelivered(lost);

    List<HistoryEvent> h = f.history(run);
    HistoryEvent timedOut =
        h.stream()
            .filter(e -> e.eventType() == EventType.ACTIVITY_TASK_TIMED_OUT)
            .findFirst()
            .orElseThrow();
    assertThat(timedOut.activityTaskTimedOutEventAttributes().timeoutType())
        .isEqualTo(ActivityTaskTimeoutType.START_TO_CLOSE);
    assertThat(timedOut.activityTaskTimedOutEventAttributes().startedEventId())
        .isEqualTo(lost.startedEventId());
    assertThat(f.last(run).eventType()).isEqualTo(DECISION_TASK_SCHEDULED);
  }

  @Test
  void undeliveredAnswer_ofATaskAnsweredOrWithoutTask_changesNothing() {
    WorkflowExecution run = f.start("w1");
    PollForDecisionTaskResponse task = f.pollDecision();
    f.decide(task.taskToken(), Fixture.startTimer("t", "100"));
    List<EventType> before = f.types(run);

    LocalSwfClient client = (LocalSwfClient) f.engine.client();
    client.undelivered(task);
    client.undelivered(PollForDecisionTaskResponse.builder().startedEventId(0L).build());

    assertThat(f.types(run)).isEqualTo(before);
  }

  /**
   * Starts a run whose first decision task a decider answers keeping the run on {@link #STICKY}.
   */
  private WorkflowExecution startKeptOnSticky() {
    WorkflowExecution run = f.start("w1");
    f.swf.respondDecisionTaskCompleted(
        r ->
            r.taskToken(f.pollDecision().taskToken())
                .taskList(t -> t.name(STICKY))
                .taskListScheduleToStartTimeout("5"));
    return run;
  }

  /**
   * Sends a PollForDecisionTask on {@code taskList} over a connection of its own (as the SDK does)
   * and returns once the engine holds it.
   */
  private Socket heldPoll(String taskList) throws Exception {
    int before = f.engine.core().waitingPolls();
    Socket s = new Socket();
    s.connect(server.address(), 5000);
    String body =
        "{\"domain\":\""
            + Fixture.DOMAIN
            + "\",\"taskList\":{\"name\":\""
            + taskList
            + "\"},\"identity\":\"gone\"}";
    String request =
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
            + "X-Amz-Target: SimpleWorkflowService.PollForDecisionTask\r\nContent-Length: "
            + body.length()
            + "\r\n\r\n"
            + body;
    OutputStream out = s.getOutputStream();
    out.write(request.getBytes(StandardCharsets.UTF_8));
    out.flush();
    awaitTrue(() -> f.engine.core().waitingPolls() > before, "the engine holds the poll");
    return s;
  }

  private static void awaitTrue(BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 5 s: " + what);
      }
      Thread.sleep(5);
    }
  }
}
