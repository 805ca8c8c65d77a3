package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;

/** The server holds 500 long polls at once, and answers each when its task comes. */
class ConcurrentLongPollTest {
  private static final int POLLERS = 500;
  private static final int WORKFLOWS = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void fiveHundredPollers_areAllHeld_thenAllAnswered() throws Exception {
    ExecutorService pool = Executors.newCachedThreadPool();
    try (LocalEngine engine = LocalEngine.builder().pollTimeout(Duration.ofSeconds(60)).build();
        LocalEngine.Server server =
            engine.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      SwfClient swf = engine.client();
      register(swf);
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .executor(pool)
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      HttpRequest poll =
          HttpRequest.newBuilder(server.endpoint().resolve("/"))
              .timeout(Duration.ofSeconds(90))
              .header("X-Amz-Target", "SimpleWorkflowService.PollForActivityTask")
              .header("Content-Type", "application/x-amz-json-1.0")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"domain\":\"d\",\"taskList\":{\"name\":\"many\"},\"identity\":\"p\"}"))
              .build();
      List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
      for (int i = 0; i < POLLERS; i++) {
        polls.add(http.sendAsync(poll, HttpResponse.BodyHandlers.ofString()));
      }

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (server.inFlight() < POLLERS && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(server.inFlight()).as("long polls held by the server").isEqualTo(POLLERS);
      assertThat(polls).noneMatch(CompletableFuture::isDone);

      // Other requests are served while the polls wait.
      HttpResponse<String> describe =
          http.send(
              HttpRequest.newBuilder(server.endpoint().resolve("/"))
                  .timeout(Duration.ofSeconds(10))
                  .header("X-Amz-Target", "SimpleWorkflowService.DescribeDomain")
                  .header("Content-Type", "application/x-amz-json-1.0")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"d\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(describe.statusCode()).isEqualTo(200);

      for (int w = 0; w < WORKFLOWS; w++) {
        int id = w;
        swf.startWorkflowExecution(
            r -> r.domain("d").workflowId("w" + id).workflowType(t -> t.name("W").version("1")));
        PollForDecisionTaskResponse task =
            swf.pollForDecisionTask(r -> r.domain("d").taskList(t -> t.name("deciders")));
        List<Decision> decisions = new ArrayList<>();
        for (int a = 0; a < POLLERS / WORKFLOWS; a++) {
          String activityId = "w" + id + "-a" + a;
          decisions.add(
              Decision.builder()
                  .decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
                  .scheduleActivityTaskDecisionAttributes(
                      s -> s.activityId(activityId).activityType(t -> t.name("A").version("1")))
                  .build());
        }
        swf.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken()).decisions(decisions));
      }

      CompletableFuture.allOf(polls.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
      Set<String> activities = new HashSet<>();
      for (CompletableFuture<HttpResponse<String>> p : polls) {
        HttpResponse<String> response = p.get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode task = JSON.readTree(response.body());
        assertThat(task.path("taskToken").asText()).isNotEmpty();
        activities.add(task.path("activityId").asText());
      }
      assertThat(activities).hasSize(POLLERS);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void register(SwfClient swf) {
    swf.registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1"));
    swf.registerWorkflowType(
        r ->
            r.domain("d")
                .name("W")
                .version("1")
                .defaultTaskList(t -> t.name("deciders"))
                .defaultExecutionStartToCloseTimeout("3600")
                .defaultTaskStartToCloseTimeout("60")
                .defaultChildPolicy("TERMINATE"));
    swf.registerActivityType(
        r ->
            r.domain("d")
                .name("A")
                .version("1")
                .defaultTaskList(t -> t.name("many"))
                .defaultTaskScheduleToStartTimeout("600")
                .defaultTaskScheduleToCloseTimeout("600")
                .defaultTaskStartToCloseTimeout("600")
                .defaultTaskHeartbeatTimeout("NONE"));
  }
}
