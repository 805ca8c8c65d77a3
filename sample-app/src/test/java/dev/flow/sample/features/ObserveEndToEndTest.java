package dev.flow.sample.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.testing.FlowExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

/**
 * What an operator sees of a worker: its log lines (through SLF4J, here bound to java.util.logging)
 * carry the execution's ids, workflow code logs once per line however often it is replayed, and the
 * worker's meters count a known workload.
 */
class ObserveEndToEndTest {
  static final MeterRegistry registry = new SimpleMeterRegistry();

  @RegisterExtension
  static FlowExtension flow =
      FlowExtension.builder()
          .manifest(new FlowManifest())
          .workerOptions(w -> w.meterRegistry(registry))
          .build();

  /** Every record under dev.flow, with the MDC of the thread that logged it. */
  record Logged(String logger, String message, Map<String, String> mdc) {}

  private final Logger flowLogger = Logger.getLogger("dev.flow");
  private final List<Logged> logged = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          Map<String, String> mdc = MDC.getCopyOfContextMap();
          logged.add(new Logged(r.getLoggerName(), r.getMessage(), mdc == null ? Map.of() : mdc));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void capture() {
    flowLogger.addHandler(capture);
    flowLogger.setLevel(Level.INFO);
  }

  @AfterEach
  void release() {
    flowLogger.removeHandler(capture);
    StepsImpl.reset();
  }

  @Test
  void failingActivity_logLineCarriesItsWorkflowAndRunId() {
    RetryingWorkflowClient.Handle a = RetryingWorkflowClient.create(flow.client()).start("a", 1);
    RetryingWorkflowClient.Handle b = RetryingWorkflowClient.create(flow.client()).start("b", 1);
    a.result();
    b.result();

    for (RetryingWorkflowClient.Handle run : List.of(a, b)) {
      List<Logged> failures =
          logged.stream()
              .filter(l -> l.message().contains("Steps.flaky") && l.message().contains("failed"))
              .filter(l -> l.message().contains(run.runId()))
              .toList();
      assertThat(failures).hasSize(1);
      Logged line = failures.get(0);
      assertThat(line.message())
          .contains("workflow " + run.workflowId() + " (run " + run.runId() + ")")
          .contains("attempt 1 of");
      assertThat(line.mdc())
          .containsEntry("flow.workflowId", run.workflowId())
          .containsEntry("flow.runId", run.runId())
          .containsEntry("flow.taskList", "feature-steps")
          .containsEntry("flow.attempt", "1")
          .containsKey("flow.activityId");
    }
  }

  @Test
  void workflowLogger_logsEachLineOnce_thoughTheCodeIsReplayed() {
    ChattyWorkflowClient.Handle run =
        ChattyWorkflowClient.create(flow.client()).start(List.of("one", "two", "three"));
    assertThat(run.result()).isEqualTo("onetwothree");

    List<Logged> said = logged.stream().filter(l -> l.message().startsWith("chatty says")).toList();
    // Four decision tasks; without the replay guard a run with sticky execution off logs
    // "one" four times, "two" three times.
    assertThat(said)
        .extracting(Logged::message)
        .containsExactly("chatty says one", "chatty says two", "chatty says three");
    assertThat(said)
        .allSatisfy(
            l ->
                assertThat(l.mdc())
                    .containsEntry("flow.workflowId", run.workflowId())
                    .containsEntry("flow.runId", run.runId()));
    assertThat(said).extracting(Logged::logger).containsOnly(ChattyImpl.class.getName());
  }

  @Test
  void workerMetrics_countAKnownWorkload() {
    double failedBefore = activities("failed");
    double completedBefore = activities("completed");
    double answeredBefore = decisions("answered");
    double hitsBefore = sticky("hit");
    double missesBefore = sticky("miss");

    // Steps.flaky fails twice, then completes: 3 activity tasks; the workflow decides at its
    // start, after each failure (a retry timer), after each timer and at the completion.
    RetryingWorkflowClient.Handle run = RetryingWorkflowClient.create(flow.client()).start("m", 2);
    assertThat(run.result()).isEqualTo("ok:m@3");

    // a worker counts a task once it has answered it, just after the client may see the result
    awaitAtLeast(() -> decisions("answered") - answeredBefore, 6);
    awaitAtLeast(() -> activities("completed") - completedBefore, 1);
    assertThat(activities("failed") - failedBefore).isEqualTo(2);
    assertThat(activities("completed") - completedBefore).isEqualTo(1);
    double answered = decisions("answered") - answeredBefore;
    assertThat(answered).isEqualTo(6);
    // every answered decision task was either a sticky hit or a miss (a replay from the start)
    double hits = sticky("hit") - hitsBefore;
    double misses = sticky("miss") - missesBefore;
    if (Integer.getInteger("flow.worker.stickyCacheSize", 1000) == 0) {
      assertThat(hits + misses).isZero();
    } else {
      assertThat(hits + misses).isEqualTo(answered);
      assertThat(misses).isGreaterThanOrEqualTo(1); // the first decision task
    }
    assertThat(
            registry
                .get("flow.worker.events.replayed")
                .tag("workflowType", "Retrying")
                .counter()
                .count())
        .isGreaterThan(0);
    assertThat(
            registry
                .get("flow.worker.decision.task")
                .tag("outcome", "answered")
                .timer()
                .totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
        .isGreaterThan(0);
    assertThat(Search.in(registry).name("flow.worker.poll.errors").counters()).isEmpty();
    assertThat(registry.get("flow.worker.throttled").counter().count()).isZero();
  }

  private static void awaitAtLeast(java.util.function.DoubleSupplier value, double expected) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (value.getAsDouble() < expected && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  private static double activities(String outcome) {
    var timer =
        Search.in(registry)
            .name("flow.worker.activity")
            .tags("activityType", "Steps.flaky", "outcome", outcome)
            .timer();
    return timer == null ? 0 : timer.count();
  }

  private static double decisions(String outcome) {
    var timer =
        Search.in(registry)
            .name("flow.worker.decision.task")
            .tags("workflowType", "Retrying", "outcome", outcome)
            .timer();
    return timer == null ? 0 : timer.count();
  }

  private static double sticky(String result) {
    var counter = Search.in(registry).name("flow.worker.sticky").tag("result", result).counter();
    return counter == null ? 0 : counter.count();
  }
}
