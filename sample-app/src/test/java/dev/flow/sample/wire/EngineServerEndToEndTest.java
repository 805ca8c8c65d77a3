package dev.flow.sample.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.FlowClient;
import dev.flow.StartOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

/**
 * Flow across processes: the engine as a server in a JVM of its own ({@code LocalEngine.main}), two
 * generated worker mains ({@code dev.flow.sample.FlowWorkerMain --engine http://...}) in two more,
 * and this test as the client, starting many workflows over HTTP. Then the same with the engine
 * killed (SIGKILL) in the middle of the run and started again on its file.
 */
class EngineServerEndToEndTest {
  private static final String DOMAIN = "wire";
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  @TempDir Path dir;

  private final List<Process> children = new ArrayList<>();
  private final List<Path> logs = new ArrayList<>();
  private FlowClient flow;

  @AfterEach
  void stop() {
    if (flow != null) {
      flow.close();
    }
    for (Process p : children) {
      p.destroyForcibly();
    }
    for (Process p : children) {
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void fiftyWorkflows_onAServerEngine_withTwoWorkerProcesses_allComplete() throws Exception {
    Path db = dir.resolve("engine.db");
    Process engine = startEngine(db, 0);
    String endpoint = awaitEndpoint(engine);
    startWorker(endpoint, 1);
    startWorker(endpoint, 2);
    flow = FlowClient.connect(endpoint, DOMAIN);
    awaitDomain(flow.swf());

    List<ChainWorkflowClient.Handle> runs = startChains(50, 4);

    awaitClosed(flow.swf(), runs, Duration.ofSeconds(150));
    for (ChainWorkflowClient.Handle run : runs) {
      assertCompletedOnce(run, 4);
    }
    assertThat(workersThatRanSteps(runs)).as("both worker processes ran steps").isEqualTo(2);
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void engineKilledMidRun_andStartedAgainOnItsFile_losesNothing() throws Exception {
    Path db = dir.resolve("engine.db");
    Process engine = startEngine(db, 0);
    String endpoint = awaitEndpoint(engine);
    int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    startWorker(endpoint, 1);
    startWorker(endpoint, 2);
    flow = FlowClient.connect(endpoint, DOMAIN);
    awaitDomain(flow.swf());

    List<ChainWorkflowClient.Handle> runs = startChains(50, 8);
    // The chains advance together: kill when the first has two of its eight steps done.
    ChainWorkflowClient.Handle first = runs.get(0);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (completedSteps(first) < 2) {
      assertThat(System.nanoTime()).as("two steps done within 120 s").isLessThan(deadline);
      Thread.sleep(10);
    }
    int closedAtKill =
        flow.swf()
            .countClosedWorkflowExecutions(
                r -> r.domain(DOMAIN).startTimeFilter(f -> f.oldestDate(Instant.EPOCH)))
            .count();
    engine.destroyForcibly(); // SIGKILL, in the middle of the run
    assertThat(engine.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(closedAtKill).as("runs closed when the engine was killed").isLessThan(runs.size());

    // Down long enough for the SDK's own retries to give up: answers of tasks in progress are lost,
    // and those tasks come back through their timeouts.
    Thread.sleep(3000);
    Process again = startEngine(db, port);
    assertThat(awaitEndpoint(again)).isEqualTo(endpoint);

    awaitClosed(flow.swf(), runs, Duration.ofSeconds(200));
    Map<EventType, Integer> lost = new HashMap<>();
    for (ChainWorkflowClient.Handle run : runs) {
      assertCompletedOnce(run, 8);
      for (HistoryEvent e : history(flow.swf(), run.workflowId(), run.runId())) {
        if (e.eventType() == EventType.ACTIVITY_TASK_TIMED_OUT
            || e.eventType() == EventType.DECISION_TASK_TIMED_OUT) {
          lost.merge(e.eventType(), 1, Integer::sum);
        }
      }
    }
    System.out.println(
        "engine killed with "
            + closedAtKill
            + " of "
            + runs.size()
            + " runs closed; tasks lost with it and given again after their timeouts: "
            + lost);
  }

  /**
   * The kill -9 loop: round after round, the engine and one of the two workers are killed (SIGKILL)
   * while chains are in flight, and started again (the engine on its file and port). Each round
   * starts chains of its own first, so every kill lands on work in progress. In the end every
   * started chain completed, with each step's result recorded exactly once: nothing acknowledged
   * was lost, nothing was recorded twice. 10 rounds in {@code mvn verify}; {@code -Psoak} runs 100
   * ({@code -Dflow.killLoop.rounds=N} any number).
   */
  @Test
  @Timeout(value = 3600, unit = TimeUnit.SECONDS)
  void killLoop_engineAndWorkersKilledRoundAfterRound_loseNothing_recordNothingTwice()
      throws Exception {
    int rounds = Integer.getInteger("flow.killLoop.rounds", 10);
    java.util.Random random = new java.util.Random(20261202L);
    Path db = dir.resolve("engine.db");
    Process engine = startEngine(db, 0);
    String endpoint = awaitEndpoint(engine);
    int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    Process[] workers = {startWorker(endpoint, 1), startWorker(endpoint, 2)};
    flow = FlowClient.connect(endpoint, DOMAIN);
    awaitDomain(flow.swf());

    List<ChainWorkflowClient.Handle> runs = new ArrayList<>();
    long started = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      long roundStart = System.nanoTime();
      runs.addAll(startChains("r" + round + "-", 3, 4));
      Thread.sleep(200 + random.nextInt(600)); // let the round's steps get under way
      int w = round % 2;
      engine.destroyForcibly();
      workers[w].destroyForcibly();
      assertThat(engine.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(workers[w].waitFor(30, TimeUnit.SECONDS)).isTrue();
      engine = startEngine(db, port);
      // The worker comes up while the next round runs (the other worker is the one killed next).
      workers[w] = startWorkerProcess(endpoint, w + 1);
      assertThat(awaitEndpoint(engine, logs.size() - 2)).isEqualTo(endpoint);
      System.out.printf(
          "kill loop round %d: %d ms%n",
          round, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - roundStart));
    }
    long killed = System.nanoTime();
    awaitClosed(flow.swf(), runs, Duration.ofSeconds(120 + rounds * 5L));
    System.out.printf(
        "kill loop: all closed %d ms after the last kill%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
    int timedOut = 0;
    for (ChainWorkflowClient.Handle run : runs) {
      assertCompletedOnce(run, 4);
      for (HistoryEvent e : history(flow.swf(), run.workflowId(), run.runId())) {
        if (e.eventType() == EventType.ACTIVITY_TASK_TIMED_OUT
            || e.eventType() == EventType.DECISION_TASK_TIMED_OUT) {
          timedOut++;
        }
      }
    }
    System.out.printf(
        "kill loop: %d rounds (engine and a worker killed with SIGKILL each round) in %d s;"
            + " %d chains of 4 steps started, %d completed, 0 lost, 0 results recorded twice;"
            + " %d tasks given again after their timeouts%n",
        rounds,
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
        runs.size(),
        runs.size(),
        timedOut);
  }

  private List<ChainWorkflowClient.Handle> startChains(int count, int steps) {
    return startChains("", count, steps);
  }

  private List<ChainWorkflowClient.Handle> startChains(String prefix, int count, int steps) {
    List<ChainWorkflowClient.Handle> runs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = prefix + "chain-" + i;
      runs.add(
          ChainWorkflowClient.create(flow)
              .withOptions(StartOptions.builder().workflowId(id).build())
              .start(id, steps));
    }
    return runs;
  }

  /**
   * The run completed with every step's result in order, and each step's result was recorded in the
   * history exactly once (a step whose result was lost with the engine ran again under a new
   * activity id; none completed twice, none is missing).
   */
  private void assertCompletedOnce(ChainWorkflowClient.Handle run, int steps) {
    List<String> expected = new ArrayList<>();
    Map<String, Integer> once = new HashMap<>();
    for (int n = 0; n < steps; n++) {
      expected.add(run.workflowId() + "#" + n);
      once.put("\"" + run.workflowId() + "#" + n + "\"", 1);
    }
    assertThat(run.result(Duration.ofSeconds(30))).as(run.workflowId()).isEqualTo(expected);
    Map<String, Integer> completions = new HashMap<>();
    for (HistoryEvent e : history(flow.swf(), run.workflowId(), run.runId())) {
      if (e.eventType() == EventType.ACTIVITY_TASK_COMPLETED) {
        completions.merge(e.activityTaskCompletedEventAttributes().result(), 1, Integer::sum);
      }
    }
    assertThat(completions)
        .as("activity results in %s's history", run.workflowId())
        .isEqualTo(once);
  }

  // ------------------------------------------------------------------ processes

  /**
   * The engine's server jar, which the reactor builds before these tests run ({@code mvn verify});
   * without it (tests run alone), {@code LocalEngine.main} from the class path.
   */
  private static final Path SERVER_JAR = Path.of("../flow-engine/target/flow-engine-server.jar");

  private Process startEngine(Path db, int port) throws IOException {
    List<String> args = List.of("--port", String.valueOf(port), "--db", db.toString());
    List<String> command = new ArrayList<>();
    if (Files.isRegularFile(SERVER_JAR)) {
      command.addAll(List.of("-jar", SERVER_JAR.toAbsolutePath().toString()));
    } else {
      command.addAll(
          List.of(
              "-cp",
              System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
              "dev.flow.engine.LocalEngine"));
    }
    command.addAll(args);
    return start("engine", command);
  }

  /** Starts a generated worker main and waits until it polls (it says so), within 60 s. */
  private Process startWorker(String endpoint, int n) throws Exception {
    Process worker = startWorkerProcess(endpoint, n);
    Path log = logs.get(logs.size() - 1);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!read(log).contains("Flow worker on " + endpoint)) {
      assertThat(worker.isAlive()).as("worker %s alive; its output:\n%s", n, read(log)).isTrue();
      assertThat(System.nanoTime()).as("worker %s started within 60 s", n).isLessThan(deadline);
      Thread.sleep(50);
    }
    return worker;
  }

  /** Starts a generated worker main, without waiting for it. */
  private Process startWorkerProcess(String endpoint, int n) throws Exception {
    return start(
        "worker-" + n,
        List.of(
            "-cp",
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
            "dev.flow.sample.FlowWorkerMain",
            "--engine",
            endpoint,
            "--domain",
            DOMAIN));
  }

  private Process start(String name, List<String> javaArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    // Processes here are started again and again (the kill loop): start them fast rather than
    // compile them for the long run.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.addAll(javaArgs);
    Path log = dir.resolve(name + "-" + logs.size() + ".log");
    logs.add(log);
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("FLOW_WIRE_STEP_MILLIS", "50");
    Process p = pb.start();
    children.add(p);
    return p;
  }

  /** The endpoint a freshly started engine prints, within 60 s (it may retry a busy port). */
  private String awaitEndpoint(Process engine) throws Exception {
    return awaitEndpoint(engine, logs.size() - 1);
  }

  /**
   * As {@link #awaitEndpoint(Process)}, for the engine whose output is the log at {@code index}.
   */
  private String awaitEndpoint(Process engine, int index) throws Exception {
    Path log = logs.get(index);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(read(log));
      if (m.find()) {
        return m.group(1);
      }
      assertThat(engine.isAlive()).as("engine process alive; its output:\n%s", read(log)).isTrue();
      Thread.sleep(50);
    }
    throw new AssertionError("the engine did not listen within 60 s:\n" + read(log));
  }

  /** Workers register the domain when they start. */
  private void awaitDomain(SwfClient swf) throws Exception {
    retry(
        () -> swf.describeDomain(r -> r.name(DOMAIN)).domainInfo().name(),
        Duration.ofSeconds(60),
        "domain " + DOMAIN + " registered by the workers");
  }

  private void awaitClosed(SwfClient swf, List<ChainWorkflowClient.Handle> runs, Duration limit)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    int closed = 0;
    while (System.nanoTime() < deadline) {
      closed = closed(swf, runs);
      if (closed == runs.size()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        closed + " of " + runs.size() + " runs closed within " + limit + "\n" + allLogs());
  }

  private int completedSteps(ChainWorkflowClient.Handle run) {
    return (int)
        history(flow.swf(), run.workflowId(), run.runId()).stream()
            .filter(e -> e.eventType() == EventType.ACTIVITY_TASK_COMPLETED)
            .count();
  }

  /** How many of {@code runs} are closed; 0 while the engine cannot be reached. */
  private static int closed(SwfClient swf, List<ChainWorkflowClient.Handle> runs) {
    try {
      int closed = 0;
      for (ChainWorkflowClient.Handle run : runs) {
        WorkflowExecutionInfo info =
            swf.describeWorkflowExecution(
                    r ->
                        r.domain(DOMAIN)
                            .execution(e -> e.workflowId(run.workflowId()).runId(run.runId())))
                .executionInfo();
        if (info.closeStatus() != null) {
          closed++;
        }
      }
      return closed;
    } catch (SdkException e) {
      return 0;
    }
  }

  private static List<HistoryEvent> history(SwfClient swf, String workflowId, String runId) {
    List<HistoryEvent> events = new ArrayList<>();
    String token = null;
    do {
      String page = token;
      GetWorkflowExecutionHistoryResponse r =
          swf.getWorkflowExecutionHistory(
              q ->
                  q.domain(DOMAIN)
                      .execution(e -> e.workflowId(workflowId).runId(runId))
                      .nextPageToken(page));
      events.addAll(r.events());
      token = r.nextPageToken();
    } while (token != null);
    return events;
  }

  /** How many worker identities ({@code host:pid}) started the activity tasks of {@code runs}. */
  private int workersThatRanSteps(List<ChainWorkflowClient.Handle> runs) {
    Set<String> identities = new HashSet<>();
    for (ChainWorkflowClient.Handle run : runs) {
      for (HistoryEvent e : history(flow.swf(), run.workflowId(), run.runId())) {
        if (e.eventType() == EventType.ACTIVITY_TASK_STARTED) {
          identities.add(e.activityTaskStartedEventAttributes().identity());
        }
      }
    }
    return identities.size();
  }

  private static <T> T retry(Supplier<T> call, Duration limit, String what) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        last = e;
        Thread.sleep(200);
      }
    }
    throw new AssertionError("no " + what + " within " + limit, last);
  }

  private String allLogs() throws IOException {
    StringBuilder out = new StringBuilder();
    for (Path log : logs) {
      String text = read(log);
      out.append("---- ")
          .append(log.getFileName())
          .append('\n')
          .append(text.length() > 4000 ? text.substring(text.length() - 4000) : text);
    }
    return out.toString();
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
  }
}
