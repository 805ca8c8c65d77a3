package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;

class LongPollTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void poll_returnsTheTaskAsSoonAsItIsScheduled() throws Exception {
    try (LocalEngine engine = LocalEngine.builder().pollTimeout(Duration.ofSeconds(30)).build()) {
      SwfClient swf = engine.client();
      register(swf);
      Future<PollForDecisionTaskResponse> poll =
          pool.submit(
              () -> swf.pollForDecisionTask(r -> r.domain("d").taskList(t -> t.name("tl"))));
      Thread.sleep(100);
      assertThat(poll.isDone()).isFalse();
      long t0 = System.nanoTime();
      swf.startWorkflowExecution(
          r -> r.domain("d").workflowId("w").workflowType(t -> t.name("W").version("1")));
      PollForDecisionTaskResponse task = poll.get(5, TimeUnit.SECONDS);
      assertThat(task.taskToken()).isNotNull();
      assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(2).toNanos());
    }
  }

  @Test
  void poll_returnsEmptyOnClose() throws Exception {
    LocalEngine engine = LocalEngine.builder().pollTimeout(Duration.ofSeconds(30)).build();
    SwfClient swf = engine.client();
    register(swf);
    Future<PollForDecisionTaskResponse> decision =
        pool.submit(() -> swf.pollForDecisionTask(r -> r.domain("d").taskList(t -> t.name("tl"))));
    Future<PollForActivityTaskResponse> activity =
        pool.submit(() -> swf.pollForActivityTask(r -> r.domain("d").taskList(t -> t.name("tl"))));
    Thread.sleep(100);
    engine.close();
    assertThat(decision.get(5, TimeUnit.SECONDS).taskToken()).isNull();
    assertThat(activity.get(5, TimeUnit.SECONDS).taskToken()).isNull();
  }

  @Test
  void poll_returnsEmptyAfterThePollTimeout() {
    try (LocalEngine engine = LocalEngine.builder().pollTimeout(Duration.ofMillis(200)).build()) {
      SwfClient swf = engine.client();
      register(swf);
      long t0 = System.nanoTime();
      PollForDecisionTaskResponse r =
          swf.pollForDecisionTask(q -> q.domain("d").taskList(t -> t.name("tl")));
      assertThat(r.taskToken()).isNull();
      assertThat(r.events()).isEmpty();
      assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(190).toNanos());
    }
  }

  @Test
  void concurrentPollers_eachGetADifferentTask() throws Exception {
    try (LocalEngine engine = LocalEngine.builder().pollTimeout(Duration.ofSeconds(5)).build()) {
      SwfClient swf = engine.client();
      register(swf);
      int n = 20;
      List<Future<PollForDecisionTaskResponse>> polls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        polls.add(
            pool.submit(
                () -> swf.pollForDecisionTask(r -> r.domain("d").taskList(t -> t.name("tl")))));
      }
      for (int i = 0; i < n; i++) {
        int id = i;
        swf.startWorkflowExecution(
            r -> r.domain("d").workflowId("w" + id).workflowType(t -> t.name("W").version("1")));
      }
      Set<String> runs = ConcurrentHashMap.newKeySet();
      for (Future<PollForDecisionTaskResponse> p : polls) {
        PollForDecisionTaskResponse task = p.get(10, TimeUnit.SECONDS);
        assertThat(task.taskToken()).isNotNull();
        runs.add(task.workflowExecution().runId());
      }
      assertThat(runs).hasSize(n);
    }
  }

  static void register(SwfClient swf) {
    swf.registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1"));
    swf.registerWorkflowType(
        r ->
            r.domain("d")
                .name("W")
                .version("1")
                .defaultTaskList(t -> t.name("tl"))
                .defaultExecutionStartToCloseTimeout("3600")
                .defaultTaskStartToCloseTimeout("10")
                .defaultChildPolicy("TERMINATE"));
  }
}
