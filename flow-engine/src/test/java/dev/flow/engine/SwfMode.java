package dev.flow.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * How a contract test reaches the engine: {@link #IN_PROCESS} through {@link LocalEngine#client()},
 * {@link #OVER_HTTP} through the AWS SDK v2 client with an endpoint override, to the same engine
 * served on a loopback port. {@link InBothModes} runs a test class in each; outside it, tests run
 * in process.
 */
enum SwfMode {
  IN_PROCESS("in process"),
  OVER_HTTP("over HTTP, AWS SDK v2 client");

  private static volatile SwfMode current = IN_PROCESS;
  private static final List<AutoCloseable> opened = new ArrayList<>();

  private final String displayName;

  SwfMode(String displayName) {
    this.displayName = displayName;
  }

  /** The mode of the test running now. */
  static SwfMode current() {
    return current;
  }

  /**
   * The SWF client a test should use for {@code engine} in the current mode. Over HTTP, the server
   * and the SDK client are closed after the test (after its {@code @AfterEach} methods).
   */
  static SwfClient client(LocalEngine engine) {
    if (current == IN_PROCESS) {
      return engine.client();
    }
    LocalEngine.Server server =
        engine.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    SwfClient sdk = sdkClient(server);
    synchronized (opened) {
      opened.add(server);
      opened.add(sdk);
    }
    return sdk;
  }

  /** The AWS SDK v2 client for {@code server}: no retries, so every fault reaches the test. */
  static SwfClient sdkClient(LocalEngine.Server server) {
    return SwfClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private static void closeOpened() throws Exception {
    List<AutoCloseable> toClose;
    synchronized (opened) {
      toClose = new ArrayList<>(opened);
      opened.clear();
    }
    Exception first = null;
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** The {@link InBothModes} provider: one class-template invocation per mode. */
  static final class BothModes implements ClassTemplateInvocationContextProvider {
    @Override
    public boolean supportsClassTemplate(ExtensionContext context) {
      return true;
    }

    @Override
    public Stream<ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(
        ExtensionContext context) {
      return Stream.of(SwfMode.values()).map(Invocation::new);
    }
  }

  /** Sets the mode before each test instance is built, and closes what the mode opened after. */
  private static final class Invocation
      implements ClassTemplateInvocationContext,
          TestInstancePreConstructCallback,
          BeforeEachCallback,
          AfterEachCallback {
    private final SwfMode mode;

    Invocation(SwfMode mode) {
      this.mode = mode;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
      return "[" + invocationIndex + "] " + mode.displayName;
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(this);
    }

    @Override
    public void preConstructTestInstance(
        TestInstanceFactoryContext factoryContext, ExtensionContext context) {
      current = mode;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
      current = mode;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
      try {
        closeOpened();
      } finally {
        current = IN_PROCESS;
      }
    }
  }
}
