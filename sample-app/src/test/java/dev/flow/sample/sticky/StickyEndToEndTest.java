package dev.flow.sample.sticky;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.FlowClient;
import dev.flow.Worker;
import dev.flow.sample.FlowManifest;
import dev.flow.sample.MediaDispatcher;
import dev.flow.sample.MediaImpl;
import dev.flow.sample.ProcessVideoWorkflowClient;
import dev.flow.sample.SampleInputs;
import dev.flow.sample.TranscodeWorkflowClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryRequest;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * The sample workflows on the embedded engine with sticky execution off (cache size 0), with a
 * cache of one execution (two workflows run at once, so it evicts all the time) and with the
 * default cache: the same decisions in the same order, and, for the sequential Transcode, the very
 * same event types. One activity thread, so activities complete in the order they were scheduled
 * and the order of the decisions does not depend on timing.
 */
class StickyEndToEndTest {
  @TempDir Path dir;

  /** What one run of the samples recorded. */
  record Recorded(
      List<String> processVideoDecisions,
      List<String> transcodeDecisions,
      List<EventType> transcodeEvents,
      int stickyDecisionTasks) {}

  private Recorded runSamples(int cacheSize) throws Exception {
    Path work = Files.createDirectories(dir.resolve("cache-" + cacheSize));
    String[] inputs = SampleInputs.write(work); // video, subtitles
    try (FlowClient flow =
        FlowClient.connect("embedded:" + work.resolve("flow.db"), "sticky-" + cacheSize)) {
      Worker worker =
          Worker.builder(flow)
              .manifest(new FlowManifest())
              .activities(new MediaDispatcher(new MediaImpl(work)))
              .activityPollers(1)
              .stickyCacheSize(cacheSize)
              .build()
              .start();
      try {
        if (cacheSize == 0) {
          assertThat(worker.stickyTaskList()).isNull();
        } else {
          assertThat(worker.stickyTaskList()).contains("-sticky-");
        }
        var video = ProcessVideoWorkflowClient.create(flow).start(inputs[0], inputs[1]);
        var transcode =
            TranscodeWorkflowClient.create(flow).start(inputs[0], List.of("av1", "hevc", "webm"));
        video.result();
        assertThat(transcode.result().format()).isEqualTo("webm");
        List<HistoryEvent> videoEvents = history(flow, video.workflowId(), video.runId());
        List<HistoryEvent> transcodeEvents =
            history(flow, transcode.workflowId(), transcode.runId());
        int sticky = 0;
        for (HistoryEvent e : concat(videoEvents, transcodeEvents)) {
          if (e.eventType() == EventType.DECISION_TASK_SCHEDULED
              && e.decisionTaskScheduledEventAttributes()
                  .taskList()
                  .name()
                  .equals(worker.stickyTaskList())) {
            sticky++;
          }
        }
        String at = work.toString();
        return new Recorded(
            decisions(videoEvents, at),
            decisions(transcodeEvents, at),
            types(transcodeEvents),
            sticky);
      } finally {
        worker.close();
      }
    }
  }

  @Test
  void samples_decideTheSame_withTheCacheOff_ofOne_andDefault() throws Exception {
    Recorded off = runSamples(0);
    Recorded one = runSamples(1);
    Recorded byDefault = runSamples(Worker.DEFAULT_STICKY_CACHE_SIZE);

    assertThat(off.stickyDecisionTasks()).isZero();
    assertThat(byDefault.stickyDecisionTasks()).isPositive();
    assertThat(off.processVideoDecisions()).last().asString().startsWith("complete");
    for (Recorded sticky : List.of(one, byDefault)) {
      assertThat(sticky.processVideoDecisions()).isEqualTo(off.processVideoDecisions());
      assertThat(sticky.transcodeDecisions()).isEqualTo(off.transcodeDecisions());
      assertThat(sticky.transcodeEvents()).isEqualTo(off.transcodeEvents());
    }
  }

  private static List<HistoryEvent> concat(List<HistoryEvent> a, List<HistoryEvent> b) {
    List<HistoryEvent> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * The decisions a history recorded, in order: activities (type, id, input), timers, markers and
   * the close, ignoring ids, task tokens and times; the run's work directory {@code at} reads
   * {@code <work>}.
   */
  private static List<String> decisions(List<HistoryEvent> events, String at) {
    List<String> out = new ArrayList<>();
    for (HistoryEvent e : events) {
      switch (e.eventType()) {
        case ACTIVITY_TASK_SCHEDULED -> {
          var a = e.activityTaskScheduledEventAttributes();
          out.add("schedule " + a.activityType().name() + " " + a.activityId() + " " + a.input());
        }
        case TIMER_STARTED -> out.add("timer " + e.timerStartedEventAttributes().timerId());
        case MARKER_RECORDED -> out.add("marker " + e.markerRecordedEventAttributes().markerName());
        case WORKFLOW_EXECUTION_COMPLETED ->
            out.add("complete " + e.workflowExecutionCompletedEventAttributes().result());
        case WORKFLOW_EXECUTION_FAILED ->
            out.add("fail " + e.workflowExecutionFailedEventAttributes().reason());
        default -> {}
      }
    }
    out.replaceAll(line -> line.replace(at, "<work>"));
    return out;
  }

  private static List<EventType> types(List<HistoryEvent> events) {
    List<EventType> types = new ArrayList<>();
    events.forEach(e -> types.add(e.eventType()));
    return types;
  }

  static List<HistoryEvent> history(FlowClient flow, String workflowId, String runId) {
    List<HistoryEvent> events = new ArrayList<>();
    String token = null;
    do {
      var page =
          flow.swf()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.builder()
                      .domain(flow.domain())
                      .execution(
                          WorkflowExecution.builder().workflowId(workflowId).runId(runId).build())
                      .nextPageToken(token)
                      .build());
      events.addAll(page.events());
      token = page.nextPageToken();
    } while (token != null);
    return events;
  }
}
