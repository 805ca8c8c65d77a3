package dev.flow.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A user's project built by a Maven of its own, against the artifacts of this build only: they are
 * installed in a private local repository (invoker:install), and everything else comes from the
 * user's local repository read as a file mirror, so nothing is fetched from the network and nothing
 * is written to the shared local repository.
 */
final class FreshProject {
  private static final long BUILD_MINUTES = 8;

  final Path dir;

  private FreshProject(Path dir) {
    this.dir = dir;
  }

  /** A fresh copy of {@code src/it/<template>} (without its pom) under the work directory. */
  static FreshProject copyOf(String template) throws IOException {
    Path source = Path.of(property("flow.it.projects")).resolve(template);
    Path target = Path.of(property("flow.it.work")).resolve(template);
    deleteRecursively(target);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
    return new FreshProject(target);
  }

  /**
   * Adds the archetype's example (the {@code Hello} workflow, the {@code Greeter} activity and
   * their FlowExtension test) in package {@code packageName}, as {@code archetype:generate} would.
   */
  void addArchetypeExample(String packageName) throws IOException {
    Path templates = Path.of(property("flow.it.archetypeResources"));
    for (String tree : List.of("src/main/java", "src/test/java")) {
      try (Stream<Path> files = Files.list(templates.resolve(tree))) {
        for (Path template : (Iterable<Path>) files::iterator) {
          String text = Files.readString(template).replace("${package}", packageName);
          write(tree + "/" + packageName.replace('.', '/') + "/" + template.getFileName(), text);
        }
      }
    }
  }

  /** An empty directory for a project that a tool writes. */
  static FreshProject emptyDirectory(String name) throws IOException {
    Path target = Path.of(property("flow.it.work")).resolve(name);
    deleteRecursively(target);
    Files.createDirectories(target);
    return new FreshProject(target);
  }

  void write(String relativePath, String text) throws IOException {
    Path file = dir.resolve(relativePath);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** Runs {@code mvn} with {@code args} in {@code directory}, the output kept in a log file. */
  static Run mvn(Path directory, String... args) throws IOException, InterruptedException {
    Path work = Path.of(property("flow.it.work"));
    Path settings = work.resolve("settings.xml");
    Files.writeString(settings, settings(), StandardCharsets.UTF_8);
    List<String> command = new ArrayList<>();
    command.add(Path.of(property("flow.it.mavenHome"), "bin", "mvn").toString());
    command.add("-B");
    command.add("-s");
    command.add(settings.toString());
    command.add("-Dmaven.repo.local=" + property("flow.it.repository"));
    command.addAll(List.of(args));
    Path log = work.resolve(directory.getFileName() + "-mvn.log");
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("mvn did not finish in " + BUILD_MINUTES + " minutes; see " + log);
    }
    return new Run(command, process.exitValue(), Files.readString(log), log);
  }

  Run mvn(String... args) throws IOException, InterruptedException {
    return mvn(dir, args);
  }

  /** The user's local repository as the only remote: a file mirror of everything. */
  private static String settings() {
    String url = Path.of(property("flow.it.userRepository")).toUri().toString();
    return "<settings>\n"
        + "  <mirrors>\n"
        + "    <mirror>\n"
        + "      <id>user-local-repository</id>\n"
        + "      <mirrorOf>*</mirrorOf>\n"
        + "      <url>"
        + url
        + "</url>\n"
        + "    </mirror>\n"
        + "  </mirrors>\n"
        + "</settings>\n";
  }

  static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException(
          "system property " + name + " is not set: run this test through Maven (flow-it/pom.xml)");
    }
    return value;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .sorted((a, b) -> b.getNameCount() - a.getNameCount())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  /** A finished Maven run. */
  record Run(List<String> command, int exitCode, String output, Path log) {
    /** What an assertion shows when the build failed: the command and the end of its output. */
    String describe() {
      String tail = output.length() > 6000 ? output.substring(output.length() - 6000) : output;
      return String.join(" ", command)
          + " exited with "
          + exitCode
          + " (log "
          + log
          + "):\n"
          + tail;
    }
  }
}
