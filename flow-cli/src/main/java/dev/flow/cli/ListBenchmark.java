package dev.flow.cli;

import dev.flow.engine.LocalEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.TypeAlreadyExistsException;

/**
 * The benchmark of {@code flow list --closed}: the first page over N closed executions (default
 * 100,000) on the embedded engine. Not a test: run it and read the figures.
 *
 * <pre>
 * java -cp flow-cli/target/flow.jar dev.flow.cli.ListBenchmark [--executions N] [--db FILE] [--runs R]
 * </pre>
 *
 * <p>Fills the file once (N executions started and terminated; a file that already holds them is
 * reused), closes it, then times {@code flow --engine embedded:FILE list --closed} in this JVM: the
 * first run (class loading and opening the engine's file included), the median of R more that each
 * open the file, and the median of R with the engine held open (the command and its query alone).
 */
public final class ListBenchmark {
  private ListBenchmark() {}

  public static void main(String[] args) throws Exception {
    int executions = 100_000;
    int runs = 20;
    Path db = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--executions" -> executions = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--db" -> db = Path.of(args[++i]);
        default -> {
          System.err.println("usage: ListBenchmark [--executions N] [--db FILE] [--runs R]");
          System.exit(2);
        }
      }
    }
    if (db == null) {
      db = Files.createTempDirectory("flow-list-bench").resolve("list.db");
    }
    fill(db, executions);
    String[] command = {"--engine", "embedded:" + db, "--domain", "bench", "list", "--closed"};
    long first = time(command);
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      times.add(time(command));
    }
    Collections.sort(times);
    List<Long> shared = new ArrayList<>();
    List<Long> action = new ArrayList<>();
    try (dev.flow.FlowClient held = dev.flow.FlowClient.connect("embedded:" + db, "bench")) {
      time(command); // the engine stays open while `held` holds it: each run shares it
      for (int i = 0; i < runs; i++) {
        shared.add(time(command));
      }
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        held.swf()
            .listClosedWorkflowExecutions(
                r ->
                    r.domain("bench")
                        .maximumPageSize(20)
                        .startTimeFilter(f -> f.oldestDate(Instant.EPOCH)));
        action.add(System.nanoTime() - start);
      }
    }
    Collections.sort(shared);
    Collections.sort(action);
    StringWriter page = new StringWriter();
    FlowCli.run(command, new PrintWriter(page), new PrintWriter(new StringWriter()), Map.of());
    System.out.println(
        "flow list --closed, first page (20 rows) of "
            + executions
            + " closed executions, embedded engine ("
            + db
            + "):");
    System.out.printf("  first run (opens the file): %.1f ms%n", first / 1e6);
    System.out.printf(
        "  median of %d more, each opening the file: %.1f ms (min %.1f, max %.1f)%n",
        runs,
        times.get(times.size() / 2) / 1e6,
        times.get(0) / 1e6,
        times.get(times.size() - 1) / 1e6);
    System.out.printf(
        "  median of %d with the engine already open in the JVM: %.1f ms (min %.1f,"
            + " max %.1f)%n",
        runs,
        shared.get(shared.size() / 2) / 1e6,
        shared.get(0) / 1e6,
        shared.get(shared.size() - 1) / 1e6);
    System.out.printf(
        "  median of %d ListClosedWorkflowExecutions actions alone: %.1f ms%n",
        runs, action.get(action.size() / 2) / 1e6);
    System.out.println("  rows printed: " + (page.toString().lines().count() - 2));
  }

  private static long time(String[] command) {
    StringWriter out = new StringWriter();
    long start = System.nanoTime();
    int status = FlowCli.run(command, new PrintWriter(out), new PrintWriter(out), Map.of());
    long took = System.nanoTime() - start;
    if (status != 0) {
      throw new IllegalStateException("flow list failed: " + out);
    }
    return took;
  }

  /** Starts and terminates executions until {@code db} holds {@code n} closed ones. */
  private static void fill(Path db, int n) throws Exception {
    try (LocalEngine engine = LocalEngine.open(db)) {
      SwfClient swf = engine.client();
      if (swf.listDomains(r -> r.registrationStatus("REGISTERED")).domainInfos().stream()
          .noneMatch(d -> d.name().equals("bench"))) {
        swf.registerDomain(r -> r.name("bench").workflowExecutionRetentionPeriodInDays("90"));
      }
      try {
        swf.registerWorkflowType(
            r ->
                r.domain("bench")
                    .name("Bench")
                    .version("1.0")
                    .defaultTaskList(t -> t.name("nobody"))
                    .defaultChildPolicy("TERMINATE")
                    .defaultExecutionStartToCloseTimeout("3600")
                    .defaultTaskStartToCloseTimeout("30"));
      } catch (TypeAlreadyExistsException e) {
        // filled before
      }
      int have =
          swf.countClosedWorkflowExecutions(
                  r -> r.domain("bench").startTimeFilter(f -> f.oldestDate(Instant.EPOCH)))
              .count();
      if (have >= n) {
        return;
      }
      System.out.println("filling " + db + " with " + (n - have) + " closed executions...");
      long start = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> done = new ArrayList<>();
      int missing = n - have;
      for (int t = 0; t < 4; t++) {
        int from = have + t * (missing / 4);
        int to = t == 3 ? n : from + missing / 4;
        done.add(
            pool.submit(
                () -> {
                  for (int i = from; i < to; i++) {
                    String id = "bench-" + i;
                    swf.startWorkflowExecution(
                        r ->
                            r.domain("bench")
                                .workflowId(id)
                                .workflowType(w -> w.name("Bench").version("1.0"))
                                .input("[" + 0 + "]"));
                    swf.terminateWorkflowExecution(
                        r -> r.domain("bench").workflowId(id).reason("benchmark"));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      System.out.printf("filled in %.0f s%n", (System.nanoTime() - start) / 1e9);
    }
  }
}
