package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.ActivityTaskScheduledEventAttributes;
import software.amazon.awssdk.services.swf.model.ActivityType;
import software.amazon.awssdk.services.swf.model.DescribeDomainRequest;
import software.amazon.awssdk.services.swf.model.DescribeDomainResponse;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowTypeResponse;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskRequest;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.RegisterDomainRequest;
import software.amazon.awssdk.services.swf.model.RegisterDomainResponse;
import software.amazon.awssdk.services.swf.model.RegistrationStatus;
import software.amazon.awssdk.services.swf.model.ResourceTag;
import software.amazon.awssdk.services.swf.model.SwfException;
import software.amazon.awssdk.services.swf.model.TaskList;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowType;

/** The SWF JSON 1.0 protocol, spoken by the AWS SDK v2 client to the server over a fake engine. */
class SwfHttpServerTest {
  private final AtomicReference<Object> received = new AtomicReference<>();
  private SwfHttpServer server;
  private SwfClient sdk;

  private final SwfClient fake =
      new SwfClient() {
        @Override
        public RegisterDomainResponse registerDomain(RegisterDomainRequest request) {
          received.set(request);
          return RegisterDomainResponse.builder().build();
        }

        @Override
        public DescribeDomainResponse describeDomain(DescribeDomainRequest request) {
          throw UnknownResourceException.builder()
              .message("Unknown domain: " + request.name())
              .build();
        }

        @Override
        public PollForDecisionTaskResponse pollForDecisionTask(PollForDecisionTaskRequest request) {
          received.set(request);
          return DECISION_TASK;
        }

        @Override
        public DescribeWorkflowTypeResponse describeWorkflowType(
            DescribeWorkflowTypeRequest request) {
          throw new IllegalStateException(
              "dev.flow.engine.Store$StoreException: [SQLITE_BUSY] the database is locked");
        }

        @Override
        public String serviceName() {
          return "swf";
        }

        @Override
        public void close() {}
      };

  static final PollForDecisionTaskResponse DECISION_TASK =
      PollForDecisionTaskResponse.builder()
          .taskToken("token-1")
          .startedEventId(3L)
          .previousStartedEventId(0L)
          .workflowExecution(WorkflowExecution.builder().workflowId("w").runId("r").build())
          .workflowType(WorkflowType.builder().name("ProcessVideo").version("1.0").build())
          .events(
              HistoryEvent.builder()
                  .eventId(1L)
                  .eventType(EventType.ACTIVITY_TASK_SCHEDULED)
                  .eventTimestamp(Instant.parse("2026-11-23T10:15:30.123Z"))
                  .activityTaskScheduledEventAttributes(
                      ActivityTaskScheduledEventAttributes.builder()
                          .activityType(
                              ActivityType.builder()
                                  .name("Media.encodeVideo")
                                  .version("1.0")
                                  .build())
                          .activityId("Media.encodeVideo-1")
                          .input("[\"a\",\"webm\"]")
                          .taskList(TaskList.builder().name("media").build())
                          .taskPriority("0")
                          .decisionTaskCompletedEventId(4L)
                          .build())
                  .build())
          .build();

  @BeforeEach
  void start() throws Exception {
    server = new SwfHttpServer(fake, new InetSocketAddress("127.0.0.1", 0)).start();
    sdk =
        SwfClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + server.address().getPort()))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build();
  }

  @AfterEach
  void stop() {
    sdk.close();
    server.close();
  }

  @Test
  void aFailureOfTheEngine_isInternalFailure_inTheCallersTerms_withoutItsInternals() {
    assertThatThrownBy(
            () ->
                sdk.describeWorkflowType(
                    r -> r.domain("d").workflowType(t -> t.name("w").version("1"))))
        .isInstanceOf(SwfException.class)
        .satisfies(
            e -> {
              SwfException swf = (SwfException) e;
              assertThat(swf.statusCode()).isEqualTo(500);
              assertThat(swf.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
              assertThat(swf.awsErrorDetails().errorMessage())
                  .contains("nothing of it was kept")
                  .containsPattern("request id [0-9a-f-]{36}")
                  .doesNotContain("SQLITE")
                  .doesNotContain("dev.flow")
                  .doesNotContain("Exception");
            });
  }

  @Test
  void request_reachesTheEngineWithEveryField() {
    sdk.registerDomain(
        RegisterDomainRequest.builder()
            .name("media")
            .description("videos")
            .workflowExecutionRetentionPeriodInDays("7")
            .tags(ResourceTag.builder().key("team").value("video").build())
            .build());

    assertThat(received.get())
        .isEqualTo(
            RegisterDomainRequest.builder()
                .name("media")
                .description("videos")
                .workflowExecutionRetentionPeriodInDays("7")
                .tags(ResourceTag.builder().key("team").value("video").build())
                .build());
  }

  @Test
  void response_reachesTheClientWithNestedShapesEnumsAndTimestamps() {
    PollForDecisionTaskResponse response =
        sdk.pollForDecisionTask(
            PollForDecisionTaskRequest.builder()
                .domain("media")
                .taskList(TaskList.builder().name("video").build())
                .startAtPreviousStartedEvent(true)
                .build());

    assertThat(response.equalsBySdkFields(DECISION_TASK)).as("%s", response).isTrue();
    assertThat(((PollForDecisionTaskRequest) received.get()).startAtPreviousStartedEvent())
        .isTrue();
  }

  @Test
  void fault_reachesTheClientAsTheSameSdkException() {
    assertThatThrownBy(
            () -> sdk.describeDomain(DescribeDomainRequest.builder().name("nope").build()))
        .isInstanceOf(UnknownResourceException.class)
        .hasMessageContaining("Unknown domain: nope")
        .satisfies(
            e ->
                assertThat(((UnknownResourceException) e).awsErrorDetails().errorCode())
                    .isEqualTo("UnknownResourceFault"));
  }

  @Test
  void actionTheEngineDoesNotImplement_isAnError_notACrash() {
    assertThatThrownBy(
            () -> sdk.listDomains(b -> b.registrationStatus(RegistrationStatus.REGISTERED)))
        .hasMessageContaining("does not implement SimpleWorkflowService.ListDomains");
  }

  @Test
  void unknownTarget_isUnknownOperation() throws Exception {
    HttpResponse<String> response = post("SimpleWorkflowService.FlyToTheMoon", "{}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .contains("\"__type\":\"com.amazonaws.swf.base.model#UnknownOperationException\"")
        .contains("FlyToTheMoon");
  }

  @Test
  void bodyThatIsNotJson_isSerializationException() throws Exception {
    HttpResponse<String> response = post("SimpleWorkflowService.RegisterDomain", "{name:");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("SerializationException");
  }

  @Test
  void fieldOfTheWrongType_namesTheField() throws Exception {
    HttpResponse<String> response =
        post("SimpleWorkflowService.RegisterDomain", "{\"name\": [\"x\"]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("field 'name' must be a string");
  }

  private HttpResponse<String> post(String target, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.address().getPort() + "/"))
                .header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
