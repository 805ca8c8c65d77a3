package dev.flow.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flow.FlowClient;
import dev.flow.testing.FlowExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** The sample workflow under {@link FlowExtension}, registered by hand as its docs show. */
class ProcessVideoWithExtensionTest {
  private static final Path DIR = tempDirectory();

  @RegisterExtension
  static FlowExtension flow =
      FlowExtension.builder()
          .workflows(ProcessVideoDefinition.of(() -> new ProcessVideoImpl(new MediaStub())))
          .activities(new MediaDispatcher(new MediaImpl(DIR)))
          .build();

  @Test
  void processVideo_runsOnTheExtensionsEngine(FlowClient client) throws Exception {
    SampleMain.Inputs inputs = SampleMain.Inputs.write(DIR);

    VideoResult result =
        ProcessVideoWorkflowClient.create(client).execute(inputs.video(), inputs.subtitles());

    assertThat(result.thumbnails()).hasSize(3);
    assertThat(flow.worker().decisionTaskLists()).containsExactly("video");
  }

  @Test
  void processVideo_recordsWhatEachCallDependedOn_inTheControlOfItsDecisions(FlowClient client)
      throws Exception {
    SampleMain.Inputs inputs = SampleMain.Inputs.write(DIR);
    ProcessVideoWorkflowClient.Handle run =
        ProcessVideoWorkflowClient.create(client).start(inputs.video(), inputs.subtitles());
    run.result();

    Map<String, String> ids = new HashMap<>(); // "encodeVideo webm" -> activity id
    Map<String, JsonNode> controls = new HashMap<>(); // activity id -> control
    ObjectMapper json = new ObjectMapper();
    for (HistoryEvent e : flow.history(run.workflowId(), run.runId())) {
      if (e.eventType() == EventType.ACTIVITY_TASK_SCHEDULED) {
        var a = e.activityTaskScheduledEventAttributes();
        String method = a.activityType().name().replace("Media.", "");
        String key =
            method.equals("encodeVideo") || method.equals("extractThumbnail")
                ? method + " " + json.readTree(a.input()).get(1).asText()
                : method;
        ids.put(key, a.activityId());
        controls.put(a.activityId(), json.readTree(a.control()));
      }
    }
    String embed = "activity:" + ids.get("embedSubtitle");
    String chapters = "activity:" + ids.get("findChapters");

    for (String format : List.of("webm", "mpeg4")) {
      JsonNode control = controls.get(ids.get("encodeVideo " + format));
      assertThat(control.path("call").asText()).isEqualTo("Media.encodeVideo");
      assertThat(control.path("deps").toString()).isEqualTo("[\"" + embed + "\"]");
    }
    List<String> thumbnails =
        ids.keySet().stream().filter(k -> k.startsWith("extractThumbnail ")).toList();
    assertThat(thumbnails).hasSize(3);
    for (String thumbnail : thumbnails) {
      JsonNode control = controls.get(ids.get(thumbnail));
      assertThat(control.path("after").toString()).isEqualTo("[\"" + chapters + "\"]");
      assertThat(control.has("deps")).isFalse();
    }
    assertThat(controls.get(ids.get("embedSubtitle")).toString())
        .isEqualTo("{\"flow\":1,\"call\":\"Media.embedSubtitle\"}");
  }

  private static Path tempDirectory() {
    try {
      return Files.createTempDirectory("flow-sample");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
