package dev.flow.cli;

import java.nio.file.Path;

/** The commands on {@code --engine embedded:FILE}, sharing the file's engine with the worker. */
class EmbeddedCommandsTest extends CommandsTest {
  @Override
  SampleRuns open(Path dir) throws Exception {
    return SampleRuns.embedded(dir);
  }
}
