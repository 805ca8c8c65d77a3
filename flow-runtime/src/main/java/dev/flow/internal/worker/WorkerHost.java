package dev.flow.internal.worker;

import dev.flow.ActivityContext;
import dev.flow.DataConverter;
import dev.flow.internal.client.ClientSupport;
import dev.flow.internal.replay.Decider;
import dev.flow.internal.replay.StickyDecider;
import dev.flow.internal.tracing.WorkerTracing;
import dev.flow.internal.worker.DecisionTasks.Sticky;
import dev.flow.spi.ActivityDispatcher;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * The worker side of the runtime, for {@code dev.flow.Worker}: registers the hosted types, runs the
 * decision and activity poller threads, and knows the activity task of the current thread. Public
 * only for {@code Worker} and {@code ActivityContext}.
 */
public final class WorkerHost implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerHost.class);

  private static final ThreadLocal<ActivityContext> CURRENT_ACTIVITY = new ThreadLocal<>();

  /**
   * How many times a worker makes an SWF call other than a poll (answers, history reads) when it
   * fails transiently ({@link dev.flow.internal.Retries#isTransient}), backing off as polls do.
   */
  static final int CALL_ATTEMPTS = 6;

  /**
   * What a worker hosts and how it polls.
   *
   * @param workflows hosted workflow implementations (one per type)
   * @param activities hosted activity implementations (one per type)
   * @param manifestWorkflows hosted for the types {@code workflows} do not cover (from manifests)
   * @param manifestActivities hosted for the types {@code activities} do not cover
   * @param taskList the one task list to poll for every hosted type, or null for the declared ones
   * @param alsoRegisterWorkflows types to register without hosting them (from a manifest)
   * @param alsoRegisterActivities types to register without hosting them (from a manifest)
   * @param decisionPollers threads per decision task list, each polling and deciding in turn
   * @param activityPollers threads per activity task list, each polling and running one task
   * @param shutdownGrace how long {@link #close()} waits for running tasks
   * @param firstRetry the first delay before retrying a failed poll; doubled up to {@code maxRetry}
   * @param stickyCacheSize how many executions stay parked for sticky execution (0: none, every
   *     decision task replays the whole history)
   * @param metrics what the worker counts ({@link WorkerMetrics#NONE}: nothing)
   * @param tracing the spans of the worker's tasks ({@link WorkerTracing#NONE}: none)
   */
  public record Settings(
      SwfClient swf,
      String domain,
      DataConverter converter,
      String identity,
      List<WorkflowDefinition> workflows,
      List<ActivityDispatcher> activities,
      List<WorkflowDefinition> manifestWorkflows,
      List<ActivityDispatcher> manifestActivities,
      List<WorkflowSpec> alsoRegisterWorkflows,
      List<ActivitySpec> alsoRegisterActivities,
      String taskList,
      int decisionPollers,
      int activityPollers,
      Duration shutdownGrace,
      Duration firstRetry,
      Duration maxRetry,
      int stickyCacheSize,
      WorkerMetrics metrics,
      WorkerTracing tracing) {
    /** The settings without sticky execution (every decision task replays from the start). */
    public Settings(
        SwfClient swf,
        String domain,
        DataConverter converter,
        String identity,
        List<WorkflowDefinition> workflows,
        List<ActivityDispatcher> activities,
        List<WorkflowDefinition> manifestWorkflows,
        List<ActivityDispatcher> manifestActivities,
        List<WorkflowSpec> alsoRegisterWorkflows,
        List<ActivitySpec> alsoRegisterActivities,
        String taskList,
        int decisionPollers,
        int activityPollers,
        Duration shutdownGrace,
        Duration firstRetry,
        Duration maxRetry) {
      this(
          swf,
          domain,
          converter,
          identity,
          workflows,
          activities,
          manifestWorkflows,
          manifestActivities,
          alsoRegisterWorkflows,
          alsoRegisterActivities,
          taskList,
          decisionPollers,
          activityPollers,
          shutdownGrace,
          firstRetry,
          maxRetry,
          0,
          WorkerMetrics.NONE,
          WorkerTracing.NONE);
    }

    public Settings {
      if (stickyCacheSize < 0) {
        throw new IllegalArgumentException(
            "stickyCacheSize must be 0 (off) or more, was " + stickyCacheSize);
      }
      Objects.requireNonNull(swf, "swf");
      Objects.requireNonNull(metrics, "metrics");
      Objects.requireNonNull(tracing, "tracing");
      Objects.requireNonNull(domain, "domain");
      Objects.requireNonNull(converter, "converter");
      Objects.requireNonNull(identity, "identity");
      workflows = List.copyOf(workflows);
      activities = List.copyOf(activities);
      manifestWorkflows = List.copyOf(manifestWorkflows);
      manifestActivities = List.copyOf(manifestActivities);
      alsoRegisterWorkflows = List.copyOf(alsoRegisterWorkflows);
      alsoRegisterActivities = List.copyOf(alsoRegisterActivities);
      Objects.requireNonNull(shutdownGrace, "shutdownGrace");
      Objects.requireNonNull(firstRetry, "firstRetry");
      Objects.requireNonNull(maxRetry, "maxRetry");
      if (decisionPollers < 1 || activityPollers < 1) {
        throw new IllegalArgumentException(
            "pollers must be at least 1, were decision "
                + decisionPollers
                + " and activity "
                + activityPollers);
      }
    }
  }

  private final Settings settings;

  /** This worker's own decision task list for sticky execution, or null when that is off. */
  private final String stickyTaskList;

  private volatile StickyDecider sticky;
  private final Map<TypeKey, WorkflowDefinition> workflows;
  private final Map<TypeKey, HostedActivity> activities;
  private final List<PollLoop<?>> loops = new ArrayList<>(); // guarded by lock
  private final Object lock = new Object();
  private int inFlight;
  private volatile boolean running;
  private boolean started;
  private boolean closed;
  private ScheduledExecutorService heartbeats; // guarded by lock

  /**
   * Checks what {@code settings} host; starts nothing.
   *
   * @throws IllegalArgumentException when a workflow or activity type is hosted twice
   */
  public WorkerHost(Settings settings) {
    this.settings = settings;
    this.workflows = workflowsByType(settings.workflows(), "");
    workflowsByType(settings.manifestWorkflows(), " in the manifests")
        .forEach(workflows::putIfAbsent);
    this.activities = activitiesByType(settings.activities(), "");
    activitiesByType(settings.manifestActivities(), " in the manifests")
        .forEach(activities::putIfAbsent);
    List<String> lists = decisionTaskLists();
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

  private static Map<TypeKey, WorkflowDefinition> workflowsByType(
      List<WorkflowDefinition> definitions, String where) {
    Map<TypeKey, WorkflowDefinition> byType = new LinkedHashMap<>();
    for (WorkflowDefinition d : definitions) {
      WorkflowSpec spec = d.spec();
      WorkflowDefinition previous = byType.put(new TypeKey(spec.name(), spec.version()), d);
      if (previous != null && previous != d) {
        throw new IllegalArgumentException(
            "workflow type "
                + spec.name()
                + " "
                + spec.version()
                + " is hosted twice"
                + where
                + " (by "
                + previous
                + " and "
                + d
                + "): host one implementation per type");
      }
    }
    return byType;
  }

  private static Map<TypeKey, HostedActivity> activitiesByType(
      List<ActivityDispatcher> dispatchers, String where) {
    Map<TypeKey, HostedActivity> byType = new LinkedHashMap<>();
    for (ActivityDispatcher dispatcher : dispatchers) {
      for (ActivitySpec spec : dispatcher.activities()) {
        HostedActivity previous =
            byType.put(
                new TypeKey(spec.name(), spec.version()), new HostedActivity(spec, dispatcher));
        if (previous != null && previous.dispatcher() != dispatcher) {
          throw new IllegalArgumentException(
              "activity type "
                  + spec.name()
                  + " "
                  + spec.version()
                  + " is hosted twice"
                  + where
                  + " (by "
                  + previous.dispatcher()
                  + " and "
                  + dispatcher
                  + "): host one implementation per type");
        }
      }
    }
    return byType;
  }

  /** The activity task the calling thread runs, or null. */
  public static ActivityContext currentActivity() {
    return CURRENT_ACTIVITY.get();
  }

  static void setCurrentActivity(ActivityContext context) {
    if (context == null) {
      CURRENT_ACTIVITY.remove();
    } else {
      CURRENT_ACTIVITY.set(context);
    }
  }

  /** The decision task lists polled: the override, else those the hosted workflows declare. */
  public List<String> decisionTaskLists() {
    Set<String> lists = new LinkedHashSet<>();
    for (WorkflowDefinition d : workflows.values()) {
      lists.add(settings.taskList() != null ? settings.taskList() : d.spec().taskList());
    }
    return List.copyOf(lists);
  }

  /** The activity task lists polled: the override, else those the hosted activities declare. */
  public List<String> activityTaskLists() {
    Set<String> lists = new LinkedHashSet<>();
    for (HostedActivity a : activities.values()) {
      lists.add(settings.taskList() != null ? settings.taskList() : a.spec().taskList());
    }
    return List.copyOf(lists);
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
    Registrar registrar = new Registrar(settings.swf(), settings.domain());
    registrar.registerDomain();
    Set<TypeKey> registered = new LinkedHashSet<>();
    for (WorkflowDefinition d : workflows.values()) {
      registrar.registerWorkflowType(d.spec());
      registered.add(new TypeKey(d.spec().name(), d.spec().version()));
    }
    for (WorkflowSpec spec : settings.alsoRegisterWorkflows()) {
      if (registered.add(new TypeKey(spec.name(), spec.version()))) {
        registrar.registerWorkflowType(spec);
      }
    }
    registered.clear();
    for (HostedActivity a : activities.values()) {
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
      running = true;
      startThreads();
    }
    LOG.info(
        "Flow worker {} polls domain {}: decision task lists {}, activity task lists {}",
        settings.identity(),
        settings.domain(),
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
        settings.identity(),
        kind,
        name,
        version,
        list,
        add);
  }

  private void startThreads() {
    heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "flow-heartbeats-" + settings.domain()));
    Sticky sticky = null;
    if (stickyTaskList != null) {
      sticky =
          new Sticky(new StickyDecider(settings.stickyCacheSize()), stickyTaskList, this::running);
      this.sticky = sticky.decider();
      settings.metrics().watch(sticky.decider());
    }
    List<String> decisionLists = new ArrayList<>(decisionTaskLists());
    if (sticky != null) {
      decisionLists.add(sticky.taskList());
    }
    for (String taskList : decisionLists) {
      DecisionTasks tasks =
          new DecisionTasks(
              settings,
              workflows,
              taskList,
              sticky == null ? Decider::decide : sticky::decide,
              sticky);
      for (int i = 1; i <= settings.decisionPollers(); i++) {
        loops.add(
            new PollLoop<>(
                this,
                "decision",
                taskList,
                tasks,
                millis(settings.firstRetry()),
                millis(settings.maxRetry())));
      }
    }
    for (String taskList : activityTaskLists()) {
      ActivityTasks tasks = new ActivityTasks(this, settings, activities, taskList);
      for (int i = 1; i <= settings.activityPollers(); i++) {
        loops.add(
            new PollLoop<>(
                this,
                "activity",
                taskList,
                tasks,
                millis(settings.firstRetry()),
                millis(settings.maxRetry())));
      }
    }
    int n = 0;
    for (PollLoop<?> loop : loops) {
      loop.start(daemon(loop, "flow-" + loop.kind() + "-" + loop.taskList() + "-" + ++n));
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
      running = false;
      loops = List.copyOf(this.loops);
    }
    // The polls in flight. In process, the engine withdraws a poll whose thread is interrupted.
    // Over HTTP the SDK ignores that interrupt (and drops the task the poll brings), so the worker
    // closes its polls' connections, and the Flow engine withdraws them. Amazon SWF may still hand
    // a task to a poll whose connection closed: there they are let return within the grace period,
    // and what they bring is handled.
    boolean drain = ClientSupport.pollsOutliveConnections(settings.swf());
    if (!drain) {
      ClientSupport.stopPolls(settings.swf());
      for (PollLoop<?> loop : loops) {
        loop.interruptIfPolling();
      }
    }
    long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
    boolean interrupted = false;
    if (drain) {
      for (PollLoop<?> loop : loops) {
        interrupted |= loop.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
    }
    synchronized (lock) {
      while (inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          interrupted = true;
          break;
        }
      }
      if (inFlight > 0) {
        LOG.warn(
            "{} task(s) still running after the grace period of {}; interrupting them",
            inFlight,
            settings.shutdownGrace());
      }
    }
    ClientSupport.stopPolls(settings.swf()); // those still held are abandoned
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
    settings.tracing().close(); // exports the run spans it still holds
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  boolean running() {
    return running;
  }

  WorkerMetrics metrics() {
    return settings.metrics();
  }

  ScheduledExecutorService heartbeats() {
    synchronized (lock) {
      return heartbeats;
    }
  }

  void taskStarted() {
    synchronized (lock) {
      inFlight++;
    }
  }

  void taskFinished() {
    synchronized (lock) {
      inFlight--;
      lock.notifyAll();
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

  /** A workflow or activity type. */
  record TypeKey(String name, String version) {
    @Override
    public String toString() {
      return name + " " + version;
    }
  }

  /** A hosted activity type and the dispatcher that runs it. */
  record HostedActivity(ActivitySpec spec, ActivityDispatcher dispatcher) {}
}
