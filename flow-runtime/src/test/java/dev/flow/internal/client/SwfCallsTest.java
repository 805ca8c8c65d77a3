package dev.flow.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.flow.FakeSwf;
import dev.flow.FlowClient;
import dev.flow.FlowException;
import dev.flow.spi.InProcessSwf;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.DescribeDomainRequest;
import software.amazon.awssdk.services.swf.model.DescribeDomainResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskRequest;
import software.amazon.awssdk.services.swf.model.RegisterDomainRequest;
import software.amazon.awssdk.services.swf.model.RespondDecisionTaskCompletedRequest;

/** The settings every call of Flow carries: one retry layer, time limits, long polls that last. */
class SwfCallsTest {
  HttpServer server;
  final AtomicInteger requests = new AtomicInteger();
  final List<String> authorizations = new CopyOnWriteArrayList<>();

  /** An SWF endpoint on loopback that answers every request after {@code delayMillis}. */
  URI serve(int status, String body, long delayMillis) throws Exception {
    return serve(status, body, delayMillis, null);
  }

  /** As {@link #serve(int, String, long)}, with a {@code Server} header unless null. */
  URI serve(int status, String body, long delayMillis, String serverHeader) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        x -> {
          requests.incrementAndGet();
          authorizations.add(String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
          x.getRequestBody().readAllBytes();
          try {
            Thread.sleep(delayMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] b = body.getBytes(StandardCharsets.UTF_8);
          x.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
          if (serverHeader != null) {
            x.getResponseHeaders().add("Server", serverHeader);
          }
          x.sendResponseHeaders(status, b.length);
          x.getResponseBody().write(b);
          x.close();
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** An SDK client of {@code endpoint} with static keys, as a user would build one. */
  static software.amazon.awssdk.services.swf.SwfClientBuilder loopback(URI endpoint) {
    return SwfClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  static AwsRequestOverrideConfiguration settings(Object request) {
    return ((software.amazon.awssdk.awscore.AwsRequest) request).overrideConfiguration().get();
  }

  @Test
  void everyRequest_carriesATimeLimit_longForPolls_shortForTheDataAndControlPlanes() {
    FakeSwf fake = new FakeSwf();
    FlowClient flow = FlowClient.create(fake, "media");

    flow.swf().pollForDecisionTask(r -> r.domain("media").taskList(t -> t.name("video")));
    flow.swf().respondDecisionTaskCompleted(r -> r.taskToken("t"));
    flow.swf().registerDomain(r -> r.name("media"));

    assertThat(
            settings(fake.requests(PollForDecisionTaskRequest.class).get(0))
                .apiCallAttemptTimeout())
        .contains(Duration.ofSeconds(75));
    assertThat(
            settings(fake.requests(RespondDecisionTaskCompletedRequest.class).get(0))
                .apiCallAttemptTimeout())
        .contains(Duration.ofSeconds(6));
    assertThat(settings(fake.requests(RegisterDomainRequest.class).get(0)).apiCallTimeout())
        .contains(Duration.ofSeconds(10));
    assertThat(SwfCalls.unwrap(flow.swf())).isSameAs(fake);
  }

  @Test
  void aGivenSdkClientWithTheSdksDefaultRetries_makesOneHttpAttemptPerCall() throws Exception {
    URI endpoint = serve(500, "{\"__type\":\"InternalFailure\",\"message\":\"boom\"}", 0);
    try (SwfClient sdk = loopback(endpoint).build()) {
      assertThatThrownBy(() -> sdk.describeDomain(r -> r.name("media")))
          .isInstanceOf(AwsServiceException.class);
      assertThat(requests.getAndSet(0)).isEqualTo(4); // the SDK's own: 1 + 3 retries

      FlowClient flow = FlowClient.create(sdk, "media");
      assertThatThrownBy(() -> flow.swf().describeDomain(r -> r.name("media")))
          .isInstanceOf(AwsServiceException.class);
      assertThat(requests.get()).isEqualTo(1);
      flow.close();
    }
  }

  @Test
  void aConnectionClosedWithoutAnAnswer_isSentOnceMore_onANewConnection() throws Exception {
    // an engine that was restarted: the first request finds a connection closed with no answer
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 50)) {
      Thread engine =
          new Thread(
              () -> {
                for (int i = 0; i < 2; i++) {
                  try (java.net.Socket s = socket.accept()) {
                    requests.incrementAndGet();
                    java.io.InputStream in = s.getInputStream();
                    String head = readHead(in);
                    int length =
                        Integer.parseInt(
                            head.replaceAll("(?is).*content-length:\\s*(\\d+).*", "$1"));
                    in.readNBytes(length);
                    if (i == 1) {
                      s.getOutputStream()
                          .write(
                              ("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\n"
                                      + "Content-Length: 2\r\nConnection: close\r\n\r\n{}")
                                  .getBytes(StandardCharsets.US_ASCII));
                    }
                  } catch (java.io.IOException e) {
                    return;
                  }
                }
              });
      engine.setDaemon(true);
      engine.start();
      try (SwfClient sdk =
          loopback(URI.create("http://127.0.0.1:" + socket.getLocalPort()))
              .httpClient(ApacheHttpClient.create())
              .build()) {
        FlowClient flow = FlowClient.create(sdk, "media");

        flow.swf().describeDomain(r -> r.name("media"));

        assertThat(requests.get()).isEqualTo(2);
        flow.close();
      }
    }
  }

  private static String readHead(java.io.InputStream in) throws java.io.IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      head.append((char) c);
    }
    return head.toString();
  }

  @Test
  void aFurtherPageOfADecisionTask_isNoLongPoll() {
    FakeSwf fake = new FakeSwf();
    FlowClient flow = FlowClient.create(fake, "media");

    flow.swf()
        .pollForDecisionTask(
            r -> r.domain("media").taskList(t -> t.name("video")).nextPageToken("page-2"));

    assertThat(
            settings(fake.requests(PollForDecisionTaskRequest.class).get(0))
                .apiCallAttemptTimeout())
        .contains(Duration.ofSeconds(6));
  }

  @Test
  void stoppingAWorkersPolls_endsTheOneInFlight_andRefusesMore_leavingTheClientOpen()
      throws Exception {
    URI endpoint = serve(200, "{}", 30_000); // a long poll the endpoint holds for 30 s
    try (SwfClient sdk = loopback(endpoint).build()) {
      FlowClient flow = FlowClient.create(sdk, "media");
      SwfClient worker = SwfCalls.forWorker(flow.swf());
      CompletableFuture<Throwable> ended = new CompletableFuture<>();
      Thread poller =
          new Thread(
              () -> {
                try {
                  worker.pollForDecisionTask(r -> r.domain("media").taskList(t -> t.name("v")));
                  ended.complete(null);
                } catch (Throwable e) {
                  ended.complete(e);
                }
              });
      poller.start();
      while (requests.get() == 0) {
        Thread.sleep(5); // until the endpoint holds the poll
      }

      assertThat(SwfCalls.stopPolls(worker)).isTrue();

      assertThat(ended.get(10, TimeUnit.SECONDS)).as("the poll in flight ended").isNotNull();
      assertThatThrownBy(
              () -> worker.pollForDecisionTask(r -> r.domain("media").taskList(t -> t.name("v"))))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("polls no more");
      assertThat(SwfCalls.stopPolls(flow.swf())).as("a FlowClient's own polls").isFalse();
      worker.close(); // closes the worker's calls only
      assertThat(requests.get()).isEqualTo(1);
      flow.close();
    }
  }

  @Test
  void aWorkersPollsOutliveTheirConnections_unlessTheEndpointSaysItIsTheFlowEngine()
      throws Exception {
    URI endpoint = serve(200, "{}", 0); // no Server header: as Amazon SWF
    try (SwfClient sdk = loopback(endpoint).build()) {
      FlowClient flow = FlowClient.create(sdk, "media");
      SwfClient worker = SwfCalls.forWorker(flow.swf());
      assertThat(SwfCalls.pollsOutliveConnections(worker)).as("no poll yet").isFalse();
      worker.pollForDecisionTask(r -> r.domain("media").taskList(t -> t.name("v")));
      assertThat(SwfCalls.pollsOutliveConnections(worker)).isTrue();
      flow.close();
    }
    server.stop(0);
    URI engine = serve(200, "{}", 0, "flow-engine");
    try (SwfClient sdk = loopback(engine).build()) {
      FlowClient flow = FlowClient.create(sdk, "media");
      SwfClient worker = SwfCalls.forWorker(flow.swf());
      worker.pollForDecisionTask(r -> r.domain("media").taskList(t -> t.name("v")));
      assertThat(SwfCalls.pollsOutliveConnections(worker)).isFalse();
      flow.close();
    }
  }

  @Test
  void aLongPoll_outlastsTheReadTimeoutOfTheGivenClientsHttpClient() throws Exception {
    URI endpoint = serve(200, "{}", 1_500); // a long poll that ends empty after 1.5 s
    try (SwfClient sdk =
        loopback(endpoint)
            .httpClient(ApacheHttpClient.builder().socketTimeout(Duration.ofMillis(500)).build())
            .build()) {
      FlowClient flow = FlowClient.create(sdk, "media");

      assertThat(
              flow.swf()
                  .pollForDecisionTask(r -> r.domain("media").taskList(t -> t.name("video")))
                  .taskToken())
          .isNull();
      flow.close();
    }
  }

  @Test
  void anEndpointOtherThanThisMachine_usesTheDefaultRegionAndCredentialsChains() {
    System.setProperty("aws.region", "eu-west-1");
    try {
      FlowClient flow = FlowClient.connect("https://swf.eu-west-1.amazonaws.com", "media");
      var config = flow.swf().serviceClientConfiguration();
      assertThat(config.region()).isEqualTo(Region.EU_WEST_1);
      assertThat(config.credentialsProvider()).isInstanceOf(DefaultCredentialsProvider.class);
      flow.close();
    } finally {
      System.clearProperty("aws.region");
    }
    FlowClient local = FlowClient.connect("http://127.0.0.1:8642", "media");
    assertThat(local.swf().serviceClientConfiguration().credentialsProvider())
        .isNotInstanceOf(DefaultCredentialsProvider.class);
    local.close();
  }

  @Test
  void anEngineOnThisMachine_isCalledUnsigned_unlessTheEnvironmentHasKeys() throws Exception {
    assertThat(Engines.loopbackCredentials(Map.of()))
        .isInstanceOf(AnonymousCredentialsProvider.class);
    assertThat(Engines.loopbackCredentials(Map.of("AWS_ACCESS_KEY_ID", "k")))
        .isInstanceOf(AnonymousCredentialsProvider.class);
    assertThat(
            Engines.loopbackCredentials(
                Map.of("AWS_ACCESS_KEY_ID", "k", "AWS_SECRET_ACCESS_KEY", "s")))
        .isInstanceOf(EnvironmentVariableCredentialsProvider.class);

    var signed = SwfClient.builder().region(Region.US_EAST_1);
    Engines.loopbackAuth(signed, Map.of("AWS_ACCESS_KEY_ID", "k", "AWS_SECRET_ACCESS_KEY", "s"));
    try (SwfClient swf = signed.build()) {
      assertThat(
              swf.serviceClientConfiguration()
                  .authSchemeProvider()
                  .resolveAuthScheme(p -> p.operation("DescribeDomain").region(Region.US_EAST_1)))
          .extracting(o -> o.schemeId())
          .containsExactly("aws.auth#sigv4");
    }
    var unsigned = SwfClient.builder().region(Region.US_EAST_1);
    Engines.loopbackAuth(unsigned, Map.of());
    try (SwfClient swf = unsigned.build()) {
      assertThat(
              swf.serviceClientConfiguration()
                  .authSchemeProvider()
                  .resolveAuthScheme(p -> p.operation("DescribeDomain").region(Region.US_EAST_1)))
          .extracting(o -> o.schemeId())
          .containsExactly("smithy.api#noAuth");
    }

    Assumptions.assumeTrue(
        System.getenv("AWS_ACCESS_KEY_ID") == null, "AWS keys in this test's environment");
    URI endpoint = serve(200, "{}", 0, "flow-engine");
    FlowClient flow = FlowClient.connect(endpoint.toString(), "media");
    flow.swf().describeDomain(r -> r.name("media"));
    SwfClient worker = SwfCalls.forWorker(flow.swf());
    worker.pollForDecisionTask(r -> r.domain("media").taskList(t -> t.name("v"))); // its own client
    flow.close();
    assertThat(authorizations).hasSize(2).allMatch("null"::equals);
  }

  @Test
  void aClientThatMakesOneAttempt_getsNoRetrySettingPerCall_onlyTheTimeLimit() throws Exception {
    URI endpoint = serve(200, "{}", 0);
    List<AwsRequestOverrideConfiguration> sent = new CopyOnWriteArrayList<>();
    ExecutionInterceptor seeSettings =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(
              Context.BeforeExecution context, ExecutionAttributes attributes) {
            sent.add(settings(context.request()));
          }
        };
    try (SwfClient oneAttempt =
            loopback(endpoint)
                .overrideConfiguration(
                    o ->
                        o.retryStrategy(DefaultRetryStrategy.doNotRetry())
                            .addExecutionInterceptor(seeSettings))
                .build();
        SwfClient sdkDefaults =
            loopback(endpoint)
                .overrideConfiguration(o -> o.addExecutionInterceptor(seeSettings))
                .build()) {
      assertThat(SwfCalls.makesOneAttempt(oneAttempt)).isTrue();
      assertThat(SwfCalls.makesOneAttempt(sdkDefaults)).isFalse();

      SwfCalls.wrap(oneAttempt).describeDomain(r -> r.name("media"));
      SwfCalls.wrap(sdkDefaults).describeDomain(r -> r.name("media"));

      assertThat(sent.get(0).plugins()).isEmpty();
      assertThat(sent.get(0).apiCallTimeout()).contains(Duration.ofSeconds(10));
      assertThat(sent.get(1).plugins()).hasSize(1);
      assertThat(sent.get(1).apiCallTimeout()).contains(Duration.ofSeconds(10));
    }
  }

  @Test
  void aClientInProcess_getsTheRequestsAsTheyCome() {
    List<DescribeDomainRequest> got = new CopyOnWriteArrayList<>();
    class InProcess implements SwfClient, InProcessSwf {
      @Override
      public DescribeDomainResponse describeDomain(DescribeDomainRequest request) {
        got.add(request);
        return DescribeDomainResponse.builder().build();
      }

      @Override
      public String serviceName() {
        return SERVICE_NAME;
      }

      @Override
      public void close() {}
    }
    DescribeDomainRequest request = DescribeDomainRequest.builder().name("media").build();

    SwfCalls.wrap(new InProcess()).describeDomain(request);

    assertThat(got).containsExactly(request);
    assertThat(got.get(0)).isSameAs(request);
  }

  @Test
  void awsWithARegion_isThatRegion() {
    FlowClient flow = FlowClient.connect("aws:eu-central-1", "media");
    assertThat(flow.swf().serviceClientConfiguration().region()).isEqualTo(Region.EU_CENTRAL_1);
    flow.close();
  }

  @Test
  void missingCredentials_failAtOnce_withFlowsShortMessage() throws Exception {
    URI endpoint = serve(200, "{}", 0);
    try (SwfClient sdk =
        SwfClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                () -> {
                  throw software.amazon.awssdk.core.exception.SdkClientException.create(
                      "Unable to load credentials from any of the providers in the chain"
                          + " AwsCredentialsProviderChain(credentialsProviders=[...]) : [a long"
                          + " list]");
                })
            .build()) {
      FlowClient flow = FlowClient.create(sdk, "media");

      assertThatThrownBy(
              () ->
                  dev.flow.spi.ClientCalls.start(
                      flow, ClientCallsTest.SPEC, null, new Object[] {"v.mp4", 1}))
          .isInstanceOf(FlowException.class)
          .hasMessageEndingWith(
              "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or"
                  + " AWS_PROFILE (a profile in ~/.aws), or run with a role (instance, container or"
                  + " web identity)");
      assertThat(requests.get()).isZero();
      flow.close();
    }
  }
}
