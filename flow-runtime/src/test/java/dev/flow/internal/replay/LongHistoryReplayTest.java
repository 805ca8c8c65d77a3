package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.EXECUTION;
import static dev.flow.internal.replay.ReplayTesting.JSON;
import static dev.flow.internal.replay.ReplayTesting.T0;
import static dev.flow.internal.replay.ReplayTesting.definition;
import static dev.flow.internal.replay.ReplayTesting.instance;
import static dev.flow.internal.replay.ReplayTesting.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.DataConverter;
import dev.flow.internal.replay.ReplayTesting.MediaStub;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.WorkflowDefinition;
import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * A history near SWF's 25,000-event limit replays in one pass, without deep stacks: counted, never
 * timed. The code runs once on one instance, each call's input is encoded once and each result
 * decoded once, the horizon passes every step once, and results are delivered as deep in the stack
 * at the last step as at the first (a replay that recursed per step, or started over, would show).
 */
class LongHistoryReplayTest {
  static final int STEPS = 4_000;

  /** Instances {@link #LOOP} made. */
  static final AtomicInteger INSTANCES = new AtomicInteger();

  /** One activity after another, each waiting for the previous one. */
  static final WorkflowDefinition LOOP =
      definition(
          TimeAndSignalsReplayTest.CLOCK,
          () -> {
            INSTANCES.incrementAndGet();
            return instance(
                args -> {
                  MediaStub media = new MediaStub();
                  int total = 0;
                  for (int i = 0; i < STEPS; i++) {
                    total += media.targetAds("a" + i).get().size();
                  }
                  return "total " + total;
                });
          });

  /**
   * The JSON converter, counting what it encodes and decodes, and how deep the stack is where it
   * decodes a result (in the delivery of its event).
   */
  static final class CountingConverter implements DataConverter {
    int encodedArguments;
    int decodedArguments;
    int decodedResults;
    int firstDepth = -1;
    int maxDepth;

    @Override
    public String toData(Object value) {
      return JSON.toData(value);
    }

    @Override
    public Object fromData(String data, Type type) {
      decodedResults++;
      int depth = StackWalker.getInstance().walk(frames -> (int) frames.count());
      if (firstDepth < 0) {
        firstDepth = depth;
      }
      maxDepth = Math.max(maxDepth, depth);
      return JSON.fromData(data, type);
    }

    @Override
    public String toArguments(Object[] arguments) {
      encodedArguments++;
      return JSON.toArguments(arguments);
    }

    @Override
    public Object[] fromArguments(String data, Type[] types) {
      decodedArguments++;
      return JSON.fromArguments(data, types);
    }
  }

  @Test
  void sequentialActivities_over20000Events_replayInOnePass_atOneStackDepth() {
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
    List<HistoryEvent> events = h.build();
    assertThat(h.lastEventId()).isGreaterThan(20_000);
    History history = History.of(events);
    assertThat(history.stepCount()).isEqualTo(STEPS + 1);

    INSTANCES.set(0);
    CountingConverter converter = new CountingConverter();
    Execution execution = new Execution(LOOP, EXECUTION, history, converter, Limits.DEFAULT);

    assertThat(summary(execution.run())).containsExactly("complete \"total " + STEPS + "\"");
    assertThat(INSTANCES.get()).as("instances made").isEqualTo(1);
    assertThat(converter.decodedArguments).as("inputs decoded").isEqualTo(1);
    assertThat(converter.encodedArguments).as("call inputs encoded").isEqualTo(STEPS);
    assertThat(converter.decodedResults).as("results decoded").isEqualTo(STEPS);
    assertThat(execution.issued().size()).as("commands issued").isEqualTo(STEPS);
    assertThat(execution.horizon().stepNumber()).as("the step reached").isEqualTo(STEPS + 1);
    assertThat(converter.maxDepth)
        .as(
            "the stack's depth where the last result is delivered, the first's being %d",
            converter.firstDepth)
        .isEqualTo(converter.firstDepth);
  }
}
