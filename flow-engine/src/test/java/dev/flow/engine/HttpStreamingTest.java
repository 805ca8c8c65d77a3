package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flow.history.SwfJson;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.CountPendingDecisionTasksRequest;
import software.amazon.awssdk.services.swf.model.CountPendingDecisionTasksResponse;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskRequest;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;

/**
 * Answers are written from the model objects: a decision task's history is streamed in chunks, as
 * the AWS SDK and a raw HTTP/1.1 reader both read it, with the JSON the tree writer gives; a small
 * answer keeps its Content-Length; the connection stays open for the next request.
 */
class HttpStreamingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** 1,000 events: well over one chunk of Jackson's buffer. */
  static final PollForDecisionTaskResponse TASK = task(1000);

  private SwfHttpServer server;

  static PollForDecisionTaskResponse task(int events) {
    List<HistoryEvent> history = new ArrayList<>();
    for (long id = 1; id <= events; id++) {
      long scheduled = id;
      history.add(
          HistoryEvent.builder()
              .eventId(id)
              .eventType(EventType.ACTIVITY_TASK_COMPLETED)
              .eventTimestamp(Instant.ofEpochMilli(1_764_662_400_000L + id))
              .activityTaskCompletedEventAttributes(
                  a -> a.result("\"r\u00e9sultat " + scheduled + "\"").scheduledEventId(scheduled))
              .build());
    }
    return PollForDecisionTaskResponse.builder()
        .taskToken("token")
        .startedEventId((long) events)
        .previousStartedEventId(0L)
        .workflowExecution(w -> w.workflowId("w").runId("r"))
        .workflowType(t -> t.name("T").version("1"))
        .events(history)
        .build();
  }

  private final SwfClient fake =
      new SwfClient() {
        @Override
        public PollForDecisionTaskResponse pollForDecisionTask(PollForDecisionTaskRequest r) {
          return TASK;
        }

        @Override
        public CountPendingDecisionTasksResponse countPendingDecisionTasks(
            CountPendingDecisionTasksRequest r) {
          return CountPendingDecisionTasksResponse.builder().count(7).truncated(false).build();
        }

        @Override
        public String serviceName() {
          return "swf";
        }

        @Override
        public void close() {}
      };

  @BeforeEach
  void start() throws Exception {
    server = new SwfHttpServer(fake, new InetSocketAddress("127.0.0.1", 0)).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aDecisionTask_readByTheAwsSdk_isTheTaskTheEngineGave() {
    try (SwfClient sdk =
        SwfClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + server.address().getPort()))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build()) {
      PollForDecisionTaskResponse task =
          sdk.pollForDecisionTask(r -> r.domain("d").taskList(t -> t.name("l")));
      assertThat(task.events()).isEqualTo(TASK.events());
      assertThat(task.taskToken()).isEqualTo("token");
      assertThat(
              sdk.countPendingDecisionTasks(r -> r.domain("d").taskList(t -> t.name("l"))).count())
          .isEqualTo(7);
    }
  }

  @Test
  void aDecisionTask_isChunked_withTheTreeWritersJson_andTheConnectionServesTheNextRequest()
      throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();

      out.write(request("PollForDecisionTask"));
      String head = head(in);
      assertThat(head).startsWith("HTTP/1.1 200 ").contains("Transfer-Encoding: chunked");
      assertThat(head).doesNotContain("Content-Length");
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      int chunks = 0;
      while (true) {
        int size = Integer.parseInt(line(in), 16);
        if (size == 0) {
          assertThat(line(in)).isEmpty();
          break;
        }
        body.write(in.readNBytes(size));
        assertThat(line(in)).isEmpty();
        chunks++;
      }
      assertThat(chunks).isGreaterThan(1);
      assertThat(body.toString(StandardCharsets.UTF_8))
          .isEqualTo(JSON.writeValueAsString(SwfJson.write(TASK)));

      out.write(request("CountPendingDecisionTasks"));
      String second = head(in);
      assertThat(second).startsWith("HTTP/1.1 200 ").contains("Content-Length: ");
      int length =
          Integer.parseInt(second.replaceAll("(?s).*Content-Length: (\\d+).*", "$1").trim());
      assertThat(new String(in.readNBytes(length), StandardCharsets.UTF_8))
          .isEqualTo("{\"count\":7,\"truncated\":false}");
    }
  }

  private static byte[] request(String action) {
    String body = "{\"domain\":\"d\",\"taskList\":{\"name\":\"l\"}}";
    return ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: SimpleWorkflowService."
            + action
            + "\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: "
            + body.length()
            + "\r\n\r\n"
            + body)
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static String head(InputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    String l;
    while (!(l = line(in)).isEmpty()) {
      head.append(l).append('\n');
    }
    return head.toString();
  }

  private static String line(InputStream in) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new IllegalStateException("connection closed");
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.US_ASCII);
  }
}
