package dev.flow;

import dev.flow.internal.client.ActivityCompletions;
import dev.flow.internal.client.ClientContext;
import dev.flow.internal.client.Engines;
import dev.flow.internal.client.Executions;
import dev.flow.internal.client.SwfCalls;
import dev.flow.internal.tracing.Tracing;
import java.util.Objects;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * The connection of an application to an engine: an SWF client (the embedded engine's or AWS's),
 * the domain, the data converter and the identity workers report. Generated workflow clients and
 * {@link Worker}s take one. It registers nothing: {@link Worker#start()} registers the domain and
 * the types it hosts.
 *
 * <pre>{@code
 * try (FlowClient flow = FlowClient.connect("embedded:flow.db", "media")) {
 *   VideoResult r = ProcessVideoWorkflowClient.create(flow).execute(url, subs);
 * }
 * }</pre>
 *
 * <p>Engines, by name ({@link #connect}, {@link Builder#engine}):
 *
 * <ul>
 *   <li>{@code embedded}: a temporary in-memory engine in this process;
 *   <li>{@code embedded:FILE}: the embedded engine stored in {@code FILE}. Both need the {@code
 *       dev.flow:flow-engine} artifact on the class path;
 *   <li>{@code http://HOST:PORT} or {@code https://HOST:PORT}: an SWF endpoint. On this machine
 *       ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}), such as the embedded engine's
 *       server: signed for {@code us-east-1} with the AWS credentials of the environment ({@code
 *       AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}) when set, else with dummy ones. Any
 *       other endpoint (a regional, VPC or FIPS endpoint of Amazon SWF): the SDK's default region
 *       and credentials chains;
 *   <li>{@code aws} or {@code aws:REGION}: Amazon SWF with the SDK's default credentials, in the
 *       default region or the one named.
 * </ul>
 *
 * <p>A {@code FlowClient} is thread-safe; share one per engine and domain.
 */
public final class FlowClient implements AutoCloseable {
  /** What the client layer takes: the SWF client, domain, converter, identity and tracing. */
  private final ClientContext context;

  private final boolean ownsSwf;
  private volatile boolean closed;

  static {
    // generated clients' calls (ClientCalls) read the context through this, so that it stays off
    // the public API (the tracing in it is set by Builder.openTelemetry alone)
    ClientContext.readFrom(flow -> ((FlowClient) flow).context);
  }

  private FlowClient(ClientContext context, boolean ownsSwf) {
    this.context = context;
    this.ownsSwf = ownsSwf;
  }

  /** The context of this client, for {@link Worker}. */
  ClientContext context() {
    return context;
  }

  /**
   * A client of {@code domain} on {@code swf}, with the default Jackson data converter. Closing it
   * leaves {@code swf} open.
   */
  public static FlowClient create(SwfClient swf, String domain) {
    return builder().swf(swf).domain(domain).build();
  }

  /**
   * Connects to an engine by name (see the class comment): {@code embedded}, {@code embedded:FILE},
   * {@code http://HOST:PORT}, {@code https://HOST:PORT}, {@code aws} or {@code aws:REGION}. Closing
   * the client closes the connection (and the embedded engine).
   *
   * @throws IllegalArgumentException when {@code engine} is none of these forms
   * @throws FlowException when the engine cannot be opened, for example when an embedded engine is
   *     asked for and {@code dev.flow:flow-engine} is not on the class path
   */
  public static FlowClient connect(String engine, String domain) {
    Engines.parse(engine); // a null or malformed name fails here, before anything else
    return builder().engine(engine).domain(domain).build();
  }

  /** Starts building a client; set {@link Builder#swf} or {@link Builder#engine}, and a domain. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The SWF client all calls go through: the one given (or opened), with the settings every call of
   * Flow carries. The SDK's own retries are off (Flow retries throttling and transient failures
   * itself, so attempts do not multiply); each request has a time limit (75 s for long polls, 6 s
   * for the data plane, 10 s for the control plane: register, describe, list); and polls of an AWS
   * SDK client go through a client built from its region, endpoint and credentials with the SDK's
   * default HTTP client for SWF, whose read timeout outlasts SWF's 60 s long polls even when the
   * given client's HTTP client would cut them (such as {@code ApacheHttpClient.create()}, 30 s).
   */
  public SwfClient swf() {
    return context.swf();
  }

  /** The SWF domain of every workflow and activity this client starts, polls or registers. */
  public String domain() {
    return context.domain();
  }

  /**
   * Encodes and decodes inputs, results, signal arguments and heartbeat details: the one given to
   * {@link Builder#dataConverter}, behind {@link DataConverter#withBlobs} when a {@link
   * Builder#blobStore} is set. Workers and the decider use this one too.
   */
  public DataConverter dataConverter() {
    return context.converter();
  }

  /** The identity workers record in the history by default ({@code host:pid} unless set). */
  public String identity() {
    return context.identity();
  }

  /**
   * Completes an activity task that its activity left open ({@link
   * ActivityContext#doNotCompleteOnReturn()}), with {@code result} encoded by this client's data
   * converter as the activity's result. Callable from any thread or process connected to the same
   * engine and domain; transient failures (throttling, server errors) are retried with backoff.
   *
   * <pre>{@code
   * // in the activity:  ActivityContext c = ActivityContext.current();
   * //                   approvals.request(c.taskToken()); c.doNotCompleteOnReturn(); return null;
   * // later, anywhere:  flow.completeActivity(token, "approved");
   * }</pre>
   *
   * @throws FlowException when the task is no longer open (answered, timed out, workflow closed),
   *     the token is not valid, or the result is too large
   */
  public void completeActivity(String taskToken, Object result) {
    ActivityCompletions.complete(context, taskToken, result);
  }

  /**
   * Fails an activity task left open ({@link ActivityContext#doNotCompleteOnReturn()}): the
   * workflow sees an {@link ActivityFailure} of {@code failure}'s type and message (and retries the
   * activity if its retry policy says so).
   *
   * @throws FlowException when the task is no longer open or the token is not valid
   */
  public void failActivity(String taskToken, Throwable failure) {
    ActivityCompletions.fail(context, taskToken, failure);
  }

  /**
   * Reports an activity task left open ({@link ActivityContext#doNotCompleteOnReturn()}) canceled,
   * with {@code details} (null: none) encoded by this client's data converter; the engine accepts
   * it only when the workflow asked to cancel the activity.
   *
   * @throws FlowException when the task is no longer open, was not asked to cancel, or the token is
   *     not valid
   */
  public void reportActivityCanceled(String taskToken, Object details) {
    ActivityCompletions.canceled(context, taskToken, details);
  }

  /**
   * Resumes the closed (failed, timed-out, terminated or canceled) run {@code runId} of {@code
   * workflowId} (its latest run when null), without its generated client: a new run with the same
   * workflow id, type, input, task list, timeouts and tags, in which every activity call that
   * completed in the stopped run resolves at once with its recorded result instead of running again
   * ({@link WorkflowHandle#resume()} from a typed handle does the same). The handle decodes the
   * result as plain JSON values (maps, lists, strings, numbers).
   *
   * <pre>{@code
   * WorkflowHandle<Object> run = flow.resume("order-7", null);
   * }</pre>
   *
   * @throws FlowException when the run is open, completed, continued as new or unknown
   */
  public WorkflowHandle<Object> resume(String workflowId, String runId) {
    return Executions.resume(context, null, workflowId, runId, null);
  }

  /**
   * {@link #resume(String, String)} with another input: {@code input} is the JSON array of the
   * workflow's arguments, as the generated client encodes them ({@code ["v.mp4","s.srt"]}).
   */
  public WorkflowHandle<Object> resume(String workflowId, String runId, String input) {
    return Executions.resume(
        context, null, workflowId, runId, Objects.requireNonNull(input, "input"));
  }

  /** Closes the SWF client if this client opened it ({@link #connect}, {@link Builder#engine}). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (ownsSwf) {
      context.swf().close();
    } else {
      SwfCalls.release(context.swf()); // what Flow built for polls; the given client stays open
    }
  }

  @Override
  public String toString() {
    return "FlowClient{domain=" + domain() + ", identity=" + identity() + "}";
  }

  /** Builds a {@link FlowClient}. */
  public static final class Builder {
    private SwfClient swf;
    private String engine;
    private String domain;
    private DataConverter dataConverter = DataConverter.json();
    private String identity;
    private BlobStore blobStore;
    private Integer maxPayloadBytes;
    private Object openTelemetry; // an OpenTelemetry; typed Object so the API stays optional

    private Builder() {}

    /** The SWF client to use (left open by {@link FlowClient#close()}); or use {@link #engine}. */
    public Builder swf(SwfClient swf) {
      this.swf = Objects.requireNonNull(swf, "swf");
      return this;
    }

    /**
     * The engine to connect to, by name (as {@link FlowClient#connect}); closed with the client.
     */
    public Builder engine(String engine) {
      this.engine = engine;
      return this;
    }

    /** The SWF domain (required). */
    public Builder domain(String domain) {
      this.domain = domain;
      return this;
    }

    /** The data converter; {@link DataConverter#json()} by default. */
    public Builder dataConverter(DataConverter dataConverter) {
      this.dataConverter = Objects.requireNonNull(dataConverter, "dataConverter");
      return this;
    }

    /**
     * Keeps payloads longer than SWF carries (inputs, results, heartbeat details and signal inputs
     * over {@value DataConverter#BLOB_THRESHOLD} characters once encoded) in {@code store}, passing
     * references through SWF instead: the data converter becomes {@link
     * DataConverter#withBlobs}{@code (converter, store, maxPayloadBytes)}. Every client and worker
     * of the domain needs the same store. None by default: such payloads are refused.
     */
    public Builder blobStore(BlobStore store) {
      this.blobStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The largest payload (UTF-8 bytes once encoded) the {@link #blobStore} keeps; {@value
     * DataConverter#DEFAULT_MAX_PAYLOAD_BYTES} by default. Larger ones fail with a {@link
     * FlowException} that says so.
     */
    public Builder maxPayloadBytes(int maxBytes) {
      if (maxBytes < 1) {
        throw new IllegalArgumentException("maxPayloadBytes must be positive, was " + maxBytes);
      }
      this.maxPayloadBytes = maxBytes;
      return this;
    }

    /**
     * Traces with {@code openTelemetry} (default: nothing traced): this client's starts ({@code
     * StartWorkflow:<type>}, a child of the caller's current span, whose run then joins its trace)
     * and signals ({@code SignalWorkflow:<type>}, linked to the run's span), and, unless {@link
     * Worker.Builder#openTelemetry} says otherwise, the tasks of the {@link Worker}s built on this
     * client: a span per workflow run ({@code RunWorkflow:<type>}), per live decision task ({@code
     * DecisionTask:<type>}) and per activity attempt ({@code RunActivity:<type>}), the activity's
     * code running with its span current.
     *
     * <p>The OpenTelemetry API is an optional dependency of Flow: add {@code
     * io.opentelemetry:opentelemetry-api} (and an SDK with an exporter, or the Java agent) to call
     * this; Flow never touches {@code GlobalOpenTelemetry} by itself ({@code
     * openTelemetry(GlobalOpenTelemetry.get())} asks for it). A traced start adds the tag {@code
     * flow.trace=<traceparent>} when it has one of SWF's 5 tags free, and tracing workers record
     * their run's span in the {@code executionContext} of their answers (docs/history-format.md).
     *
     * <pre>{@code
     * OpenTelemetrySdk otel = ...; // your SDK, with an exporter to Jaeger, Tempo, ...
     * FlowClient flow = FlowClient.builder().engine("embedded:flow.db").domain("media")
     *     .openTelemetry(otel).build();
     * }</pre>
     */
    public Builder openTelemetry(io.opentelemetry.api.OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
      return this;
    }

    /** The identity workers report (at most 256 characters); {@code host:pid} by default. */
    public Builder identity(String identity) {
      this.identity = identity;
      return this;
    }

    /**
     * Builds the client, opening the engine when one was given by name.
     *
     * @throws IllegalStateException when neither or both of {@code swf} and {@code engine} are set
     * @throws IllegalArgumentException when the domain is missing or the engine name is malformed
     */
    public FlowClient build() {
      if (domain == null || domain.isBlank()) {
        throw new IllegalArgumentException(
            "a FlowClient needs a domain: call domain(\"NAME\") (SWF domains are 1 to 256"
                + " characters)");
      }
      if (swf != null && engine != null) {
        throw new IllegalStateException(
            "FlowClient.builder(): set either swf(client) or engine(\"...\"), not both");
      }
      if (swf == null && engine == null) {
        throw new IllegalStateException(
            "FlowClient.builder(): set swf(client) or engine(\"embedded|embedded:FILE|"
                + "http://HOST:PORT|aws|aws:REGION\")");
      }
      String id = identity != null ? identity : ClientContext.defaultIdentity();
      if (id.isEmpty() || id.length() > 256) {
        throw new IllegalArgumentException(
            "identity must be 1 to 256 characters, was " + id.length() + ": " + id);
      }
      if (maxPayloadBytes != null && blobStore == null) {
        throw new IllegalStateException(
            "FlowClient.builder(): maxPayloadBytes(...) sets the limit of the blob store; set"
                + " blobStore(...) too (without one, payloads over SWF's 32,768 characters are"
                + " refused)");
      }
      DataConverter converter =
          blobStore == null
              ? dataConverter
              : DataConverter.withBlobs(
                  dataConverter,
                  blobStore,
                  maxPayloadBytes != null
                      ? maxPayloadBytes
                      : DataConverter.DEFAULT_MAX_PAYLOAD_BYTES);
      Tracing tracing = openTelemetry == null ? Tracing.NONE : Tracing.openTelemetry(openTelemetry);
      SwfClient client = swf != null ? swf : Engines.open(Engines.parse(engine));
      return new FlowClient(
          new ClientContext(SwfCalls.wrap(client), domain, converter, id, tracing), swf == null);
    }
  }
}
