package dev.flow.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.FlowClient;
import dev.flow.testing.FlowExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

  private static Path tempDirectory() {
    try {
      return Files.createTempDirectory("flow-sample");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
