package dev.flow.testing;

import dev.flow.FlowClient;
import dev.flow.Worker;
import dev.flow.engine.LocalEngine;
import dev.flow.spi.ActivityDispatcher;
import dev.flow.spi.Manifest;
import dev.flow.spi.WorkflowDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * A JUnit 5 extension that runs workflows in tests: for each test it opens the embedded engine in
 * memory with {@link LocalEngine.Builder#timeSkipping time skipping} (a workflow that sleeps a day
 * finishes in milliseconds), starts a {@link Worker} hosting the given implementations, hands out
 * the {@link FlowClient} for generated clients, and closes everything after the test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static FlowExtension flow =
 *     FlowExtension.builder()
 *         .workflows(ProcessVideoDefinition.of(() -> new ProcessVideoImpl(new MediaStub())))
 *         .activities(new MediaDispatcher(new MediaImpl(dir)))  // or .manifest(new FlowManifest())
 *         .build();
 *
 * @Test
 * void processesAVideo() {
 *   VideoResult r = ProcessVideoWorkflowClient.create(flow.client()).execute(url, subs);
 * }
 * }</pre>
 *
 * <p>Test methods (and {@code @BeforeEach} methods) may also take a {@link FlowClient}, a {@link
 * LocalEngine} or an {@link SwfClient} parameter. {@link Builder#perClass()} shares one engine and
 * worker between the tests of a class (register the extension in a static field then).
 *
 * <p>Time skipping: while the test waits on a result ({@code result()} of a handle, {@code
 * execute(...)} of a generated client), the engine's clock jumps to the next deadline whenever
 * nothing is at work (no decision or activity task running or waiting to be taken); a running
 * activity holds the clock, so its own timeouts pass in real time. Before that, the clock runs as
 * usual, so a test may start a workflow, sleep, signal or cancel it without the workflow's timers
 * firing first; {@link #skip} moves the clock by hand. See {@link
 * LocalEngine.Builder#timeSkipping}.
 */
public final class FlowExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private final Builder options;
  private Running running;
  private boolean startedForClass;

  private FlowExtension(Builder options) {
    this.options = options;
  }

  /** Starts configuring an extension. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The client of the running test's engine and domain, for generated workflow clients.
   *
   * @throws IllegalStateException outside a test
   */
  public FlowClient client() {
    return running().client;
  }

  /** The running test's engine. */
  public LocalEngine engine() {
    return running().engine;
  }

  /**
   * Moves the engine's clock forward by {@code by} once the work in progress is done, firing the
   * timers and timeouts that fall due; see {@link LocalEngine#skip}.
   *
   * <pre>{@code
   * DeadlineWorkflowClient.Handle run = DeadlineWorkflowClient.create(flow.client()).start(60L);
   * flow.skip(Duration.ofMinutes(30));     // half the deadline passes
   * run.approve("bob");
   * assertThat(run.result()).isEqualTo("approved by bob after 30 min");
   * }</pre>
   */
  public void skip(Duration by) {
    engine().skip(by);
  }

  /** The running test's worker, or null when nothing is hosted. */
  public Worker worker() {
    return running().worker;
  }

  /** The whole history of a run (every page), for assertions or a {@link WorkflowReplayer}. */
  public List<HistoryEvent> history(String workflowId, String runId) {
    FlowClient flow = client();
    List<HistoryEvent> events = new ArrayList<>();
    flow.swf()
        .getWorkflowExecutionHistoryPaginator(
            r ->
                r.domain(flow.domain())
                    .execution(
                        WorkflowExecution.builder().workflowId(workflowId).runId(runId).build()))
        .events()
        .forEach(events::add);
    return events;
  }

  private Running running() {
    Running r = running;
    if (r == null) {
      throw new IllegalStateException(
          "FlowExtension: no engine is running; use it from a test (register the extension with"
              + " @RegisterExtension, in a static field for builder().perClass())");
    }
    return r;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (options.perClass) {
      running = start();
      startedForClass = true;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (startedForClass) {
      stop();
      startedForClass = false;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (running == null) {
      running = start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!startedForClass) {
      stop();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == FlowClient.class || type == LocalEngine.class || type == SwfClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (running == null) {
      running = start(); // a @BeforeEach method of the test class may run before beforeEach
    }
    if (type == FlowClient.class) {
      return running.client;
    }
    if (type == LocalEngine.class) {
      return running.engine;
    }
    return running.client.swf();
  }

  private Running start() {
    LocalEngine engine =
        LocalEngine.builder()
            .timeSkipping(options.timeSkipping)
            .skipOnlyWhileAwaited(options.timeSkipping)
            .build();
    FlowClient client = null;
    Worker worker = null;
    try {
      FlowClient.Builder cb = FlowClient.builder().swf(engine.client()).domain(options.domain);
      options.clientOptions.accept(cb);
      client = cb.build();
      if (!options.workflows.isEmpty()
          || !options.activities.isEmpty()
          || !options.manifests.isEmpty()) {
        Worker.Builder wb = Worker.builder(client).shutdownGracePeriod(Duration.ofSeconds(1));
        options.workflows.forEach(wb::workflow);
        options.activities.forEach(wb::activities);
        options.manifests.forEach(wb::manifest);
        options.workerOptions.accept(wb);
        worker = wb.build().start();
      }
      return new Running(engine, client, worker);
    } catch (RuntimeException | Error e) {
      if (client != null) {
        client.close();
      }
      engine.close();
      throw e;
    }
  }

  private void stop() {
    Running r = running;
    running = null;
    if (r == null) {
      return;
    }
    try {
      if (r.worker != null) {
        r.worker.close();
      }
    } finally {
      try {
        r.client.close();
      } finally {
        r.engine.close();
      }
    }
  }

  private record Running(LocalEngine engine, FlowClient client, Worker worker) {}

  /** Configures a {@link FlowExtension}. */
  public static final class Builder {
    private final List<WorkflowDefinition> workflows = new ArrayList<>();
    private final List<ActivityDispatcher> activities = new ArrayList<>();
    private final List<Manifest> manifests = new ArrayList<>();
    private String domain = "flow-test";
    private boolean perClass;
    private boolean timeSkipping = true;
    private Consumer<FlowClient.Builder> clientOptions = b -> {};
    private Consumer<Worker.Builder> workerOptions = b -> {};

    private Builder() {}

    /** Workflow implementations the worker hosts (generated {@code XDefinition.of(...)}). */
    public Builder workflows(WorkflowDefinition... definitions) {
      for (WorkflowDefinition d : definitions) {
        workflows.add(Objects.requireNonNull(d, "definition"));
      }
      return this;
    }

    /** Activity implementations the worker hosts (generated {@code new XDispatcher(impl)}). */
    public Builder activities(ActivityDispatcher... dispatchers) {
      for (ActivityDispatcher d : dispatchers) {
        activities.add(Objects.requireNonNull(d, "dispatcher"));
      }
      return this;
    }

    /** Every type and implementation of a generated {@code FlowManifest}. */
    public Builder manifest(Manifest manifest) {
      manifests.add(Objects.requireNonNull(manifest, "manifest"));
      return this;
    }

    /** The SWF domain (default {@code flow-test}); the worker registers it. */
    public Builder domain(String domain) {
      this.domain = Objects.requireNonNull(domain, "domain");
      return this;
    }

    /** One engine and worker for all the tests of the class, instead of one per test. */
    public Builder perClass() {
      this.perClass = true;
      return this;
    }

    /** Time skipping (default on); off, timers and timeouts take their real time. */
    public Builder timeSkipping(boolean enabled) {
      this.timeSkipping = enabled;
      return this;
    }

    /**
     * More client options, such as {@code b -> b.blobStore(store)}; the extension sets the SWF
     * client and domain.
     */
    public Builder clientOptions(Consumer<FlowClient.Builder> options) {
      this.clientOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * More worker options, such as {@code b -> b.activityPollers(1)}; the extension adds the
     * implementations and a shutdown grace period of 1 s.
     */
    public Builder workerOptions(Consumer<Worker.Builder> options) {
      this.workerOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    public FlowExtension build() {
      return new FlowExtension(this);
    }
  }
}
