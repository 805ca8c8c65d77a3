package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.T0;
import static dev.flow.internal.replay.ReplayTesting.decide;
import static dev.flow.internal.replay.ReplayTesting.definition;
import static dev.flow.internal.replay.ReplayTesting.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.internal.replay.ReplayTesting.MediaStub;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.WorkflowDefinition;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A history near SWF's 25,000-event limit replays in one pass, without deep stacks. */
class LongHistoryReplayTest {
  static final int STEPS = 4_000;

  /** One activity after another, each waiting for the previous one. */
  static final WorkflowDefinition LOOP =
      definition(
          TimeAndSignalsReplayTest.CLOCK,
          () ->
              instance(
                  args -> {
                    MediaStub media = new MediaStub();
                    int total = 0;
                    for (int i = 0; i < STEPS; i++) {
                      total += media.targetAds("a" + i).get().size();
                    }
                    return "total " + total;
                  }));

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void sequentialActivities_over20000Events_replayInOnePass() {
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Clock", "1.0", "[]");
    h.decisionTask();
    for (int i = 0; i < STEPS; i++) {
      h.decisionCompleted();
      String id = "Media.targetAds-" + (i + 1);
      long scheduled = h.activityScheduled("Media.targetAds", "1.0", id, "[\"a" + i + "\"]");
      h.activityCompleted(scheduled, "[\"x\"]");
      h.decisionTask();
    }
    assertThat(h.lastEventId()).isGreaterThan(20_000);

    for (int round = 0; round < 5; round++) { // a few rounds, so the JIT has its say
      assertThat(decide(LOOP, h.build())).containsExactly("complete \"total " + STEPS + "\"");
    }
  }
}
