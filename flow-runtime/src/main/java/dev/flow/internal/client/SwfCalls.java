package dev.flow.internal.client;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.SwfRequest;

/**
 * The settings every call Flow makes carries, whatever {@link SwfClient} it was given: the SDK's
 * own retries are off (Flow retries transient failures itself: one retry layer, not the SDK's
 * attempts times Flow's), and each request has a time limit: 75 s for long polls (SWF holds them up
 * to 60 s), 6 s for the data plane, 10 s for the control plane (register, describe, list), as
 * Amazon's own Flow framework sets them. Per-request settings can shorten what the client's HTTP
 * client allows, not lengthen it: polls of an SDK client go through a client Flow builds from the
 * given one's configuration (region, endpoint, credentials) with the SDK's SWF default HTTP client
 * (a 90 s read timeout), so a given HTTP client with a shorter read timeout does not cut long
 * polls. Public only for {@code FlowClient}, which wraps the client it is given or opens.
 */
public final class SwfCalls implements InvocationHandler {
  static final Duration POLL_TIMEOUT = Duration.ofSeconds(75);
  static final Duration DATA_PLANE_TIMEOUT = Duration.ofSeconds(6);
  static final Duration CONTROL_PLANE_TIMEOUT = Duration.ofSeconds(10);

  private static final Set<String> POLLS = Set.of("pollForDecisionTask", "pollForActivityTask");

  /** Turns the SDK's retries off for one request. */
  private static final SdkPlugin NO_SDK_RETRIES =
      config ->
          config.overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()));

  private final SwfClient target;
  private final Object pollLock = new Object();
  private SwfClient polls; // guarded by pollLock; built at the first poll of an SDK client
  private boolean pollsBuilt; // guarded by pollLock

  private SwfCalls(SwfClient target) {
    this.target = target;
  }

  /** {@code swf} behind Flow's per-call settings; closing it closes {@code swf} too. */
  public static SwfClient wrap(SwfClient swf) {
    if (Proxy.isProxyClass(swf.getClass()) && Proxy.getInvocationHandler(swf) instanceof SwfCalls) {
      return swf;
    }
    return (SwfClient)
        Proxy.newProxyInstance(
            SwfCalls.class.getClassLoader(), new Class<?>[] {SwfClient.class}, new SwfCalls(swf));
  }

  /** The client behind {@code swf} (itself when it was not wrapped). */
  public static SwfClient unwrap(SwfClient swf) {
    if (Proxy.isProxyClass(swf.getClass())
        && Proxy.getInvocationHandler(swf) instanceof SwfCalls calls) {
      return calls.target;
    }
    return swf;
  }

  /** Closes the poll client built for {@code swf}, if any; the client behind stays open. */
  public static void release(SwfClient swf) {
    if (Proxy.isProxyClass(swf.getClass())
        && Proxy.getInvocationHandler(swf) instanceof SwfCalls calls) {
      synchronized (calls.pollLock) {
        if (calls.polls != null) {
          calls.polls.close();
          calls.polls = null;
        }
        calls.pollsBuilt = false;
      }
    }
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "Flow calls on " + target;
      };
    }
    if (args != null && args.length == 1 && args[0] instanceof Consumer<?> && method.isDefault()) {
      // the builder form: builds the request and calls the request form, on this proxy again
      return InvocationHandler.invokeDefault(proxy, method, args);
    }
    if (method.getName().equals("close") && (args == null || args.length == 0)) {
      synchronized (pollLock) {
        if (polls != null) {
          polls.close();
        }
      }
    }
    SwfClient client = target;
    if (args != null && args.length == 1 && args[0] instanceof SwfRequest request) {
      boolean poll = POLLS.contains(method.getName());
      args = new Object[] {withSettings(request, timeout(method.getName(), poll))};
      if (poll) {
        client = pollClient();
      }
    }
    try {
      return method.invoke(client, args);
    } catch (InvocationTargetException e) {
      if (!staleConnection(e.getCause())) {
        throw e.getCause();
      }
    }
    try {
      return method.invoke(client, args); // once more, on a fresh connection
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /**
   * Whether {@code e} is the failure of a pooled connection that the engine had closed (it was
   * restarted, or closed an idle connection as the call went out): the call is sent once more at
   * once, on a new connection. The SDK's own retries, off here, would do the same; without it, the
   * first call of a client after an engine restart fails.
   */
  static boolean staleConnection(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getClass().getSimpleName().equals("NoHttpResponseException")
          || (t instanceof SocketException
              && String.valueOf(t.getMessage()).startsWith("Connection reset"))) {
        return true;
      }
    }
    return false;
  }

  private static Duration timeout(String action, boolean poll) {
    if (poll) {
      return POLL_TIMEOUT;
    }
    return action.startsWith("register")
            || action.startsWith("describe")
            || action.startsWith("deprecate")
            || action.startsWith("undeprecate")
            || action.startsWith("list")
            || action.startsWith("tag")
            || action.startsWith("untag")
        ? CONTROL_PLANE_TIMEOUT
        : DATA_PLANE_TIMEOUT;
  }

  private static SwfRequest withSettings(SwfRequest request, Duration timeout) {
    AwsRequestOverrideConfiguration.Builder settings =
        request
            .overrideConfiguration()
            .map(AwsRequestOverrideConfiguration::toBuilder)
            .orElseGet(AwsRequestOverrideConfiguration::builder);
    AwsRequestOverrideConfiguration given = settings.build();
    if (!given.plugins().contains(NO_SDK_RETRIES)) {
      settings.addPlugin(NO_SDK_RETRIES);
    }
    if (given.apiCallAttemptTimeout().isEmpty()) {
      settings.apiCallAttemptTimeout(timeout);
    }
    if (given.apiCallTimeout().isEmpty()) {
      settings.apiCallTimeout(timeout);
    }
    return (SwfRequest) request.toBuilder().overrideConfiguration(settings.build()).build();
  }

  /**
   * The client polls go through: for an SDK client, one built from its configuration with the SDK's
   * default HTTP client for SWF (long enough a read timeout); else the given client.
   */
  private SwfClient pollClient() {
    synchronized (pollLock) {
      if (!pollsBuilt) {
        pollsBuilt = true;
        polls = Engines.pollClient(target);
      }
      return polls != null ? polls : target;
    }
  }
}
