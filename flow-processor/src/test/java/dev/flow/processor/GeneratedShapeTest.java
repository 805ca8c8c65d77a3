package dev.flow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.flow.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import dev.flow.CallOptions;
import dev.flow.ContinueAsNewOptions;
import dev.flow.FlowClient;
import dev.flow.Promise;
import dev.flow.StartOptions;
import dev.flow.WorkflowHandle;
import dev.flow.spi.ActivitySpec;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * The shapes of stubs and clients, checked by reflection on the compiled classes (their bodies call
 * the runtime, which other tests run), and the edge cases of generated names.
 */
class GeneratedShapeTest {

  private static List<String> signatures(Class<?> type, String name) {
    return Arrays.stream(type.getDeclaredMethods())
        .filter(m -> m.getName().equals(name))
        .map(GeneratedShapeTest::signature)
        .sorted()
        .toList();
  }

  private static String signature(Method method) {
    return Arrays.stream(method.getGenericParameterTypes())
            .map(t -> t.getTypeName().replaceAll("[a-z.]+\\.", ""))
            .collect(Collectors.joining(", ", method.getName() + "(", ")"))
        + " -> "
        + method.getGenericReturnType().getTypeName().replaceAll("[a-z.]+\\.", "");
  }

  @Test
  void activityStub_ofUpToTwoParameters_hasEveryMixOfValuesAndPromises() throws Exception {
    Compilation compilation = Compilations.compile(VideoSources.all());
    Class<?> stub = Compilations.classLoader(compilation).loadClass("com.example.video.MediaStub");

    assertThat(Modifier.isFinal(stub.getModifiers())).isTrue();
    assertThat(stub.getConstructor().newInstance()).isNotNull();
    assertThat(stub.getConstructor(CallOptions.class).newInstance(CallOptions.DEFAULT)).isNotNull();
    assertThat(stub.getMethod("withOptions", CallOptions.class).getReturnType()).isEqualTo(stub);
    assertThat(signatures(stub, "extractThumbnail"))
        .containsExactly(
            "extractThumbnail(Promise<? extends String>, Promise<? extends Integer>) ->"
                + " Promise<String>",
            "extractThumbnail(Promise<? extends String>, int) -> Promise<String>",
            "extractThumbnail(String, Promise<? extends Integer>) -> Promise<String>",
            "extractThumbnail(String, int) -> Promise<String>");
    assertThat(signatures(stub, "publish"))
        .containsExactly(
            "publish(Map<String, List<Integer>>) -> Promise<Void>",
            "publish(Promise<? extends Map<String, List<Integer>>>) -> Promise<Void>");
  }

  @Test
  void stub_withThreeOrMoreParameters_hasAllValuesAndAllPromisesOnly() throws Exception {
    Compilation compilation =
        Compilations.compile(
            source(
                "p.Wide",
                "package p;",
                "",
                "import dev.flow.annotations.Activity;",
                "",
                "@Activity(version = \"1\")",
                "public interface Wide {",
                "  int five(int a, int b, int c, int d, int e);",
                "  int three(int a, String b, long c);",
                "}"),
            source(
                "p.UsesWide",
                "package p;",
                "",
                "import dev.flow.Promise;",
                "",
                "final class UsesWide {",
                "  static Promise<Integer> call(WideStub wide, Promise<String> b) {",
                "    wide.three(1, \"b\", 3L);",
                "    return wide.three(Promise.value(1), b, Promise.value(3L));",
                "  }",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    Class<?> stub = Compilations.classLoader(compilation).loadClass("p.WideStub");

    assertThat(signatures(stub, "five"))
        .containsExactly(
            "five(Promise<? extends Integer>, Promise<? extends Integer>, Promise<? extends"
                + " Integer>, Promise<? extends Integer>, Promise<? extends Integer>) ->"
                + " Promise<Integer>",
            "five(int, int, int, int, int) -> Promise<Integer>");
    assertThat(signatures(stub, "three"))
        .containsExactly(
            "three(Promise<? extends Integer>, Promise<? extends String>, Promise<? extends Long>)"
                + " -> Promise<Integer>",
            "three(int, String, long) -> Promise<Integer>");
  }

  @Test
  void childStub_andClient_haveTheContractMethods() throws Exception {
    Compilation compilation = Compilations.compile(VideoSources.all());
    ClassLoader loader = Compilations.classLoader(compilation);
    Class<?> child = loader.loadClass("com.example.video.ProcessVideoStub");
    Class<?> client = loader.loadClass("com.example.video.ProcessVideoWorkflowClient");
    Class<?> handle = loader.loadClass("com.example.video.ProcessVideoWorkflowClient$Handle");
    Class<?> result = loader.loadClass("com.example.video.VideoResult");

    assertThat(child.getConstructor(StartOptions.class)).isNotNull();
    assertThat(child.getMethod("withOptions", StartOptions.class).getReturnType()).isEqualTo(child);
    assertThat(signatures(child, "process"))
        .hasSize(4)
        .allMatch(s -> s.endsWith("-> Promise<VideoResult>"));

    assertThat(client.getMethod("create", FlowClient.class).getReturnType()).isEqualTo(client);
    assertThat(client.getMethod("withOptions", StartOptions.class).getReturnType())
        .isEqualTo(client);
    assertThat(client.getMethod("start", String.class, String.class).getReturnType())
        .isEqualTo(handle);
    assertThat(client.getMethod("execute", String.class, String.class).getReturnType())
        .isEqualTo(result);
    assertThat(client.getMethod("handle", String.class).getReturnType()).isEqualTo(handle);
    assertThat(client.getMethod("handle", String.class, String.class).getReturnType())
        .isEqualTo(handle);

    assertThat(Modifier.isStatic(handle.getModifiers())).isTrue();
    assertThat(handle.getMethod("workflowId").getReturnType()).isEqualTo(String.class);
    assertThat(handle.getMethod("runId").getReturnType()).isEqualTo(String.class);
    assertThat(handle.getMethod("result").getReturnType()).isEqualTo(result);
    assertThat(handle.getMethod("result", Duration.class).getReturnType()).isEqualTo(result);
    assertThat(handle.getMethod("cancel").getReturnType()).isEqualTo(void.class);
    assertThat(handle.getMethod("terminate", String.class).getReturnType()).isEqualTo(void.class);
    assertThat(handle.getMethod("addChapter", String.class).getReturnType()).isEqualTo(void.class);
    assertThat(handle.getMethod("hold").getReturnType()).isEqualTo(void.class);
    assertThat(handle.getMethod("untyped").getGenericReturnType().getTypeName())
        .isEqualTo(WorkflowHandle.class.getName() + "<com.example.video.VideoResult>");
  }

  @Test
  void childStubStart_returnsATypedChildHandle_withSignalsThatTakeValuesOrPromises()
      throws Exception {
    Compilation compilation = Compilations.compile(VideoSources.all());
    ClassLoader loader = Compilations.classLoader(compilation);
    Class<?> stub = loader.loadClass("com.example.video.ProcessVideoStub");
    Class<?> child = loader.loadClass("com.example.video.ProcessVideoStub$Child");

    assertThat(signatures(stub, "start"))
        .containsExactly(
            "start(Promise<? extends String>, Promise<? extends String>) -> ProcessVideoStub$Child",
            "start(Promise<? extends String>, String) -> ProcessVideoStub$Child",
            "start(String, Promise<? extends String>) -> ProcessVideoStub$Child",
            "start(String, String) -> ProcessVideoStub$Child");
    assertThat(Modifier.isStatic(child.getModifiers())).isTrue();
    assertThat(Modifier.isFinal(child.getModifiers())).isTrue();
    assertThat(child.getConstructors()).isEmpty();
    assertThat(
            Arrays.stream(child.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(GeneratedShapeTest::signature)
                .sorted())
        .containsExactly(
            "addChapter(Promise<? extends String>) -> Promise<Void>",
            "addChapter(String) -> Promise<Void>",
            "cancel() -> void",
            "hold() -> Promise<Void>",
            "result() -> Promise<VideoResult>",
            "workflowId() -> Promise<String>");
    assertThat(Compilations.flatSource(compilation, "com.example.video.ProcessVideoStub"))
        .contains(
            "return new Child(Stubs.startChild(ProcessVideoDefinition.SPEC, options, videoUrl,"
                + " subtitleUrl));")
        .contains("return handle.signal(\"pause\");");
  }

  @Test
  void childHandle_ofPrimitiveOrVoidEntry_hasBoxedResult_andVarargsSignals() throws Exception {
    Compilation compilation =
        Compilations.compile(
            source(
                "p.Count",
                "package p;",
                "",
                "import dev.flow.annotations.Signal;",
                "import dev.flow.annotations.Workflow;",
                "",
                "@Workflow(version = \"1\")",
                "public interface Count {",
                "  long count(long[] values);",
                "",
                "  @Signal",
                "  void add(String... tags);",
                "}"),
            source(
                "p.Cleanup",
                "package p;",
                "",
                "import dev.flow.annotations.Workflow;",
                "",
                "@Workflow(version = \"1\")",
                "public interface Cleanup {",
                "  void run(int days);",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader loader = Compilations.classLoader(compilation);

    Class<?> count = loader.loadClass("p.CountStub$Child");
    assertThat(signature(count.getMethod("result"))).isEqualTo("result() -> Promise<Long>");
    assertThat(signatures(count, "add"))
        .containsExactly(
            "add(Promise<? extends String[]>) -> Promise<Void>", "add(String[]) -> Promise<Void>");
    assertThat(count.getMethod("add", String[].class).isVarArgs()).isTrue();
    assertThat(Compilations.flatSource(compilation, "p.CountStub"))
        .contains("return handle.signal(\"add\", (Object) tags);");
    assertThat(signature(loader.loadClass("p.CleanupStub$Child").getMethod("result")))
        .isEqualTo("result() -> Promise<Void>");
  }

  @Test
  void selfStub_hasTheEntryMethodsSignature_forValuePromiseAndVoidResults() throws Exception {
    Compilation compilation =
        Compilations.compile(
            source(
                "p.Poll",
                "package p;",
                "",
                "import dev.flow.Promise;",
                "import dev.flow.annotations.Workflow;",
                "import java.util.List;",
                "",
                "@Workflow(version = \"1\")",
                "public interface Poll {",
                "  Promise<List<String>> poll(String cursor, int... pages);",
                "}"),
            source(
                "p.Sweep",
                "package p;",
                "",
                "import dev.flow.annotations.Workflow;",
                "",
                "@Workflow(version = \"1\")",
                "public interface Sweep {",
                "  void sweep(String options);",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader loader = Compilations.classLoader(compilation);

    Class<?> video =
        Compilations.classLoader(Compilations.compile(VideoSources.all()))
            .loadClass("com.example.video.ProcessVideoSelf");
    assertThat(Modifier.isFinal(video.getModifiers())).isTrue();
    assertThat(video.getConstructor().newInstance()).isNotNull();
    assertThat(
            video
                .getConstructor(ContinueAsNewOptions.class)
                .newInstance(ContinueAsNewOptions.DEFAULT))
        .isNotNull();
    assertThat(video.getMethod("withOptions", ContinueAsNewOptions.class).getReturnType())
        .isEqualTo(video);
    assertThat(signatures(video, "process"))
        .containsExactly("process(String, String) -> VideoResult");

    Class<?> poll = loader.loadClass("p.PollSelf");
    assertThat(signatures(poll, "poll"))
        .containsExactly("poll(String, int[]) -> Promise<List<String>>");
    assertThat(poll.getMethod("poll", String.class, int[].class).isVarArgs()).isTrue();
    assertThat(Compilations.flatSource(compilation, "p.PollSelf"))
        .contains("return Stubs.continueAsNew(PollDefinition.SPEC, options, cursor, pages);");

    assertThat(signatures(loader.loadClass("p.SweepSelf"), "sweep"))
        .containsExactly("sweep(String) -> void");
    assertThat(Compilations.flatSource(compilation, "p.SweepSelf"))
        .contains(
            "public void sweep(String options_) {"
                + " Stubs.continueAsNew(SweepDefinition.SPEC, options, options_); }");
  }

  @Test
  void selfStub_outsideWorkflowCode_throwsIllegalState() throws Exception {
    Class<?> self =
        Compilations.classLoader(Compilations.compile(VideoSources.all()))
            .loadClass("com.example.video.ProcessVideoSelf");
    Object stub = self.getConstructor().newInstance();
    Method process = self.getMethod("process", String.class, String.class);

    assertThatThrownBy(() -> invoke(process, stub, "a", "b"))
        .isInstanceOf(IllegalStateException.class);
  }

  private static Object invoke(Method method, Object target, Object... args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Test
  void interfaceNamedSomethingWorkflow_getsSomethingWorkflowClient_notWorkflowWorkflowClient() {
    Compilation compilation =
        Compilations.compile(
            source(
                "p.OrderWorkflow",
                "package p;",
                "",
                "import dev.flow.annotations.Workflow;",
                "",
                "@Workflow(version = \"1\")",
                "public interface OrderWorkflow {",
                "  String place(String item);",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();

    assertThat(compilation).generatedSourceFile("p.OrderWorkflowClient");
    assertThat(compilation.generatedSourceFile("p.OrderWorkflowWorkflowClient")).isEmpty();
  }

  @Test
  void nestedInterface_generatesTopLevelTypesJoinedByUnderscore() throws Exception {
    Compilation compilation =
        Compilations.compile(
            source(
                "p.Outer",
                "package p;",
                "",
                "import dev.flow.annotations.Activity;",
                "import dev.flow.annotations.Workflow;",
                "",
                "public class Outer {",
                "  @Activity(version = \"1\")",
                "  public interface Media {",
                "    String encode(String url);",
                "  }",
                "",
                "  @Workflow(version = \"1\")",
                "  public interface Flow {",
                "    void run();",
                "  }",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();

    for (String name :
        List.of(
            "p.Outer_MediaStub",
            "p.Outer_MediaDispatcher",
            "p.Outer_FlowDefinition",
            "p.Outer_FlowWorkflowClient",
            "p.Outer_FlowStub",
            "p.Outer_FlowSelf")) {
      assertThat(compilation).generatedSourceFile(name);
    }
    ActivitySpec spec =
        (ActivitySpec)
            Compilations.classLoader(compilation)
                .loadClass("p.Outer_MediaDispatcher")
                .getField("ENCODE")
                .get(null);
    assertThat(spec.name()).isEqualTo("Media.encode");
  }

  @Test
  void parametersNamedLikeGeneratedFields_areRenamed_andStillCompile() {
    Compilation compilation =
        Compilations.compile(
            source(
                "p.Clash",
                "package p;",
                "",
                "import dev.flow.annotations.Activity;",
                "",
                "@Activity(version = \"1\")",
                "public interface Clash {",
                "  String specs(String options, String implementation, String arguments);",
                "}"),
            source(
                "p.ClashFlow",
                "package p;",
                "",
                "import dev.flow.annotations.Signal;",
                "import dev.flow.annotations.Workflow;",
                "",
                "@Workflow(version = \"1\")",
                "public interface ClashFlow {",
                "  String run(String flow, String options, String workflow);",
                "",
                "  @Signal",
                "  void poke(String handle, String signalName);",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();

    assertThat(Compilations.flatSource(compilation, "p.ClashStub"))
        .contains(
            "Stubs.activity(ClashDispatcher.SPECS_, options, options_, implementation, arguments)");
    assertThat(Compilations.flatSource(compilation, "p.ClashDispatcher"))
        .contains("public static final List<ActivitySpec> SPECS = List.of(SPECS_);");
    assertThat(Compilations.flatSource(compilation, "p.ClashFlowWorkflowClient"))
        .contains("options, flow_, options_, workflow)")
        .contains("handle.signal(\"poke\", handle_, signalName)");
  }

  @Test
  void userTypesNamedLikeGeneratedOrRuntimeTypes_compileWithoutWarnings() {
    Compilation compilation =
        Compilations.compile(
            source("p.Handle", "package p;", "", "public record Handle(String id) {}"),
            source("p.Child", "package p;", "", "public record Child(String id) {}"),
            source("p.Instance", "package p;", "", "public record Instance(String id) {}"),
            source("p.Promise", "package p;", "", "public record Promise(String id) {}"),
            source("p.Types", "package p;", "", "public record Types(String id) {}"),
            source(
                "p.Clashing",
                "package p;",
                "",
                "import dev.flow.annotations.Activity;",
                "import java.util.List;",
                "",
                "@Activity(version = \"1\")",
                "public interface Clashing {",
                "  Promise keep(Promise promise, List<Types> types);",
                "}"),
            source(
                "p.ClashingFlow",
                "package p;",
                "",
                "import dev.flow.annotations.Signal;",
                "import dev.flow.annotations.Workflow;",
                "",
                "@Workflow(version = \"1\")",
                "public interface ClashingFlow {",
                "  Handle run(Instance instance, Promise promise, Child child);",
                "",
                "  @Signal",
                "  void poke(Handle handle, Child child);",
                "}"));

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void methodsInheritedFromGenericSuperinterface_useTheTypeArguments() throws Exception {
    Compilation compilation =
        Compilations.compile(
            source(
                "p.Media",
                "package p;",
                "",
                "import dev.flow.annotations.Activity;",
                "import java.util.List;",
                "",
                "interface Converter<I, O> {",
                "  O convert(I input, List<I> more);",
                "}",
                "",
                "@Activity(version = \"1\")",
                "public interface Media extends Converter<String, Integer> {}"));
    assertThat(compilation).succeededWithoutWarnings();

    ActivitySpec spec =
        (ActivitySpec)
            Compilations.classLoader(compilation)
                .loadClass("p.MediaDispatcher")
                .getField("CONVERT")
                .get(null);
    assertThat(spec.parameterTypes())
        .containsExactly(String.class, dev.flow.spi.Types.parameterized(List.class, String.class));
    assertThat(spec.resultType()).isEqualTo(Integer.class);
  }

  @Test
  void genericSignalsVarargsAndPromisedResults_compileWithoutWarnings() throws Exception {
    Compilation compilation =
        Compilations.compile(
            source(
                "p.Everything",
                "package p;",
                "",
                "import dev.flow.Promise;",
                "import dev.flow.annotations.Signal;",
                "import dev.flow.annotations.Workflow;",
                "import java.util.List;",
                "import java.util.Map;",
                "",
                "@Workflow(version = \"1\")",
                "public interface Everything {",
                "  Promise<List<Map<String, Integer>>> run(List<String>[] batches, int... sizes);",
                "",
                "  @Signal",
                "  void add(Map<String, List<Integer>> counts, String... tags);",
                "",
                "  @Signal",
                "  void stop();",
                "}"),
            source(
                "p.EverythingImpl",
                "package p;",
                "",
                "import dev.flow.Promise;",
                "import java.util.List;",
                "import java.util.Map;",
                "",
                "public class EverythingImpl implements Everything {",
                "  public EverythingImpl(EverythingStub children) {}",
                "  public Promise<List<Map<String, Integer>>> run(List<String>[] b, int... s) {",
                "    return null;",
                "  }",
                "  public void add(Map<String, List<Integer>> counts, String... tags) {}",
                "  public void stop() {}",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();

    assertThat(Compilations.flatSource(compilation, "p.EverythingDefinition"))
        .contains(
            ".parameterTypes(Types.arrayOf(Types.parameterized(List.class, String.class)),"
                + " int[].class)")
        .contains(
            ".resultType(Types.parameterized(List.class, Types.parameterized(Map.class,"
                + " String.class, Integer.class)))");
    assertThat(Compilations.flatSource(compilation, "p.FlowManifest"))
        .contains("EverythingDefinition.of(() -> new EverythingImpl(new EverythingStub()))");
  }

  @Test
  void emptyActivityInterface_generatesEmptyStubAndDispatcher() throws Exception {
    Compilation compilation =
        Compilations.compile(
            source(
                "p.Nothing",
                "package p;",
                "",
                "import dev.flow.annotations.Activity;",
                "",
                "@Activity(version = \"1\")",
                "public interface Nothing {",
                "  static String helper() { return \"\"; }",
                "  default String other() { return helper(); }",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();

    Class<?> dispatcher = Compilations.classLoader(compilation).loadClass("p.NothingDispatcher");
    assertThat((List<?>) dispatcher.getField("SPECS").get(null)).isEmpty();
  }

  @Test
  void loneArrayParameter_isPassedAsOneArgument_withoutWarnings() {
    Compilation compilation =
        Compilations.compile(
            source(
                "p.Join",
                "package p;",
                "",
                "import dev.flow.annotations.Activity;",
                "",
                "@Activity(version = \"1\")",
                "public interface Join {",
                "  String join(String... parts);",
                "  int sum(int[] values);",
                "}"),
            source(
                "p.Batch",
                "package p;",
                "",
                "import dev.flow.annotations.Signal;",
                "import dev.flow.annotations.Workflow;",
                "",
                "@Workflow(version = \"1\")",
                "public interface Batch {",
                "  void run(String[] items);",
                "",
                "  @Signal",
                "  void add(String[] items);",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();

    assertThat(Compilations.flatSource(compilation, "p.JoinStub"))
        .contains("public Promise<String> join(String... parts)")
        .contains("Stubs.activity(JoinDispatcher.JOIN, options, (Object) parts)")
        .contains("Stubs.activity(JoinDispatcher.SUM, options, values)");
    assertThat(Compilations.flatSource(compilation, "p.BatchWorkflowClient"))
        .contains("options, (Object) items)")
        .contains("handle.signal(\"add\", (Object) items)");
  }

  @Test
  void bindableTypes_areAccepted() {
    Compilation compilation =
        Compilations.compile(
            source(
                "p.Kinds",
                "package p;",
                "",
                "import com.fasterxml.jackson.annotation.JsonCreator;",
                "import com.fasterxml.jackson.annotation.JsonValue;",
                "import dev.flow.annotations.Activity;",
                "import java.math.BigDecimal;",
                "import java.time.Duration;",
                "import java.time.Instant;",
                "import java.util.ArrayList;",
                "import java.util.List;",
                "import java.util.Map;",
                "import java.util.Set;",
                "import java.util.UUID;",
                "",
                "@Activity(version = \"1\")",
                "public interface Kinds {",
                "  enum Color { RED }",
                "  record Point(int x, int y) {}",
                "  class Bean { public String name; }",
                "  class Money {",
                "    private final String text;",
                "    @JsonCreator public Money(String text) { this.text = text; }",
                "    @JsonValue public String text() { return text; }",
                "  }",
                "",
                "  Object any(Number number, byte[] bytes, char c, boolean b);",
                "  Color color(Color c, Point[] points, Bean bean, Money money);",
                "  Map<UUID, List<Point>> maps(Map<Color, Set<String>> m, Map<Instant, Duration>"
                    + " t);",
                "  ArrayList<BigDecimal> lists(List<List<java.io.File>> files, java.nio.file.Path"
                    + " p);",
                "}"));

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void typeGeneratedByAnotherProcessor_isDeferredToTheNextRound() {
    Compilation compilation =
        com.google.testing.compile.Compiler.javac()
            .withProcessors(new FlowProcessor(), new FlowManifestProcessor(), new GeneratesValue())
            .withOptions(Compilations.LINT)
            .compile(
                source(
                    "p.Uses",
                    "package p;",
                    "",
                    "import dev.flow.annotations.Activity;",
                    "",
                    "@Activity(version = \"1\")",
                    "public interface Uses {",
                    "  Value make(String input);",
                    "}"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("p.UsesDispatcher");
    assertThat(compilation).generatedSourceFile("p.FlowManifest");
  }

  /** Generates {@code p.Value} in its first round, as AutoValue or Immutables would. */
  @SupportedAnnotationTypes("dev.flow.annotations.Activity")
  static final class GeneratesValue extends AbstractProcessor {
    private boolean done;

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (java.io.Writer w = processingEnv.getFiler().createSourceFile("p.Value").openWriter()) {
          w.write("package p; public record Value(String text) {}");
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void promiseResultType_isUsedForStubsAndClients() throws Exception {
    Compilation compilation =
        Compilations.compile(
            source(
                "p.Later",
                "package p;",
                "",
                "import dev.flow.Promise;",
                "import dev.flow.annotations.Workflow;",
                "",
                "@Workflow(version = \"1\")",
                "public interface Later {",
                "  Promise<Integer> run();",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader loader = Compilations.classLoader(compilation);

    assertThat(signatures(loader.loadClass("p.LaterStub"), "run"))
        .containsExactly("run() -> Promise<Integer>");
    assertThat(loader.loadClass("p.LaterWorkflowClient").getMethod("execute").getReturnType())
        .isEqualTo(Integer.class);
    assertThat(Promise.class).isInterface();
  }
}
