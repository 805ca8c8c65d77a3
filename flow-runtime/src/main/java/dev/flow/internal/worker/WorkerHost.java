package dev.flow.internal.worker;

import dev.flow.internal.client.SwfCalls;
import dev.flow.internal.replay.Decider;
import dev.flow.internal.replay.StickyDecider;
import dev.flow.internal.worker.DecisionTasks.Sticky;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker side of the runtime, for {@code dev.flow.Worker}: registers the hosted types, then
 * runs the decision and activity poller threads until closed. Public only for {@code Worker}.
 */
public final class WorkerHost implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerHost.class);

  private final WorkerSettings settings;
  private final TaskServices services;
  private final HostedTypes hosted;

  /** This worker's own decision task list for sticky execution, or null when that is off. */
  private final String stickyTaskList;

  private final TaskTracker tasks = new TaskTracker();
  private volatile StickyDecider sticky;
  private final List<PollLoop<?>> loops = new ArrayList<>(); // guarded by lock
  private final Object lock = new Object();
  private boolean started; // guarded by lock
  private boolean closed; // guarded by lock
  private ScheduledExecutorService heartbeats; // guarded by lock

  /**
   * Checks what {@code settings} host; starts nothing.
   *
   * @throws IllegalArgumentException when a workflow or activity type is hosted twice
   */
  public WorkerHost(WorkerSettings settings) {
    this.settings = settings;
    this.services = settings.services();
    this.hosted = new HostedTypes(settings);
    List<String> lists = hosted.decisionTaskLists();
    this.stickyTaskList =
        settings.stickyCacheSize() == 0 || lists.isEmpty()
            ? null
            : stickyName(lists.get(0), UUID.randomUUID().toString());
  }

  /** {@code <taskList>-sticky-<uuid>}, the task list shortened to fit SWF's 256 characters. */
  static String stickyName(String taskList, String uuid) {
    String suffix = "-sticky-" + uuid;
    return taskList.substring(0, Math.min(taskList.length(), 256 - suffix.length())) + suffix;
  }

  /**
   * This worker's own decision task list, where it asks SWF to send the next decision tasks of the
   * executions it keeps parked (sticky execution); null when sticky execution is off.
   */
  public String stickyTaskList() {
    return stickyTaskList;
  }

  /** The decision task lists polled: the override, else those the hosted workflows declare. */
  public List<String> decisionTaskLists() {
    return hosted.decisionTaskLists();
  }

  /** The activity task lists polled: the override, else those the hosted activities declare. */
  public List<String> activityTaskLists() {
    return hosted.activityTaskLists();
  }

  /**
   * Registers the domain (when unknown) and every type, then starts polling.
   *
   * @throws dev.flow.FlowException when a registration fails; nothing is polled then
   * @throws IllegalStateException when started twice or after close
   */
  public void start() {
    synchronized (lock) {
      if (started || closed) {
        throw new IllegalStateException(closed ? "the worker is closed" : "the worker is started");
      }
      started = true;
    }
    try {
      register();
    } catch (RuntimeException e) {
      synchronized (lock) {
        started = false; // nothing polls yet: start() may be tried again
      }
      throw e;
    }
    startPolling();
  }

  private void register() {
    Registrar registrar = new Registrar(services.swf(), services.domain());
    registrar.registerDomain();
    Set<TypeKey> registered = new LinkedHashSet<>();
    for (WorkflowDefinition d : hosted.workflows().values()) {
      registrar.registerWorkflowType(d.spec());
      registered.add(new TypeKey(d.spec().name(), d.spec().version()));
    }
    for (WorkflowSpec spec : settings.alsoRegisterWorkflows()) {
      if (registered.add(new TypeKey(spec.name(), spec.version()))) {
        registrar.registerWorkflowType(spec);
      }
    }
    registered.clear();
    for (HostedActivity a : hosted.activities().values()) {
      registrar.registerActivityType(a.spec());
      registered.add(new TypeKey(a.spec().name(), a.spec().version()));
    }
    for (ActivitySpec spec : settings.alsoRegisterActivities()) {
      if (registered.add(new TypeKey(spec.name(), spec.version()))) {
        registrar.registerActivityType(spec);
      }
    }
  }

  private void startPolling() {
    synchronized (lock) {
      if (closed) {
        return; // closed while registering
      }
      tasks.run();
      startThreads();
    }
    LOG.info(
        "Flow worker {} polls domain {}: decision task lists {}, activity task lists {}",
        services.identity(),
        services.domain(),
        decisionTaskLists(),
        activityTaskLists());
    warnOfUnpolledTaskLists();
  }

  /**
   * Warns of the types this worker registers (from a manifest) on a task list it does not poll: an
   * implementation left out of the manifest makes executions wait without a word otherwise.
   */
  private void warnOfUnpolledTaskLists() {
    if (settings.taskList() != null) {
      return; // every type is expected on the override
    }
    List<String> decisionLists = decisionTaskLists();
    for (WorkflowSpec spec : settings.alsoRegisterWorkflows()) {
      if (!decisionLists.contains(spec.taskList())) {
        warnUnpolled("workflow", spec.name(), spec.version(), spec.taskList(), "workflow(...)");
      }
    }
    List<String> activityLists = activityTaskLists();
    for (ActivitySpec spec : settings.alsoRegisterActivities()) {
      if (!activityLists.contains(spec.taskList())) {
        warnUnpolled("activity", spec.name(), spec.version(), spec.taskList(), "activities(...)");
      }
    }
  }

  private void warnUnpolled(String kind, String name, String version, String list, String add) {
    LOG.warn(
        "Flow worker {} registers {} type {} {} with task list '{}', which it does not"
            + " poll: its tasks wait for a worker that hosts an implementation. Host one here"
            + " (Worker.builder(flow).{}, or a public no-argument constructor so that FlowManifest"
            + " lists it) or run a worker that does",
        services.identity(),
        kind,
        name,
        version,
        list,
        add);
  }

  private void startThreads() {
    heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "flow-heartbeats-" + services.domain()));
    Sticky sticky = null;
    if (stickyTaskList != null) {
      sticky =
          new Sticky(new StickyDecider(settings.stickyCacheSize()), stickyTaskList, tasks::running);
      this.sticky = sticky.decider();
      services.metrics().watch(sticky.decider());
    }
    List<String> decisionLists = new ArrayList<>(decisionTaskLists());
    if (sticky != null) {
      decisionLists.add(sticky.taskList());
    }
    for (String taskList : decisionLists) {
      DecisionTasks decisions =
          new DecisionTasks(
              services,
              hosted.workflows(),
              taskList,
              sticky == null ? Decider::decide : sticky::decide,
              sticky);
      addLoops("decision", taskList, decisions, settings.decisionPollers());
    }
    for (String taskList : activityTaskLists()) {
      ActivityTasks activities =
          new ActivityTasks(services, hosted.activities(), taskList, heartbeats);
      addLoops("activity", taskList, activities, settings.activityPollers());
    }
    int n = 0;
    for (PollLoop<?> loop : loops) {
      loop.start(daemon(loop, "flow-" + loop.kind() + "-" + loop.taskList() + "-" + ++n));
    }
  }

  private <T> void addLoops(
      String kind, String taskList, PollLoop.TaskSource<T> source, int pollers) {
    for (int i = 1; i <= pollers; i++) {
      loops.add(
          new PollLoop<>(
              tasks,
              services.metrics(),
              kind,
              taskList,
              source,
              millis(services.firstRetry()),
              millis(services.maxRetry())));
    }
  }

  /**
   * Stops polling, waits up to the grace period for running tasks, then interrupts what still runs.
   * Idempotent.
   */
  @Override
  public void close() {
    List<PollLoop<?>> loops;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      tasks.stop();
      loops = List.copyOf(this.loops);
    }
    // The polls in flight. In process, the engine withdraws a poll whose thread is interrupted.
    // Over HTTP the SDK ignores that interrupt (and drops the task the poll brings), so the worker
    // closes its polls' connections, and the Flow engine withdraws them. Amazon SWF may still hand
    // a task to a poll whose connection closed: there they are let return within the grace period,
    // and what they bring is handled.
    long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
    boolean drain = SwfCalls.pollsOutliveConnections(services.swf());
    if (!drain) {
      SwfCalls.stopPolls(services.swf());
      for (PollLoop<?> loop : loops) {
        loop.interruptIfPolling();
      }
    }
    boolean interrupted = false;
    if (drain) {
      for (PollLoop<?> loop : loops) {
        interrupted |= loop.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
    }
    try {
      int running = tasks.awaitIdle(deadline);
      if (running > 0) {
        LOG.warn(
            "{} task(s) still running after the grace period of {}; interrupting them",
            running,
            settings.shutdownGrace());
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    SwfCalls.stopPolls(services.swf()); // those still held are abandoned
    for (PollLoop<?> loop : loops) {
      loop.interrupt();
    }
    long joinDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    for (PollLoop<?> loop : loops) {
      interrupted |= loop.join(Math.max(1, (joinDeadline - System.nanoTime()) / 1_000_000));
    }
    ScheduledExecutorService heartbeats;
    synchronized (lock) {
      heartbeats = this.heartbeats;
    }
    if (heartbeats != null) {
      heartbeats.shutdownNow();
    }
    StickyDecider parked = sticky;
    if (parked != null) {
      parked.close(); // unwinds the parked workflow code; its threads end
    }
    services.tracing().close(); // exports the run spans it still holds
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static long millis(Duration d) {
    return d.toMillis();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
