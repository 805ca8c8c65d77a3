package dev.flow.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest of an incremental build is the one of a full build. A build tool that compiles
 * incrementally (Gradle) recompiles only the changed sources, with the previous output on the class
 * path, deletes what aggregating processors wrote, and hands an aggregating processor again, by
 * name, the types it saw through its supported annotations in the previous build ({@code *}: every
 * type). These tests run javac twice that way.
 */
class IncrementalManifestTest {
  private static final Map<String, String> SOURCES = new TreeMap<>();

  static {
    SOURCES.put(
        "p.Order",
        String.join(
            "\n",
            "package p;",
            "import dev.flow.annotations.Workflow;",
            "@Workflow(version = \"1\")",
            "public interface Order {",
            "  String place(String item);",
            "}"));
    SOURCES.put(
        "p.Ship",
        String.join(
            "\n",
            "package p;",
            "import dev.flow.annotations.Activity;",
            "@Activity(version = \"1\")",
            "public interface Ship {",
            "  String ship(String item);",
            "}"));
    SOURCES.put(
        "p.impl.OrderImpl",
        String.join(
            "\n",
            "package p.impl;",
            "import p.*;",
            "public final class OrderImpl implements Order {",
            "  private final ShipStub ship;",
            "  public OrderImpl(ShipStub ship) { this.ship = ship; }",
            "  public String place(String item) { return ship.ship(item).get(); }",
            "}"));
    SOURCES.put(
        "p.impl.ShipImpl",
        String.join(
            "\n",
            "package p.impl;",
            "public final class ShipImpl implements p.Ship {",
            "  public String ship(String item) { return \"shipped \" + item; }",
            "}"));
    SOURCES.put(
        "p.util.Labels",
        String.join(
            "\n",
            "package p.util;",
            "public final class Labels {",
            "  public static String label(String item) { return item.toUpperCase(); }",
            "}"));
  }

  /** The annotated types among {@link #SOURCES}. */
  private static final Set<String> ANNOTATED = Set.of("p.Order", "p.Ship");

  @TempDir Path dir;

  @Test
  void incrementalBuild_afterAnUnrelatedChange_writesTheManifestOfAFullBuild() throws IOException {
    assertIncrementalManifestIsTheFullOne("p.util.Labels");
  }

  @Test
  void incrementalBuild_afterAnImplementationChanged_writesTheManifestOfAFullBuild()
      throws IOException {
    assertIncrementalManifestIsTheFullOne("p.impl.ShipImpl");
  }

  private void assertIncrementalManifestIsTheFullOne(String changed) throws IOException {
    Path full = dir.resolve("full");
    javac(full, SOURCES.keySet(), Set.of(), List.of());
    String fullManifest = Files.readString(full.resolve("src/p/FlowManifest.java"));
    assertThat(fullManifest)
        .contains("new OrderImpl(new ShipStub())")
        .contains("new ShipDispatcher(new ShipImpl())");

    // What the aggregating processor wrote is deleted; the rest is the class path.
    Path previous = full.resolve("classes");
    for (String generated :
        List.of("p/FlowManifest.class", "p/FlowWorkerMain.class", "META-INF/services")) {
      deleteRecursively(previous.resolve(generated));
    }
    Set<String> reprocessed = new TreeSet<>(aggregatedTypes(new FlowManifestProcessor()));
    reprocessed.remove(changed);
    Path incremental = dir.resolve("incremental");
    javac(incremental, Set.of(changed), reprocessed, List.of(previous));

    assertThat(incremental.resolve("src/p/FlowManifest.java")).hasContent(fullManifest);
  }

  @Test
  void implementation_takingTheStubOfAnInterfaceWithAnUnderscore_fromAnotherCompilation_isListed()
      throws IOException {
    Path library = dir.resolve("library");
    Map<String, String> librarySources =
        Map.of(
            "p.Ship_Goods",
            String.join(
                "\n",
                "package p;",
                "import dev.flow.annotations.Activity;",
                "@Activity(version = \"1\")",
                "public interface Ship_Goods {",
                "  String ship(String item);",
                "}"));
    javac(library, librarySources, Set.of(), List.of());
    Path app = dir.resolve("app");
    Map<String, String> appSources = new TreeMap<>();
    appSources.put("p.Order", SOURCES.get("p.Order"));
    appSources.put(
        "p.OrderImpl",
        String.join(
            "\n",
            "package p;",
            "public final class OrderImpl implements Order {",
            "  private final Ship_GoodsStub ship;",
            "  public OrderImpl(Ship_GoodsStub ship) { this.ship = ship; }",
            "  public String place(String item) { return ship.ship(item).get(); }",
            "}"));

    javac(app, appSources, Set.of(), List.of(library.resolve("classes")));

    assertThat(Files.readString(app.resolve("src/p/FlowManifest.java")))
        .contains("OrderDefinition.of(() -> new OrderImpl(new Ship_GoodsStub()))");
  }

  /**
   * The types Gradle hands an aggregating processor again: every root type if it supports {@code
   * *}, else those annotated with one of its supported annotations.
   */
  private static Set<String> aggregatedTypes(FlowManifestProcessor processor) {
    if (processor.getSupportedAnnotationTypes().contains("*")) {
      return SOURCES.keySet();
    }
    return ANNOTATED;
  }

  private static void javac(Path out, Set<String> sources, Set<String> classes, List<Path> path)
      throws IOException {
    Map<String, String> chosen = new TreeMap<>();
    sources.forEach(name -> chosen.put(name, SOURCES.get(name)));
    javac(out, chosen, classes, path);
  }

  /** Compiles {@code sources} and processes {@code classes} by name; fails on any error. */
  private static void javac(
      Path out, Map<String, String> sources, Set<String> classes, List<Path> path)
      throws IOException {
    Path sourceDir = out.resolve("in");
    List<File> files = new ArrayList<>();
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = sourceDir.resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
      files.add(file.toFile());
    }
    Files.createDirectories(out.resolve("classes"));
    Files.createDirectories(out.resolve("src"));
    List<String> classPath = new ArrayList<>();
    path.forEach(p -> classPath.add(p.toString()));
    classPath.add(System.getProperty("java.class.path"));
    List<String> options =
        List.of(
            "-d",
            out.resolve("classes").toString(),
            "-s",
            out.resolve("src").toString(),
            "-classpath",
            String.join(File.pathSeparator, classPath),
            "-Xlint:all,-processing,-serial");
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files0 =
        compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      JavaCompiler.CompilationTask task =
          compiler.getTask(
              null,
              files0,
              diagnostics,
              options,
              classes.isEmpty() ? null : classes,
              files0.getJavaFileObjectsFromFiles(files));
      task.setProcessors(List.of(new FlowProcessor(), new FlowManifestProcessor()));
      boolean ok = task.call();
      assertThat(ok).as("javac: %s", diagnostics.getDiagnostics()).isTrue();
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p :
          (Iterable<Path>) all.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
        Files.delete(p);
      }
    }
  }
}
