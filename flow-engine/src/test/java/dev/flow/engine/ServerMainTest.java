package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;

/** The engine as a server process: its arguments, and a real process started and stopped. */
class ServerMainTest {
  @TempDir Path dir;

  @Test
  void noArguments_areTheDefaults() throws Exception {
    assertThat(ServerMain.parse(new String[0], Map.of()))
        .isEqualTo(new ServerMain.Options(8080, "flow.db", "127.0.0.1", null, false));
  }

  @Test
  void everyArgument_inBothForms() throws Exception {
    assertThat(
            ServerMain.parse(
                new String[] {"--port", "0", "--db=:memory:", "--bind", "0.0.0.0", "--sigv4=k:s"},
                Map.of()))
        .isEqualTo(new ServerMain.Options(0, ":memory:", "0.0.0.0", "k:s", false));
  }

  @Test
  void credentials_fromTheEnvironment_unlessGiven() throws Exception {
    Map<String, String> env = Map.of("FLOW_ENGINE_CREDENTIALS", "env:secret");
    assertThat(ServerMain.parse(new String[0], env).credentials()).isEqualTo("env:secret");
    assertThat(ServerMain.parse(new String[] {"--sigv4", "arg:secret"}, env).credentials())
        .isEqualTo("arg:secret");
  }

  @Test
  void badArguments_sayWhatIsWrong() {
    assertThatThrownBy(() -> ServerMain.parse(new String[] {"--port", "http"}, Map.of()))
        .hasMessageContaining("--port: expected a number from 0 to 65535, was 'http'");
    assertThatThrownBy(() -> ServerMain.parse(new String[] {"--port", "70000"}, Map.of()))
        .hasMessageContaining("--port");
    assertThatThrownBy(() -> ServerMain.parse(new String[] {"--db"}, Map.of()))
        .hasMessageContaining("--db needs a value");
    assertThatThrownBy(() -> ServerMain.parse(new String[] {"--sigv4", "nocolon"}, Map.of()))
        .hasMessageContaining("--sigv4: credentials must be ACCESS_KEY:SECRET_KEY");
    assertThatThrownBy(
            () -> ServerMain.parse(new String[0], Map.of("FLOW_ENGINE_CREDENTIALS", ":x")))
        .hasMessageContaining("FLOW_ENGINE_CREDENTIALS (environment)");
    assertThatThrownBy(() -> ServerMain.parse(new String[] {"--verbose"}, Map.of()))
        .hasMessageContaining("unknown argument '--verbose'");
  }

  @Test
  void serverProcess_servesItsFile_andStopsCleanlyOnSigterm() throws Exception {
    Path db = dir.resolve("server.db");
    Process server = startServer(db, "--log-requests");
    try {
      URI endpoint = URI.create(awaitListening(server));
      assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
      try (SwfClient swf =
          SwfClient.builder()
              .endpointOverride(endpoint)
              .region(Region.US_EAST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
              .build()) {
        swf.registerDomain(r -> r.name("kept").workflowExecutionRetentionPeriodInDays("1"));
      }
      // SIGTERM; Process.destroy() would also close our end of its output before reading it all
      server.toHandle().destroy();
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
      assertThat(server.exitValue()).isIn(0, 143);
      READERS.get(server).join(10_000); // the rest of the output, to its end
      String log = OUTPUT.get(server).toString();
      assertThat(log)
          .contains("Flow engine started: store " + db)
          .containsPattern("POST RegisterDomain 200 - \\d+ ms 127.0.0.1")
          .contains("SIGTERM received: stopping the engine");
    } finally {
      server.destroyForcibly();
    }
    try (LocalEngine engine = LocalEngine.open(db)) {
      assertThat(engine.client().describeDomain(r -> r.name("kept")).domainInfo().name())
          .isEqualTo("kept");
    }
  }

  /** Starts {@code LocalEngine.main} in a JVM of its own, on a free port. */
  static Process startServer(Path db, String... more) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add("dev.flow.engine.LocalEngine");
    command.add("--port");
    command.add("0");
    command.add("--db");
    command.add(db.toString());
    command.addAll(List.of(more));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Everything each server process printed so far (stdout and stderr, with its log). */
  static final java.util.Map<Process, StringBuffer> OUTPUT =
      new java.util.concurrent.ConcurrentHashMap<>();

  static final java.util.Map<Process, Thread> READERS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The endpoint the server prints once it listens (within 60 s). */
  static String awaitListening(Process server) throws Exception {
    CompletableFuture<String> endpoint = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                StringBuffer seen = OUTPUT.computeIfAbsent(server, p -> new StringBuffer());
                while ((line = in.readLine()) != null) {
                  seen.append(line).append('\n');
                  if (line.startsWith("listening on ")) {
                    endpoint.complete(line.substring("listening on ".length()));
                  }
                }
                endpoint.completeExceptionally(new AssertionError("server exited:\n" + seen));
              } catch (Exception e) {
                endpoint.completeExceptionally(e);
              }
            },
            "server-output");
    reader.setDaemon(true);
    READERS.put(server, reader);
    reader.start();
    return endpoint.get(60, TimeUnit.SECONDS);
  }
}
