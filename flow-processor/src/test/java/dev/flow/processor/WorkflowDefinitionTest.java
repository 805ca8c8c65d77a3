package dev.flow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import dev.flow.RetryPolicy;
import dev.flow.spi.SignalSpec;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowInstance;
import dev.flow.spi.WorkflowSpec;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs generated workflow definitions. */
class WorkflowDefinitionTest {
  private static ClassLoader loader;

  @BeforeAll
  static void compile() {
    Compilation compilation = Compilations.compile(VideoSources.all());
    assertThat(compilation).succeededWithoutWarnings();
    loader = Compilations.classLoader(compilation);
  }

  private static WorkflowDefinition definition() throws Exception {
    Class<?> impl = loader.loadClass("com.example.video.ProcessVideoImpl");
    Class<?> stub = loader.loadClass("com.example.video.MediaStub");
    Supplier<Object> factory =
        () -> {
          try {
            return impl.getConstructor(stub).newInstance(stub.getConstructor().newInstance());
          } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
          }
        };
    Method of =
        loader
            .loadClass("com.example.video.ProcessVideoDefinition")
            .getMethod("of", Supplier.class);
    return (WorkflowDefinition) of.invoke(null, factory);
  }

  private static Object component(Object record, String name) throws Exception {
    return record.getClass().getMethod(name).invoke(record);
  }

  @Test
  void spec_hasNameVersionTaskListTimeoutsTypesAndSignals() throws Exception {
    WorkflowSpec spec = definition().spec();

    assertThat(spec.name()).isEqualTo("ProcessVideo");
    assertThat(spec.version()).isEqualTo("2.0");
    assertThat(spec.taskList()).isEqualTo("video");
    assertThat(spec.executionStartToCloseTimeoutSeconds()).isEqualTo(7200);
    assertThat(spec.taskStartToCloseTimeoutSeconds()).isEqualTo(30);
    assertThat(spec.parameterTypes()).containsExactly(String.class, String.class);
    assertThat(spec.resultType()).isEqualTo(loader.loadClass("com.example.video.VideoResult"));
    assertThat(spec.signals())
        .containsExactly(SignalSpec.of("addChapter", String.class), SignalSpec.of("pause"));
    assertThat(spec)
        .isSameAs(
            loader
                .loadClass("com.example.video.ProcessVideoDefinition")
                .getField("SPEC")
                .get(null));
  }

  @Test
  void failOnNonDeterminism_isInTheSpec_andOffByDefault() throws Exception {
    Compilation compilation =
        Compilations.compile(
            Compilations.source(
                "p.Refresh",
                "package p;",
                "",
                "import dev.flow.annotations.Workflow;",
                "",
                "@Workflow(version = \"1\", failOnNonDeterminism = true)",
                "public interface Refresh {",
                "  void refresh(String region);",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    WorkflowSpec refresh =
        (WorkflowSpec)
            Compilations.classLoader(compilation)
                .loadClass("p.RefreshDefinition")
                .getField("SPEC")
                .get(null);

    assertThat(refresh.failOnNonDeterminism()).isTrue();
    // A durable workflow may wait for days: the default is SWF's longest, a year.
    assertThat(refresh.executionStartToCloseTimeoutSeconds()).isEqualTo(365L * 24 * 3600);
    assertThat(definition().spec().failOnNonDeterminism()).isFalse();
    assertThat(Compilations.flatSource(compilation, "p.RefreshDefinition"))
        .contains(".resultType(Void.class) .failOnNonDeterminism(true) .build()");
  }

  @Test
  void retryOnTheWorkflowInterface_isTheSpecsRetryPolicy_forChildStarts() throws Exception {
    Compilation compilation =
        Compilations.compile(
            Compilations.source(
                "p.Refresh",
                "package p;",
                "",
                "import dev.flow.annotations.Retry;",
                "import dev.flow.annotations.Workflow;",
                "",
                "@Retry(maximumAttempts = 4, initialIntervalSeconds = 5,"
                    + " doNotRetry = IllegalArgumentException.class)",
                "@Workflow(version = \"1\")",
                "public interface Refresh {",
                "  void refresh(String region);",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    WorkflowSpec refresh =
        (WorkflowSpec)
            Compilations.classLoader(compilation)
                .loadClass("p.RefreshDefinition")
                .getField("SPEC")
                .get(null);

    assertThat(refresh.retryPolicy())
        .isEqualTo(
            RetryPolicy.builder()
                .maximumAttempts(4)
                .initialInterval(Duration.ofSeconds(5))
                .doNotRetry("java.lang.IllegalArgumentException")
                .build());
    assertThat(definition().spec().retryPolicy()).isNull();
  }

  @Test
  void newInstance_executesEntryMethod_afterSignals() throws Exception {
    WorkflowInstance instance = definition().newInstance();

    instance.signal("addChapter", new Object[] {"intro"});
    instance.signal("pause", new Object[0]);
    Object result = instance.execute(new Object[] {"v.mp4", "v.srt"});

    assertThat(component(result, "webm")).isEqualTo("v.mp4+v.srt");
    assertThat(component(result, "thumbnails")).isEqualTo(List.of("intro", "held"));
  }

  @Test
  void newInstance_makesAFreshImplementationEachTime() throws Exception {
    WorkflowDefinition definition = definition();
    Class<?> impl = loader.loadClass("com.example.video.ProcessVideoImpl");
    int before = impl.getField("instances").getInt(null);

    WorkflowInstance first = definition.newInstance();
    first.signal("addChapter", new Object[] {"only in the first"});
    WorkflowInstance second = definition.newInstance();

    assertThat(impl.getField("instances").getInt(null)).isEqualTo(before + 2);
    assertThat(component(second.execute(new Object[] {"a", "b"}), "thumbnails"))
        .isEqualTo(List.of("running"));
  }

  @Test
  void signal_unknownName_throwsNamingTheSignals() throws Exception {
    WorkflowInstance instance = definition().newInstance();

    assertThatThrownBy(() -> instance.signal("hold", new Object[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hold")
        .hasMessageContaining("addChapter, pause");
  }

  @Test
  void entryMethod_returningPromiseOrVoidOrPrimitive_hasValueResultType() throws Exception {
    Compilation compilation =
        Compilations.compile(
            Compilations.source(
                "p.Chapters",
                "package p;",
                "",
                "import dev.flow.Promise;",
                "import dev.flow.annotations.Workflow;",
                "import java.util.List;",
                "",
                "@Workflow(version = \"1\")",
                "public interface Chapters {",
                "  Promise<List<String>> find(String url);",
                "}"),
            Compilations.source(
                "p.Cleanup",
                "package p;",
                "",
                "import dev.flow.annotations.Workflow;",
                "",
                "@Workflow(name = \"cleanup\", version = \"1\", taskList = \"maintenance\")",
                "public interface Cleanup {",
                "  void run(int days);",
                "}"),
            Compilations.source(
                "p.CleanupImpl",
                "package p;",
                "",
                "public class CleanupImpl implements Cleanup {",
                "  public static int lastDays;",
                "",
                "  @Override",
                "  public void run(int days) {",
                "    lastDays = days;",
                "  }",
                "}"),
            Compilations.source(
                "p.Count",
                "package p;",
                "",
                "import dev.flow.annotations.Workflow;",
                "",
                "@Workflow(version = \"1\")",
                "public interface Count {",
                "  long count(long[] values);",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader loader = Compilations.classLoader(compilation);

    WorkflowSpec chapters =
        (WorkflowSpec) loader.loadClass("p.ChaptersDefinition").getField("SPEC").get(null);
    WorkflowSpec cleanup =
        (WorkflowSpec) loader.loadClass("p.CleanupDefinition").getField("SPEC").get(null);
    WorkflowSpec count =
        (WorkflowSpec) loader.loadClass("p.CountDefinition").getField("SPEC").get(null);

    assertThat(chapters.resultType())
        .isEqualTo(dev.flow.spi.Types.parameterized(List.class, String.class));
    assertThat(chapters.taskList()).isEqualTo("Chapters");
    assertThat(cleanup.name()).isEqualTo("cleanup");
    assertThat(cleanup.taskList()).isEqualTo("maintenance");
    assertThat(cleanup.parameterTypes()).containsExactly(int.class);
    assertThat(cleanup.resultType()).isEqualTo(Void.class);
    assertThat(cleanup.signals()).isEmpty();
    assertThat(count.parameterTypes()).containsExactly(long[].class);
    assertThat(count.resultType()).isEqualTo(long.class);

    Method of = loader.loadClass("p.CleanupDefinition").getMethod("of", Supplier.class);
    Class<?> impl = loader.loadClass("p.CleanupImpl");
    Supplier<Object> factory =
        () -> {
          try {
            return impl.getConstructor().newInstance();
          } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
          }
        };
    WorkflowInstance instance = ((WorkflowDefinition) of.invoke(null, factory)).newInstance();
    assertThat(instance.execute(new Object[] {7})).isNull();
    assertThat(impl.getField("lastDays").getInt(null)).isEqualTo(7);
    assertThatThrownBy(() -> instance.signal("any", new Object[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no signals");
  }
}
