package dev.flow.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flow.spi.WorkerMain.Arguments;
import dev.flow.spi.WorkerMain.BadArguments;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerMainTest {
  static Arguments parse(Map<String, String> env, String... args) throws BadArguments {
    return WorkerMain.parse(args, env);
  }

  @Test
  void noArguments_noEnvironment_areTheDefaults() throws Exception {
    assertThat(parse(Map.of()))
        .isEqualTo(new Arguments("embedded:flow.db", "default", null, null, false));
  }

  @Test
  void environment_setsEngineDomainAndTaskList() throws Exception {
    assertThat(
            parse(
                Map.of(
                    "FLOW_ENGINE", "http://localhost:8642",
                    "FLOW_DOMAIN", "media",
                    "FLOW_TASK_LIST", "gpu",
                    "FLOW_BLOBS", "/var/flow/blobs")))
        .isEqualTo(
            new Arguments("http://localhost:8642", "media", "gpu", "/var/flow/blobs", false));
  }

  @Test
  void arguments_winOverTheEnvironment_inBothForms() throws Exception {
    assertThat(
            parse(
                Map.of("FLOW_ENGINE", "aws", "FLOW_DOMAIN", "media"),
                "--engine",
                "embedded",
                "--domain=video",
                "--task-list",
                "gpu",
                "--blobs=s3://bucket/flow/"))
        .isEqualTo(new Arguments("embedded", "video", "gpu", "s3://bucket/flow/", false));
  }

  @Test
  void help_isRecognized() throws Exception {
    assertThat(parse(Map.of(), "--help").help()).isTrue();
  }

  @Test
  void badEngine_namesTheArgumentAndTheAcceptedForms_withExitCode2() {
    assertThatThrownBy(() -> parse(Map.of(), "--engine", "sqlite:flow.db"))
        .isInstanceOfSatisfying(BadArguments.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessageContaining("--engine: bad engine 'sqlite:flow.db'")
        .hasMessageContaining(
            "embedded, embedded:FILE, http://HOST:PORT, https://HOST:PORT, aws or aws:REGION");
  }

  @Test
  void badEngineInTheEnvironment_namesTheVariable() {
    assertThatThrownBy(() -> parse(Map.of("FLOW_ENGINE", "local")))
        .isInstanceOf(BadArguments.class)
        .hasMessageContaining("FLOW_ENGINE (environment): bad engine 'local'");
  }

  @Test
  void unknownArgument_isNamed() {
    assertThatThrownBy(() -> parse(Map.of(), "--engin", "embedded"))
        .isInstanceOf(BadArguments.class)
        .hasMessageContaining("unknown argument '--engin'")
        .hasMessageContaining(
            "--engine ENGINE, --domain NAME, --task-list NAME, --blobs LOCATION, --help");
  }

  @Test
  void missingValue_isNamed() {
    assertThatThrownBy(() -> parse(Map.of(), "--domain"))
        .isInstanceOf(BadArguments.class)
        .hasMessageContaining("--domain needs a value");
    assertThatThrownBy(() -> parse(Map.of(), "--engine", "--domain", "x"))
        .isInstanceOf(BadArguments.class)
        .hasMessageContaining("--engine needs a value: embedded, embedded:FILE");
    assertThatThrownBy(() -> parse(Map.of(), "--task-list="))
        .isInstanceOf(BadArguments.class)
        .hasMessageContaining("--task-list needs a value");
    assertThatThrownBy(() -> parse(Map.of(), "--blobs"))
        .isInstanceOf(BadArguments.class)
        .hasMessageContaining("--blobs needs a value: --blobs DIR|s3://BUCKET/PREFIX");
    assertThatThrownBy(() -> parse(Map.of(), "--blobs", "s3://"))
        .isInstanceOf(BadArguments.class)
        .hasMessageContaining("--blobs: s3://BUCKET/PREFIX needs a bucket");
  }

  @Test
  void run_withHelp_printsTheUsageAndReturns() throws Exception {
    java.io.PrintStream out = System.out;
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      WorkerMain.run(null, new String[] {"--help"});
    } finally {
      System.setOut(out);
    }
    assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("usage: ")
        .contains("--engine ENGINE");
  }

  @Test
  void usage_listsEveryArgument() {
    assertThat(WorkerMain.USAGE)
        .contains(
            "--engine ENGINE", "--domain NAME", "--task-list NAME", "--blobs LOCATION", "--help")
        .contains("FLOW_ENGINE", "FLOW_DOMAIN", "FLOW_TASK_LIST", "FLOW_BLOBS");
  }
}
