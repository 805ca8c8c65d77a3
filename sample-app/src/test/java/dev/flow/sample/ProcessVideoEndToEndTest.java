package dev.flow.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flow.FlowClient;
import dev.flow.Worker;
import dev.flow.WorkflowFailedException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryRequest;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/** The sample workflows through their generated clients, on the embedded engine. */
class ProcessVideoEndToEndTest {
  @TempDir Path workDir;

  private FlowClient flow;
  private Worker worker;
  private SampleMain.Inputs inputs;

  @BeforeEach
  void start() throws Exception {
    inputs = SampleMain.Inputs.write(workDir);
    flow = FlowClient.connect("embedded:" + workDir.resolve("flow.db"), "sample-test");
    worker =
        Worker.builder(flow)
            .manifest(new FlowManifest())
            .activities(new MediaDispatcher(new MediaImpl(workDir)))
            .build()
            .start();
  }

  @AfterEach
  void stop() {
    worker.close();
    flow.close();
  }

  @Test
  void processVideo_completesWithEveryOutput() throws Exception {
    ProcessVideoWorkflowClient.Handle handle =
        ProcessVideoWorkflowClient.create(flow).start(inputs.video(), inputs.subtitles());

    VideoResult result = handle.result();

    assertThat(read(result.webm()))
        .startsWith("FLOW-WEBM ")
        .contains("[sub] We landed late at night.");
    assertThat(read(result.mpeg4())).startsWith("FLOW-MPEG4 ");
    assertThat(result.thumbnails()).hasSize(3);
    assertThat(read(result.thumbnails().get(1))).isEqualTo("[Beach] frame: waves on the ocean");
    assertThat(result.ads())
        .containsExactly("Metro day pass", "Hiking boots", "Headlamp", "Scuba gear, 20% off");
  }

  @Test
  void processVideo_historyShowsConcurrencyInferredFromPromises() {
    ProcessVideoWorkflowClient.Handle handle =
        ProcessVideoWorkflowClient.create(flow).start(inputs.video(), inputs.subtitles());
    handle.result();

    List<HistoryEvent> events = history(handle.workflowId(), handle.runId());
    List<List<String>> scheduledPerDecision = scheduledActivitiesPerDecision(events);

    // The first decision schedules everything that does not wait for a promise.
    assertThat(scheduledPerDecision.get(0))
        .containsExactlyInAnyOrder("Media.embedSubtitle", "Media.targetAds", "Media.findChapters");
    // encodeVideo twice, only after embedSubtitle's result; three thumbnails after findChapters.
    assertThat(scheduledPerDecision.stream().flatMap(List::stream))
        .filteredOn("Media.encodeVideo"::equals)
        .hasSize(2);
    assertThat(scheduledPerDecision.stream().flatMap(List::stream))
        .filteredOn("Media.extractThumbnail"::equals)
        .hasSize(3);
    assertThat(firstIndex(events, "Media.encodeVideo"))
        .isGreaterThan(completionIndex(events, "Media.embedSubtitle"));
    assertThat(firstIndex(events, "Media.extractThumbnail"))
        .isGreaterThan(completionIndex(events, "Media.findChapters"));
    assertThat(events.get(0).eventType()).isEqualTo(EventType.WORKFLOW_EXECUTION_STARTED);
    assertThat(events.get(events.size() - 1).eventType())
        .isEqualTo(EventType.WORKFLOW_EXECUTION_COMPLETED);
  }

  @Test
  void worker_usesStickyExecution_unlessTheBuildTurnedItOff() {
    // The end-to-end suites run three times: sticky on (default), off (0), and size 1.
    int cacheSize =
        Integer.getInteger("flow.worker.stickyCacheSize", Worker.DEFAULT_STICKY_CACHE_SIZE);

    if (cacheSize == 0) {
      assertThat(worker.stickyTaskList()).isNull();
    } else {
      assertThat(worker.stickyTaskList()).startsWith("video-sticky-");
    }
  }

  @Test
  void transcode_handlesActivityFailuresInWorkflowCode() {
    TranscodeResult result =
        TranscodeWorkflowClient.create(flow)
            .execute(inputs.video(), List.of("av1", "hevc", "webm"));

    assertThat(result.format()).isEqualTo("webm");
    assertThat(result.rejected())
        .hasSize(2)
        .allSatisfy(r -> assertThat(r).contains("unsupported format"));
  }

  @Test
  void transcode_failsTheWorkflowWhenNoFormatWorks() {
    TranscodeWorkflowClient.Handle handle =
        TranscodeWorkflowClient.create(flow).start(inputs.video(), List.of("av1"));

    assertThatThrownBy(handle::result)
        .isInstanceOfSatisfying(
            WorkflowFailedException.class,
            f -> {
              assertThat(f.closeStatus()).isEqualTo("FAILED");
              assertThat(f.reason()).isEqualTo(IllegalStateException.class.getName());
              assertThat(f.details()).contains("no format of [av1] could be encoded");
            });
  }

  @Test
  void sampleMain_printsEveryResult() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SampleMain.run(
        "embedded:" + workDir.resolve("main.db"),
        workDir.resolve("main"),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out)
        .contains("ProcessVideo ")
        .contains("thumbnails 3")
        .contains("Transcode fell back to webm")
        .contains("Transcode to av1 only FAILED: workflow ")
        .contains("java.lang.IllegalStateException: no format of [av1] could be encoded");
  }

  private List<HistoryEvent> history(String workflowId, String runId) {
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

  /** For each DecisionTaskCompleted, the activity types the decision scheduled. */
  private static List<List<String>> scheduledActivitiesPerDecision(List<HistoryEvent> events) {
    Map<Long, List<String>> byDecision = new HashMap<>();
    List<Long> decisions = new ArrayList<>();
    for (HistoryEvent e : events) {
      if (e.eventType() == EventType.DECISION_TASK_COMPLETED) {
        decisions.add(e.eventId());
      } else if (e.eventType() == EventType.ACTIVITY_TASK_SCHEDULED) {
        byDecision
            .computeIfAbsent(
                e.activityTaskScheduledEventAttributes().decisionTaskCompletedEventId(),
                k -> new ArrayList<>())
            .add(e.activityTaskScheduledEventAttributes().activityType().name());
      }
    }
    List<List<String>> result = new ArrayList<>();
    for (Long id : decisions) {
      result.add(byDecision.getOrDefault(id, List.of()));
    }
    return result;
  }

  private static int firstIndex(List<HistoryEvent> events, String activityType) {
    for (int i = 0; i < events.size(); i++) {
      HistoryEvent e = events.get(i);
      if (e.eventType() == EventType.ACTIVITY_TASK_SCHEDULED
          && e.activityTaskScheduledEventAttributes().activityType().name().equals(activityType)) {
        return i;
      }
    }
    throw new AssertionError("no " + activityType + " scheduled");
  }

  private static int completionIndex(List<HistoryEvent> events, String activityType) {
    long scheduledId = events.get(firstIndex(events, activityType)).eventId();
    for (int i = 0; i < events.size(); i++) {
      HistoryEvent e = events.get(i);
      if (e.eventType() == EventType.ACTIVITY_TASK_COMPLETED
          && e.activityTaskCompletedEventAttributes().scheduledEventId() == scheduledId) {
        return i;
      }
    }
    throw new AssertionError("no " + activityType + " completed");
  }

  private static String read(String url) throws Exception {
    return Files.readString(Path.of(URI.create(url)), StandardCharsets.UTF_8);
  }
}
