package dev.flow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One golden per kind of generated file, compared as exact text. Run with FLOW_REWRITE_GOLDENS=1 to
 * rewrite those that differ from what the processor generates now: each rewritten golden fails its
 * test, so a build with the flag set never passes; review the diff and run again without it.
 */
class GoldenTest {
  private static final Path GOLDENS = Path.of("src/test/resources/goldens");
  private static Compilation compilation;

  @BeforeAll
  static void compileVideoExample() {
    compilation = Compilations.compile(VideoSources.all());
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void activityStub_matchesGolden() throws IOException {
    assertGolden("com.example.video.MediaStub");
  }

  @Test
  void activityDispatcher_matchesGolden() throws IOException {
    assertGolden("com.example.video.MediaDispatcher");
  }

  @Test
  void workflowDefinition_matchesGolden() throws IOException {
    assertGolden("com.example.video.ProcessVideoDefinition");
  }

  @Test
  void workflowClient_matchesGolden() throws IOException {
    assertGolden("com.example.video.ProcessVideoWorkflowClient");
  }

  @Test
  void childWorkflowStub_matchesGolden() throws IOException {
    assertGolden("com.example.video.ProcessVideoStub");
  }

  @Test
  void selfStub_matchesGolden() throws IOException {
    assertGolden("com.example.video.ProcessVideoSelf");
  }

  @Test
  void manifest_matchesGolden() throws IOException {
    assertGolden("com.example.video.FlowManifest");
  }

  @Test
  void workerMain_matchesGolden() throws IOException {
    assertGolden("com.example.video.FlowWorkerMain");
  }

  private static void assertGolden(String qualifiedName) throws IOException {
    String actual = Compilations.generatedSource(compilation, qualifiedName);
    Path golden =
        GOLDENS.resolve(qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1) + ".java.txt");
    String expected =
        Files.exists(golden) ? Files.readString(golden, StandardCharsets.UTF_8) : null;
    if (!actual.equals(expected) && "1".equals(System.getenv("FLOW_REWRITE_GOLDENS"))) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      fail("rewrote " + golden + "; review the diff, then run again without FLOW_REWRITE_GOLDENS");
    }
    assertThat(golden).exists();
    assertThat(actual).isEqualTo(expected);
  }
}
