package dev.flow.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;

/**
 * A rough throughput probe, off by default: {@code mvn -pl flow-engine test
 * -Dtest=ThroughputProbeTest -Dflow.probe=true}. Schedules 5,000 activities over 10 runs, then 4
 * workers poll and complete them.
 */
class ThroughputProbeTest {
  @TempDir Path dir;

  @Test
  @EnabledIfSystemProperty(named = "flow.probe", matches = "true")
  void probe() throws Exception {
    try (LocalEngine engine =
        LocalEngine.builder()
            .file(dir.resolve("b.db"))
            .pollTimeout(java.time.Duration.ofMillis(50))
            .build()) {
      SwfClient swf = engine.client();
      LongPollTest.register(swf);
      swf.registerActivityType(
          r ->
              r.domain("d")
                  .name("A")
                  .version("1")
                  .defaultTaskList(t -> t.name("acts"))
                  .defaultTaskScheduleToStartTimeout("NONE")
                  .defaultTaskScheduleToCloseTimeout("NONE")
                  .defaultTaskStartToCloseTimeout("60"));
      int runs = 10;
      int per = 500;
      long t0 = System.nanoTime();
      for (int w = 0; w < runs; w++) {
        int id = w;
        swf.startWorkflowExecution(
            r -> r.domain("d").workflowId("w" + id).workflowType(t -> t.name("W").version("1")));
        var d = swf.pollForDecisionTask(r -> r.domain("d").taskList(t -> t.name("tl")));
        List<Decision> ds = new ArrayList<>();
        for (int i = 0; i < per; i++) {
          int n = i;
          ds.add(
              Decision.builder()
                  .decisionType("ScheduleActivityTask")
                  .scheduleActivityTaskDecisionAttributes(
                      a ->
                          a.activityId("a" + n)
                              .activityType(t -> t.name("A").version("1"))
                              .input("{\"x\":1}"))
                  .build());
        }
        swf.respondDecisionTaskCompleted(r -> r.taskToken(d.taskToken()).decisions(ds));
      }
      long t1 = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      AtomicInteger done = new AtomicInteger();
      List<Future<?>> fs = new ArrayList<>();
      for (int k = 0; k < 4; k++) {
        fs.add(
            pool.submit(
                () -> {
                  while (done.get() < runs * per) {
                    PollForActivityTaskResponse a =
                        swf.pollForActivityTask(r -> r.domain("d").taskList(t -> t.name("acts")));
                    if (a.taskToken() == null) break;
                    swf.respondActivityTaskCompleted(
                        r -> r.taskToken(a.taskToken()).result("\"ok\""));
                    done.incrementAndGet();
                  }
                  return null;
                }));
      }
      for (Future<?> f : fs) f.get();
      long t2 = System.nanoTime();
      pool.shutdown();
      System.out.printf(
          "schedule: %d activities in %d ms; poll+complete: %d in %d ms = %.0f/s%n",
          runs * per,
          (t1 - t0) / 1_000_000,
          done.get(),
          (t2 - t1) / 1_000_000,
          done.get() * 1e9 / (t2 - t1));
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "flow.probe", matches = "true")
  void sequentialProbe() throws Exception {
    try (LocalEngine engine =
        LocalEngine.builder()
            .file(dir.resolve("s.db"))
            .pollTimeout(java.time.Duration.ofMillis(50))
            .build()) {
      SwfClient swf = engine.client();
      LongPollTest.register(swf);
      swf.registerActivityType(
          r ->
              r.domain("d")
                  .name("A")
                  .version("1")
                  .defaultTaskList(t -> t.name("acts"))
                  .defaultTaskScheduleToStartTimeout("NONE")
                  .defaultTaskScheduleToCloseTimeout("NONE")
                  .defaultTaskStartToCloseTimeout("60"));
      int steps = 1000;
      swf.startWorkflowExecution(
          r -> r.domain("d").workflowId("seq").workflowType(t -> t.name("W").version("1")));
      long t0 = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        int n = i;
        var d = swf.pollForDecisionTask(r -> r.domain("d").taskList(t -> t.name("tl")));
        swf.respondDecisionTaskCompleted(
            r ->
                r.taskToken(d.taskToken())
                    .decisions(
                        Decision.builder()
                            .decisionType("ScheduleActivityTask")
                            .scheduleActivityTaskDecisionAttributes(
                                a ->
                                    a.activityId("a" + n)
                                        .activityType(t -> t.name("A").version("1")))
                            .build()));
        var a = swf.pollForActivityTask(r -> r.domain("d").taskList(t -> t.name("acts")));
        swf.respondActivityTaskCompleted(r -> r.taskToken(a.taskToken()).result("r"));
      }
      long t1 = System.nanoTime();
      System.out.printf(
          "sequential: %d steps (full history each decision) in %d ms%n",
          steps, (t1 - t0) / 1_000_000);
    }
  }
}
