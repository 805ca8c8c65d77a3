package dev.flow.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * The embedded engine: Amazon SWF's semantics on a local SQLite file (or in memory), served in
 * process as an {@link SwfClient}, so the Flow runtime, or any code written against the AWS SDK,
 * runs unchanged.
 *
 * <pre>{@code
 * try (LocalEngine engine = LocalEngine.open(Path.of("flow.db"))) {
 *   SwfClient swf = engine.client();
 *   swf.registerDomain(r -> r.name("demo").workflowExecutionRetentionPeriodInDays("1"));
 *   ...
 * }
 * }</pre>
 *
 * <p>Durable: every action is all or nothing in SQLite (WAL, {@code synchronous=NORMAL}), and is
 * answered only once committed (actions that arrive together share one commit); an engine reopened
 * on the same file carries on where it stopped: scheduled tasks are back in their task lists, and
 * every timeout and timer fires at its stored deadline (at once if it passed while the engine was
 * closed).
 *
 * <p>Time: all event times and deadlines come from the builder's {@link #builder() clock}. With the
 * system clock, one timer thread sleeps until the next deadline. With any other clock (a test clock
 * you move by hand), the timer thread re-reads it every 10 ms, and {@link #tick()} fires what is
 * due at once, on the calling thread, so a test can move its clock, call {@code tick()} and assert
 * on the history without sleeping. With {@link Builder#timeSkipping time skipping}, for tests, the
 * engine moves its clock to the next deadline by itself whenever nothing is at work.
 *
 * <p>Where SWF leaves room, the engine chooses: decisions that reach other runs (signals, cancel
 * requests, child starts) take effect within the same transaction, so their outcome events follow
 * their Initiated events at once; a repeated cancel request records one event; a close decision
 * must be the last of its response (else ValidationException); an activity heartbeat timeout with
 * no default is NONE. There are no rate limits, no IAM, and no Lambda: a ScheduleLambdaFunction
 * decision records ScheduleLambdaFunctionFailed (LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION), as SWF
 * does where Lambda cannot be reached.
 */
public final class LocalEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalEngine.class);
  private static final long POLL_TIMEOUT_NANOS = Duration.ofSeconds(60).toNanos();

  private final Engine engine;
  private final Requests requests;
  private final SwfClient client;
  private final List<SwfHttpServer> servers = new ArrayList<>();
  private final long openedNanos = System.nanoTime();

  private LocalEngine(Builder b) {
    InstantSource clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.engine =
        new Engine(b.file, clock, !isSystemClock(clock), b.pollTimeoutNanos, b.timeSkipping);
    if (b.meterRegistry != null) {
      engine.metrics = MicrometerEngineMetrics.create(b.meterRegistry, engine);
    }
    this.requests = Requests.of(engine);
    engine.skipOnlyWhileAwaited(b.skipOnlyWhileAwaited);
    engine.start();
    this.client = new LocalSwfClient(engine, requests, () -> {});
  }

  /** Whether {@code clock} is the system clock, whose deadlines the timer thread can sleep to. */
  private static boolean isSystemClock(InstantSource clock) {
    return clock instanceof Clock c && c.withZone(ZoneOffset.UTC).equals(Clock.systemUTC());
  }

  /** Opens (creating if needed) the engine stored in {@code file}. */
  public static LocalEngine open(Path file) {
    return builder().file(file).build();
  }

  /** A temporary engine that lives in memory until closed. */
  public static LocalEngine inMemory() {
    return builder().build();
  }

  /** Options: a file (default: in memory) and a clock (default: the system clock). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The engine's SWF client. Closing it does nothing; close the engine instead. Many threads may
   * use it at once (long polls included).
   */
  public SwfClient client() {
    return client;
  }

  /** A client whose {@code close()} runs {@code onClose} (for {@link EmbeddedEngineProvider}). */
  SwfClient client(Runnable onClose) {
    return new LocalSwfClient(engine, requests, onClose);
  }

  /**
   * Whether the engine can record what it is asked now. While its store cannot write (its disk is
   * full, its file was made read-only), reads are still answered and every call that would change
   * something fails with {@code ServiceUnavailable} (HTTP 503) and leaves no trace; once the store
   * can write again, calls succeed again by themselves. Asking tries a write of its own (and undoes
   * it), so the answer follows the store. A {@linkplain #serve served} engine answers {@code GET
   * /health} with this (HTTP 503 while not writable).
   */
  public Health health() {
    String problem = engine.isClosed() ? "the engine is closed" : engine.writeProblem();
    long open;
    try {
      open = engine.openExecutions();
    } catch (RuntimeException e) {
      open = -1;
    }
    return new Health(
        problem == null,
        problem,
        Store.SCHEMA_VERSION,
        open,
        Duration.ofNanos(System.nanoTime() - openedNanos));
  }

  /**
   * The engine's health.
   *
   * @param writable false while its store cannot write
   * @param problem why not (for an operator: the file and the error), else null
   * @param schemaVersion the version of the store's schema
   * @param openExecutions open executions in every domain, or -1 when the store cannot be read
   * @param uptime since the engine opened
   */
  public record Health(
      boolean writable, String problem, int schemaVersion, long openExecutions, Duration uptime) {}

  /** The engine's core (for tests). */
  Engine core() {
    return engine;
  }

  /**
   * Fires every timeout and timer that is due by the engine's clock now, before returning. Only
   * needed with a clock of your own that you move by hand; the timer thread does the same by
   * itself.
   */
  public void tick() {
    engine.fireDue();
  }

  /**
   * Moves the clock of a time-skipping engine forward by {@code by}, as if that much time had
   * passed, and fires the timers and timeouts that fall due (in the background: what a workflow
   * does about them, it does as usual). It first waits (up to 10 s) for the work in progress to be
   * done, the decisions of just-started or just-signaled executions included, so the time passes
   * while they wait. For tests, like Temporal's {@code TestWorkflowEnvironment.sleep}:
   *
   * <pre>{@code
   * ApprovalWorkflowClient.Handle run = ApprovalWorkflowClient.create(flow).start();
   * engine.skip(Duration.ofHours(23));   // the workflow's one-day deadline has not passed
   * run.approve("ann");
   * }</pre>
   *
   * @throws IllegalStateException when the engine does not skip time ({@link Builder#timeSkipping})
   */
  public void skip(Duration by) {
    Objects.requireNonNull(by, "by");
    if (by.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward: " + by);
    }
    engine.skip(by, Duration.ofSeconds(10));
  }

  /**
   * Closes the engine: every long poll in progress returns an empty task, later calls fail, and the
   * store is closed. Nothing accepted is lost; reopen the file to carry on.
   */
  @Override
  public void close() {
    List<SwfHttpServer> served;
    synchronized (servers) {
      served = List.copyOf(servers);
      servers.clear();
    }
    served.forEach(SwfHttpServer::close);
    engine.close();
  }

  /** Options of a {@link LocalEngine}. */
  public static final class Builder {
    private Path file;
    private InstantSource clock;
    private long pollTimeoutNanos = POLL_TIMEOUT_NANOS;
    private boolean timeSkipping;
    private boolean skipOnlyWhileAwaited;
    private Object meterRegistry; // a MeterRegistry; typed Object so Micrometer stays optional

    private Builder() {}

    /**
     * Counts what the engine does in {@code registry} (default: nothing counted). With a Prometheus
     * registry ({@code io.micrometer:micrometer-registry-prometheus}), a {@linkplain
     * LocalEngine#serve served} engine answers {@code GET /metrics} with its text:
     *
     * <ul>
     *   <li>{@code flow_engine_requests_seconds{action, fault}}: SWF requests over HTTP, by action
     *       and fault ({@code none} on success), and their time;
     *   <li>{@code flow_engine_polls_waiting}: long polls held open;
     *   <li>{@code flow_engine_tasks_scheduled_total}, {@code _started_total}, {@code
     *       _completed_total{outcome}}: decision and activity tasks, by {@code kind} and {@code
     *       taskList};
     *   <li>{@code flow_engine_tasks_schedule_to_start_seconds}: how long tasks waited for a
     *       poller;
     *   <li>{@code flow_engine_store_commit_seconds}, {@code flow_engine_store_commit_events}:
     *       store commits that wrote events, their latency and batch size;
     *   <li>{@code flow_engine_executions_open}; {@code flow_engine_events_total} (its rate: events
     *       per second).
     * </ul>
     *
     * Micrometer is an optional dependency: add {@code io.micrometer:micrometer-core} (and the
     * Prometheus registry) to use this.
     */
    public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
      this.meterRegistry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** The SQLite file to use (created if missing); none keeps the engine in memory. */
    public Builder file(Path file) {
      this.file = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * The source of the engine's time (event timestamps, deadlines); default the system clock. A
     * {@link Clock} is an {@code InstantSource}. See {@link LocalEngine#tick()}.
     */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Time skipping, for tests (default off): the engine keeps its own clock, the builder's clock
     * plus the time skipped so far, and whenever it is idle it moves that clock to the next
     * deadline and fires it, so a workflow that sleeps a day finishes in milliseconds.
     *
     * <p>Idle means that nothing could happen before the next deadline: no call has come in for a
     * few milliseconds, at least one long poll is waiting, no task is queued on a polled task list
     * (a task on a list nobody polls holds the clock for its first 200 ms only, in case a worker is
     * starting), and no decision or activity task is started and unanswered. So a decider at work,
     * or one between its answer and its next poll, never sees time jump; and a running activity
     * holds the clock, so its own timeouts (start-to-close, heartbeat) pass in real time. Calls
     * that only read (describe, list, count, get history, as {@code WorkflowHandle.result()} does
     * while it waits) do not hold it. Closed runs are kept (no retention), so their histories stay
     * readable however far time moves.
     *
     * <p>A test that signals a waiting workflow races with time skipping: once the workflow waits,
     * its timers (and its execution timeout) may fire before the signal arrives. {@link
     * #skipOnlyWhileAwaited} (as flow-testing's {@code FlowExtension} sets it) skips only while the
     * test waits on a result, and {@link LocalEngine#skip} moves the clock by hand.
     */
    public Builder timeSkipping(boolean enabled) {
      this.timeSkipping = enabled;
      return this;
    }

    /**
     * With {@link #timeSkipping}: skip only while a client waits on a result ({@code
     * WorkflowHandle.result()}, which reads the run's last event), so that a test that sleeps,
     * signals or checks something first is not overtaken by a jump of the clock. The test kit's
     * {@code FlowExtension} turns this on. {@link LocalEngine#skip} moves the clock whenever asked.
     */
    public Builder skipOnlyWhileAwaited(boolean enabled) {
      this.skipOnlyWhileAwaited = enabled;
      return this;
    }

    /** How long a poll waits for a task (SWF: 60 s); for tests. */
    Builder pollTimeout(Duration timeout) {
      this.pollTimeoutNanos = timeout.toNanos();
      return this;
    }

    public LocalEngine build() {
      return new LocalEngine(this);
    }
  }

  // ================================================================ over HTTP

  /**
   * Serves this engine over the SWF JSON 1.0 protocol on {@code address} (port 0 picks a free one),
   * so that worker mains in other processes, the AWS CLI, boto3 or any SWF client reach it with an
   * endpoint override:
   *
   * <pre>{@code
   * try (LocalEngine engine = LocalEngine.open(Path.of("flow.db"));
   *     LocalEngine.Server server = engine.serve(new InetSocketAddress("127.0.0.1", 8080))) {
   *   FlowClient flow = FlowClient.connect(server.endpoint().toString(), "demo");
   * }
   * }</pre>
   *
   * <p>Requests are not authenticated: bind to a loopback address unless the network is trusted
   * (the {@linkplain #main server process} can require SigV4 signatures). Long polls wait up to 60
   * s, as on SWF, so give remote clients an HTTP socket timeout above that (the SDK's Apache client
   * defaults to 30 s). Closing the server leaves the engine open; closing the engine stops every
   * server.
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public Server serve(InetSocketAddress address) {
    return serve(address, (SigV4Verifier) null);
  }

  /**
   * As {@link #serve(InetSocketAddress)}, also answering every request but SWF's {@code POST /},
   * {@code GET /health} and {@code GET /metrics} with {@code pages} (the web view of {@code flow
   * serve}).
   */
  public Server serve(InetSocketAddress address, WebPages pages) {
    return serve(address, null, false, Objects.requireNonNull(pages, "pages"));
  }

  /** As {@link #serve(InetSocketAddress)}, requiring requests signed with {@code credentials}. */
  Server serve(InetSocketAddress address, SigV4Verifier verifier) {
    return serve(address, verifier, false);
  }

  /** As {@link #serve(InetSocketAddress, SigV4Verifier)}, logging every request if asked. */
  Server serve(InetSocketAddress address, SigV4Verifier verifier, boolean logRequests) {
    return serve(address, verifier, logRequests, null);
  }

  /** As {@link #serve(InetSocketAddress, SigV4Verifier, boolean)}, with pages (or null). */
  Server serve(
      InetSocketAddress address, SigV4Verifier verifier, boolean logRequests, WebPages pages) {
    try {
      SwfHttpServer http =
          new SwfHttpServer(
                  client,
                  address,
                  verifier,
                  SwfHttpServer.Limits.DEFAULT,
                  new SwfHttpServer.Monitoring(this::health, engine.metrics, logRequests, pages))
              .start();
      synchronized (servers) {
        servers.add(http);
      }
      LOG.info(
          "serving the engine on http://{}:{}{}",
          http.address().getAddress().getHostAddress(),
          http.address().getPort(),
          verifier == null ? "" : " (SigV4 signatures required)");
      return new Server(http, this);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve the engine on " + address + ": " + e, e);
    }
  }

  /**
   * Runs the engine as a server process until SIGTERM or SIGINT:
   *
   * <pre>
   * java -jar flow-engine-server.jar [--port 8080] [--db flow.db] [--bind 127.0.0.1]
   *     [--sigv4 ACCESS_KEY:SECRET_KEY]
   * </pre>
   *
   * <p>{@code --port 0} picks a free port; the server prints {@code listening on http://HOST:PORT}
   * once it accepts requests. {@code --db :memory:} keeps everything in memory. {@code --sigv4} (or
   * the environment variable {@code FLOW_ENGINE_CREDENTIALS}) rejects every request that is not
   * signed (AWS Signature Version 4) with those credentials.
   */
  public static void main(String[] args) throws Exception {
    ServerMain.main(args, null);
  }

  /**
   * As {@link #main(String[])}, also serving the pages {@code pages} makes (the web view of {@code
   * flow serve}) on every path but SWF's {@code POST /}, {@code /health} and {@code /metrics}. Also
   * takes {@code --ui-token TOKEN} (or the environment variable {@code FLOW_UI_TOKEN}), passed to
   * the pages.
   */
  public static void main(String[] args, WebPages.Factory pages) throws Exception {
    ServerMain.main(args, pages);
  }

  /** An engine served over HTTP ({@link #serve}); closing it stops serving. */
  public static final class Server implements AutoCloseable {
    private final SwfHttpServer http;
    private final LocalEngine engine;

    private Server(SwfHttpServer http, LocalEngine engine) {
      this.http = http;
      this.engine = engine;
    }

    /** The address the server listens on, with the port chosen when 0 was asked for. */
    public InetSocketAddress address() {
      return http.address();
    }

    /** The endpoint SWF clients take, {@code http://HOST:PORT}. */
    public URI endpoint() {
      InetSocketAddress a = address();
      String host = a.getAddress().getHostAddress();
      return URI.create(
          "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort());
    }

    /** How many requests are being served now, long polls included (for tests). */
    int inFlight() {
      return http.inFlight();
    }

    /** Stops serving: requests in progress (long polls too) end at once; the engine stays open. */
    @Override
    public void close() {
      synchronized (engine.servers) {
        engine.servers.remove(http);
      }
      http.close();
    }
  }
}
