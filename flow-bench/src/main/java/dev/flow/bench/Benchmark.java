package dev.flow.bench;

import dev.flow.FlowClient;
import dev.flow.Worker;
import dev.flow.engine.LocalEngine;
import dev.flow.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * Flow's benchmark: activities per second, workflows per second, replay speed and heap per open
 * execution, on the embedded engine (a SQLite file in a temporary directory), in process and over
 * HTTP, through public API only (generated clients, {@code Worker}, {@code LocalEngine}, {@code
 * WorkflowReplayer}).
 *
 * <pre>
 * java -jar flow-bench/target/flow-bench.jar [--runs 3] [--warmup 1] [--only W1,W2,W3,W4,MEM]
 *     [--quick] [--no-http]
 * </pre>
 *
 * <p>Each figure is the median of {@code --runs} runs after {@code --warmup} warm-up runs (one by
 * default), on one engine and one worker per figure; each line says how many warm-up runs it had.
 * With few warm-up runs the JIT compiler's work is part of the figures (about half of the process's
 * CPU time at the default); a steady-state figure takes more, e.g. {@code --warmup 10}. Durations
 * come from the engine's event timestamps (start of the first execution to close of the last), not
 * from the client's result polling, whose backoff would add up to a second. {@code --quick} uses
 * small sizes (a smoke test, well under 30 s); {@code --no-http} skips the figures over HTTP.
 */
public final class Benchmark {
  static final String DOMAIN = "bench";
  static final int DECISION_POLLERS = 2;
  static final int ACTIVITY_POLLERS = 4;
  static final int WAVE = 1000; // SWF's cap on open activities per execution
  static final int STARTERS = 4; // client threads starting W3's and the memory test's executions

  /** Workload sizes. */
  record Sizes(int w1, int w2, int w3, int w4, int memory, int sticky) {
    static final Sizes FULL = new Sizes(1000, 1000, 2000, 5000, 10_000, 1000);
    static final Sizes QUICK = new Sizes(50, 100, 50, 500, 300, 100);
  }

  private final Sizes sizes;
  private final int runs;
  private final int warmup;
  private final Set<String> only;
  private final boolean http;
  private final PrintStream out;
  private final String settings;

  private Benchmark(
      Sizes sizes, int runs, int warmup, Set<String> only, boolean http, PrintStream out) {
    this.sizes = sizes;
    this.runs = runs;
    this.warmup = warmup;
    this.only = only;
    this.http = http;
    this.out = out;
    this.settings =
        String.format(
            Locale.ROOT,
            "[JDK %s, %d cores, max heap %d MB, decision pollers %d, activity pollers %d]",
            System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().maxMemory() >> 20,
            DECISION_POLLERS,
            ACTIVITY_POLLERS);
  }

  public static void main(String[] args) throws Exception {
    // The workers log each start at INFO; the figures are what this prints.
    Logger flowLogs = Logger.getLogger("dev.flow");
    flowLogs.setLevel(Level.WARNING);
    run(args, System.out);
  }

  /** Runs the benchmark as the command line {@code args} say, printing one line per figure. */
  public static void run(String[] args, PrintStream out) throws Exception {
    Sizes sizes = Sizes.FULL;
    int runs = 3;
    int warmup = 1;
    boolean http = true;
    Set<String> only = new LinkedHashSet<>(List.of("W1", "W2", "W3", "W4", "MEM"));
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> sizes = Sizes.QUICK;
        case "--no-http" -> http = false;
        case "--runs" -> runs = Integer.parseInt(value(args, ++i));
        case "--warmup" -> warmup = Integer.parseInt(value(args, ++i));
        case "--only" -> {
          only.clear();
          for (String w : value(args, ++i).split(",", -1)) {
            if (!w.isBlank()) {
              only.add(w.trim().toUpperCase(Locale.ROOT));
            }
          }
        }
        default ->
            throw new IllegalArgumentException(
                "unknown argument '"
                    + args[i]
                    + "'; usage: [--runs N] [--warmup N] [--only W1,W2,W3,W4,MEM] [--quick]"
                    + " [--no-http]");
      }
    }
    if (runs < 1) {
      throw new IllegalArgumentException("--runs must be at least 1");
    }
    if (warmup < 0) {
      throw new IllegalArgumentException("--warmup must be at least 0");
    }
    new Benchmark(sizes, runs, warmup, only, http, out).run();
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private void run() throws Exception {
    if (only.contains("W1")) {
      for (boolean overHttp : http ? new boolean[] {false, true} : new boolean[] {false}) {
        try (Env env = Env.open(overHttp)) {
          report(
              "W1 sequential " + sizes.w1() + " activities, " + env.kind(),
              "activities/s",
              sizes.w1(),
              () -> env.sequential(sizes.w1()));
        }
      }
    }
    if (only.contains("W2")) {
      try (Env env = Env.open(false)) {
        report(
            "W2 fan-out " + sizes.w2() + " activities, " + env.kind(),
            "activities/s",
            sizes.w2(),
            () -> env.fanOut(sizes.w2()));
      }
    }
    if (only.contains("W3")) {
      for (boolean overHttp : http ? new boolean[] {false, true} : new boolean[] {false}) {
        try (Env env = Env.open(overHttp)) {
          report(
              "W3 " + sizes.w3() + " workflows x 3 sequential activities, " + env.kind(),
              "workflows/s",
              sizes.w3(),
              () -> env.manyWorkflows(sizes.w3()));
        }
      }
    }
    if (only.contains("W4")) {
      w4();
    }
    if (only.contains("MEM")) {
      memory();
    }
  }

  /** One measurement: a rate. */
  interface Run {
    double rate() throws Exception;
  }

  private void report(String what, String unit, Run run) throws Exception {
    report(what, unit, 0, run);
  }

  /**
   * Prints the median rate of {@link #runs} runs after {@link #warmup} warm-up runs; with {@code
   * units} (the activities or workflows of one run) also the median process CPU time per unit, a
   * figure less sensitive than the rate to other processes on the same cores.
   */
  private void report(String what, String unit, int units, Run run) throws Exception {
    for (int i = 0; i < warmup; i++) {
      run.rate();
    }
    double[] rates = new double[runs];
    double[] cpu = new double[runs];
    for (int i = 0; i < runs; i++) {
      long cpuBefore = processCpuNanos();
      rates[i] = run.rate();
      cpu[i] = units == 0 ? 0 : (processCpuNanos() - cpuBefore) / 1000.0 / units;
    }
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    double median =
        runs % 2 == 1 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
    StringBuilder line = new StringBuilder();
    line.append(what).append(": median ").append(Math.round(median)).append(' ').append(unit);
    line.append(" (runs: ");
    for (int i = 0; i < runs; i++) {
      line.append(i == 0 ? "" : ", ").append(Math.round(rates[i]));
    }
    line.append("; warm-up runs: ").append(warmup).append(")");
    if (units > 0) {
      double[] cpuSorted = cpu.clone();
      Arrays.sort(cpuSorted);
      line.append(
          String.format(
              Locale.ROOT,
              ", process CPU %d us per %s",
              Math.round(cpuSorted[runs / 2]),
              unit.startsWith("activities") ? "activity" : "workflow"));
    }
    line.append(' ').append(settings());
    out.println(line);
    out.flush();
  }

  // ------------------------------------------------------------------------------------ W4

  private void w4() throws Exception {
    List<HistoryEvent> history;
    WorkflowExecution execution;
    try (Env env = Env.open(false)) {
      FanOutWorkflowClient.Handle handle =
          FanOutWorkflowClient.create(env.flow).start(sizes.w4(), WAVE);
      handle.result();
      execution =
          WorkflowExecution.builder().workflowId(handle.workflowId()).runId(handle.runId()).build();
      history = env.history(execution);
    }
    FanOutDefinition definition =
        FanOutDefinition.of(() -> new FanOutImpl(new BenchActivitiesStub()));
    var converter = dev.flow.DataConverter.json();
    long minNanos = sizes.equals(Sizes.QUICK) ? 100_000_000L : 1_000_000_000L;
    report(
        "W4 replay from scratch of a completed "
            + sizes.w4()
            + "-activity history ("
            + history.size()
            + " events)",
        "events/s",
        () -> {
          long events = 0;
          long begin = System.nanoTime();
          long elapsed;
          do {
            WorkflowReplayer.decide(definition, history, converter, execution);
            events += history.size();
            elapsed = System.nanoTime() - begin;
          } while (elapsed < minNanos);
          return events * 1e9 / elapsed;
        });
  }

  // ------------------------------------------------------------------------------------ memory

  private void memory() throws Exception {
    int n = sizes.memory();
    try (Env env = Env.open(false)) {
      long before = usedHeapAfterGc();
      startSleepers(env, n);
      long after = usedHeapAfterGc();
      out.println(
          String.format(
              Locale.ROOT,
              "MEM %d open executions waiting on a timer, %s: heap %.1f MB after GC (%.1f MB"
                  + " before starting them: %.2f KB per execution), process RSS %s %s",
              n,
              env.kind(),
              after / 1048576.0,
              before / 1048576.0,
              (after - before) / 1024.0 / n,
              residentMegabytes(),
              settings()));
      out.flush();
    }
    stickyMemory();
  }

  /**
   * The heap an execution parked in the worker's sticky cache costs: {@code sizes.sticky()}
   * executions each waiting on a timer, with the cache off, then on (large enough for all); the
   * difference of the heap they add, per execution.
   */
  private void stickyMemory() throws Exception {
    int n = sizes.sticky();
    long off = openExecutionsHeap(n, 0);
    long on = openExecutionsHeap(n, n);
    out.println(
        String.format(
            Locale.ROOT,
            "MEM sticky: %.1f KB per cached execution (%d parked, JDK %s, %s threads; %.2f KB per"
                + " open execution with the cache off, %.2f KB on) %s",
            (on - off) / 1024.0 / n,
            n,
            Runtime.version().feature(),
            virtualThreads() ? "virtual" : "platform",
            off / 1024.0 / n,
            on / 1024.0 / n,
            settings()));
    out.flush();
  }

  /** The heap {@code n} executions waiting on a timer add, on a worker with that sticky cache. */
  private static long openExecutionsHeap(int n, int stickyCacheSize) throws Exception {
    try (Env env = Env.open(false, stickyCacheSize)) {
      long before = usedHeapAfterGc();
      startSleepers(env, n);
      return usedHeapAfterGc() - before;
    }
  }

  /** Starts {@code n} executions waiting on an hour's timer; returns once each has decided. */
  private static void startSleepers(Env env, int n) throws Exception {
    int issuedBefore = SleeperImpl.TIMERS_ISSUED.get();
    SleeperWorkflowClient client = SleeperWorkflowClient.create(env.flow);
    List<SleeperWorkflowClient.Handle> handles =
        startAll(n, i -> client.start(3600L)); // an hour: nothing fires while measuring
    while (SleeperImpl.TIMERS_ISSUED.get() - issuedBefore < n) {
      Thread.sleep(20);
    }
    for (SleeperWorkflowClient.Handle h : handles) { // every decision answered
      while (env.lastEvent(h.workflowId(), h.runId()).eventType() != EventType.TIMER_STARTED) {
        Thread.sleep(5);
      }
    }
  }

  /** Whether this JDK has virtual threads, which the worker then runs parked workflow code on. */
  private static boolean virtualThreads() {
    try {
      Thread.class.getMethod("ofVirtual");
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The settings, and the machine's load (other processes share the cores). */
  private String settings() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return settings.substring(0, settings.length() - 1)
        + String.format(Locale.ROOT, ", load average %.1f]", load);
  }

  /**
   * The process's resident memory (heap, metaspace, thread stacks, SQLite's cache) as Linux reports
   * it ({@code VmRSS} of {@code /proc/self/status}), or "n/a" elsewhere.
   */
  private static String residentMegabytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.0f MB", kb / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "n/a";
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** Starts {@code n} executions from {@link #STARTERS} threads; their handles, in order. */
  static <H> List<H> startAll(int n, IntFunction<H> start) throws Exception {
    ExecutorService starters = Executors.newFixedThreadPool(STARTERS);
    try {
      List<Future<H>> futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int k = i;
        futures.add(starters.submit(() -> start.apply(k)));
      }
      List<H> handles = new ArrayList<>(n);
      for (Future<H> f : futures) {
        handles.add(f.get());
      }
      return handles;
    } finally {
      starters.shutdown();
    }
  }

  // ------------------------------------------------------------------------------------ engines

  /** A fresh engine on a SQLite file in a temporary directory, a client and a worker. */
  static final class Env implements AutoCloseable {
    final Path dir;
    final LocalEngine engine; // only when served over HTTP
    final LocalEngine.Server endpoint;
    final FlowClient flow;
    final Worker worker;

    private Env(
        Path dir,
        LocalEngine engine,
        LocalEngine.Server endpoint,
        FlowClient flow,
        int stickyCacheSize) {
      this.dir = dir;
      this.engine = engine;
      this.endpoint = endpoint;
      this.flow = flow;
      this.worker =
          Worker.builder(flow)
              .workflow(
                  SequentialDefinition.of(() -> new SequentialImpl(new BenchActivitiesStub())))
              .workflow(FanOutDefinition.of(() -> new FanOutImpl(new BenchActivitiesStub())))
              .workflow(SleeperDefinition.of(SleeperImpl::new))
              .activities(new BenchActivitiesDispatcher(new BenchActivitiesImpl()))
              .decisionPollers(DECISION_POLLERS)
              .activityPollers(ACTIVITY_POLLERS)
              .stickyCacheSize(stickyCacheSize)
              .build()
              .start();
    }

    static Env open(boolean http) throws IOException {
      return open(http, Worker.DEFAULT_STICKY_CACHE_SIZE);
    }

    static Env open(boolean http, int stickyCacheSize) throws IOException {
      Path dir = Files.createTempDirectory("flow-bench");
      Path file = dir.resolve("bench.db");
      if (!http) {
        return new Env(
            dir, null, null, FlowClient.connect("embedded:" + file, DOMAIN), stickyCacheSize);
      }
      LocalEngine engine = LocalEngine.open(file);
      LocalEngine.Server endpoint =
          engine.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return new Env(
          dir,
          engine,
          endpoint,
          FlowClient.connect(endpoint.endpoint().toString(), DOMAIN),
          stickyCacheSize);
    }

    String kind() {
      return endpoint == null ? "embedded durable" : "HTTP";
    }

    /** W1: one execution of {@code n} sequential activities; activities per second. */
    double sequential(int n) {
      SequentialWorkflowClient.Handle h = SequentialWorkflowClient.create(flow).start(n);
      check(h.result() == n, "Sequential returned a wrong result");
      return n
          / seconds(firstEvent(h.workflowId(), h.runId()), lastEvent(h.workflowId(), h.runId()));
    }

    /** W2: one execution fanning out {@code n} activities; activities per second. */
    double fanOut(int n) {
      FanOutWorkflowClient.Handle h = FanOutWorkflowClient.create(flow).start(n, WAVE);
      check(h.result() == (long) n * (n + 1) / 2, "FanOut returned a wrong result");
      return n
          / seconds(firstEvent(h.workflowId(), h.runId()), lastEvent(h.workflowId(), h.runId()));
    }

    /**
     * W3: {@code n} executions of 3 sequential activities started at once; workflows per second.
     */
    double manyWorkflows(int n) throws Exception {
      SequentialWorkflowClient client = SequentialWorkflowClient.create(flow);
      Instant begin = Instant.now();
      List<SequentialWorkflowClient.Handle> handles = startAll(n, i -> client.start(3));
      Instant end = begin;
      for (SequentialWorkflowClient.Handle h : handles) {
        check(h.result() == 3, "Sequential returned a wrong result");
        Instant closed = lastEvent(h.workflowId(), h.runId()).eventTimestamp();
        end = closed.isAfter(end) ? closed : end;
      }
      return n / ((end.toEpochMilli() - begin.toEpochMilli()) / 1000.0);
    }

    private static double seconds(HistoryEvent first, HistoryEvent last) {
      check(
          last.eventType() == EventType.WORKFLOW_EXECUTION_COMPLETED,
          "the execution did not complete: " + last.eventTypeAsString());
      long ms = last.eventTimestamp().toEpochMilli() - first.eventTimestamp().toEpochMilli();
      return Math.max(ms, 1) / 1000.0;
    }

    HistoryEvent firstEvent(String workflowId, String runId) {
      return page(workflowId, runId, false).events().get(0);
    }

    HistoryEvent lastEvent(String workflowId, String runId) {
      return page(workflowId, runId, true).events().get(0);
    }

    private GetWorkflowExecutionHistoryResponse page(
        String workflowId, String runId, boolean reverse) {
      return flow.swf()
          .getWorkflowExecutionHistory(
              r ->
                  r.domain(DOMAIN)
                      .execution(e -> e.workflowId(workflowId).runId(runId))
                      .reverseOrder(reverse)
                      .maximumPageSize(1));
    }

    /** Every event of {@code execution}, paging. */
    List<HistoryEvent> history(WorkflowExecution execution) {
      List<HistoryEvent> events = new ArrayList<>();
      String token = null;
      do {
        String next = token;
        GetWorkflowExecutionHistoryResponse page =
            flow.swf()
                .getWorkflowExecutionHistory(
                    r -> r.domain(DOMAIN).execution(execution).nextPageToken(next));
        events.addAll(page.events());
        token = page.nextPageToken();
      } while (token != null && !token.isEmpty());
      return events;
    }

    @Override
    public void close() throws IOException {
      try {
        worker.close();
        flow.close();
        if (endpoint != null) {
          endpoint.close();
          engine.close();
        }
      } finally {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(Env::delete);
        }
      }
    }

    private static void delete(Path p) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
