package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.T0;
import static dev.flow.internal.replay.ReplayTesting.decide;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.internal.testing.HistoryBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** Decision workers decide for many executions at once, one per thread. */
class ConcurrentDecideTest {
  @Test
  void decideInManyThreads_keepsEachReplayToItself() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        List<HistoryEvent> history = historyCompletingWith("\"v" + i + "\"");
        results.add(pool.submit(() -> decide(ActivityReplayTest.SIMPLE, history)));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get(10, TimeUnit.SECONDS))
            .containsExactly("complete \"v" + i + "\"");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<HistoryEvent> historyCompletingWith(String result) {
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    long embed =
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    h.activityCompleted(embed, result);
    h.decisionTask();
    return h.build();
  }
}
