package dev.flow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command line is a user of Flow like any other: it reads and prints histories through the
 * public codec ({@code dev.flow.history.SwfJson}, {@code dev.flow.Histories}), never through the
 * runtime's internals, so what it shows a user can do, a user's tool can do too.
 */
class PublicApiOnlyTest {
  private static final Path MAIN = Path.of("src/main/java");

  @Test
  void mainSources_importNothingOfTheRuntimesInternals() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.walk(MAIN)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).toList();
    }
    List<String> internal = new ArrayList<>();
    for (Path source : sources) {
      for (String line : Files.readAllLines(source)) {
        if (line.startsWith("import dev.flow.internal.")
            || line.startsWith("import static dev.flow.internal.")) {
          internal.add(MAIN.relativize(source) + ": " + line);
        }
      }
    }

    assertThat(sources).as("the command line's sources under " + MAIN).hasSizeGreaterThan(20);
    assertThat(internal).isEmpty();
  }
}
