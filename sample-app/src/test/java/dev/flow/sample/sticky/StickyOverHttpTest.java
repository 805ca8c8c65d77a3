package dev.flow.sample.sticky;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.FlowClient;
import dev.flow.Worker;
import dev.flow.engine.LocalEngine;
import dev.flow.sample.features.MailboxDefinition;
import dev.flow.sample.features.MailboxImpl;
import dev.flow.sample.features.MailboxWorkflowClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * A worker connected over HTTP (the AWS SDK's SWF client, the engine served on 127.0.0.1) closes
 * while an execution is parked on it: its long polls end with the connections it closes, the engine
 * withdraws them at once, so the execution's next decision task goes to its own task list and
 * another worker starts it, with no decision task timing out on the way.
 */
class StickyOverHttpTest {
  private final LocalEngine engine = LocalEngine.inMemory();
  private final LocalEngine.Server server =
      engine.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

  @AfterEach
  void close() {
    server.close();
    engine.close();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void workerClosed_itsParkedExecutionsNextDecision_isStartedByAnotherWorkerAtOnce()
      throws Exception {
    try (FlowClient starts = overHttp("starter");
        FlowClient firstClient = overHttp("first-worker");
        FlowClient secondClient = overHttp("second-worker")) {
      Worker first = worker(firstClient).start();
      MailboxWorkflowClient.Handle run = MailboxWorkflowClient.create(starts).start();
      awaitParkedOn(run, first.stickyTaskList());
      try (Worker second = worker(secondClient).start()) {
        Instant closing = Instant.now();
        first.close(); // its client stays open: only the worker's own polls end
        run.deliver("mail");
        assertThat(run.result(Duration.ofSeconds(45))).isEqualTo("got mail");

        List<HistoryEvent> events = run.untyped().history();
        assertThat(events).noneMatch(e -> e.eventType() == EventType.DECISION_TASK_TIMED_OUT);
        int signaled = indexOf(events, EventType.WORKFLOW_EXECUTION_SIGNALED, 0);
        HistoryEvent scheduled =
            events.get(indexOf(events, EventType.DECISION_TASK_SCHEDULED, signaled));
        assertThat(scheduled.decisionTaskScheduledEventAttributes().taskList().name())
            .as("the first worker's sticky list is deserted: the run's own list")
            .isEqualTo("features");
        HistoryEvent started =
            events.get(indexOf(events, EventType.DECISION_TASK_STARTED, signaled));
        assertThat(started.decisionTaskStartedEventAttributes().identity())
            .isEqualTo("second-worker");
        assertThat(started.decisionTaskStartedEventAttributes().scheduledEventId())
            .isEqualTo(scheduled.eventId());
        Duration closeToNextDecision = Duration.between(closing, started.eventTimestamp());
        System.out.println(
            "close to the next decision started: " + closeToNextDecision.toMillis() + " ms");
        // far below the sticky schedule-to-start (5 s) and start-to-close (30 s) timeouts
        assertThat(closeToNextDecision).isLessThan(Duration.ofSeconds(10));
      }
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void workerClosing_whereAClosedPollMayStillGetATask_letsItsPollsReturn_andAnswersWhatTheyBring()
      throws Exception {
    // An endpoint that does not say it is the Flow engine (as Amazon SWF, which may hand a task
    // to a poll whose connection closed): the closing worker keeps its polls in flight.
    try (SwfClient asIfSwf = sdkClientHidingTheServer();
        FlowClient starts = overHttp("starter");
        FlowClient firstClient =
            FlowClient.builder().swf(asIfSwf).domain("sticky-http").identity("first").build()) {
      Worker first =
          Worker.builder(firstClient)
              .workflow(MailboxDefinition.of(MailboxImpl::new))
              .stickyCacheSize(10)
              .shutdownGracePeriod(Duration.ofSeconds(2))
              .build()
              .start();
      MailboxWorkflowClient.Handle run = MailboxWorkflowClient.create(starts).start();
      awaitParkedOn(run, first.stickyTaskList());
      Thread closer = new Thread(first::close, "closing-worker");
      closer.start();
      while (closer.getState() != Thread.State.TIMED_WAITING && closer.isAlive()) {
        Thread.sleep(1); // until close() waits for the polls in flight to return
      }
      assertThat(closer.isAlive()).as("close() waits for the polls in flight").isTrue();
      run.deliver("mail");
      assertThat(run.result(Duration.ofSeconds(20))).isEqualTo("got mail");
      closer.join();

      List<HistoryEvent> events = run.untyped().history();
      assertThat(events).noneMatch(e -> e.eventType() == EventType.DECISION_TASK_TIMED_OUT);
      int signaled = indexOf(events, EventType.WORKFLOW_EXECUTION_SIGNALED, 0);
      HistoryEvent started = events.get(indexOf(events, EventType.DECISION_TASK_STARTED, signaled));
      assertThat(started.decisionTaskStartedEventAttributes().identity())
          .as("the closing worker's sticky poll brought the task, and it was answered")
          .isEqualTo("first");
    }
  }

  /** The SDK's client of {@code server}, its answers stripped of the engine's Server header. */
  private SwfClient sdkClientHidingTheServer() {
    ExecutionInterceptor hideServer =
        new ExecutionInterceptor() {
          @Override
          public SdkHttpResponse modifyHttpResponse(
              Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            return context.httpResponse().toBuilder().removeHeader("Server").build();
          }
        };
    return SwfClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("flow", "flow")))
        .overrideConfiguration(o -> o.addExecutionInterceptor(hideServer))
        .build();
  }

  private static Worker worker(FlowClient flow) {
    return Worker.builder(flow)
        .workflow(MailboxDefinition.of(MailboxImpl::new))
        .stickyCacheSize(10)
        .shutdownGracePeriod(Duration.ofSeconds(1))
        .build();
  }

  private FlowClient overHttp(String identity) {
    return FlowClient.builder()
        .engine(server.endpoint().toString())
        .domain("sticky-http")
        .identity(identity)
        .build();
  }

  /** Waits until the run's first decision task was answered, keeping it on {@code sticky}. */
  private static void awaitParkedOn(MailboxWorkflowClient.Handle run, String sticky)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      for (HistoryEvent e : run.untyped().history()) {
        if (e.eventType() == EventType.DECISION_TASK_COMPLETED) {
          assertThat(e.decisionTaskCompletedEventAttributes().taskList().name())
              .as("the run is parked on the first worker")
              .isEqualTo(sticky);
          return;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the run's first decision task was not answered in 20 s");
  }

  /** The index of the first event of {@code type} at or after {@code from}. */
  private static int indexOf(List<HistoryEvent> events, EventType type, int from) {
    for (int i = from; i < events.size(); i++) {
      if (events.get(i).eventType() == type) {
        return i;
      }
    }
    throw new AssertionError("no " + type + " from index " + from + " in " + events);
  }
}
