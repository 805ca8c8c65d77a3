package dev.flow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flow.FlowClient;
import dev.flow.cli.e2e.StepsDispatcher;
import dev.flow.cli.e2e.StepsImpl;
import dev.flow.cli.e2e.StepsStub;
import dev.flow.cli.e2e.TimedDefinition;
import dev.flow.cli.e2e.TimedImpl;
import dev.flow.cli.e2e.TimedWorkflowClient;
import dev.flow.engine.LocalEngine;
import dev.flow.testing.FlowExtension;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code flow stats} gives the durations a workflow is known to take, under time skipping. */
class StatsTimeSkippingTest {
  @RegisterExtension
  static FlowExtension flow =
      FlowExtension.builder()
          .domain("timed")
          .workflows(TimedDefinition.of(() -> new TimedImpl(new StepsStub())))
          .activities(new StepsDispatcher(new StepsImpl()))
          .build();

  @Test
  void stats_giveTheSleepAndTheRetryBackoff(FlowClient client, LocalEngine engine)
      throws Exception {
    TimedWorkflowClient.Handle run = TimedWorkflowClient.create(client).start("a");
    assertThat(run.result()).isEqualTo("a done");

    try (LocalEngine.Server server = engine.serve(new InetSocketAddress("127.0.0.1", 0))) {
      Cli cli = new Cli(server.endpoint().toString(), "timed");
      Cli.Run run1 = cli.run("stats", run.workflowId(), "--json");
      assertThat(run1.status()).as(run1.toString()).isZero();
      JsonNode stats = new ObjectMapper().readTree(run1.out());

      // Workflow.sleep(30 s), then Steps.flaky fails, waits its 10 s backoff and succeeds.
      JsonNode flaky = stats.path("activityTypes").get(0);
      assertThat(flaky.path("type").asText()).isEqualTo("Steps.flaky");
      assertThat(flaky.path("calls").asInt()).isEqualTo(1);
      assertThat(flaky.path("attempts").asInt()).isEqualTo(2);
      assertThat(flaky.path("failures").asInt()).isEqualTo(1);
      // The skipping clock lands a little past each deadline (more on a loaded machine): 30 s + 10
      // s.
      assertThat(stats.path("waiting").path("timersMs").asLong()).isBetween(40_000L, 41_000L);
      assertThat(stats.path("criticalPath"))
          .extracting(n -> n.path("label").asText())
          .containsExactly("Workflow.sleep 30 s", "Steps.flaky");
      assertThat(stats.path("wall").path("maxMs").asLong()).isBetween(40_000L, 45_000L);

      Cli.Run history = cli.run("history", run.workflowId());
      assertThat(history.out())
          .containsPattern("TimerStarted +Workflow.sleep 30 s")
          .containsPattern("TimerStarted +retry backoff: Steps.flaky-2, attempt 2")
          .contains("TimerFired");
      assertThat(stats.path("criticalPathFrom").asText()).isEqualTo("control");
      Cli.Run table = cli.run("stats", run.workflowId());
      assertThat(table.out()).contains("timers 40 s (").containsPattern("Steps.flaky +1 +2 +1 +0 ");
    }
  }
}
