package dev.flow.internal.client;

import dev.flow.FlowException;
import dev.flow.spi.EngineProvider;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.auth.scheme.NoAuthAuthScheme;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.SwfClientBuilder;
import software.amazon.awssdk.services.swf.SwfServiceClientConfiguration;
import software.amazon.awssdk.services.swf.auth.scheme.SwfAuthSchemeProvider;
import software.amazon.awssdk.services.swf.endpoints.SwfEndpointProvider;

/**
 * Engine names: parsing them, and opening the SWF client each denotes. Public only for {@code
 * FlowClient} and {@code WorkerMain}.
 */
public final class Engines {
  private Engines() {}

  /** The accepted engine forms, for error messages. */
  public static final String FORMS =
      "embedded, embedded:FILE, http://HOST:PORT, https://HOST:PORT, aws or aws:REGION";

  /** What an engine name denotes. */
  public enum Kind {
    /** The embedded engine, in memory ({@code location} empty) or in a file. */
    EMBEDDED,
    /** An SWF endpoint over HTTP(S). */
    ENDPOINT,
    /** Amazon SWF with the default credentials, in the default region or {@code location}'s. */
    AWS
  }

  /**
   * A parsed engine name: for {@link Kind#EMBEDDED} the file ({@code ""} for in-memory), for {@link
   * Kind#ENDPOINT} the URI.
   */
  public record Engine(Kind kind, String location, URI endpoint) {}

  /**
   * Parses an engine name without opening anything.
   *
   * @throws IllegalArgumentException naming the accepted forms when {@code engine} is none of them
   */
  public static Engine parse(String engine) {
    if (engine == null || engine.isBlank()) {
      throw bad(engine, "it is empty");
    }
    if (engine.equals("embedded")) {
      return new Engine(Kind.EMBEDDED, "", null);
    }
    if (engine.startsWith("embedded:")) {
      String file = engine.substring("embedded:".length());
      if (file.isBlank()) {
        throw bad(engine, "embedded: needs a file, as in embedded:flow.db");
      }
      return new Engine(Kind.EMBEDDED, file, null);
    }
    if (engine.equals("aws")) {
      return new Engine(Kind.AWS, null, null);
    }
    if (engine.startsWith("aws:")) {
      String region = engine.substring("aws:".length());
      if (!region.matches("[a-z]{2}(-[a-z0-9]+)+-[0-9]+")) {
        throw bad(engine, "aws: needs a region name, as in aws:eu-west-1");
      }
      return new Engine(Kind.AWS, region, null);
    }
    if (engine.startsWith("http://") || engine.startsWith("https://")) {
      URI uri;
      try {
        uri = new URI(engine);
      } catch (URISyntaxException e) {
        throw bad(engine, "it is not a valid URI (" + e.getReason() + ")");
      }
      if (uri.getHost() == null) {
        throw bad(engine, "it has no host, as in http://localhost:8642");
      }
      return new Engine(Kind.ENDPOINT, null, uri);
    }
    throw bad(engine, "it is none of the accepted forms");
  }

  private static IllegalArgumentException bad(String engine, String why) {
    return new IllegalArgumentException(
        "bad engine '" + engine + "': " + why + "; expected " + FORMS);
  }

  /** Opens the SWF client of {@code engine}; closing the client closes the engine. */
  public static SwfClient open(Engine engine) {
    return switch (engine.kind()) {
      case EMBEDDED -> openEmbedded(engine.location());
      case ENDPOINT -> {
        URI endpoint = engine.endpoint();
        SwfClientBuilder b = SwfClient.builder().endpointOverride(endpoint);
        if (isLoopback(endpoint.getHost())) {
          // the embedded engine served on this machine: any region; signed only with keys set
          loopbackAuth(b.region(Region.US_EAST_1), System.getenv());
        } else {
          // a real SWF endpoint (regional, VPC, FIPS): signed as AWS documents
          b.region(defaultRegion(engine.toString()))
              .credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        yield build(b, endpoint.toString());
      }
      case AWS -> {
        String name = engine.location() == null ? "aws" : "aws:" + engine.location();
        Region region =
            engine.location() == null ? defaultRegion(name) : Region.of(engine.location());
        yield build(
            SwfClient.builder()
                .region(region)
                .credentialsProvider(DefaultCredentialsProvider.builder().build()),
            name);
      }
      default -> throw new AssertionError(engine.kind());
    };
  }

  /** Every client Flow opens: the SDK's retries off (Flow retries), SWF's default HTTP client. */
  private static SwfClient build(SwfClientBuilder b, String engine) {
    try {
      return b.overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
          .build();
    } catch (SdkException e) {
      throw new FlowException("cannot open an SWF client for " + engine + ": " + e.getMessage(), e);
    }
  }

  private static Region defaultRegion(String engine) {
    try {
      return DefaultAwsRegionProviderChain.builder().build().getRegion();
    } catch (SdkClientException e) {
      throw new FlowException(
          "cannot tell the AWS region of engine '"
              + engine
              + "': set AWS_REGION (or a profile's region), or name it, as in aws:eu-west-1",
          e);
    }
  }

  /** Whether {@code host} is this machine: a loopback literal or name, resolved without DNS. */
  static boolean isLoopback(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return false; // a name other than localhost: never looked up here
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /**
   * A client for polls through {@code given}'s configuration with SWF's default HTTP client, or
   * null when {@code given} is not an SDK client (the embedded engine in process, a test double).
   */
  static SwfClient pollClient(SwfClient given) {
    SwfServiceClientConfiguration c = SwfCalls.configurationOf(given);
    if (c == null || c.region() == null || c.credentialsProvider() == null) {
      return null;
    }
    SwfClientBuilder b =
        SwfClient.builder()
            .region(c.region())
            .credentialsProvider(c.credentialsProvider())
            .overrideConfiguration(c.overrideConfiguration());
    if (c.authSchemeProvider() != null) {
      b.authSchemeProvider(c.authSchemeProvider());
    }
    c.endpointOverride().ifPresent(b::endpointOverride);
    c.endpointProvider()
        .filter(p -> p instanceof SwfEndpointProvider)
        .ifPresent(p -> b.endpointProvider((SwfEndpointProvider) p));
    try {
      return b.build();
    } catch (SdkException e) {
      return null; // polls go through the given client then
    }
  }

  /** The SDK's auth scheme that signs nothing and resolves no credentials. */
  private static final SwfAuthSchemeProvider NO_AUTH =
      params -> List.of(AuthSchemeOption.builder().schemeId(NoAuthAuthScheme.SCHEME_ID).build());

  /**
   * Sets how calls of an engine on this machine are authenticated: {@linkplain #loopbackCredentials
   * signed} with the environment's keys, or else not at all, the SDK's signing stage skipped.
   */
  static void loopbackAuth(SwfClientBuilder b, Map<String, String> env) {
    AwsCredentialsProvider credentials = loopbackCredentials(env);
    b.credentialsProvider(credentials);
    if (credentials instanceof AnonymousCredentialsProvider) {
      b.authSchemeProvider(NO_AUTH);
    }
  }

  /**
   * The credentials of an engine on this machine: the environment's keys ({@code
   * AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}) when set, for an engine that checks
   * signatures ({@code --sigv4}); else none, and requests go unsigned (signing is a sixth of a
   * call's work, and an engine that checks no signature reads none).
   */
  static AwsCredentialsProvider loopbackCredentials(Map<String, String> env) {
    String key = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (key != null && !key.isEmpty() && secret != null && !secret.isEmpty()) {
      return EnvironmentVariableCredentialsProvider.create();
    }
    return AnonymousCredentialsProvider.create();
  }

  private static SwfClient openEmbedded(String location) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = Engines.class.getClassLoader();
    }
    EngineProvider provider;
    try {
      Iterator<EngineProvider> providers =
          ServiceLoader.load(EngineProvider.class, loader).iterator();
      provider = providers.hasNext() ? providers.next() : null;
    } catch (ServiceConfigurationError e) {
      throw new FlowException("cannot load the embedded engine: " + e.getMessage(), e);
    }
    if (provider == null) {
      throw new FlowException(
          "engine 'embedded"
              + (location.isEmpty() ? "" : ":" + location)
              + "' needs the embedded engine, which is not on the class path: add the dependency"
              + " dev.flow:flow-engine (the version of flow-runtime) to the application, or"
              + " connect to an SWF endpoint with http://HOST:PORT or aws");
    }
    try {
      return provider.open(location);
    } catch (RuntimeException e) {
      throw new FlowException(
          "cannot open the embedded engine "
              + (location.isEmpty() ? "in memory" : "in " + location)
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
