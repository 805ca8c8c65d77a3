package dev.flow.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Objects;
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
 * <p>Durable: every action is one SQLite transaction (WAL, {@code synchronous=NORMAL}); an engine
 * reopened on the same file carries on where it stopped: scheduled tasks are back in their task
 * lists, and every timeout and timer fires at its stored deadline (at once if it passed while the
 * engine was closed).
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
 * no default is NONE. There are no rate limits, no IAM, and no Lambda tasks (their decisions are a
 * ValidationException).
 */
public final class LocalEngine implements AutoCloseable {
  private static final long POLL_TIMEOUT_NANOS = Duration.ofSeconds(60).toNanos();

  private final Engine engine;
  private final Registry registry;
  private final Actions actions;
  private final Decisions decisions;
  private final SwfClient client;
  private SwfHttpServer endpoint;

  private LocalEngine(Builder b) {
    InstantSource clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.engine =
        new Engine(b.file, clock, !isSystemClock(clock), b.pollTimeoutNanos, b.timeSkipping);
    this.registry = new Registry(engine);
    this.actions = new Actions(engine, registry);
    this.decisions = new Decisions(engine, actions, registry);
    engine.start(actions);
    this.client = new LocalSwfClient(engine, registry, actions, decisions, () -> {});
  }

  /** Whether {@code clock} is the system clock, whose deadlines the timer thread can sleep to. */
  private static boolean isSystemClock(InstantSource clock) {
    return clock instanceof Clock
        && ((Clock) clock).withZone(ZoneOffset.UTC).equals(Clock.systemUTC());
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
    return new LocalSwfClient(engine, registry, actions, decisions, onClose);
  }

  /**
   * Serves this engine over HTTP on the loopback interface with SWF's own JSON 1.0 protocol, so
   * other processes (worker mains, the AWS CLI, any AWS SDK) use it as an SWF endpoint:
   *
   * <pre>{@code
   * URI endpoint = engine.serve(0); // any free port
   * SwfClient remote = SwfClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
   *     .credentialsProvider(AnonymousCredentialsProvider.create()).build();
   * }</pre>
   *
   * Credentials and signatures are not checked (the port is only reachable from this machine). Long
   * polls wait up to 60 s, as on SWF, so give remote clients an HTTP socket timeout above that (the
   * SDK's Apache client defaults to 30 s). The endpoint stops when the engine closes.
   *
   * @param port the TCP port, or 0 for any free one
   * @return the endpoint's URI, e.g. {@code http://127.0.0.1:54321}
   * @throws IllegalStateException if the engine already serves, or the port cannot be bound
   */
  public synchronized URI serve(int port) {
    if (endpoint != null) {
      throw new IllegalStateException("This engine already serves " + endpoint.uri());
    }
    try {
      endpoint =
          new SwfHttpServer(client, new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot serve on port " + port + ": " + e.getMessage(), e);
    }
    return endpoint.uri();
  }

  /**
   * Fires every timeout and timer that is due by the engine's clock now, before returning. Only
   * needed with a clock of your own that you move by hand; the timer thread does the same by
   * itself.
   */
  public void tick() {
    engine.fireDue(actions);
  }

  /**
   * Closes the engine: every long poll in progress returns an empty task, later calls fail, and the
   * store is closed. Nothing accepted is lost; reopen the file to carry on.
   */
  @Override
  public void close() {
    SwfHttpServer served;
    synchronized (this) {
      served = endpoint;
      endpoint = null;
    }
    if (served != null) {
      served.close();
    }
    engine.close();
  }

  /** Options of a {@link LocalEngine}. */
  public static final class Builder {
    private Path file;
    private InstantSource clock;
    private long pollTimeoutNanos = POLL_TIMEOUT_NANOS;
    private boolean timeSkipping;

    private Builder() {}

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
     * its timers (and its execution timeout) may fire before the signal arrives. Signal while the
     * workflow is busy, for instance while an activity the test controls runs.
     */
    public Builder timeSkipping(boolean enabled) {
      this.timeSkipping = enabled;
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
}
