package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.decide;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.internal.testing.SavedHistories;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** Histories saved as the AWS CLI prints them replay like built ones. */
class SavedHistoryReplayTest {
  @Test
  void savedHistory_loadsWithItsAttributesAndTimestamps() {
    List<HistoryEvent> history = SavedHistories.load("process-video.json");

    assertThat(history).hasSize(10);
    assertThat(history.get(0).workflowExecutionStartedEventAttributes().tagList())
        .containsExactly("batch");
    assertThat(history.get(4).activityTaskScheduledEventAttributes().activityId())
        .isEqualTo("Media.embedSubtitle-1");
    assertThat(history.get(2).eventTimestamp())
        .isEqualTo(Instant.parse("2026-01-01T10:00:00.250Z"));
    assertThat(history.get(9).eventTimestamp())
        .isEqualTo(Instant.parse("2026-01-01T10:00:09.500Z"));
  }

  @Test
  void savedHistory_replays_andDecidesTheDependentActivities() {
    List<HistoryEvent> history = SavedHistories.load("process-video.json");

    assertThat(decide(ActivityReplayTest.PROCESS, history))
        .containsExactly(
            "schedule Media.encodeVideo-3 [\"v2.mp4\",\"webm\"]",
            "schedule Media.encodeVideo-4 [\"v2.mp4\",\"mpeg4\"]");
    assertThat(decide(ActivityReplayTest.PROCESS, history.subList(0, 3)))
        .containsExactly(
            "schedule Media.embedSubtitle-1 [\"v.mp4\",\"s.srt\"]",
            "schedule Media.targetAds-2 [\"s.srt\"]");
  }
}
