package dev.flow.internal.client;

import dev.flow.FlowClient;
import dev.flow.FlowException;
import dev.flow.StartOptions;
import dev.flow.WorkflowHandle;
import dev.flow.internal.tracing.Tracing;
import dev.flow.spi.WorkflowSpec;
import java.net.InetAddress;
import java.net.URI;
import java.util.function.Function;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * The client side of the runtime, for {@link FlowClient}, {@code ClientCalls} and {@code
 * WorkerMain}: engine names, starting executions and handles on them. Public only for those.
 */
public final class ClientSupport {
  private ClientSupport() {}

  /** The accepted engine forms, for error messages. */
  public static final String ENGINE_FORMS =
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
  public static Engine parseEngine(String engine) {
    return Engines.parse(engine);
  }

  /**
   * {@code swf} with the settings every call of Flow carries (no SDK retries, per-request time
   * limits, polls through a client whose HTTP read timeout outlasts long polls); closing the result
   * closes {@code swf}.
   */
  public static SwfClient perCall(SwfClient swf) {
    return SwfCalls.wrap(swf);
  }

  /** Closes what {@link #perCall} built for polls, leaving the given client open. */
  public static void releasePerCall(SwfClient swf) {
    SwfCalls.release(swf);
  }

  /**
   * The calls of one worker on {@code swf} (a {@link FlowClient}'s): as {@link #perCall}, with
   * polls of its own that {@link #stopPolls} ends; closing the result leaves {@code swf} open.
   */
  public static SwfClient forWorker(SwfClient swf) {
    return SwfCalls.forWorker(swf);
  }

  /**
   * Ends the polls in flight of a worker's client ({@link #forWorker}) by closing their
   * connections, and refuses its polls from now on; whether it closed any (none in process, where
   * interrupting a poll's thread ends it).
   */
  public static boolean stopPolls(SwfClient worker) {
    return SwfCalls.stopPolls(worker);
  }

  /**
   * Whether a worker's client ({@link #forWorker}) polls an endpoint that may hand a task to a poll
   * whose connection closed (Amazon SWF; not the Flow engine, which withdraws it): its polls in
   * flight should be let return before they are stopped.
   */
  public static boolean pollsOutliveConnections(SwfClient worker) {
    return SwfCalls.pollsOutliveConnections(worker);
  }

  /** The client {@link #perCall} was given (or {@code swf} itself). */
  public static SwfClient given(SwfClient swf) {
    return SwfCalls.unwrap(swf);
  }

  /** Opens the SWF client of {@code engine}; closing the client closes the engine. */
  public static SwfClient open(Engine engine) {
    return Engines.open(engine);
  }

  /**
   * Starts an execution of {@code spec}; see {@code ClientCalls.start}.
   *
   * @throws FlowException when SWF refuses, naming why (id in use, type or domain unknown, ...)
   */
  public static <R> WorkflowHandle<R> start(
      FlowClient flow, WorkflowSpec spec, StartOptions options, Object[] arguments) {
    return Executions.start(
        flow, spec, options == null ? StartOptions.DEFAULT : options, arguments);
  }

  /** Resumes a closed run; see {@code FlowClient.resume}. */
  public static WorkflowHandle<Object> resume(
      FlowClient flow, String workflowId, String runId, String input) {
    return Executions.resume(flow, null, workflowId, runId, input);
  }

  /** A handle on an existing execution; a null {@code runId} resolves the latest run now. */
  public static <R> WorkflowHandle<R> handle(
      FlowClient flow, WorkflowSpec spec, String workflowId, String runId) {
    return Executions.handle(flow, spec, workflowId, runId);
  }

  /** RespondActivityTaskCompleted for a task left open; see {@code FlowClient.completeActivity}. */
  public static void completeActivity(FlowClient flow, String taskToken, Object result) {
    ActivityCompletions.complete(flow, taskToken, result);
  }

  /** RespondActivityTaskFailed for a task left open; see {@code FlowClient.failActivity}. */
  public static void failActivity(FlowClient flow, String taskToken, Throwable failure) {
    ActivityCompletions.fail(flow, taskToken, failure);
  }

  /** RespondActivityTaskCanceled for a task left open; see {@code FlowClient}. */
  public static void reportActivityCanceled(FlowClient flow, String taskToken, Object details) {
    ActivityCompletions.canceled(flow, taskToken, details);
  }

  private static volatile Function<FlowClient, Tracing> tracingOf;

  /**
   * How to read a client's tracing, given once by {@link FlowClient} as its class initializes, so
   * that the tracing stays off its public API.
   *
   * @throws IllegalStateException when given already
   */
  public static void tracingAccess(Function<FlowClient, Tracing> access) {
    synchronized (ClientSupport.class) {
      if (tracingOf != null) {
        throw new IllegalStateException("FlowClient gives the tracing access, once");
      }
      tracingOf = access;
    }
  }

  /** The tracing of {@code flow} ({@link Tracing#NONE} unless it was given an OpenTelemetry). */
  public static Tracing tracing(FlowClient flow) {
    Function<FlowClient, Tracing> access = tracingOf;
    return access == null ? Tracing.NONE : access.apply(flow);
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
