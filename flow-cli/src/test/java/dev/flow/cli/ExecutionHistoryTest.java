package dev.flow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.cli.ExecutionHistory.Call;
import dev.flow.cli.ExecutionHistory.Outcome;
import dev.flow.internal.replay.Blocked;
import dev.flow.internal.replay.Resume;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** Decoding, statistics and graphs of histories that carry control as the decider writes it. */
class ExecutionHistoryTest {
  /**
   * ProcessVideo-like, with control records:
   *
   * <pre>
   * t=0   decision: embedSubtitle-1, findChapters-3
   * t=1   both started; findChapters completes at 2, embedSubtitle at 3
   * t=3   decision: encodeVideo-2 (deps embedSubtitle-1), extractThumbnail-4 (after findChapters-3)
   * t=4   encodeVideo-2 fails; decision: retry timer timer-5, 10 s (purpose retry, attempt 2)
   * t=5   extractThumbnail-4 completes
   * t=14  timer fires; decision: encodeVideo-2@2, started at 15, completed at 20
   * t=20  decision: complete
   * </pre>
   */
  static List<HistoryEvent> processVideo() {
    HistoryBuilder h = new HistoryBuilder("ProcessVideo.process");
    h.at(0).decision();
    long embed =
        h.scheduleActivity(
            "embedSubtitle-1",
            "Media.embedSubtitle",
            "{\"flow\":1,\"call\":\"Media.embedSubtitle\"}");
    long chapters =
        h.scheduleActivity(
            "findChapters-3", "Media.findChapters", "{\"flow\":1,\"call\":\"Media.findChapters\"}");
    h.at(1);
    long embedStarted = h.startActivity(embed);
    long chaptersStarted = h.startActivity(chapters);
    h.at(2).completeActivity(chapters, chaptersStarted, "[\"Arrival\"]");
    h.at(3).completeActivity(embed, embedStarted, "\"file:/sub.video\"");
    h.decision();
    long encode =
        h.scheduleActivity(
            "encodeVideo-2",
            "Media.encodeVideo",
            "{\"flow\":1,\"call\":\"Media.encodeVideo\",\"deps\":[\"activity:embedSubtitle-1\"]}");
    long thumb =
        h.scheduleActivity(
            "extractThumbnail-4",
            "Media.extractThumbnail",
            "{\"flow\":1,\"call\":\"Media.extractThumbnail\",\"after\":[\"activity:findChapters-3\"],"
                + "\"someFutureKey\":[1,2]}");
    long encodeStarted = h.startActivity(encode);
    long thumbStarted = h.startActivity(thumb);
    h.at(4).failActivity(encode, encodeStarted, "java.io.IOException: disk full");
    h.decision();
    long timer =
        h.startTimer(
            "timer-5",
            10,
            "{\"flow\":1,\"purpose\":\"retry\",\"for\":\"activity:encodeVideo-2\","
                + "\"call\":\"Media.encodeVideo\",\"attempt\":2}");
    h.at(5).completeActivity(thumb, thumbStarted, "\"file:/thumb.png\"");
    h.decision();
    h.at(14).fireTimer("timer-5", timer);
    h.decision();
    long retry =
        h.scheduleActivity(
            "encodeVideo-2@2",
            "Media.encodeVideo",
            "{\"flow\":1,\"call\":\"Media.encodeVideo\",\"deps\":[\"activity:embedSubtitle-1\"]}");
    h.at(15);
    long retryStarted = h.startActivity(retry);
    h.at(20).completeActivity(retry, retryStarted, "\"file:/out.webm\"");
    h.decision().complete("{\"webm\":\"file:/out.webm\"}");
    return h.build();
  }

  private static Call call(ExecutionHistory h, String key) {
    return h.calls().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow();
  }

  /**
   * The names of Flow's own markers and timers, which the command line reads through public API
   * only and so names again, are those the runtime writes.
   */
  @Test
  void theNamesOfFlowsOwnMarkersAndTimers_areTheRuntimes() {
    assertThat(ExecutionHistory.BLOCKED_MARKER).isEqualTo(Blocked.MARKER);
    assertThat(ExecutionHistory.RESUMED_MARKER).isEqualTo(Resume.MARKER);
    assertThat(Blocked.RETRY_TIMER).startsWith(ExecutionHistory.BLOCKED_TIMER);
  }

  @Test
  void calls_foldAttempts_readDependencies_andLabelRetryTimers() {
    ExecutionHistory h = ExecutionHistory.of(processVideo());

    assertThat(h.hasControl()).isTrue();
    assertThat(h.status()).isEqualTo("COMPLETED");
    Call encode = call(h, "activity:encodeVideo-2");
    assertThat(encode.label()).isEqualTo("Media.encodeVideo");
    assertThat(encode.attempts())
        .extracting(ExecutionHistory.Attempt::id)
        .containsExactly("encodeVideo-2", "encodeVideo-2@2");
    assertThat(encode.attempts())
        .extracting(ExecutionHistory.Attempt::outcome)
        .containsExactly(Outcome.FAILED, Outcome.COMPLETED);
    assertThat(encode.first().reason()).isEqualTo("java.io.IOException: disk full");
    assertThat(encode.duration(h.endTime())).isEqualTo(Duration.ofSeconds(17));
    assertThat(encode.deps()).extracting(Call::key).containsExactly("activity:embedSubtitle-1");
    assertThat(encode.backoffs()).containsExactly(Duration.ofSeconds(10));
    assertThat(call(h, "activity:extractThumbnail-4").after())
        .extracting(Call::key)
        .containsExactly("activity:findChapters-3");

    Call timer = call(h, "timer:timer-5");
    assertThat(timer.label()).isEqualTo("retry backoff: Media.encodeVideo-2, attempt 2");
    assertThat(timer.internal()).isTrue();
    assertThat(timer.duration(h.endTime())).isEqualTo(Duration.ofSeconds(10));
    assertThat(h.blocked()).isNull();
  }

  @Test
  void stats_giveTheKnownDurations() {
    ExecutionHistory h = ExecutionHistory.of(processVideo());

    ExecutionStats s = ExecutionStats.of(h, "wf", 2);

    assertThat(s.wall().max()).isEqualTo(Duration.ofSeconds(20));
    ExecutionStats.ActivityType encode =
        s.activityTypes().stream()
            .filter(t -> t.type().equals("Media.encodeVideo"))
            .findFirst()
            .orElseThrow();
    assertThat(encode.calls()).isEqualTo(1);
    assertThat(encode.attempts()).isEqualTo(2);
    assertThat(encode.failures()).isEqualTo(1);
    assertThat(encode.startToClose())
        .isEqualTo(
            new ExecutionStats.Percentiles(
                2, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5)));
    assertThat(encode.scheduleToStart().max()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.slowest())
        .extracting(ExecutionStats.Task::activityId)
        .containsExactly("encodeVideo-2@2", "embedSubtitle-1");
    assertThat(s.criticalPathFromControl()).isTrue();
    assertThat(s.criticalPath())
        .extracting(ExecutionStats.Step::key)
        .containsExactly("activity:embedSubtitle-1", "activity:encodeVideo-2");
    // workers 0-5 and 14-20, the retry timer alone 5-14, decisions took no time
    assertThat(s.waiting())
        .isEqualTo(
            new ExecutionStats.Waiting(
                Duration.ZERO,
                Duration.ofSeconds(11),
                Duration.ZERO,
                Duration.ofSeconds(9),
                Duration.ZERO));
  }

  @Test
  void graph_hasDependencyAndWaitEdges_andFoldsTheRetryTimer() {
    ExecutionHistory h = ExecutionHistory.of(processVideo());

    String dot = ExecutionGraph.of(h).toDot("ProcessVideo.process 1.0");

    assertThat(dot)
        .contains(
            "n1 [id=\"activity:embedSubtitle-1\", label=\"Media.embedSubtitle\\nembedSubtitle-1\\n"
                + "completed in 3.0 s\", shape=box, fillcolor=\"#c8e6c9\"];",
            "n3 [id=\"activity:encodeVideo-2\", label=\"Media.encodeVideo\\nencodeVideo-2\\n"
                + "completed in 17 s, 2 attempts\"",
            "n1 -> n3;",
            "n2 -> n4 [style=dashed];");
    assertThat(dot).doesNotContain("retry backoff", "style=invis");
  }

  @Test
  void historyWithoutControl_getsATimelineGraph_andAnInferredCriticalPath() {
    HistoryBuilder b = new HistoryBuilder("Plain");
    b.at(0).decision();
    long a = b.scheduleActivity("a-1", "A", "not json");
    long c = b.scheduleActivity("c-2", "C", "{\"foreign\":true}");
    b.at(1);
    long as = b.startActivity(a);
    long cs = b.startActivity(c);
    b.at(2).completeActivity(a, as, "1");
    b.at(3).completeActivity(c, cs, "1");
    b.decision();
    long t = b.startTimer("timer-3", 30, null);
    b.at(33).fireTimer("timer-3", t);
    b.decision().complete("2");
    ExecutionHistory h = ExecutionHistory.of(b.build());

    assertThat(h.hasControl()).isFalse();
    assertThat(call(h, "timer:timer-3").label()).isEqualTo("timer timer-3 30 s");
    String dot = ExecutionGraph.of(h).toDot("Plain");
    assertThat(dot).contains("{ rank=same; n1; n2; }", "n1 -> n3 [style=invis];");
    assertThat(dot).doesNotContain("n1 -> n2;");
    ExecutionStats s = ExecutionStats.of(h, "wf", 5);
    assertThat(s.criticalPathFromControl()).isFalse();
    assertThat(s.criticalPath())
        .extracting(ExecutionStats.Step::key)
        .containsExactly("activity:c-2", "timer:timer-3");
  }

  @Test
  void userTimers_andFlowMarkers_sayWhatTheyAre() {
    HistoryBuilder b = new HistoryBuilder("Sleeper");
    b.at(0).decision();
    b.startTimer("timer-1", 30, "{\"flow\":1,\"call\":\"Workflow.sleep\"}");
    b.startTimer(
        "timer-2", 86400, "{\"flow\":1,\"purpose\":\"await-timeout\",\"call\":\"Workflow.await\"}");
    b.startTimer("timer-3", 0, "{\"flow\":1,\"purpose\":\"split\"}");
    b.marker("SideEffect", "{\"flow\":1,\"purpose\":\"side-effect\",\"value\":\"x\"}");
    b.signaled("approve", "[\"ann\"]");
    ExecutionHistory h = ExecutionHistory.of(b.build());

    assertThat(h.calls())
        .extracting(Call::label)
        .containsExactly(
            "Workflow.sleep 30 s",
            "Workflow.await timeout 1 d",
            "decision split",
            "Workflow.sideEffect",
            "signal approve");
    assertThat(call(h, "timer:timer-3").internal()).isTrue();
    assertThat(h.status()).isEqualTo("OPEN");
  }

  static final String BLOCKED =
      "{\"flow\":1,\"purpose\":\"blocked\",\"reason\":\"non-determinism\","
          + "\"message\":\"recorded ScheduleActivityTask Media.encodeVideo, the code now issues"
          + " StartTimer\",\"where\":\"com.acme.OrderImpl.run(OrderImpl.java:42)\","
          + "\"worker\":\"host:4242\",\"since\":\"2026-12-01T08:00:05Z\"}";

  @Test
  void blockedMarker_isBlockedUntilADecisionSucceeds() {
    HistoryBuilder b = new HistoryBuilder("Order");
    b.at(0).decision();
    b.scheduleActivity("charge-1", "Billing.charge", "{\"flow\":1,\"call\":\"Billing.charge\"}");
    b.at(5).decision();
    b.marker("flow.blocked", BLOCKED);
    b.startTimer("flow.blocked.retry", 60, "{\"flow\":1,\"purpose\":\"blocked-retry\"}");
    b.at(65).decision();
    b.startTimer("flow.blocked.retry", 120, "{\"flow\":1,\"purpose\":\"blocked-retry\"}");
    ExecutionHistory blocked = ExecutionHistory.of(b.build());

    assertThat(blocked.blocked())
        .isEqualTo(
            new ExecutionHistory.Blocked(
                "non-determinism",
                "recorded ScheduleActivityTask Media.encodeVideo, the code now issues StartTimer",
                "com.acme.OrderImpl.run(OrderImpl.java:42)",
                "host:4242",
                "2026-12-01T08:00:05Z",
                9));
    assertThat(ExecutionGraph.of(blocked).nodes())
        .extracting(n -> n.call().key())
        .containsExactly("activity:charge-1");

    b.at(200).decision();
    b.scheduleActivity("ship-2", "Billing.ship", "{\"flow\":1,\"call\":\"Billing.ship\"}");
    assertThat(ExecutionHistory.of(b.build()).blocked()).isNull();
  }

  @Test
  void blockedExecutionContext_saysBlockedNow_untilAnAnswerWithout() {
    String blockedContext = "{\"flow\":1,\"purpose\":\"blocked\"}";
    HistoryBuilder b = new HistoryBuilder("Order");
    b.at(0).decision();
    b.scheduleActivity("charge-1", "Billing.charge", "{\"flow\":1,\"call\":\"Billing.charge\"}");
    b.at(5).decision(blockedContext);
    b.marker("flow.blocked", BLOCKED);
    b.startTimer("flow.blocked.retry-9", 5, "{\"flow\":1,\"purpose\":\"blocked-retry\"}");
    b.at(10).decision(blockedContext); // still blocked: the marker is not repeated
    assertThat(ExecutionHistory.of(b.build()).blocked())
        .isNotNull()
        .extracting(ExecutionHistory.Blocked::reason)
        .isEqualTo("non-determinism");
    assertThat(ExecutionHistory.of(b.build()).calls())
        .filteredOn(c -> !c.internal())
        .extracting(Call::key)
        .containsExactly("activity:charge-1");

    b.at(20).decision(); // a fixed worker answered
    assertThat(ExecutionHistory.of(b.build()).blocked()).isNull();
  }

  @Test
  void resumedRun_labelsTheResultsItReuses() {
    HistoryBuilder b = new HistoryBuilder("TenSteps");
    b.at(0).decision();
    b.marker(
        "flow.resumed",
        "{\"flow\":1,\"purpose\":\"resume\",\"for\":\"activity:Steps.step-1\","
            + "\"call\":\"Steps.step\",\"nth\":1,\"of\":6,\"from\":\"r1\",\"result\":\"1\"}");
    b.startTimer("flow.split-4", 0, "{\"flow\":1,\"purpose\":\"resume\"}");
    ExecutionHistory h = ExecutionHistory.of(b.build());
    assertThat(h.calls())
        .extracting(Call::label)
        .containsExactly("reused result of Steps.step-1", "resume: next decision");
    assertThat(h.calls().get(1).internal()).isTrue();
  }
}
