package dev.flow.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.ListOpenWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.ResourceTag;

/** The streamed writer gives the very JSON of the tree writer, for every kind of field. */
class SwfJsonStreamingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String tree(SdkPojo pojo) throws Exception {
    return JSON.writeValueAsString(SwfJson.write(pojo));
  }

  private static String streamed(SdkPojo pojo) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator out = SwfJson.factory().createGenerator(bytes)) {
      SwfJson.write(pojo, out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  static List<HistoryEvent> savedHistory() throws Exception {
    Path file =
        Path.of(SwfJsonStreamingTest.class.getResource("/histories/process-video.json").toURI());
    return SwfJson.readHistory(Files.readString(file));
  }

  @Test
  void everyEventOfASavedHistory_streamsAsItsTreeWrites() throws Exception {
    for (HistoryEvent e : savedHistory()) {
      assertThat(streamed(e)).isEqualTo(tree(e));
      assertThat(SwfJson.toText(e)).isEqualTo(tree(e));
    }
  }

  @Test
  void aDecisionTask_withListsNestedObjectsTimestampsAndEscapes_streamsAsItsTreeWrites()
      throws Exception {
    List<HistoryEvent> events = savedHistory();
    PollForDecisionTaskResponse task =
        PollForDecisionTaskResponse.builder()
            .taskToken("t\u00e9\"\n\u2028")
            .startedEventId(3L)
            .previousStartedEventId(0L)
            .workflowExecution(w -> w.workflowId("w").runId("r"))
            .workflowType(t -> t.name("T").version("1"))
            .events(events)
            .nextPageToken(null)
            .build();

    String text = streamed(task);

    assertThat(text).isEqualTo(tree(task));
    assertThat(text).contains("\"events\":[{").doesNotContain("nextPageToken");
    assertThat(
            ((PollForDecisionTaskResponse)
                    SwfJson.read(JSON.readTree(text), PollForDecisionTaskResponse.builder()))
                .events())
        .isEqualTo(events);
  }

  @Test
  void mapsBooleansAndEmptyLists_streamAsTheirTreeWrites() throws Exception {
    HistoryEvent withMillis =
        HistoryEvent.builder()
            .eventId(1L)
            .eventType("WorkflowExecutionStarted")
            .eventTimestamp(Instant.ofEpochMilli(1_700_000_000_007L))
            .workflowExecutionStartedEventAttributes(a -> a.tagList(List.of()).input("i"))
            .build();
    ListTagsForResourceResponse tags =
        ListTagsForResourceResponse.builder()
            .tags(ResourceTag.builder().key("k").value("v").build())
            .build();
    ListOpenWorkflowExecutionsResponse infos =
        ListOpenWorkflowExecutionsResponse.builder()
            .executionInfos(i -> i.cancelRequested(true).tagList("a", "b"))
            .build();

    for (SdkPojo pojo : List.of(withMillis, tags, infos)) {
      assertThat(streamed(pojo)).isEqualTo(tree(pojo));
    }
    assertThat(streamed(withMillis)).contains("\"eventTimestamp\":1700000000.007");
    assertThat(streamed(infos)).contains("\"cancelRequested\":true");
  }
}
