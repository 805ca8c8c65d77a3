package dev.flow.sample.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.BlobStore;
import dev.flow.testing.FlowExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Payloads past SWF's limits through a directory blob store; activities completed by hand. */
class PayloadEndToEndTest {
  private static final Path BLOBS = tempDirectory();

  @RegisterExtension
  static FlowExtension flow =
      FlowExtension.builder()
          .manifest(new FlowManifest())
          .clientOptions(b -> b.blobStore(BlobStore.directory(BLOBS)))
          .build();

  @AfterEach
  void reset() {
    StepsImpl.reset();
  }

  @Test
  void input_of100000Characters_travelsThroughTheBlobStore() throws Exception {
    String text = "abcdefghij".repeat(10_000);

    String shouted = ShouterWorkflowClient.create(flow.client()).execute(text);

    assertThat(shouted).hasSize(100_000).isEqualTo(text.toUpperCase());
    try (var files = Files.list(BLOBS)) {
      assertThat(files.count()).isGreaterThanOrEqualTo(2); // the input and the result
    }
  }

  @Test
  void activityLeftOpen_isCompletedByHandWithFlowClient() throws Exception {
    ByHandWorkflowClient.Handle run = ByHandWorkflowClient.create(flow.client()).start("m");
    String token = StepsImpl.tokens.poll(10, TimeUnit.SECONDS);
    assertThat(token).as("the task token the activity handed out").isNotNull();

    flow.client().completeActivity(token, "approved by hand");

    assertThat(run.result()).isEqualTo("got approved by hand");
  }

  private static Path tempDirectory() {
    try {
      Path dir = Files.createTempDirectory("flow-blobs");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
