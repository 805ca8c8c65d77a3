package dev.flow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.flow.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import dev.flow.spi.ActivityBinding;
import dev.flow.spi.ActivityDispatcher;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.Manifest;
import dev.flow.spi.WorkflowBinding;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowInstance;
import dev.flow.spi.WorkflowSpec;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** The per-compilation manifest, its service file and the worker main. */
class ManifestTest {

  private static Manifest manifest(Compilation compilation, String name) throws Exception {
    return (Manifest)
        Compilations.classLoader(compilation).loadClass(name).getConstructor().newInstance();
  }

  @Test
  void manifest_listsSpecsDefinitionsAndDispatchers() throws Exception {
    Compilation compilation = Compilations.compile(VideoSources.all());
    assertThat(compilation).succeededWithoutWarnings();
    Manifest manifest = manifest(compilation, "com.example.video.FlowManifest");

    assertThat(manifest.workflowTypes())
        .extracting(WorkflowSpec::name)
        .containsExactly("ProcessVideo");
    assertThat(manifest.activityTypes())
        .extracting(ActivitySpec::name)
        .containsExactly(
            "Media.encodeVideo", "Media.extractThumbnail", "Media.findChapters", "Media.publish");
    assertThat(manifest.workflowImplementations()).hasSize(1);
    WorkflowDefinition definition = manifest.workflowImplementations().get(0);
    assertThat(definition.spec().name()).isEqualTo("ProcessVideo");
    Object result = definition.newInstance().execute(new Object[] {"a", "b"});
    assertThat(result.getClass().getName()).isEqualTo("com.example.video.VideoResult");

    assertThat(manifest.activityImplementations()).hasSize(1);
    ActivityDispatcher dispatcher = manifest.activityImplementations().get(0);
    assertThat(dispatcher.dispatch("Media.encodeVideo", new Object[] {"x", "y"})).isEqualTo("x.y");
  }

  @Test
  void bindings_hostImplementationsMadeElsewhere_andHandOutTheGeneratedStubsAndClient()
      throws Exception {
    Compilation compilation = Compilations.compile(VideoSources.all());
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader loader = Compilations.classLoader(compilation);
    Manifest manifest =
        (Manifest)
            loader.loadClass("com.example.video.FlowManifest").getConstructor().newInstance();

    assertThat(manifest.activityBindings()).hasSize(1);
    ActivityBinding<?> media = manifest.activityBindings().get(0);
    assertThat(media.type().getName()).isEqualTo("com.example.video.Media");
    Object mediaImpl =
        loader.loadClass("com.example.video.MediaImpl").getConstructor().newInstance();
    ActivityDispatcher dispatcher = media.dispatcher(mediaImpl);
    assertThat(dispatcher.dispatch("Media.encodeVideo", new Object[] {"v", "webm"}))
        .isEqualTo("v.webm");
    assertThat(dispatcher.activities()).hasSize(4);
    assertThat(media.injectables())
        .extracting(i -> i.type().getName())
        .containsExactly("com.example.video.MediaStub");
    assertThat(media.injectables().get(0).create(null).getClass().getName())
        .isEqualTo("com.example.video.MediaStub");
    assertThatThrownBy(() -> media.dispatcher("not a Media"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "java.lang.String does not implement @Activity com.example.video.Media, so it cannot"
                + " serve its activity types");

    assertThat(manifest.workflowBindings()).hasSize(1);
    WorkflowBinding<?> video = manifest.workflowBindings().get(0);
    assertThat(video.type().getName()).isEqualTo("com.example.video.ProcessVideo");
    assertThat(video.injectables())
        .extracting(i -> i.type().getName())
        .containsExactly(
            "com.example.video.ProcessVideoWorkflowClient",
            "com.example.video.ProcessVideoStub",
            "com.example.video.ProcessVideoSelf");
    Object stub = loader.loadClass("com.example.video.MediaStub").getConstructor().newInstance();
    Constructor<?> impl =
        loader.loadClass("com.example.video.ProcessVideoImpl").getConstructors()[0];
    AtomicInteger made = new AtomicInteger();
    WorkflowDefinition definition =
        video.definition(
            () -> {
              made.incrementAndGet();
              try {
                return impl.newInstance(stub);
              } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
              }
            });
    assertThat(definition.spec().name()).isEqualTo("ProcessVideo");
    assertThat(made).hasValue(0);
    WorkflowInstance first = definition.newInstance();
    first.signal("addChapter", new Object[] {"intro"});
    assertThat(first.execute(new Object[] {"a", "b"}).toString())
        .isEqualTo("VideoResult[webm=a+b, thumbnails=[intro, running]]");
    assertThat(definition.newInstance().execute(new Object[] {"a", "b"}).toString())
        .as("each instance its own state")
        .isEqualTo("VideoResult[webm=a+b, thumbnails=[running]]");
    assertThat(made).hasValue(2);
    assertThatThrownBy(() -> video.definition(() -> "not a workflow").newInstance())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the factory of workflow com.example.video.ProcessVideo returned a java.lang.String,"
                + " which does not implement it");
  }

  @Test
  void serviceFile_namesTheManifest() {
    Compilation compilation = Compilations.compile(VideoSources.all());

    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/dev.flow.spi.Manifest")
        .contentsAsUtf8String()
        .isEqualTo("com.example.video.FlowManifest\n");
  }

  @Test
  void workerMain_hasAPublicStaticMain() throws Exception {
    Compilation compilation = Compilations.compile(VideoSources.all());
    Method main =
        Compilations.classLoader(compilation)
            .loadClass("com.example.video.FlowWorkerMain")
            .getMethod("main", String[].class);

    assertThat(Modifier.isStatic(main.getModifiers())).isTrue();
    assertThat(main.getExceptionTypes()).containsExactly(Exception.class);
  }

  @Test
  void package_isTheLongestCommonPrefixOfTheInterfaces() throws Exception {
    Compilation compilation =
        Compilations.compile(
            activity("com.example.a.First", "first"), activity("com.example.b.Second", "second"));
    assertThat(compilation).succeededWithoutWarnings();

    assertThat(manifest(compilation, "com.example.FlowManifest").activityTypes())
        .extracting(ActivitySpec::name)
        .containsExactly("First.first", "Second.second");
    assertThat(compilation).generatedSourceFile("com.example.FlowWorkerMain");
  }

  @Test
  void package_withNoCommonPrefix_isThePackageOfTheFirstInterfaceByName() throws Exception {
    Compilation compilation =
        Compilations.compile(activity("org.b.Second", "second"), activity("com.a.First", "first"));
    assertThat(compilation).succeededWithoutWarnings();

    assertThat(compilation).generatedSourceFile("com.a.FlowManifest");
  }

  @Test
  void package_option_overridesTheDerivedPackage() {
    Compilation compilation =
        Compilations.compile(
            List.of("-Aflow.package=app.workers"), activity("com.example.a.First", "first"));
    assertThat(compilation).succeededWithoutWarnings();

    assertThat(compilation).generatedSourceFile("app.workers.FlowManifest");
    assertThat(compilation).generatedSourceFile("app.workers.FlowWorkerMain");
  }

  @Test
  void implementations_onlyThoseAWorkerCanBuild_areListed() throws Exception {
    JavaFileObject impls =
        source(
            "p.Impls",
            "package p;",
            "",
            "public class Impls {",
            "  public static class GoodMedia implements Media {",
            "    public String encode(String s) { return s; }",
            "  }",
            "  public static class MediaNeedingConfig implements Media {",
            "    public MediaNeedingConfig(String config) {}",
            "    public String encode(String s) { return s; }",
            "  }",
            "  static class HiddenMedia implements Media {",
            "    public String encode(String s) { return s; }",
            "  }",
            "  public abstract static class AbstractMedia implements Media {}",
            "  public static class SubMedia extends GoodMedia {}",
            "  public static class NoArgVideo implements Video {",
            "    public String run(String url) { return url; }",
            "  }",
            "  public static class StubVideo implements Video {",
            "    public StubVideo() {}",
            "    public StubVideo(MediaStub media, VideoStub child) {}",
            "    public String run(String url) { return url; }",
            "  }",
            "  public static class ConfiguredVideo implements Video {",
            "    public ConfiguredVideo(String config) {}",
            "    public String run(String url) { return url; }",
            "  }",
            "  @SuppressWarnings(\"flow-manifest\") // registered by hand",
            "  public static class WiredMedia implements Media {",
            "    public WiredMedia(String config) {}",
            "    public String encode(String s) { return s; }",
            "  }",
            "}");
    Compilation compilation = Compilations.compile(activity("p.Media", "encode"), video(), impls);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(2);
    assertThat(compilation)
        .hadWarningContaining(
            "[Flow:NotInManifest] p.Impls.MediaNeedingConfig implements @Activity p.Media but has"
                + " no public no-argument constructor, so FlowManifest leaves it out and no worker"
                + " built from the manifest runs it: add a public no-argument constructor, or"
                + " register it by hand (Worker.builder(flow).activities("
                + "new MediaDispatcher(new Impls.MediaNeedingConfig(...)))) and mark the class"
                + " @SuppressWarnings(\"flow-manifest\")")
        .inFile(impls)
        .onLine(7);
    assertThat(compilation)
        .hadWarningContaining(
            "[Flow:NotInManifest] p.Impls.ConfiguredVideo implements @Workflow p.Video but has no"
                + " public constructor taking nothing or only generated stubs (XStub, XSelf)")
        .inFile(impls)
        .onLine(24);

    assertThat(Compilations.generatedSource(compilation, "p.FlowManifest"))
        .contains("new MediaDispatcher(new Impls.GoodMedia())")
        .contains("new MediaDispatcher(new Impls.SubMedia())")
        .contains("VideoDefinition.of(() -> new Impls.NoArgVideo())")
        .contains("VideoDefinition.of(() -> new Impls.StubVideo(new MediaStub(), new VideoStub()))")
        .doesNotContain("MediaNeedingConfig")
        .doesNotContain("HiddenMedia")
        .doesNotContain("AbstractMedia")
        .doesNotContain("ConfiguredVideo");
    Manifest manifest = manifest(compilation, "p.FlowManifest");
    assertThat(manifest.activityImplementations()).hasSize(2);
    assertThat(manifest.workflowImplementations()).hasSize(2);
    assertThat(manifest.workflowImplementations().get(1).newInstance().execute(new Object[] {"u"}))
        .isEqualTo("u");
  }

  @Test
  void springBeans_leftOutForTheirConstructors_areNotWarnedAbout() throws Exception {
    JavaFileObject impls =
        source(
            "p.Beans",
            "package p;",
            "",
            "import org.springframework.stereotype.Component;",
            "import org.springframework.stereotype.Service;",
            "",
            "public class Beans {",
            "  @Component",
            "  public static class ComponentMedia implements Media {",
            "    public ComponentMedia(Runnable dependency) {}",
            "    public String encode(String s) { return s; }",
            "  }",
            "  @Service",
            "  public static class ServiceVideo implements Video {",
            "    public ServiceVideo(MediaStub media, Runnable dependency) {}",
            "    public String run(String url) { return url; }",
            "  }",
            "  @Deprecated",
            "  public static class PlainMedia implements Media {",
            "    public PlainMedia(Runnable dependency) {}",
            "    public String encode(String s) { return s; }",
            "  }",
            "}");
    Compilation compilation =
        Compilations.compile(
            source(
                "org.springframework.stereotype.Component",
                "package org.springframework.stereotype;",
                "",
                "public @interface Component {}"),
            source(
                "org.springframework.stereotype.Service",
                "package org.springframework.stereotype;",
                "",
                "@Component",
                "public @interface Service {}"),
            activity("p.Media", "encode"),
            video(),
            impls);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining(
            "[Flow:NotInManifest] p.Beans.PlainMedia implements @Activity p.Media")
        .inFile(impls)
        .onLine(18);
    Manifest manifest = manifest(compilation, "p.FlowManifest");
    assertThat(manifest.activityImplementations()).isEmpty();
    assertThat(manifest.workflowImplementations()).isEmpty();
    assertThat(manifest.activityBindings())
        .extracting(b -> b.type().getName())
        .containsExactly("p.Media");
    assertThat(manifest.workflowBindings())
        .extracting(b -> b.type().getName())
        .containsExactly("p.Video");
  }

  @Test
  void workflowImplementation_takingItsSelfStub_isListed_butNotOneTakingAUserTypeNamedSelf()
      throws Exception {
    Compilation compilation =
        Compilations.compile(
            activity("p.Media", "encode"),
            video(),
            source("p.PlainSelf", "package p;", "", "public class PlainSelf {}"),
            source(
                "p.Impls",
                "package p;",
                "",
                "public class Impls {",
                "  public static class LoopingVideo implements Video {",
                "    public LoopingVideo(MediaStub media, VideoSelf self) {}",
                "    public String run(String url) { return url; }",
                "  }",
                "  public static class PlainVideo implements Video {",
                "    public PlainVideo(PlainSelf self) {}",
                "    public String run(String url) { return url; }",
                "  }",
                "}"));
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining(
            "[Flow:NotInManifest] p.Impls.PlainVideo implements @Workflow p.Video but has no"
                + " public constructor taking nothing or only generated stubs (XStub, XSelf), so"
                + " FlowManifest leaves it out and no worker built from the manifest runs it: add"
                + " such a constructor, or register it by hand (Worker.builder(flow).workflow("
                + "VideoDefinition.of(() -> new Impls.PlainVideo(...)))) and mark the class"
                + " @SuppressWarnings(\"flow-manifest\")");

    assertThat(Compilations.generatedSource(compilation, "p.FlowManifest"))
        .contains(
            "VideoDefinition.of(() -> new Impls.LoopingVideo(new MediaStub(), new VideoSelf()))")
        .doesNotContain("PlainVideo");
    Manifest manifest = manifest(compilation, "p.FlowManifest");
    assertThat(manifest.workflowImplementations().get(0).newInstance().execute(new Object[] {"u"}))
        .isEqualTo("u");
  }

  @Test
  void noAnnotatedInterfaces_generatesNoManifest() {
    Compilation compilation =
        Compilations.compile(source("p.Plain", "package p;", "", "public class Plain {}"));
    assertThat(compilation).succeededWithoutWarnings();

    assertThat(compilation.generatedSourceFiles()).isEmpty();
  }

  @Test
  void interfaceWithErrors_generatesNothing_whileOthersStillGenerate() throws Exception {
    List<String> generated =
        Compilations.generatedNamesOfFailingCompilation(
            activity("p.Good", "work"),
            source(
                "p.Bad",
                "package p;",
                "",
                "import dev.flow.annotations.Activity;",
                "",
                "@Activity(version = \"\")",
                "public interface Bad {",
                "  String work(String input);",
                "}"));

    assertThat(generated).containsExactly("p/GoodDispatcher.java", "p/GoodStub.java");
  }

  /** {@code p.Video}: a workflow taking a URL. */
  private static JavaFileObject video() {
    return source(
        "p.Video",
        "package p;",
        "",
        "import dev.flow.annotations.Workflow;",
        "",
        "@Workflow(version = \"1\")",
        "public interface Video {",
        "  String run(String url);",
        "}");
  }

  static javax.tools.JavaFileObject activity(String qualifiedName, String method) {
    String pkg = qualifiedName.substring(0, qualifiedName.lastIndexOf('.'));
    String simple = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    return source(
        qualifiedName,
        "package " + pkg + ";",
        "",
        "import dev.flow.annotations.Activity;",
        "",
        "@Activity(version = \"1\")",
        "public interface " + simple + " {",
        "  String " + method + "(String input);",
        "}");
  }
}
