package dev.flow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flow serve} in a process of its own, reached by the command line over HTTP. */
class ServeCommandTest {
  @Test
  void serve_listensOnAFreePort_andKeepsWhatItWasGiven(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("served.db");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process server =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                FlowCli.class.getName(),
                "serve",
                "--port",
                "0",
                "--db",
                db.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start(); // stderr: the server's log
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      assertThat(first).startsWith("listening on http://127.0.0.1:");
      String endpoint = first.substring("listening on ".length());
      assertThat(out.readLine())
          .isEqualTo(
              "Flow engine: store " + db + ", no authentication. Stop with Ctrl-C or SIGTERM.");

      Cli cli = new Cli(endpoint, "served");
      assertThat(cli.run("domains", "register").out())
          .isEqualTo("registered domain served (retention 7 days)\n");
      assertThat(cli.run("domains", "list", "--json").out()).contains("\"name\" : \"served\"");
    } finally {
      server.destroy(); // SIGTERM: the server closes its store cleanly
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Files.size(db)).isPositive();
    Cli.Run after = new Cli("embedded:" + db, "served").run("domains", "describe", "--json");
    assertThat(after.out()).contains("\"status\" : \"REGISTERED\"");
  }

  @Test
  void serve_rejectsAPortOutOfRange() {
    Cli.Run run = new Cli(null, null).raw("serve", "--port", "70000");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("--port: expected a number from 0 to 65535, was 70000");
    assertThat(new Cli(null, null).raw("serve", "--port", "x").err())
        .contains("Invalid value for option '--port': 'x' is not an int");
    assertThat(List.of(new Cli(null, null).raw("serve", "--help").out().split("\n")))
        .anyMatch(l -> l.contains("--sigv4=KEY:SECRET"));
  }
}
