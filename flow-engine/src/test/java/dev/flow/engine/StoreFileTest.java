package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's file is named by a path and nothing else; one it cannot write says so. */
class StoreFileTest {
  @TempDir Path dir;

  @Test
  void aQuestionMarkInTheName_isPartOfTheName_notAnOption() throws Exception {
    Path file = dir.resolve("x.db?journal_mode=OFF");
    try (LocalEngine engine = LocalEngine.open(file)) {
      engine.client().registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1"));
      String mode = queryString(engine, "PRAGMA journal_mode");
      assertThat(mode).isEqualTo("wal");
    }
    assertThat(Files.isRegularFile(file)).as("the file named with its '?'").isTrue();
    assertThat(dir.resolve("x.db")).doesNotExist();
  }

  @Test
  void aFileUriForm_isAFileOfThatName_notADirectoryOrAUri() throws Exception {
    Path file = dir.resolve("file:y.db#frag%41");
    try (LocalEngine engine = LocalEngine.open(file)) {
      engine.client().registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1"));
    }
    assertThat(Files.isRegularFile(file)).isTrue();
    try (Stream<Path> entries = Files.list(dir)) {
      assertThat(entries.filter(Files::isDirectory)).isEmpty();
    }
    try (LocalEngine again = LocalEngine.open(file)) {
      assertThat(again.client().describeDomain(r -> r.name("d")).domainInfo().name())
          .isEqualTo("d");
    }
  }

  @Test
  void aFileThatCannotBeWritten_saysNotWritable() {
    // /proc takes no new files, even from root (who may write any read-only file).
    assertThatThrownBy(() -> LocalEngine.open(Path.of("/proc/flow-store-test.db")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/proc/flow-store-test.db")
        .hasMessageContaining("not writable")
        .hasMessageNotContaining("SQLITE");
  }

  private static String queryString(LocalEngine engine, String sql) {
    Engine core = engine.core();
    core.lock.lock();
    try {
      return core.store.queryString(sql);
    } finally {
      core.lock.unlock();
    }
  }
}
