package dev.flow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flow.FlowClient;
import dev.flow.Worker;
import dev.flow.cli.e2e.ChangingDefinition;
import dev.flow.cli.e2e.ChangingImpl;
import dev.flow.cli.e2e.CountedDispatcher;
import dev.flow.cli.e2e.CountedImpl;
import dev.flow.cli.e2e.CountedStub;
import dev.flow.cli.e2e.TenStepsDefinition;
import dev.flow.cli.e2e.TenStepsImpl;
import dev.flow.engine.LocalEngine;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code flow resume} and a blocked decider seen through {@code flow describe} and {@code flow list
 * --blocked}, end to end: an in-memory engine served over HTTP to the command line, and workers
 * started and stopped as deployments would.
 */
class ResumeAndBlockedTest {
  static final ObjectMapper JSON = new ObjectMapper();

  LocalEngine engine;
  LocalEngine.Server server;
  FlowClient flow;
  CountedImpl counted;
  Cli cli;

  @BeforeEach
  void open() {
    // Real time: with time skipping the waiting execution's own timeout would come first.
    engine = LocalEngine.inMemory();
    server = engine.serve(new InetSocketAddress("127.0.0.1", 0));
    flow = FlowClient.create(engine.client(), "cli-e2e");
    counted = new CountedImpl();
    cli = new Cli(server.endpoint().toString(), "cli-e2e");
    ChangingImpl.version = 1;
  }

  @AfterEach
  void close() {
    flow.close();
    server.close();
    engine.close();
  }

  Worker worker() {
    return Worker.builder(flow)
        .workflow(TenStepsDefinition.of(() -> new TenStepsImpl(new CountedStub())))
        .workflow(ChangingDefinition.of(() -> new ChangingImpl(new CountedStub())))
        .activities(new CountedDispatcher(counted))
        .build()
        .start();
  }

  @Test
  void resume_ofATenStepRunThatFailedAtStep7_runsSteps7To10Only() throws Exception {
    try (Worker w = worker()) {
      counted.failAt = 7;
      Cli.Run failed = cli.run("start", "TenSteps", "--id", "ten", "--wait");
      assertThat(failed.status()).as(failed.toString()).isEqualTo(1);
      assertThat(failed.err()).contains("FAILED");
      for (int i = 1; i <= 7; i++) {
        assertThat(counted.calls(i)).as("step " + i).isEqualTo(1);
      }
      assertThat(counted.calls(8)).isZero();

      counted.failAt = 0;
      Cli.Run resumed = cli.run("resume", "ten", "--wait", "--json");
      assertThat(resumed.status()).as(resumed.toString()).isZero();
      JsonNode result = JSON.readTree(resumed.out());
      assertThat(result.path("status").asText()).isEqualTo("COMPLETED");
      assertThat(result.path("result").asInt()).isEqualTo(55);
      for (int i = 1; i <= 6; i++) {
        assertThat(counted.calls(i)).as("step " + i + " ran once, in the failed run").isEqualTo(1);
      }
      for (int i = 7; i <= 10; i++) {
        assertThat(counted.calls(i)).as("step " + i).isEqualTo(i == 7 ? 2 : 1);
      }
      Cli.Run history = cli.run("history", "ten");
      assertThat(history.out()).contains("reused result of Counted.step-1");
      JsonNode runs = JSON.readTree(cli.run("list", "--id", "ten", "--closed", "--json").out());
      assertThat(runs.path("executions"))
          .extracting(e -> e.path("status").asText())
          .containsExactly("COMPLETED", "FAILED");

      Cli.Run again = cli.run("resume", "ten");
      assertThat(again.status()).isEqualTo(1);
      assertThat(again.err())
          .contains(
              "is COMPLETED: only a failed, timed-out, terminated or"
                  + " canceled execution can be resumed");
    }
  }

  @Test
  void nonDeterministicChange_showsAsBlocked_andCompletesOnceFixed() throws Exception {
    try (Worker v1 = worker()) {
      Cli.Run started = cli.run("start", "Changing", "--id", "changing");
      assertThat(started.status()).as(started.toString()).isZero();
      waitFor(
          () ->
              counted.calls(1) == 1
                  && cli.run("describe", "changing", "--json")
                      .out()
                      .contains("\"decisionTask\" : null"));
    }
    ChangingImpl.version = 2; // deployed: a change that does not replay the recorded history
    try (Worker v2 = worker()) {
      assertThat(cli.run("signal", "changing", "go").status()).isZero();
      waitFor(() -> cli.run("describe", "changing").out().contains("decider BLOCKED"));
      Cli.Run described = cli.run("describe", "changing");
      assertThat(described.out())
          .contains("status        OPEN, decider BLOCKED")
          .contains("decider       BLOCKED (non-determinism)")
          .contains("Counted.other");
      JsonNode blocked =
          JSON.readTree(cli.run("describe", "changing", "--json").out()).path("blocked");
      assertThat(blocked.path("reason").asText()).isEqualTo("non-determinism");
      assertThat(blocked.path("where").asText()).contains("ChangingImpl.run(ChangingImpl.java:");
      assertThat(cli.run("list", "--blocked").out())
          .contains("changing")
          .contains("BLOCKED (non-determinism)");
      // the worker answered (a marker and a backoff timer) instead of letting its task time out;
      // a SCHEDULE_TO_START timeout is the sticky task list of the stopped v1 worker
      assertThat(cli.run("history", "changing").out())
          .contains("blocked decider: retry in 5.0 s")
          .doesNotContain("timeoutType=START_TO_CLOSE");
    }
    ChangingImpl.version = 1; // the fix
    try (Worker fixed = worker()) {
      // any event brings a decision task at once (else the blocked decider's backoff timer does)
      assertThat(cli.run("signal", "changing", "go").status()).isZero();
      Cli.Run result = cli.run("result", "changing", "--wait");
      assertThat(result.status()).as(result.toString()).isZero();
      assertThat(result.out().strip()).isEqualTo("3");
    }
    assertThat(cli.run("describe", "changing").out()).doesNotContain("BLOCKED");
  }

  private static void waitFor(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waited 60 s").isBefore(deadline);
      Thread.sleep(50);
    }
  }
}
