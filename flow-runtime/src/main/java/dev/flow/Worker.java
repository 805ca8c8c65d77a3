package dev.flow;

import dev.flow.internal.client.SwfCalls;
import dev.flow.internal.tracing.Tracing;
import dev.flow.internal.worker.TaskServices;
import dev.flow.internal.worker.WorkerHost;
import dev.flow.internal.worker.WorkerMetrics;
import dev.flow.internal.worker.WorkerSettings;
import dev.flow.spi.ActivityDispatcher;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.Manifest;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Hosts workflow and activity implementations: polls their task lists, replays workflows to decide
 * what they do next, and runs activities.
 *
 * <pre>{@code
 * try (FlowClient flow = FlowClient.connect("embedded:flow.db", "media");
 *     Worker worker =
 *         Worker.builder(flow)
 *             .workflow(ProcessVideoDefinition.of(() -> new ProcessVideoImpl(new MediaStub())))
 *             .activities(new MediaDispatcher(new MediaImpl()))
 *             .build()
 *             .start()) {
 *   VideoResult r = ProcessVideoWorkflowClient.create(flow).execute(url, subs);
 * }
 * }</pre>
 *
 * <p>{@link #start()} registers the domain when the engine does not know it (retention 1 day) and
 * every hosted type with the defaults it declares (types already registered keep theirs), then
 * starts the pollers: for each task list, {@code decisionPollers} threads that poll and decide and
 * {@code activityPollers} threads that poll and run one activity at a time (so no task is taken
 * that no thread can run). A task list is the one each type declares, or the one {@link
 * Builder#taskList} gives for all.
 *
 * <p>What a worker cannot handle never stops it: a task of an unknown workflow type is left to time
 * out; one of an unknown activity type, or whose input cannot be decoded, is failed with a clear
 * reason; failed polls are retried with a backoff; answers, history pages and history reads that
 * SWF throttles or fails transiently (throttling, HTTP 429 or 5xx, network errors) are retried a
 * few times with the same jittered backoff before the worker gives up on them (the task then times
 * out); a failing heartbeat is logged, and the activity goes on. {@link #close()} stops polling and
 * lets running tasks finish within a grace period.
 */
public final class Worker implements AutoCloseable {
  private final WorkerHost host;

  private Worker(WorkerHost host) {
    this.host = host;
  }

  /** Starts building a worker of {@code flow}'s engine and domain. */
  public static Builder builder(FlowClient flow) {
    return new Builder(Objects.requireNonNull(flow, "flow"));
  }

  /**
   * Registers the domain and types, then starts polling. Returns this, for {@code try (Worker w =
   * Worker.builder(flow)...build().start())}.
   *
   * @throws FlowException when a registration fails (nothing is polled then)
   * @throws IllegalStateException when already started or closed
   */
  public Worker start() {
    host.start();
    return this;
  }

  /** The decision task lists this worker polls. */
  public List<String> decisionTaskLists() {
    return host.decisionTaskLists();
  }

  /**
   * This worker's own decision task list for sticky execution (also polled), or null when {@link
   * Builder#stickyCacheSize} is 0 or no workflow is hosted.
   */
  public String stickyTaskList() {
    return host.stickyTaskList();
  }

  /** The activity task lists this worker polls. */
  public List<String> activityTaskLists() {
    return host.activityTaskLists();
  }

  /**
   * Stops polling and waits up to the grace period for running tasks, then interrupts those still
   * running (their tasks time out on the engine and are retried as their workflow says). The long
   * polls in flight end at once on the embedded engine, in process or over HTTP (it withdraws
   * them). On Amazon SWF, which may still hand a task to a poll whose connection closed, they are
   * let return within the grace period and what they bring is handled; one still held after it is
   * abandoned. Idempotent; does not close the {@link FlowClient} (close the worker first, then the
   * client).
   */
  @Override
  public void close() {
    host.close();
  }

  /** Builds a {@link Worker}. */
  /**
   * The default of {@link Builder#stickyCacheSize}: executions kept parked per worker; the system
   * property {@code flow.worker.stickyCacheSize} overrides it (the tests run once more with 0 and
   * 1).
   */
  public static final int DEFAULT_STICKY_CACHE_SIZE = 1000;

  public static final class Builder {
    private final FlowClient flow;
    private final List<WorkflowDefinition> workflows = new ArrayList<>();
    private final List<ActivityDispatcher> activities = new ArrayList<>();
    private final List<WorkflowDefinition> manifestWorkflows = new ArrayList<>();
    private final List<ActivityDispatcher> manifestActivities = new ArrayList<>();
    private final List<WorkflowSpec> declaredWorkflows = new ArrayList<>();
    private final List<ActivitySpec> declaredActivities = new ArrayList<>();
    private String taskList;
    private int decisionPollers = 2;
    private int activityPollers = 4;
    private String identity;
    private Duration shutdownGracePeriod = Duration.ofSeconds(10);
    private Duration pollRetryFirst = Duration.ofMillis(100);
    private Duration pollRetryMax = Duration.ofSeconds(10);
    private int stickyCacheSize =
        Integer.getInteger("flow.worker.stickyCacheSize", DEFAULT_STICKY_CACHE_SIZE);
    private Object meterRegistry; // a MeterRegistry; typed Object so Micrometer stays optional
    private Object openTelemetry; // an OpenTelemetry; typed Object so the API stays optional

    private Builder(FlowClient flow) {
      this.flow = flow;
    }

    /** Hosts a workflow implementation, such as {@code ProcessVideoDefinition.of(...)}. */
    public Builder workflow(WorkflowDefinition definition) {
      workflows.add(Objects.requireNonNull(definition, "definition"));
      return this;
    }

    /** Hosts an activity implementation, such as {@code new MediaDispatcher(new MediaImpl())}. */
    public Builder activities(ActivityDispatcher dispatcher) {
      activities.add(Objects.requireNonNull(dispatcher, "dispatcher"));
      return this;
    }

    /**
     * Hosts every implementation a generated manifest found, except for the types that {@link
     * #workflow} and {@link #activities} host (those win, in any order: pass a configured
     * implementation to replace the manifest's), and registers every type the manifest declares at
     * {@link #start()} (also those hosted elsewhere, so that a decider never schedules an activity
     * type the engine does not know yet).
     */
    public Builder manifest(Manifest manifest) {
      Objects.requireNonNull(manifest, "manifest");
      manifestWorkflows.addAll(manifest.workflowImplementations());
      manifestActivities.addAll(manifest.activityImplementations());
      declaredWorkflows.addAll(manifest.workflowTypes());
      declaredActivities.addAll(manifest.activityTypes());
      return this;
    }

    /**
     * Polls only {@code taskList}, for every hosted type, instead of the task lists they declare
     * (null: the declared ones). Executions must then be started on it ({@code
     * StartOptions.taskList}) and activities scheduled on it ({@code CallOptions}).
     */
    public Builder taskList(String taskList) {
      this.taskList = taskList;
      return this;
    }

    /**
     * How many executions this worker keeps in memory between their decision tasks (sticky
     * execution; default {@value #DEFAULT_STICKY_CACHE_SIZE} or the system property {@code
     * flow.worker.stickyCacheSize}, 0 turns it off).
     *
     * <p>Without it, every decision task replays the execution's whole history from the start, on a
     * fresh workflow instance: simple and stateless, but O(n) per decision, O(n²) per execution.
     * With it, each execution's code runs on a thread of its own (a virtual thread on JDK 21+, a
     * platform thread before) and, where it waits for the next events, stays parked in a cache of
     * this size (least recently used evicted, the evicted code unwound). The worker asks SWF to
     * send that execution's next decision task to a task list of the worker's own ({@code
     * <taskList>-sticky-<uuid>}, polled by {@link #decisionPollers} threads too) with only the new
     * events, which the parked code goes on with. Anything else (a restart, an eviction, the sticky
     * task not picked up within 5 seconds and sent back to the execution's own task list by SWF)
     * replays from the start, with the same decisions.
     *
     * <pre>{@code
     * Worker.builder(flow).manifest(new FlowManifest()).stickyCacheSize(0).build(); // replay only
     * }</pre>
     */
    public Builder stickyCacheSize(int executions) {
      this.stickyCacheSize = executions;
      return this;
    }

    /**
     * Counts what the worker does in a Micrometer registry (default: nothing counted):
     *
     * <ul>
     *   <li>{@code flow.worker.decision.task{workflowType, outcome}}: decision tasks and their
     *       latency; outcome {@code answered}, {@code blocked} (non-determinism), {@code failed},
     *       {@code unanswered}, {@code unknown-type};
     *   <li>{@code flow.worker.events.replayed{workflowType}}: history events replayed from the
     *       start;
     *   <li>{@code flow.worker.sticky{result=hit|miss}}, {@code flow.worker.sticky.evictions}:
     *       sticky execution;
     *   <li>{@code flow.worker.activity{activityType, outcome}}: activity tasks and their time;
     *       outcome {@code completed}, {@code failed}, {@code canceled}, {@code left-open};
     *   <li>{@code flow.worker.poll.errors{kind, taskList}}, {@code flow.worker.throttled}.
     * </ul>
     *
     * <p>Micrometer is an optional dependency of Flow: add {@code io.micrometer:micrometer-core}
     * (and a registry, such as {@code micrometer-registry-prometheus}) to call this; a worker never
     * given a registry runs without Micrometer on its class path.
     *
     * <pre>{@code
     * PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
     * Worker.builder(flow).manifest(new FlowManifest()).meterRegistry(registry).build();
     * }</pre>
     */
    public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
      this.meterRegistry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Traces this worker's tasks with {@code openTelemetry} (default: the one given to {@link
     * FlowClient.Builder#openTelemetry}, else nothing traced):
     *
     * <ul>
     *   <li>{@code RunWorkflow:<type>}: a workflow run, from its start to the decision that closes
     *       it; a child of the client's {@code StartWorkflow:<type>} span, or of the parent run's
     *       span for a child workflow (a run continued as new starts a trace of its own, linked to
     *       the previous run's). The worker that takes the run's first decision task starts it and
     *       ends it when it answers the decision closing the run; one it still holds when closed
     *       (the run is open, or continued on another worker) ends then, with {@code
     *       flow.run.open=true};
     *   <li>{@code DecisionTask:<type>}: each live decision task, a child of the run's span (the
     *       history it replays makes no span); ERROR when the decider is blocked or fails;
     *   <li>{@code RunActivity:<type>}: each activity attempt, a child of the run's span, current
     *       while the activity runs (so the spans your activity makes are its children); ERROR with
     *       the exception when the attempt fails.
     * </ul>
     *
     * <p>Attributes: {@code flow.workflowId}, {@code flow.runId}, {@code flow.taskList}, {@code
     * flow.workflowType}, {@code flow.workflowVersion}, and on activities {@code flow.activityId},
     * {@code flow.attempt}, {@code flow.activityType}, {@code flow.activityVersion}; {@code
     * flow.outcome} (as in {@link #meterRegistry}) and {@code flow.closeStatus}. A tracing worker
     * writes the run span's W3C traceparent into the {@code executionContext} of its answers, and
     * reads it back with DescribeWorkflowExecution (once per run, remembered) for activities and
     * child runs. The OpenTelemetry API is an optional dependency of Flow: a worker never given one
     * runs without it on the class path, and calls nothing more.
     */
    public Builder openTelemetry(io.opentelemetry.api.OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
      return this;
    }

    /** Decision poller threads per decision task list (default 2). */
    public Builder decisionPollers(int threads) {
      this.decisionPollers = threads;
      return this;
    }

    /**
     * Activity threads per activity task list (default 4): each polls, then runs the task it got,
     * so at most this many activities of a task list run at once.
     */
    public Builder activityPollers(int threads) {
      this.activityPollers = threads;
      return this;
    }

    /** The identity recorded in the history for this worker's tasks; the client's by default. */
    public Builder identity(String identity) {
      this.identity = identity;
      return this;
    }

    /**
     * How long {@link Worker#close()} waits for running tasks, and on Amazon SWF for its long polls
     * in flight to return (default 10 s; SWF holds a long poll up to 60 s).
     */
    public Builder shutdownGracePeriod(Duration grace) {
      this.shutdownGracePeriod = Objects.requireNonNull(grace, "grace");
      return this;
    }

    /**
     * The backoff of failed polls, and of other SWF calls failing transiently (which are retried up
     * to 5 times): the first retry after {@code first}, doubling up to {@code max} (default 100 ms
     * to 10 s), each wait jittered down to half of it so that workers throttled together do not
     * retry together.
     */
    public Builder pollRetryBackoff(Duration first, Duration max) {
      this.pollRetryFirst = Objects.requireNonNull(first, "first");
      this.pollRetryMax = Objects.requireNonNull(max, "max");
      return this;
    }

    /**
     * Builds the worker; nothing is registered or polled before {@link Worker#start()}.
     *
     * @throws IllegalStateException when nothing is hosted
     * @throws IllegalArgumentException when a type is hosted twice (by {@link #workflow} or {@link
     *     #activities}, or by the manifests), or a count is below 1
     */
    public Worker build() {
      if (workflows.isEmpty()
          && activities.isEmpty()
          && manifestWorkflows.isEmpty()
          && manifestActivities.isEmpty()) {
        throw new IllegalStateException(
            "a Worker needs something to host: add workflow(...), activities(...) or"
                + " manifest(...) before build()");
      }
      if (decisionPollers < 1) {
        throw new IllegalArgumentException(
            "decisionPollers must be at least 1, was " + decisionPollers);
      }
      if (activityPollers < 1) {
        throw new IllegalArgumentException(
            "activityPollers must be at least 1, was " + activityPollers);
      }
      if (stickyCacheSize < 0) {
        throw new IllegalArgumentException(
            "stickyCacheSize must be 0 (off) or more, was " + stickyCacheSize);
      }
      if (taskList != null && taskList.isBlank()) {
        throw new IllegalArgumentException("taskList must not be blank (null: the declared ones)");
      }
      String id = identity != null ? identity : flow.identity();
      if (id.isEmpty() || id.length() > 256) {
        throw new IllegalArgumentException(
            "identity must be 1 to 256 characters, was " + id.length() + ": " + id);
      }
      Tracing tracing =
          openTelemetry != null ? Tracing.openTelemetry(openTelemetry) : flow.context().tracing();
      TaskServices services =
          new TaskServices(
              SwfCalls.forWorker(flow.swf()), // polls of its own, which close() ends
              flow.domain(),
              id,
              flow.dataConverter(),
              pollRetryFirst,
              pollRetryMax,
              meterRegistry == null ? WorkerMetrics.NONE : WorkerMetrics.micrometer(meterRegistry),
              tracing.worker(flow.swf(), flow.domain()));
      return new Worker(
          new WorkerHost(
              new WorkerSettings(
                  services,
                  workflows,
                  activities,
                  manifestWorkflows,
                  manifestActivities,
                  declaredWorkflows,
                  declaredActivities,
                  taskList,
                  decisionPollers,
                  activityPollers,
                  shutdownGracePeriod,
                  stickyCacheSize)));
    }
  }
}
