package dev.flow.internal.client;

import dev.flow.FlowException;
import dev.flow.internal.client.ClientSupport.Engine;
import dev.flow.internal.client.ClientSupport.Kind;
import dev.flow.spi.EngineProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;

/** Engine names: parsing them, and opening the SWF client each denotes. */
final class Engines {
  private Engines() {}

  static Engine parse(String engine) {
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
        "bad engine '" + engine + "': " + why + "; expected " + ClientSupport.ENGINE_FORMS);
  }

  static SwfClient open(Engine engine) {
    switch (engine.kind()) {
      case EMBEDDED:
        return openEmbedded(engine.location());
      case ENDPOINT:
        try {
          return SwfClient.builder()
              .endpointOverride(engine.endpoint())
              .region(Region.US_EAST_1)
              .credentialsProvider(endpointCredentials())
              .build();
        } catch (SdkException e) {
          throw new FlowException(
              "cannot open an SWF client for " + engine.endpoint() + ": " + e.getMessage(), e);
        }
      case AWS:
        try {
          return SwfClient.create();
        } catch (SdkException e) {
          throw new FlowException(
              "cannot open an SWF client for aws: "
                  + e.getMessage()
                  + " (set AWS_REGION and credentials, or use a profile)",
              e);
        }
      default:
        throw new AssertionError(engine.kind());
    }
  }

  private static AwsCredentialsProvider endpointCredentials() {
    String key = System.getenv("AWS_ACCESS_KEY_ID");
    String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
    if (key != null && !key.isEmpty() && secret != null && !secret.isEmpty()) {
      return EnvironmentVariableCredentialsProvider.create();
    }
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("flow", "flow"));
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
