package dev.flow.cli;

import java.nio.file.Path;

/** The commands on {@code --engine http://127.0.0.1:PORT}, the engine served over HTTP. */
class HttpCommandsTest extends CommandsTest {
  @Override
  SampleRuns open(Path dir) throws Exception {
    return SampleRuns.http(dir);
  }
}
