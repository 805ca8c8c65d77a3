package dev.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flow.internal.replay.Decider;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.ActivityDispatcher;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.ClientCalls;
import dev.flow.spi.SignalSpec;
import dev.flow.spi.Stubs;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowInstance;
import dev.flow.spi.WorkflowSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryRequest;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskCompletedRequest;
import software.amazon.awssdk.services.swf.model.SignalWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.StartWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.StartWorkflowExecutionResponse;

/** Payloads over SWF's limit travel through a blob store, transparently to user code. */
class BlobPayloadTest {
  static final String BIG = "0123456789".repeat(10_000); // 100,000 characters

  static final ActivitySpec ENCODE =
      ActivitySpec.builder("Media.encode", "1.0")
          .taskList("media")
          .parameterTypes(String.class, int.class)
          .resultType(String.class)
          .build();

  static final WorkflowSpec PROCESS =
      WorkflowSpec.builder("ProcessVideo", "1.0")
          .taskList("video")
          .parameterTypes(String.class)
          .resultType(String.class)
          .signals(SignalSpec.of("addChapter", String.class))
          .build();

  @TempDir Path blobs;
  final FakeSwf swf = new FakeSwf();
  Worker worker;

  FlowClient client() {
    return FlowClient.builder()
        .swf(swf)
        .domain("media")
        .identity("test")
        .blobStore(BlobStore.directory(blobs))
        .build();
  }

  @AfterEach
  void close() {
    if (worker != null) {
      worker.close();
    }
  }

  static boolean isReference(String data) {
    return data.startsWith("{\"$flowBlob\":\"sha256:") && data.length() < 200;
  }

  @Test
  void directoryStore_isContentAddressed_andWritesEachContentOnce() throws IOException {
    BlobStore store = BlobStore.directory(blobs.resolve("nested"));
    byte[] bytes = BIG.getBytes();

    String key = store.put(bytes);

    assertThat(key).matches("sha256:[0-9a-f]{64}");
    assertThat(store.put(bytes)).isEqualTo(key);
    assertThat(store.get(key)).isEqualTo(bytes);
    try (Stream<Path> files = Files.list(blobs.resolve("nested"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly(key.substring("sha256:".length())); // no temporary file left
    }
  }

  @Test
  void directoryStore_unknownOrForeignOrCorruptBlobs_areFlowExceptionsSayingSo()
      throws IOException {
    BlobStore store = BlobStore.directory(blobs);
    String missing = "sha256:" + "0".repeat(64);
    String key = store.put("abc".getBytes());
    Files.writeString(blobs.resolve(key.substring(7)), "abd");

    assertThatThrownBy(() -> store.get(missing))
        .isInstanceOf(FlowException.class)
        .hasMessageContaining("no blob " + missing)
        .hasMessageContaining("same blob store");
    assertThatThrownBy(() -> store.get("../../etc/passwd"))
        .isInstanceOf(FlowException.class)
        .hasMessageContaining("not a blob key");
    assertThatThrownBy(() -> store.get(key))
        .isInstanceOf(FlowException.class)
        .hasMessageContaining("corrupt");
  }

  @Test
  void converter_keepsSmallPayloads_andReplacesLargeOnesByAReference() {
    DataConverter converter =
        DataConverter.withBlobs(DataConverter.json(), BlobStore.directory(blobs), 1 << 20);

    assertThat(converter.toData("small")).isEqualTo("\"small\"");
    assertThat(converter.toArguments(new Object[] {"a", 1})).isEqualTo("[\"a\",1]");

    String data = converter.toData(BIG);
    String arguments = converter.toArguments(new Object[] {BIG, 2});

    assertThat(data).matches("\\{\"\\$flowBlob\":\"sha256:[0-9a-f]{64}\",\"size\":100002}");
    assertThat(converter.toData(BIG)).isEqualTo(data); // canonical: replay sees the same input
    assertThat(converter.fromData(data, String.class)).isEqualTo(BIG);
    assertThat(isReference(arguments)).isTrue();
    assertThat(converter.fromArguments(arguments, new Class<?>[] {String.class, int.class}))
        .containsExactly(BIG, 2);
    assertThat(converter.fromData("{\"$flowBlob\":1}", Object.class)).isNotNull(); // not a ref
  }

  @Test
  void converter_beyondTheMaximum_isAFlowExceptionNamingTheSizeTheLimitAndHowToRaiseIt() {
    DataConverter converter =
        DataConverter.withBlobs(DataConverter.json(), BlobStore.directory(blobs), 50_000);

    assertThatThrownBy(() -> converter.toData(BIG))
        .isInstanceOf(FlowException.class)
        .hasMessageContaining("100002 bytes")
        .hasMessageContaining("maximum of 50000 bytes")
        .hasMessageContaining("maxPayloadBytes");
  }

  @Test
  void client_beyondTheMaximum_refusesToStart_sayingSo() {
    FlowClient flow =
        FlowClient.builder()
            .swf(swf)
            .domain("media")
            .blobStore(BlobStore.directory(blobs))
            .maxPayloadBytes(64_000)
            .build();

    assertThatThrownBy(() -> ClientCalls.start(flow, PROCESS, null, BIG))
        .isInstanceOf(FlowException.class)
        .hasMessageContaining("bytes once encoded is over the maximum of 64000 bytes")
        .hasMessageContaining("FlowClient.builder().maxPayloadBytes(n)");
    assertThat(swf.requests(StartWorkflowExecutionRequest.class)).isEmpty();
  }

  @Test
  void client_withoutABlobStore_refusesLargeInputs_pointingAtTheBlobStore() {
    FlowClient flow = FlowClient.create(swf, "media");

    assertThatThrownBy(() -> ClientCalls.start(flow, PROCESS, null, BIG))
        .isInstanceOf(FlowException.class)
        .hasMessageContaining("SWF carries at most 32768")
        .hasMessageContaining("blobStore");
    assertThatThrownBy(() -> FlowClient.builder().swf(swf).domain("m").maxPayloadBytes(10).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("blobStore");
  }

  @Test
  void largeInputAndResult_roundTripThroughTheActivityWorker_andSwfCarriesOnlyReferences()
      throws Exception {
    FlowClient flow = client();
    ActivityDispatcher media =
        new ActivityDispatcher() {
          @Override
          public List<ActivitySpec> activities() {
            return List.of(ENCODE);
          }

          @Override
          public Object dispatch(String name, Object[] args) {
            return ((String) args[0]).toUpperCase() + "!" + args[1];
          }
        };
    worker =
        Worker.builder(flow)
            .activities(media)
            .pollRetryBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
            .build()
            .start();
    String input = flow.dataConverter().toArguments(new Object[] {BIG + "x", 7});
    assertThat(isReference(input)).isTrue();

    swf.activityTasks.add(
        PollForActivityTaskResponse.builder()
            .taskToken("t1")
            .activityId("Media.encode-1")
            .activityType(t -> t.name("Media.encode").version("1.0"))
            .workflowExecution(e -> e.workflowId("video-42").runId("run-1"))
            .input(input)
            .build());

    String result = swf.nextCall(RespondActivityTaskCompletedRequest.class).result();
    assertThat(isReference(result)).isTrue();
    assertThat(flow.dataConverter().fromData(result, String.class)).isEqualTo(BIG + "X!7");
  }

  @Test
  void largeStartInputSignalAndResult_roundTripThroughTheClient() throws Exception {
    FlowClient flow = client();
    swf.on(
        StartWorkflowExecutionRequest.class,
        r -> StartWorkflowExecutionResponse.builder().runId("run-1").build());
    String storedResult = flow.dataConverter().toData(BIG + "done");
    swf.on(
        GetWorkflowExecutionHistoryRequest.class,
        r ->
            GetWorkflowExecutionHistoryResponse.builder()
                .events(
                    HistoryEvent.builder()
                        .eventId(9L)
                        .eventType(EventType.WORKFLOW_EXECUTION_COMPLETED)
                        .workflowExecutionCompletedEventAttributes(a -> a.result(storedResult))
                        .build())
                .build());

    WorkflowHandle<String> handle = ClientCalls.start(flow, PROCESS, null, BIG);
    handle.signal("addChapter", BIG + "chapter");

    String startInput = swf.nextCall(StartWorkflowExecutionRequest.class).input();
    String signalInput = swf.nextCall(SignalWorkflowExecutionRequest.class).input();
    assertThat(isReference(startInput)).isTrue();
    assertThat(isReference(signalInput)).isTrue();
    assertThat(flow.dataConverter().fromArguments(startInput, new Class<?>[] {String.class}))
        .containsExactly(BIG);
    assertThat(flow.dataConverter().fromArguments(signalInput, new Class<?>[] {String.class}))
        .containsExactly(BIG + "chapter");
    assertThat(handle.result()).isEqualTo(BIG + "done");
  }

  @Test
  void decider_givenTheBlobConverter_resolvesInputsAndStoresLargeActivityInputsAndResults() {
    DataConverter converter = client().dataConverter();
    WorkflowDefinition definition =
        new WorkflowDefinition() {
          @Override
          public WorkflowSpec spec() {
            return PROCESS;
          }

          @Override
          public WorkflowInstance newInstance() {
            return new WorkflowInstance() {
              @Override
              public Object execute(Object[] arguments) {
                String encoded = Stubs.<String>activity(ENCODE, null, arguments[0] + "!", 1).get();
                return encoded + "?";
              }

              @Override
              public void signal(String signalName, Object[] arguments) {}
            };
          }
        };
    HistoryBuilder h = new HistoryBuilder(Instant.parse("2026-01-01T10:00:00Z"));
    h.workflowStarted("ProcessVideo", "1.0", converter.toArguments(new Object[] {BIG}));
    h.decisionTask();

    List<Decision> first = Decider.decide(definition, null, h.build(), converter);

    String activityInput = first.get(0).scheduleActivityTaskDecisionAttributes().input();
    assertThat(isReference(activityInput)).isTrue();
    assertThat(converter.fromArguments(activityInput, new Class<?>[] {String.class, int.class}))
        .containsExactly(BIG + "!", 1);

    h.decisionCompleted();
    long scheduled = h.activityScheduled("Media.encode", "1.0", "Media.encode-1", activityInput);
    h.activityStarted(scheduled);
    h.activityCompleted(scheduled, converter.toData(BIG + "encoded"));
    h.decisionTask();

    List<Decision> second = Decider.decide(definition, null, h.build(), converter);

    String result = second.get(0).completeWorkflowExecutionDecisionAttributes().result();
    assertThat(isReference(result)).isTrue();
    assertThat(converter.fromData(result, String.class)).isEqualTo(BIG + "encoded?");
  }

  @Test
  void blobStoreAt_aPath_isADirectoryStore_andS3LocationsNeedABucket() {
    BlobStore store = BlobStore.at(blobs.toString());
    String key = store.put("abc".getBytes());

    assertThat(BlobStore.directory(blobs).get(key)).isEqualTo("abc".getBytes());
    assertThatThrownBy(() -> BlobStore.at("s3:///prefix"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a bucket");
    assertThatThrownBy(() -> BlobStore.at(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a directory or s3://BUCKET/PREFIX");
  }

  /** Counts the calls that reach a store. */
  static final class CountingStore implements BlobStore {
    final BlobStore inner;
    int puts;
    int gets;

    CountingStore(BlobStore inner) {
      this.inner = inner;
    }

    @Override
    public synchronized String put(byte[] bytes) {
      puts++;
      return inner.put(bytes);
    }

    @Override
    public synchronized byte[] get(String key) {
      gets++;
      return inner.get(key);
    }
  }

  @Test
  void converter_keepsRecentPayloadsInMemory_soReplaysNeitherStoreNorReadThemAgain() {
    CountingStore writes = new CountingStore(BlobStore.directory(blobs));
    DataConverter writer = DataConverter.withBlobs(DataConverter.json(), writes, 1 << 20);
    CountingStore reads = new CountingStore(BlobStore.directory(blobs));
    DataConverter reader = DataConverter.withBlobs(DataConverter.json(), reads, 1 << 20);

    String first = writer.toData(BIG);
    String again = writer.toData(BIG);
    reader.fromData(first, String.class);
    Object decoded = reader.fromData(again, String.class);

    assertThat(again).isEqualTo(first);
    assertThat(decoded).isEqualTo(BIG);
    assertThat(writes.puts).isEqualTo(1);
    assertThat(reads.gets).isEqualTo(1);
  }
}
