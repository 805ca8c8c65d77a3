package dev.flow.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/** Compiles test sources with both Flow processors and loads what came out. */
final class Compilations {
  private Compilations() {}

  /** The lint options of the project's own builds: every warning but processing and serial. */
  static final List<String> LINT = List.of("-Xlint:all,-processing,-serial");

  static Compilation compile(JavaFileObject... sources) {
    return compile(List.of(), sources);
  }

  static Compilation compile(List<String> options, JavaFileObject... sources) {
    List<String> all = new ArrayList<>(LINT);
    all.addAll(options);
    return javac()
        .withProcessors(new FlowProcessor(), new FlowManifestProcessor())
        .withOptions(all)
        .compile(sources);
  }

  /** A source file {@code name} (a qualified class name) with the given lines. */
  static JavaFileObject source(String name, String... lines) {
    return JavaFileObjects.forSourceLines(name, lines);
  }

  static String generatedSource(Compilation compilation, String qualifiedName) {
    JavaFileObject file =
        compilation
            .generatedSourceFile(qualifiedName)
            .orElseThrow(() -> new AssertionError("not generated: " + qualifiedName));
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The generated source with every run of whitespace made one space, to match code in it. */
  static String flatSource(Compilation compilation, String qualifiedName) {
    return generatedSource(compilation, qualifiedName).replaceAll("\\s+", " ");
  }

  static String generatedResource(Compilation compilation, String path) {
    JavaFileObject file =
        compilation
            .generatedFile(StandardLocation.CLASS_OUTPUT, path)
            .orElseThrow(() -> new AssertionError("not generated: " + path));
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs javac with both processors over sources that do not compile, and returns the paths of the
   * sources the processors generated anyway, sorted (compile-testing hides those).
   */
  static List<String> generatedNamesOfFailingCompilation(JavaFileObject... sources)
      throws IOException {
    Path out = Files.createTempDirectory("flow-processor-test");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> options =
        List.of(
            "-proc:only",
            "-s",
            out.toString(),
            "-classpath",
            System.getProperty("java.class.path"));
    JavaCompiler.CompilationTask task =
        javac.getTask(null, null, diagnostic -> {}, options, null, List.of(sources));
    task.setProcessors(List.of(new FlowProcessor(), new FlowManifestProcessor()));
    if (task.call()) {
      throw new AssertionError("expected the compilation to fail");
    }
    List<String> generated;
    try (Stream<Path> files = Files.walk(out)) {
      generated =
          files
              .filter(Files::isRegularFile)
              .map(f -> out.relativize(f).toString().replace(java.io.File.separatorChar, '/'))
              .sorted()
              .toList();
    }
    try (Stream<Path> files = Files.walk(out)) {
      for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
    return generated;
  }

  /** A class loader over the class files of a compilation, the runtime coming from the test's. */
  static ClassLoader classLoader(Compilation compilation) {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = file.toUri().getPath();
      String marker = "/" + StandardLocation.CLASS_OUTPUT.getName() + "/";
      int start = path.indexOf(marker);
      String name =
          path.substring(start < 0 ? 1 : start + marker.length(), path.length() - ".class".length())
              .replace('/', '.');
      try (InputStream in = file.openInputStream()) {
        classes.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new ClassLoader(Compilations.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
  }
}
