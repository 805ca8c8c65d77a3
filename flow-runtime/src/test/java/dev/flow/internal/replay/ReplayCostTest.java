package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.EXECUTION;
import static dev.flow.internal.replay.ReplayTesting.JSON;
import static dev.flow.internal.replay.ReplayTesting.T0;
import static dev.flow.internal.replay.ReplayTesting.assertSameHistory;
import static dev.flow.internal.replay.ReplayTesting.control;
import static dev.flow.internal.replay.ReplayTesting.decide;
import static dev.flow.internal.replay.ReplayTesting.definition;
import static dev.flow.internal.replay.ReplayTesting.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.Promise;
import dev.flow.Promises;
import dev.flow.internal.replay.ReplayTesting.MediaStub;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * What replay costs grows with the history, not with its square: counted here, never timed. The
 * control records of a wave of N calls issued after the code read N results read a bounded number
 * of those results, whatever N (they used to copy all N for each call: N^2); the sticky path's
 * history grows in place, copying its arrays a logarithmic number of times over a run (it used to
 * copy them at every task); the open activities are counted as their states move (they used to be
 * counted over every command at every task).
 */
class ReplayCostTest {
  static final int N = 2_000;

  static final WorkflowSpec WAVES =
      WorkflowSpec.builder("Waves", "1.0")
          .parameterTypes(int.class)
          .resultType(String.class)
          .build();

  /**
   * n calls (n its input); once all are done, an encodeVideo over the first one's result, then n
   * more calls; once all are done, it completes with the encodeVideo's result.
   */
  static final WorkflowDefinition TWO_WAVES =
      definition(
          WAVES,
          () ->
              instance(
                  args -> {
                    int n = (Integer) args[0];
                    MediaStub media = new MediaStub();
                    List<Promise<List<String>>> first = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                      first.add(media.targetAds("a" + i));
                    }
                    Promises.getAll(first);
                    Promise<String> encoded = media.encodeVideo(first.get(0), "webm");
                    List<Promise<List<String>>> second = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                      second.add(media.targetAds("b" + i));
                    }
                    Promises.getAll(second);
                    return encoded.get();
                  }));

  /** Limits that let a whole wave out in one answer. */
  private static final Limits UNLIMITED = new Limits(10 * N, 10 * N, 1_000_000);

  /** {@code activity:Media.targetAds-<from>} to {@code -<to>}, quoted, comma-separated. */
  private static String targetAds(int from, int to) {
    return IntStream.rangeClosed(from, to)
        .mapToObj(i -> "\"activity:Media.targetAds-" + i + "\"")
        .collect(Collectors.joining(","));
  }

  /** The history up to the task after a first wave of n: n scheduled, n completed. */
  private static HistoryBuilder firstWaveDone(int n) {
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Waves", "1.0", "[" + n + "]");
    h.decisionTask();
    h.decisionCompleted();
    long[] scheduled = new long[n];
    for (int i = 0; i < n; i++) {
      scheduled[i] =
          h.activityScheduled(
              "Media.targetAds", "1.0", "Media.targetAds-" + (i + 1), "[\"a" + i + "\"]");
    }
    for (int i = 0; i < n; i++) {
      h.activityCompleted(scheduled[i], "[\"x\"]");
    }
    h.decisionTask();
    return h;
  }

  @Test
  void waveOfNCalls_afterNResults_controlsHoldTheFirst50_andTheTracesRead50EntriesEach() {
    HistoryBuilder h = firstWaveDone(N);
    Execution execution =
        new Execution(TWO_WAVES, EXECUTION, History.of(h.build()), JSON, UNLIMITED);
    List<Decision> decisions = execution.run();

    assertThat(decisions).hasSize(N + 1);
    // the code read N results; encodeVideo takes the first in deps, so after names the others
    assertThat(control(decisions.get(0)))
        .isEqualTo(
            "{\"flow\":1,\"call\":\"Media.encodeVideo\",\"deps\":[\"activity:Media.targetAds-1\"],"
                + "\"after\":["
                + targetAds(2, 51)
                + "],\"afterMore\":"
                + (N - 51)
                + "}");
    String second =
        "{\"flow\":1,\"call\":\"Media.targetAds\",\"after\":["
            + targetAds(1, 50)
            + "],\"afterMore\":"
            + (N - 50)
            + "}";
    for (int i = 1; i <= N; i++) {
      assertThat(control(decisions.get(i))).as("control of decision %d", i).isEqualTo(second);
    }

    // one trace for the calls issued with the same results seen, held by each call
    Control.Trace shared = ((ActivityCommand) execution.issued().get(N + 1)).call.trace;
    for (int i = N + 1; i < 2 * N + 1; i++) {
      assertThat(((ActivityCommand) execution.issued().get(i)).call.trace).isSameAs(shared);
    }
    assertThat(shared.after()).hasSize(Control.MAX_AFTER);
    assertThat(shared.afterMore()).isEqualTo(N - Control.MAX_AFTER);
    // encodeVideo's trace read 51 entries (one in its deps), the shared one 50: not N per call
    assertThat(execution.observations().entriesRead()).isEqualTo(2L * Control.MAX_AFTER + 1);
  }

  @Test
  void openActivities_areCountedAsTheirStatesMove() {
    int n = 300;
    HistoryBuilder h = firstWaveDone(n);
    h.decisionCompleted();
    long encode =
        h.activityScheduled(
            "Media.encodeVideo", "1.0", "Media.encodeVideo-" + (n + 1), "[[\"x\"],\"webm\"]");
    long[] scheduled = new long[n];
    for (int i = 0; i < n; i++) {
      scheduled[i] =
          h.activityScheduled(
              "Media.targetAds", "1.0", "Media.targetAds-" + (n + 2 + i), "[\"b" + i + "\"]");
    }
    h.activityStarted(encode);
    for (int i = 0; i < n / 2; i++) {
      h.activityCompleted(scheduled[i], "[\"y\"]");
    }
    h.decisionTask();

    Execution execution =
        new Execution(TWO_WAVES, EXECUTION, History.of(h.build()), JSON, UNLIMITED);
    assertThat(execution.run()).isEmpty(); // the code waits for the rest of the second wave
    int open = 0;
    for (int i = 0; i < execution.issued().size(); i++) {
      Command<?> c = execution.issued().get(i);
      if (c.kind == CommandKind.ACTIVITY && c.open()) {
        open++;
      }
    }
    assertThat(open).isEqualTo(n / 2 + 1); // the second wave's second half, and encodeVideo
    assertThat(execution.issued().openActivities()).isEqualTo(open);

    // the whole run decides the same on the sticky path, task by task (the cross-check of decide,
    // which holds back what the default limits hold back, by the count on both paths)
    h.decisionCompleted();
    for (int i = n / 2; i < n; i++) {
      h.activityCompleted(scheduled[i], "[\"y\"]");
    }
    h.activityCompleted(encode, "\"webm-url\"");
    h.decisionTask();
    assertThat(decide(TWO_WAVES, h.build())).containsExactly("complete \"webm-url\"");
  }

  /** One activity after another, each in a decision task of its own. */
  private static List<List<HistoryEvent>> sequentialTasks(int tasks) {
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Clock", "1.0", "[]");
    h.decisionTask();
    List<Long> ends = new ArrayList<>(List.of(h.lastEventId()));
    for (int i = 0; i < tasks; i++) {
      h.decisionCompleted();
      long scheduled =
          h.activityScheduled("Media.targetAds", "1.0", "Media.targetAds-" + (i + 1), "[\"a\"]");
      h.activityCompleted(scheduled, "[\"x\"]");
      h.decisionTask();
      ends.add(h.lastEventId());
    }
    List<HistoryEvent> all = h.build();
    List<List<HistoryEvent>> cuts = new ArrayList<>();
    for (long end : ends) {
      cuts.add(all.subList(0, (int) end));
    }
    return cuts;
  }

  @Test
  void extendTaskByTask_appendsInPlace_copyingTheArraysLogarithmicallyOften() {
    List<List<HistoryEvent>> cuts = sequentialTasks(3_000);
    History history = History.of(cuts.get(0));
    int eventCopies = 0;
    int stepCopies = 0;
    for (int k = 1; k < cuts.size(); k++) {
      List<HistoryEvent> cut = cuts.get(k);
      History longer = history.extend(cut.subList(history.size(), cut.size()));
      eventCopies += longer.sharesEventsWith(history) ? 0 : 1;
      stepCopies += longer.sharesStepsWith(history) ? 0 : 1;
      if (k % 500 == 0 || k == cuts.size() - 1) {
        assertSameHistory(longer, History.of(cut));
      }
      history = longer;
    }
    // 3,000 tasks, 15,000 events: growing by half from 16, about 17 copies; at each task, 3,000
    assertThat(history.size()).isEqualTo(5 * 3_000 + 3);
    assertThat(eventCopies).isBetween(1, 20);
    assertThat(stepCopies).isBetween(1, 20);
  }

  @Test
  void extendedTwice_theSecondContinuationReadsAnew_andTheFirstStaysAsItWas() {
    List<List<HistoryEvent>> cuts = sequentialTasks(3);
    History initial = History.of(cuts.get(0));
    History start = initial.extend(cuts.get(1).subList(initial.size(), cuts.get(1).size()));
    List<HistoryEvent> two = cuts.get(2);
    List<HistoryEvent> three = cuts.get(3);

    History first = start.extend(two.subList(start.size(), two.size()));
    History second = start.extend(three.subList(start.size(), three.size()));

    assertThat(first.sharesEventsWith(start)).as("appended in place").isTrue();
    assertThat(second.sharesEventsWith(start)).as("read anew").isFalse();
    assertSameHistory(first, History.of(two));
    assertSameHistory(second, History.of(three));
    assertSameHistory(start, History.of(cuts.get(1)));
  }
}
