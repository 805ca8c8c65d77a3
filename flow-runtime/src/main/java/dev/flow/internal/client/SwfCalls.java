package dev.flow.internal.client;

import dev.flow.spi.InProcessSwf;
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
import software.amazon.awssdk.services.swf.SwfServiceClientConfiguration;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskRequest;
import software.amazon.awssdk.services.swf.model.SwfRequest;
import software.amazon.awssdk.services.swf.model.SwfResponse;

/**
 * The settings every call Flow makes carries, whatever {@link SwfClient} it was given: the SDK's
 * own retries are off (Flow retries transient failures itself: one retry layer, not the SDK's
 * attempts times Flow's), and each request has a time limit: 75 s for long polls (SWF holds them up
 * to 60 s), 6 s for the data plane, 10 s for the control plane (register, describe, list), as
 * Amazon's own Flow framework sets them. Per-request settings can shorten what the client's HTTP
 * client allows, not lengthen it: polls of an SDK client go through a client Flow builds from the
 * given one's configuration (region, endpoint, credentials) with the SDK's SWF default HTTP client
 * (a 90 s read timeout), so a given HTTP client with a shorter read timeout does not cut long
 * polls. Public only for {@code FlowClient} and {@code Worker}.
 *
 * <p>Each worker polls through a poll client of its own ({@link #forWorker}), which it {@linkplain
 * #stopPolls stops} as it closes: the SDK does not end a poll its thread is interrupted in (it
 * drops the answer once it comes, losing the task in it), while closing the connections does end
 * it, and the Flow engine then withdraws the poll at once. Amazon SWF may still hand a task to a
 * poll whose connection closed; a worker there lets its polls return instead ({@link
 * #pollsOutliveConnections}). The Flow engine says which it is in each answer ({@code Server:
 * flow-engine}).
 *
 * <p>The settings cost each call, so only what changes something is added: no retry setting for a
 * client that already makes one attempt per call (as every client Flow opens: a per-request plugin
 * makes the SDK rebuild its configuration for the call), and none at all for a client that serves
 * calls in process ({@link InProcessSwf}: the embedded engine).
 */
public final class SwfCalls implements InvocationHandler {
  static final Duration POLL_TIMEOUT = Duration.ofSeconds(75);
  static final Duration DATA_PLANE_TIMEOUT = Duration.ofSeconds(6);
  static final Duration CONTROL_PLANE_TIMEOUT = Duration.ofSeconds(10);

  private static final Set<String> POLLS = Set.of("pollForDecisionTask", "pollForActivityTask");

  /** The {@code Server} header of the Flow engine's answers (its {@code HttpAnswer.SERVER}). */
  static final String FLOW_ENGINE = "flow-engine";

  /** Turns the SDK's retries off for one request. */
  private static final SdkPlugin NO_SDK_RETRIES =
      config ->
          config.overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()));

  private final SwfClient target;
  private final boolean worker;
  private final boolean inProcess;
  private final boolean oneAttempt;
  private final Object pollLock = new Object();
  private SwfClient polls; // guarded by pollLock; built at the first poll of an SDK client
  private boolean pollsBuilt; // guarded by pollLock
  private boolean pollsStopped; // guarded by pollLock
  private volatile boolean flowEngine;

  private SwfCalls(SwfClient target, boolean worker) {
    this.target = target;
    this.worker = worker;
    this.inProcess = target instanceof InProcessSwf;
    this.oneAttempt = !inProcess && makesOneAttempt(target);
  }

  /**
   * Whether {@code swf} is an SDK client whose retry strategy makes one attempt per call (so a
   * request needs no setting to turn the SDK's retries off).
   */
  static boolean makesOneAttempt(SwfClient swf) {
    SwfServiceClientConfiguration c = configurationOf(swf);
    return c != null
        && c.overrideConfiguration() != null
        && c.overrideConfiguration().retryStrategy().map(s -> s.maxAttempts() == 1).orElse(false);
  }

  /**
   * {@code swf}'s SDK configuration, or null when it has none (the embedded engine in process, a
   * test double).
   */
  static SwfServiceClientConfiguration configurationOf(SwfClient swf) {
    try {
      return swf.serviceClientConfiguration();
    } catch (UnsupportedOperationException e) {
      return null;
    }
  }

  /** {@code swf} behind Flow's per-call settings; closing it closes {@code swf} too. */
  public static SwfClient wrap(SwfClient swf) {
    if (Proxy.isProxyClass(swf.getClass()) && Proxy.getInvocationHandler(swf) instanceof SwfCalls) {
      return swf;
    }
    return (SwfClient)
        Proxy.newProxyInstance(
            SwfCalls.class.getClassLoader(),
            new Class<?>[] {SwfClient.class},
            new SwfCalls(swf, false));
  }

  /**
   * The calls of one worker on {@code swf}: as {@link #wrap}, with a poll client of its own that
   * {@link #stopPolls} closes; closing the result closes only that.
   */
  public static SwfClient forWorker(SwfClient swf) {
    return (SwfClient)
        Proxy.newProxyInstance(
            SwfCalls.class.getClassLoader(),
            new Class<?>[] {SwfClient.class},
            new SwfCalls(unwrap(swf), true));
  }

  /**
   * Ends the polls of a worker's client ({@link #forWorker}; nothing for any other): closes the
   * connections of its poll client, so the polls in flight end (the Flow engine withdraws them),
   * and refuses polls from now on. Whether it closed any (none in process: interrupting the poll's
   * thread ends it there).
   */
  public static boolean stopPolls(SwfClient swf) {
    SwfCalls calls = handler(swf);
    if (calls == null || !calls.worker) {
      return false;
    }
    synchronized (calls.pollLock) {
      calls.pollsStopped = true;
      if (calls.polls == null) {
        return false;
      }
      calls.polls.close();
      calls.polls = null;
      return true;
    }
  }

  /**
   * Whether a worker's client polls an endpoint that may hand a task to a poll whose connection
   * closed (Amazon SWF, or any that does not say it is the Flow engine): its worker lets the polls
   * in flight return before it stops them.
   */
  public static boolean pollsOutliveConnections(SwfClient swf) {
    SwfCalls calls = handler(swf);
    if (calls == null || !calls.worker || calls.flowEngine) {
      return false;
    }
    synchronized (calls.pollLock) {
      return calls.polls != null;
    }
  }

  private static SwfCalls handler(SwfClient swf) {
    return Proxy.isProxyClass(swf.getClass())
            && Proxy.getInvocationHandler(swf) instanceof SwfCalls c
        ? c
        : null;
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
          polls = null;
        }
        if (worker) {
          pollsStopped = true;
        }
      }
      if (worker) {
        return null; // the client behind is the FlowClient's
      }
    }
    SwfClient client = target;
    if (args != null && args.length == 1 && args[0] instanceof SwfRequest request) {
      boolean poll = isLongPoll(method.getName(), request);
      if (!inProcess) {
        args = new Object[] {withSettings(request, timeout(method.getName(), poll), !oneAttempt)};
      }
      if (poll) {
        client = pollClient();
      }
    }
    Object answer;
    try {
      answer = method.invoke(client, args);
    } catch (InvocationTargetException e) {
      if (!staleConnection(e.getCause())) {
        throw e.getCause();
      }
      try {
        answer = method.invoke(client, args); // once more, on a fresh connection
      } catch (InvocationTargetException again) {
        throw again.getCause();
      }
    }
    if (!flowEngine
        && answer instanceof SwfResponse r
        && r.sdkHttpResponse() != null
        && r.sdkHttpResponse()
            .firstMatchingHeader("Server")
            .filter(FLOW_ENGINE::equals)
            .isPresent()) {
      flowEngine = true;
    }
    return answer;
  }

  /**
   * Whether the request is a long poll (a further page of a decision task's history is not: it is
   * answered at once, and read while the worker closes too).
   */
  private static boolean isLongPoll(String action, SwfRequest request) {
    return POLLS.contains(action)
        && !(request instanceof PollForDecisionTaskRequest p && p.nextPageToken() != null);
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

  /**
   * {@code request} with the time limit {@code timeout} unless it has one, and the SDK's retries
   * off ({@code noRetries}) unless they are; itself when it has all it needs.
   */
  private static SwfRequest withSettings(SwfRequest request, Duration timeout, boolean noRetries) {
    AwsRequestOverrideConfiguration given = request.overrideConfiguration().orElse(null);
    boolean addPlugin = noRetries && (given == null || !given.plugins().contains(NO_SDK_RETRIES));
    boolean addAttemptTimeout = given == null || given.apiCallAttemptTimeout().isEmpty();
    boolean addCallTimeout = given == null || given.apiCallTimeout().isEmpty();
    if (!addPlugin && !addAttemptTimeout && !addCallTimeout) {
      return request;
    }
    AwsRequestOverrideConfiguration.Builder settings =
        given == null ? AwsRequestOverrideConfiguration.builder() : given.toBuilder();
    if (addPlugin) {
      settings.addPlugin(NO_SDK_RETRIES);
    }
    if (addAttemptTimeout) {
      settings.apiCallAttemptTimeout(timeout);
    }
    if (addCallTimeout) {
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
      if (pollsStopped) {
        throw new IllegalStateException("the worker is closed: it polls no more");
      }
      if (!pollsBuilt) {
        pollsBuilt = true;
        polls = Engines.pollClient(target);
      }
      return polls != null ? polls : target;
    }
  }
}
