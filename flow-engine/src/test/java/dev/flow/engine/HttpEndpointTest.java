package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.swf.model.EventType.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.SwfException;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/** The engine over HTTP, reached by the AWS SDK's own SwfClient with an endpoint override. */
class HttpEndpointTest {
  private final Fixture f = new Fixture();
  private final URI endpoint =
      f.engine.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).endpoint();
  private final SwfClient remote =
      SwfClient.builder()
          .endpointOverride(endpoint)
          .region(Region.US_EAST_1)
          .credentialsProvider(AnonymousCredentialsProvider.create())
          .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
          .build();

  @AfterEach
  void close() {
    remote.close();
    f.close();
  }

  @Test
  void servesEveryAction() {
    assertThat(SwfActions.of(f.engine.client())).hasSize(39);
    assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void aWholeRun_throughTheSdkOverHttp() {
    String runId =
        remote
            .startWorkflowExecution(
                r ->
                    r.domain(Fixture.DOMAIN)
                        .workflowId("w1")
                        .workflowType(t -> t.name("Wf").version("1"))
                        .input("in")
                        .tagList("t"))
            .runId();
    WorkflowExecution run = WorkflowExecution.builder().workflowId("w1").runId(runId).build();
    PollForDecisionTaskResponse d =
        remote.pollForDecisionTask(
            r -> r.domain(Fixture.DOMAIN).taskList(t -> t.name(Fixture.DECISIONS)));
    assertThat(d.workflowExecution()).isEqualTo(run);
    assertThat(d.events().get(0).workflowExecutionStartedEventAttributes().input()).isEqualTo("in");
    assertThat(d.events().get(0).eventTimestamp()).isEqualTo(f.clock.instant());
    remote.respondDecisionTaskCompleted(
        r -> r.taskToken(d.taskToken()).decisions(Fixture.scheduleActivity("a1")));
    PollForActivityTaskResponse a =
        remote.pollForActivityTask(
            r -> r.domain(Fixture.DOMAIN).taskList(t -> t.name(Fixture.ACTIVITIES)));
    assertThat(a.activityId()).isEqualTo("a1");
    assertThat(
            remote.recordActivityTaskHeartbeat(r -> r.taskToken(a.taskToken())).cancelRequested())
        .isFalse();
    remote.respondActivityTaskCompleted(r -> r.taskToken(a.taskToken()).result("done"));
    PollForDecisionTaskResponse d2 =
        remote.pollForDecisionTask(
            r -> r.domain(Fixture.DOMAIN).taskList(t -> t.name(Fixture.DECISIONS)));
    remote.respondDecisionTaskCompleted(
        r -> r.taskToken(d2.taskToken()).decisions(Fixture.complete("result")));
    HistoryEvent last =
        remote
            .getWorkflowExecutionHistory(
                r -> r.domain(Fixture.DOMAIN).execution(run).reverseOrder(true).maximumPageSize(1))
            .events()
            .get(0);
    assertThat(last.eventType()).isEqualTo(WORKFLOW_EXECUTION_COMPLETED);
    assertThat(last.workflowExecutionCompletedEventAttributes().result()).isEqualTo("result");
    assertThat(
            remote
                .listClosedWorkflowExecutions(
                    r -> r.domain(Fixture.DOMAIN).closeTimeFilter(t -> t.oldestDate(Instant.EPOCH)))
                .executionInfos())
        .singleElement()
        .satisfies(i -> assertThat(i.tagList()).containsExactly("t"));
    assertThat(f.history(run)).hasSize(last.eventId().intValue());
  }

  @Test
  void faults_arriveAsTheSdkExceptions() {
    assertThatThrownBy(() -> remote.describeDomain(r -> r.name("nope")))
        .isInstanceOf(UnknownResourceException.class)
        .hasMessageContaining("Unknown domain: nope");
    assertThatThrownBy(() -> remote.registerDomain(r -> r.name("x")))
        .isInstanceOf(SwfException.class)
        .satisfies(
            e ->
                assertThat(((SwfException) e).awsErrorDetails().errorCode())
                    .isEqualTo("ValidationException"))
        .hasMessageContaining("workflowExecutionRetentionPeriodInDays");
  }

  @Test
  void emptyLongPoll_returnsNoToken() {
    assertThat(
            remote
                .pollForActivityTask(
                    r -> r.domain(Fixture.DOMAIN).taskList(t -> t.name(Fixture.ACTIVITIES)))
                .taskToken())
        .isNull();
  }

  @Test
  void unknownTarget_isUnknownOperationException() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(endpoint)
                    .header("X-Amz-Target", "SimpleWorkflowService.Nope")
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .contains("UnknownOperationException")
        .contains("PollForDecisionTask");
  }

  @Test
  void closingTheEngine_stopsServing() {
    f.engine.close();

    assertThatThrownBy(() -> remote.describeDomain(r -> r.name(Fixture.DOMAIN)))
        .isInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class);
  }

  @Test
  void servingTheSamePortTwice_namesTheAddress() {
    assertThatThrownBy(() -> f.engine.serve(new InetSocketAddress("127.0.0.1", endpoint.getPort())))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining(String.valueOf(endpoint.getPort()));
  }
}
