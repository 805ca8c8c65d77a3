package dev.flow.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import javax.annotation.processing.Processor;
import javax.lang.model.SourceVersion;
import org.junit.jupiter.api.Test;

/** How javac and Gradle find the processors. */
class ProcessorRegistrationTest {

  @Test
  void bothProcessors_areRegisteredAsServices() {
    assertThat(ServiceLoader.load(Processor.class, getClass().getClassLoader()).stream())
        .extracting(p -> p.type().getName())
        .contains(FlowProcessor.class.getName(), FlowManifestProcessor.class.getName());
  }

  @Test
  void gradle_perInterfaceProcessorIsIsolating_andManifestProcessorAggregating()
      throws IOException {
    try (InputStream in =
        getClass()
            .getClassLoader()
            .getResourceAsStream("META-INF/gradle/incremental.annotation.processors")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(
              "dev.flow.processor.FlowProcessor,isolating\n"
                  + "dev.flow.processor.FlowManifestProcessor,aggregating\n");
    }
  }

  @Test
  void supportedAnnotations_areNamed_theManifestSeesEveryType_andSourceVersionIsLatest() {
    FlowProcessor processor = new FlowProcessor();
    FlowManifestProcessor manifest = new FlowManifestProcessor();

    assertThat(processor.getSupportedAnnotationTypes())
        .containsExactlyInAnyOrder(
            "dev.flow.annotations.Workflow",
            "dev.flow.annotations.Activity",
            "dev.flow.annotations.Signal",
            "dev.flow.annotations.ActivityOptions",
            "dev.flow.annotations.Idempotent",
            "dev.flow.annotations.Retry");
    // Implementations carry no annotation; see IncrementalManifestTest.
    assertThat(manifest.getSupportedAnnotationTypes()).containsExactly("*");
    assertThat(manifest.getSupportedOptions()).containsExactly("flow.package");
    assertThat(processor.getSupportedSourceVersion()).isEqualTo(SourceVersion.latestSupported());
  }
}
