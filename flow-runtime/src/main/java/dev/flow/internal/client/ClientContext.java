package dev.flow.internal.client;

import dev.flow.DataConverter;
import dev.flow.internal.tracing.Tracing;
import java.net.InetAddress;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * What the client layer ({@link Executions}, {@link ActivityCompletions}, the workflow handles)
 * takes of a {@code dev.flow.FlowClient}: its SWF client (behind Flow's per-call settings), domain,
 * data converter, identity and tracing. Each {@code FlowClient} holds one; this layer never sees
 * the {@code FlowClient} itself. Public only for {@code FlowClient}, {@code Worker} and {@code
 * ClientCalls}.
 *
 * @param swf the client every call goes through ({@link SwfCalls#wrap})
 * @param domain the SWF domain of every start, signal and answer
 * @param converter encodes and decodes inputs, results and details
 * @param identity what workers report by default
 * @param tracing the spans of starts and signals ({@link Tracing#NONE}: none)
 */
public record ClientContext(
    SwfClient swf, String domain, DataConverter converter, String identity, Tracing tracing) {
  public ClientContext {
    Objects.requireNonNull(swf, "swf");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(converter, "converter");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(tracing, "tracing");
  }

  /**
   * How to read the context of a {@code FlowClient}; given once, by {@code FlowClient} as its class
   * initializes. Typed on {@code Object} so that this layer does not import {@code FlowClient},
   * which imports it; the context stays off the public API.
   */
  private static volatile Function<Object, ClientContext> contexts;

  /**
   * Says how to read a {@code FlowClient}'s context (from {@code FlowClient}'s static initializer).
   *
   * @throws IllegalStateException when said already
   */
  public static void readFrom(Function<Object, ClientContext> access) {
    synchronized (ClientContext.class) {
      if (contexts != null) {
        throw new IllegalStateException("FlowClient gives access to its context, once");
      }
      contexts = Objects.requireNonNull(access, "access");
    }
  }

  /** The context of {@code flowClient}, a {@code dev.flow.FlowClient}. */
  public static ClientContext of(Object flowClient) {
    Objects.requireNonNull(flowClient, "flow");
    // a FlowClient instance exists, so its class initializer has given the access
    return contexts.apply(flowClient);
  }

  /** {@code host:pid} of this process, the default identity of clients and workers. */
  public static String defaultIdentity() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception | LinkageError e) {
      host = "localhost";
    }
    String identity = host + ":" + ProcessHandle.current().pid();
    return identity.length() <= 256 ? identity : identity.substring(identity.length() - 256);
  }
}
