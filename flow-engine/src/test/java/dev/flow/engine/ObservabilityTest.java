package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionAlreadyStartedException;

/** GET /health and GET /metrics beside SWF on the engine's HTTP server. */
class ObservabilityTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final LocalEngine engine =
      LocalEngine.builder().meterRegistry(registry).pollTimeout(Duration.ofMillis(300)).build();
  private final LocalEngine.Server server =
      engine.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, false);
  private final SwfClient swf =
      SwfClient.builder()
          .endpointOverride(server.endpoint())
          .region(Region.US_EAST_1)
          .credentialsProvider(AnonymousCredentialsProvider.create())
          .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
          .build();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    swf.close();
    engine.close();
  }

  /**
   * Three executions each schedule one activity; two activities complete, one fails. Every counter
   * moves by what that workload does, and /metrics shows them in Prometheus text.
   */
  @Test
  void metrics_countAKnownWorkload() throws Exception {
    Fixture.registerWith(swf);
    for (int i = 1; i <= 3; i++) {
      String id = "w" + i;
      swf.startWorkflowExecution(
          r ->
              r.domain(Fixture.DOMAIN).workflowId(id).workflowType(t -> t.name("Wf").version("1")));
    }
    assertThatThrownBy(
            () ->
                swf.startWorkflowExecution(
                    r ->
                        r.domain(Fixture.DOMAIN)
                            .workflowId("w1")
                            .workflowType(t -> t.name("Wf").version("1"))))
        .isInstanceOf(WorkflowExecutionAlreadyStartedException.class);
    assertThat(gauge("flow.engine.executions.open")).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      PollForDecisionTaskResponse d =
          swf.pollForDecisionTask(
              r -> r.domain(Fixture.DOMAIN).taskList(t -> t.name(Fixture.DECISIONS)));
      swf.respondDecisionTaskCompleted(
          r -> r.taskToken(d.taskToken()).decisions(Fixture.scheduleActivity("a")));
    }
    List<PollForActivityTaskResponse> tasks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      tasks.add(
          swf.pollForActivityTask(
              r -> r.domain(Fixture.DOMAIN).taskList(t -> t.name(Fixture.ACTIVITIES))));
    }
    swf.respondActivityTaskCompleted(r -> r.taskToken(tasks.get(0).taskToken()).result("ok"));
    swf.respondActivityTaskCompleted(r -> r.taskToken(tasks.get(1).taskToken()).result("ok"));
    swf.respondActivityTaskFailed(r -> r.taskToken(tasks.get(2).taskToken()).reason("boom"));

    assertThat(requests("StartWorkflowExecution", "none")).isEqualTo(3);
    assertThat(requests("StartWorkflowExecution", "WorkflowExecutionAlreadyStartedFault"))
        .isEqualTo(1);
    assertThat(requests("PollForActivityTask", "none")).isEqualTo(3);
    // 3 at start, 3 more when the activities closed
    assertThat(counter("flow.engine.tasks.scheduled", "decision", Fixture.DECISIONS)).isEqualTo(6);
    assertThat(counter("flow.engine.tasks.started", "decision", Fixture.DECISIONS)).isEqualTo(3);
    assertThat(completed("decision", Fixture.DECISIONS, "completed")).isEqualTo(3);
    assertThat(counter("flow.engine.tasks.scheduled", "activity", Fixture.ACTIVITIES)).isEqualTo(3);
    assertThat(counter("flow.engine.tasks.started", "activity", Fixture.ACTIVITIES)).isEqualTo(3);
    assertThat(completed("activity", Fixture.ACTIVITIES, "completed")).isEqualTo(2);
    assertThat(completed("activity", Fixture.ACTIVITIES, "failed")).isEqualTo(1);
    assertThat(
            registry
                .get("flow.engine.tasks.schedule.to.start")
                .tags("kind", "activity", "taskList", Fixture.ACTIVITIES)
                .timer()
                .count())
        .isEqualTo(3);
    // per execution: started, decision scheduled, started, completed, activity scheduled,
    // started, closed, decision scheduled = 8 events
    assertThat(registry.get("flow.engine.events").counter().count()).isEqualTo(24);
    assertThat(registry.get("flow.engine.store.commit.events").summary().totalAmount())
        .isEqualTo(24);
    assertThat(gauge("flow.engine.executions.open")).isEqualTo(3);
    assertThat(gauge("flow.engine.polls.waiting")).isZero();

    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(metrics.body())
        .contains(
            "flow_engine_tasks_completed_total{kind=\"activity\",outcome=\"failed\","
                + "taskList=\"workers\"} 1.0")
        .contains("flow_engine_executions_open 3.0")
        .contains("flow_engine_events_total 24.0")
        .contains(
            "flow_engine_requests_seconds_count{action=\"StartWorkflowExecution\","
                + "fault=\"WorkflowExecutionAlreadyStartedFault\"} 1");
  }

  @Test
  void metrics_countLongPollsWhileTheyWait() throws Exception {
    Fixture.registerWith(swf);
    Thread poll =
        new Thread(
            () ->
                swf.pollForActivityTask(
                    r -> r.domain(Fixture.DOMAIN).taskList(t -> t.name(Fixture.ACTIVITIES))));
    poll.start();
    for (int i = 0; i < 2000 && gauge("flow.engine.polls.waiting") == 0; i++) {
      Thread.sleep(1);
    }
    assertThat(gauge("flow.engine.polls.waiting")).isEqualTo(1);
    poll.join();
    assertThat(gauge("flow.engine.polls.waiting")).isZero();
  }

  @Test
  void health_isOk_whileTheStoreTakesWrites_andUnhealthyWhenItCannotWrite() throws Exception {
    Fixture.registerWith(swf);
    swf.startWorkflowExecution(
        r -> r.domain(Fixture.DOMAIN).workflowId("w").workflowType(t -> t.name("Wf").version("1")));
    HttpResponse<String> ok = get("/health");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body())
        .contains("\"status\" : \"ok\"")
        .contains("\"storeWritable\" : true")
        .contains("\"schemaVersion\" : " + Store.SCHEMA_VERSION)
        .contains("\"openExecutions\" : 1")
        .contains("\"uptimeSeconds\"");

    storeQueryOnly(true); // SQLite refuses every write, as on a read-only or failing disk
    HttpResponse<String> sick = get("/health");
    assertThat(sick.statusCode()).isEqualTo(503);
    assertThat(sick.body())
        .contains("\"status\" : \"unhealthy\"")
        .contains("\"storeWritable\" : false")
        .contains("readonly");

    storeQueryOnly(false);
    HttpResponse<String> again = get("/health");
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
  }

  @Test
  void get_elsewhere_is404_namingWhatIsServed() throws Exception {
    HttpResponse<String> r = get("/nothing");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("GET /health").contains("POST /");
  }

  @Test
  void metrics_withoutARegistry_say404AndHowToTurnThemOn() throws Exception {
    try (LocalEngine plain = LocalEngine.inMemory();
        LocalEngine.Server s =
            plain.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(s.endpoint().resolve("/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.body()).contains("meterRegistry");
    }
  }

  private void storeQueryOnly(boolean on) {
    Engine core = engine.core();
    core.lock.lock();
    try {
      core.store.update("PRAGMA query_only = " + (on ? 1 : 0));
    } finally {
      core.lock.unlock();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    URI uri = server.endpoint().resolve(path);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  private long requests(String action, String fault) {
    return registry
        .get("flow.engine.requests")
        .tags("action", action, "fault", fault)
        .timer()
        .count();
  }

  private double counter(String name, String kind, String taskList) {
    return registry.get(name).tags("kind", kind, "taskList", taskList).counter().count();
  }

  private double completed(String kind, String taskList, String outcome) {
    return registry
        .get("flow.engine.tasks.completed")
        .tags("kind", kind, "taskList", taskList, "outcome", outcome)
        .counter()
        .count();
  }
}
