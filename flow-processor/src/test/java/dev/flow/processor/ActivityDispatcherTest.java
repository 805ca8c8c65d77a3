package dev.flow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import dev.flow.RetryPolicy;
import dev.flow.spi.ActivityDispatcher;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.Types;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs generated dispatchers and reads their specs. */
class ActivityDispatcherTest {
  private static ClassLoader loader;

  @BeforeAll
  static void compile() {
    Compilation compilation = Compilations.compile(VideoSources.all());
    assertThat(compilation).succeededWithoutWarnings();
    loader = Compilations.classLoader(compilation);
  }

  private static ActivityDispatcher mediaDispatcher() throws Exception {
    Class<?> media = loader.loadClass("com.example.video.Media");
    Object implementation =
        loader.loadClass("com.example.video.MediaImpl").getConstructor().newInstance();
    return (ActivityDispatcher)
        loader
            .loadClass("com.example.video.MediaDispatcher")
            .getConstructor(media)
            .newInstance(implementation);
  }

  private static ActivitySpec spec(String constant) throws Exception {
    return (ActivitySpec)
        loader.loadClass("com.example.video.MediaDispatcher").getField(constant).get(null);
  }

  @Test
  void dispatch_callsImplementation_andReturnsItsResult() throws Exception {
    ActivityDispatcher dispatcher = mediaDispatcher();

    assertThat(dispatcher.dispatch("Media.encodeVideo", new Object[] {"v.mp4", "webm"}))
        .isEqualTo("v.mp4.webm");
    assertThat(dispatcher.dispatch("Media.extractThumbnail", new Object[] {"v.mp4", 42}))
        .isEqualTo("v.mp4@42");
    assertThat(dispatcher.dispatch("Media.findChapters", new Object[] {"v"}))
        .isEqualTo(List.of("v#1", "v#2"));
  }

  @Test
  void dispatch_voidMethod_returnsNull() throws Exception {
    ActivityDispatcher dispatcher = mediaDispatcher();
    Map<String, List<Integer>> counts = Map.of("views", List.of(1, 2));

    assertThat(dispatcher.dispatch("Media.publish", new Object[] {counts})).isNull();
    assertThat(loader.loadClass("com.example.video.MediaImpl").getField("published").get(null))
        .isEqualTo(counts);
  }

  @Test
  void dispatch_unknownName_throwsNamingItAndTheServedTypes() throws Exception {
    ActivityDispatcher dispatcher = mediaDispatcher();

    assertThatThrownBy(() -> dispatcher.dispatch("Media.nope", new Object[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Media.nope")
        .hasMessageContaining(
            "Media.encodeVideo, Media.extractThumbnail, Media.findChapters, Media.publish");
  }

  @Test
  void constructor_nullImplementation_throws() throws Exception {
    Class<?> media = loader.loadClass("com.example.video.Media");
    assertThatThrownBy(
            () ->
                loader
                    .loadClass("com.example.video.MediaDispatcher")
                    .getConstructor(media)
                    .newInstance((Object) null))
        .hasRootCauseInstanceOf(NullPointerException.class);
  }

  @Test
  void activities_areTheSpecsInNameOrder() throws Exception {
    assertThat(mediaDispatcher().activities())
        .extracting(ActivitySpec::name)
        .containsExactly(
            "Media.encodeVideo", "Media.extractThumbnail", "Media.findChapters", "Media.publish");
    assertThat(mediaDispatcher().activities())
        .isEqualTo(
            loader.loadClass("com.example.video.MediaDispatcher").getField("SPECS").get(null));
  }

  @Test
  void spec_ofPlainMethod_hasInterfaceDefaults() throws Exception {
    ActivitySpec spec = spec("ENCODE_VIDEO");

    assertThat(spec.name()).isEqualTo("Media.encodeVideo");
    assertThat(spec.version()).isEqualTo("1.0");
    assertThat(spec.taskList()).isEqualTo("media");
    assertThat(spec.scheduleToStartTimeoutSeconds()).isZero();
    assertThat(spec.startToCloseTimeoutSeconds()).isEqualTo(300);
    assertThat(spec.scheduleToCloseTimeoutSeconds()).isEqualTo(900);
    assertThat(spec.heartbeatTimeoutSeconds()).isZero();
    assertThat(spec.idempotent()).isFalse();
    assertThat(spec.retryPolicy()).isNull();
    assertThat(spec.parameterTypes()).containsExactly(String.class, String.class);
    assertThat(spec.resultType()).isEqualTo(String.class);
  }

  @Test
  void spec_ofMethodWithOptions_overridesTaskListAndTimeouts_andKeepsInherited() throws Exception {
    ActivitySpec spec = spec("EXTRACT_THUMBNAIL");

    assertThat(spec.taskList()).isEqualTo("gpu");
    assertThat(spec.startToCloseTimeoutSeconds()).isEqualTo(600);
    assertThat(spec.heartbeatTimeoutSeconds()).isEqualTo(30);
    assertThat(spec.scheduleToCloseTimeoutSeconds()).isEqualTo(900); // INHERIT
    assertThat(spec.idempotent()).isTrue();
    assertThat(spec.retryPolicy())
        .isEqualTo(
            new RetryPolicy(
                5,
                Duration.ofSeconds(2),
                1.5,
                Duration.ofSeconds(60),
                List.of("java.lang.IllegalArgumentException")));
    assertThat(spec.parameterTypes()).containsExactly(String.class, int.class);
  }

  @Test
  void spec_genericAndVoidTypes_areReflectionTypes() throws Exception {
    assertThat(spec("FIND_CHAPTERS").resultType())
        .isEqualTo(Types.parameterized(List.class, String.class));
    assertThat(spec("PUBLISH").parameterTypes())
        .containsExactly(
            Types.parameterized(
                Map.class, String.class, Types.parameterized(List.class, Integer.class)));
    assertThat(spec("PUBLISH").resultType()).isEqualTo(Void.class);
  }
}
