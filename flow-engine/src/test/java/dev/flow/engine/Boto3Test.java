package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party SWF client, Python's boto3 (Debian's {@code python3-boto3}, which {@code .ci/run}
 * installs), drives the engine's server through a whole workflow, signing with SigV4 as it does for
 * AWS; the server checks every signature. Skipped where {@code /usr/bin/python3} cannot import
 * boto3.
 */
class Boto3Test {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final String KEY = "AKIDBOTO3";
  private static final String SECRET = "boto3/secret+key";

  @TempDir Path dir;

  private final LocalEngine engine = LocalEngine.inMemory();
  private final LocalEngine.Server server =
      engine.serve(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
          new SigV4Verifier(KEY, SECRET, Clock.systemUTC()));

  @BeforeAll
  static void boto3IsInstalled() throws Exception {
    assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3 (apt-get install python3-boto3)");
    Process p =
        new ProcessBuilder(PYTHON.toString(), "-c", "import boto3")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      assumeTrue(
          p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0,
          "/usr/bin/python3 cannot import boto3 (apt-get install python3-boto3)");
    } finally {
      p.destroyForcibly();
    }
  }

  @AfterEach
  void close() {
    server.close();
    engine.close();
  }

  @Test
  void boto3_runsAWorkflowThroughTheServer() throws Exception {
    Result r = runScript(SECRET);

    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.lines())
        .contains(
            "fault UnknownResourceFault",
            "registered",
            "decision PyFlow hello",
            "activity upper-1 hello",
            "history WorkflowExecutionStarted,DecisionTaskScheduled,DecisionTaskStarted,"
                + "DecisionTaskCompleted,ActivityTaskScheduled,ActivityTaskStarted,"
                + "ActivityTaskCompleted,DecisionTaskScheduled,DecisionTaskStarted,"
                + "DecisionTaskCompleted,WorkflowExecutionCompleted",
            "closed CLOSED COMPLETED HELLO!");
    assertThat(r.lines()).anyMatch(l -> l.matches("started [0-9a-f-]{8,}"));
    assertThat(r.lines()).anyMatch(l -> l.matches("first event at \\d{4}-\\d\\d-\\d\\dT.*"));
  }

  @Test
  void boto3_withTheWrongSecret_isRefused() throws Exception {
    Result r = runScript("not-the-secret");

    assertThat(r.exit()).as(r.output()).isNotZero();
    assertThat(r.lines()).contains("fault InvalidSignatureException").doesNotContain("registered");
  }

  private Result runScript(String secret) throws IOException, InterruptedException {
    Path script = dir.resolve("boto3_lifecycle.py");
    try (var in = Boto3Test.class.getResourceAsStream("/boto3_lifecycle.py")) {
      Files.copy(in, script);
    }
    Path output = dir.resolve("out-" + System.nanoTime() + ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(PYTHON.toString(), script.toString(), server.endpoint().toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_ACCESS_KEY_ID", KEY);
    env.put("AWS_SECRET_ACCESS_KEY", secret);
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    Process p = pb.start();
    try {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("boto3 script finished").isTrue();
      String out = Files.readString(output, StandardCharsets.UTF_8);
      return new Result(p.exitValue(), out, out.lines().toList());
    } finally {
      p.destroyForcibly();
    }
  }

  private record Result(int exit, String output, List<String> lines) {}
}
