package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.SwfException;

/** A server that requires SigV4 signatures: what it lets through and what it refuses, and how. */
class SigV4Test {
  private static final String KEY = "AKIDFLOWTEST";
  private static final String SECRET = "s3cr3t/flow+test";
  private static final String DESCRIBE = "{\"name\":\"signed\"}";

  private final LocalEngine engine = LocalEngine.inMemory();
  private final LocalEngine.Server server =
      engine.serve(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
          new SigV4Verifier(KEY, SECRET, Clock.systemUTC()));

  @AfterEach
  void close() {
    server.close();
    engine.close();
  }

  private SwfClient sdk(String key, String secret, Region region) {
    return SwfClient.builder()
        .endpointOverride(server.endpoint())
        .region(region)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  @Test
  void sdkClient_withTheConfiguredCredentials_isServed_inAnyRegion() {
    try (SwfClient swf = sdk(KEY, SECRET, Region.US_EAST_1);
        SwfClient other = sdk(KEY, SECRET, Region.EU_WEST_3)) {
      swf.registerDomain(r -> r.name("signed").workflowExecutionRetentionPeriodInDays("1"));
      assertThat(other.describeDomain(r -> r.name("signed")).domainInfo().name())
          .isEqualTo("signed");
    }
  }

  @Test
  void wrongSecret_isInvalidSignature() {
    try (SwfClient swf = sdk(KEY, "not-the-secret", Region.US_EAST_1)) {
      assertThatThrownBy(() -> swf.listDomains(r -> r.registrationStatus("REGISTERED")))
          .isInstanceOf(SwfException.class)
          .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSignatureException"))
          .satisfies(e -> assertThat(((SwfException) e).statusCode()).isEqualTo(403))
          .hasMessageContaining("does not match the signature you provided");
    }
  }

  @Test
  void unknownAccessKey_isUnrecognizedClient() {
    try (SwfClient swf = sdk("AKIDSOMEONEELSE", SECRET, Region.US_EAST_1)) {
      assertThatThrownBy(() -> swf.listDomains(r -> r.registrationStatus("REGISTERED")))
          .isInstanceOf(SwfException.class)
          .satisfies(e -> assertThat(code(e)).isEqualTo("UnrecognizedClientException"));
    }
  }

  @Test
  void unsignedRequest_isMissingAuthenticationToken() throws Exception {
    HttpResponse<String> response = send(Map.of(), DESCRIBE);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("MissingAuthenticationTokenException");
    assertThat(response.body())
        .as("a Flow client on loopback signs only with these set: the message names them")
        .contains("AWS_ACCESS_KEY_ID")
        .contains("AWS_SECRET_ACCESS_KEY")
        .contains("--sigv4");
  }

  @Test
  void malformedAuthorization_isIncompleteSignature() throws Exception {
    HttpResponse<String> response =
        send(Map.of("Authorization", "AWS4-HMAC-SHA256 Credential=" + KEY), DESCRIBE);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("IncompleteSignatureException");
  }

  @Test
  void bodyChangedAfterSigning_isInvalidSignature() throws Exception {
    Map<String, String> headers = sign(DESCRIBE, Instant.now());
    assertThat(send(headers, DESCRIBE).body()).contains("UnknownResourceFault"); // signed: served

    HttpResponse<String> tampered = send(headers, "{\"name\":\"other\"}");

    assertThat(tampered.statusCode()).isEqualTo(403);
    assertThat(tampered.body()).contains("InvalidSignatureException");
  }

  @Test
  void signatureFromLongAgo_isExpired() throws Exception {
    HttpResponse<String> response =
        send(sign(DESCRIBE, Instant.now().minus(Duration.ofMinutes(20))), DESCRIBE);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("InvalidSignatureException").contains("Signature expired");
  }

  @Test
  void scopeForAnotherService_isRefused() throws Exception {
    HttpResponse<String> response = send(sign(DESCRIBE, Instant.now(), "s3", true), DESCRIBE);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body())
        .contains("InvalidSignatureException")
        .contains("Credential should be scoped to correct service: 'swf'");
  }

  @Test
  void targetLeftUnsigned_isRefused() throws Exception {
    // Signed without X-Amz-Target: whoever relays it could make it any action.
    HttpResponse<String> response = send(sign(DESCRIBE, Instant.now(), "swf", false), DESCRIBE);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("IncompleteSignatureException").contains("x-amz-target");
  }

  private Map<String, String> sign(String body, Instant at) {
    return sign(body, at, "swf", true);
  }

  /** Signs a DescribeDomain request with the SDK's signer, as any SigV4 client would. */
  private Map<String, String> sign(String body, Instant at, String service, boolean target) {
    URI uri = server.endpoint().resolve("/");
    SdkHttpRequest.Builder builder =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(uri)
            .putHeader("Content-Type", "application/x-amz-json-1.0");
    if (target) {
      builder.putHeader("X-Amz-Target", "SimpleWorkflowService.DescribeDomain");
    }
    SdkHttpRequest request = builder.build();
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create(KEY, SECRET))
                        .request(request)
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(
                            AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
    Map<String, String> headers = new HashMap<>();
    signed
        .request()
        .forEachHeader(
            (name, values) -> {
              if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, values.get(0));
              }
            });
    assertThat(headers).containsKeys("Authorization", "X-Amz-Date");
    return headers;
  }

  /** Headers {@code send} sets itself, or the JDK's client does. */
  private static final Set<String> RESTRICTED = Set.of("host", "content-type", "x-amz-target");

  private HttpResponse<String> send(Map<String, String> headers, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.endpoint().resolve("/"))
            .timeout(Duration.ofSeconds(10))
            .header("X-Amz-Target", "SimpleWorkflowService.DescribeDomain")
            .header("Content-Type", "application/x-amz-json-1.0")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::setHeader);
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String code(Throwable e) {
    return ((SwfException) e).awsErrorDetails().errorCode();
  }
}
