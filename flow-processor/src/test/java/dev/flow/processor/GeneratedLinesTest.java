package dev.flow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.flow.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Generated source stays within 100 columns, also for long names, with no trailing whitespace. */
class GeneratedLinesTest {
  private static final String PACKAGE = "com.example.mediacompany.videopipeline";

  @Test
  void generatedFiles_ofLongNames_haveNoLineOver100Columns() {
    Compilation compilation = Compilations.compile(longNames());
    assertThat(compilation).succeededWithoutWarnings();

    List<String> files = new ArrayList<>();
    List<String> tooLong = new ArrayList<>();
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      files.add(file.getName());
      String[] lines = content(file).split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].length() > 100 || !lines[i].equals(lines[i].stripTrailing())) {
          tooLong.add(file.getName() + ":" + (i + 1) + ": " + lines[i]);
        }
      }
    }
    assertThat(files)
        .anyMatch(f -> f.endsWith("TranscodeAndPackageVideosStub.java"))
        .anyMatch(f -> f.endsWith("TranscodeAndPackageVideosDispatcher.java"))
        .anyMatch(f -> f.endsWith("PublishVideoToEveryChannelStub.java"))
        .anyMatch(f -> f.endsWith("PublishVideoToEveryChannelSelf.java"))
        .anyMatch(f -> f.endsWith("PublishVideoToEveryChannelWorkflowClient.java"))
        .anyMatch(f -> f.endsWith("PublishVideoToEveryChannelDefinition.java"))
        .anyMatch(f -> f.endsWith("FlowManifest.java"))
        .anyMatch(f -> f.endsWith("FlowWorkerMain.java"));
    assertThat(tooLong).isEmpty();
  }

  @Test
  void tidy_fillsJavadocParagraphs_toTheColumnLimit() {
    String words = "word ".repeat(30).strip();
    String source =
        "class A {\n  /**\n   * "
            + words
            + "\n   * short\n   *\n   * <p>next\n   * paragraph\n   * @param x "
            + words
            + "\n   */\n}";

    assertThat(GeneratedLines.tidy(source))
        .isEqualTo(
            "class A {\n  /**\n   * "
                + "word ".repeat(19).strip()
                + "\n   * "
                + "word ".repeat(11).strip()
                + " short\n   *\n   * <p>next paragraph\n   * @param x "
                + "word ".repeat(17).strip()
                + "\n   *     "
                + "word ".repeat(13).strip()
                + "\n   */\n}");
  }

  @Test
  void tidy_leavesCodeAndPreBlocks_andStripsTrailingSpace() {
    String longCode = "  int x = " + "1 + ".repeat(30) + "1;";
    String pre =
        "/**\n * Text.\n *\n * <pre>{@code\n * "
            + "pre ".repeat(30).strip()
            + "\n * b\n * }</pre>\n */\n";

    assertThat(GeneratedLines.tidy(pre + longCode + "  \n")).isEqualTo(pre + longCode + "\n");
  }

  private static String content(JavaFileObject file) {
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An activity, a workflow and their implementations whose names run long. */
  private static JavaFileObject[] longNames() {
    return new JavaFileObject[] {
      source(
          PACKAGE + ".TranscodeAndPackageVideos",
          "package " + PACKAGE + ";",
          "",
          "import dev.flow.annotations.Activity;",
          "import dev.flow.annotations.Retry;",
          "import java.util.List;",
          "import java.util.Map;",
          "",
          "@Activity(version = \"2024.11.03-release-candidate\", taskList ="
              + " \"transcoding-and-packaging-of-video-materials\")",
          "public interface TranscodeAndPackageVideos {",
          "  Map<String, List<Map<String, Integer>>> encodeIntoEveryRequestedFormat(",
          "      String sourceVideoUrl, List<String> requestedOutputFormats,",
          "      Map<String, List<Integer>> bitratesPerFormat, int maximumParallelism);",
          "",
          "  @Retry(maximumAttempts = 5, doNotRetry = {IllegalArgumentException.class,",
          "      UnsupportedOperationException.class, IllegalStateException.class})",
          "  void attachSubtitlesInEveryLanguage(String sourceVideoUrl,",
          "      String subtitleLocationUrl);",
          "",
          "  String packageForDistribution(String sourceVideoUrl, String... labels);",
          "}"),
      source(
          PACKAGE + ".TranscodeAndPackageVideosImpl",
          "package " + PACKAGE + ";",
          "",
          "import java.util.List;",
          "import java.util.Map;",
          "",
          "public final class TranscodeAndPackageVideosImpl",
          "    implements TranscodeAndPackageVideos {",
          "  @Override",
          "  public Map<String, List<Map<String, Integer>>> encodeIntoEveryRequestedFormat(",
          "      String sourceVideoUrl, List<String> requestedOutputFormats,",
          "      Map<String, List<Integer>> bitratesPerFormat, int maximumParallelism) {",
          "    return Map.of();",
          "  }",
          "",
          "  @Override",
          "  public void attachSubtitlesInEveryLanguage(String sourceVideoUrl,",
          "      String subtitleLocationUrl) {}",
          "",
          "  @Override",
          "  public String packageForDistribution(String sourceVideoUrl," + " String... labels) {",
          "    return sourceVideoUrl;",
          "  }",
          "}"),
      source(
          PACKAGE + ".PublishVideoToEveryChannel",
          "package " + PACKAGE + ";",
          "",
          "import dev.flow.annotations.Signal;",
          "import dev.flow.annotations.Workflow;",
          "import java.util.List;",
          "import java.util.Map;",
          "",
          "@Workflow(version = \"2024.11.03-release-candidate\", taskList ="
              + " \"publishing-of-finished-videos-to-channels\")",
          "public interface PublishVideoToEveryChannel {",
          "  Map<String, List<String>> publishTheFinishedVideo(String sourceVideoUrl,",
          "      List<String> channelsToPublishTo, Map<String, String> descriptionsPerLanguage,",
          "      long publicationTimeInEpochSeconds);",
          "",
          "  @Signal(name = \"add-another-channel\")",
          "  void addAnotherChannelToPublishTo(String channelName, Map<String, String> settings);",
          "}"),
      source(
          PACKAGE + ".PublishVideoToEveryChannelImpl",
          "package " + PACKAGE + ";",
          "",
          "import java.util.List;",
          "import java.util.Map;",
          "",
          "public final class PublishVideoToEveryChannelImpl",
          "    implements PublishVideoToEveryChannel {",
          "  public PublishVideoToEveryChannelImpl(",
          "      TranscodeAndPackageVideosStub transcoding,",
          "      PublishVideoToEveryChannelSelf self) {}",
          "",
          "  @Override",
          "  public Map<String, List<String>> publishTheFinishedVideo(String sourceVideoUrl,",
          "      List<String> channelsToPublishTo, Map<String, String> descriptionsPerLanguage,",
          "      long publicationTimeInEpochSeconds) {",
          "    return Map.of();",
          "  }",
          "",
          "  @Override",
          "  public void addAnotherChannelToPublishTo(String channelName,",
          "      Map<String, String> settings) {}",
          "}"),
    };
  }
}
