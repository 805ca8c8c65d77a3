package dev.flow.cli;

import dev.flow.engine.LocalEngine;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flow serve}: the embedded engine as a server speaking the SWF API over HTTP. */
@Command(
    name = "serve",
    description = {
      "Run the embedded engine as a server: the Amazon SWF API (JSON 1.0) over HTTP, for worker"
          + " mains, this command line, the AWS CLI or any SWF client.",
      "Prints `listening on http://HOST:PORT`; stops cleanly on Ctrl-C or SIGTERM.",
      "Open http://HOST:PORT/ in a browser for the web view; GET /health and GET /metrics"
          + " (Prometheus) are for monitoring."
    })
final class ServeCommand extends CliCommand {
  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8080",
      description = "the port to listen on; 0 picks a free one [default ${DEFAULT-VALUE}]")
  int port;

  @Option(
      names = "--db",
      paramLabel = "FILE",
      defaultValue = "flow.db",
      description =
          "the SQLite file (created if missing); :memory: keeps nothing [default ${DEFAULT-VALUE}]")
  String db;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "the address to listen on; 0.0.0.0 for every interface [default ${DEFAULT-VALUE}]")
  String bind;

  @Option(
      names = "--sigv4",
      paramLabel = "KEY:SECRET",
      description =
          "require requests signed (AWS SigV4) with these credentials [env"
              + " FLOW_ENGINE_CREDENTIALS; default: no authentication]")
  String sigv4;

  @Option(
      names = "--ui-token",
      paramLabel = "TOKEN",
      description =
          "a token that opens the web view (with --sigv4, the key pair does too) [env"
              + " FLOW_UI_TOKEN; default: none]")
  String uiToken;

  @Option(
      names = "--log-requests",
      description = "log one line per request (logger dev.flow.engine.requests)")
  boolean logRequests;

  @Override
  int run() throws Exception {
    if (port < 0 || port > 65535) {
      throw CliException.usage("--port: expected a number from 0 to 65535, was " + port);
    }
    List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--db", db));
    args.addAll(List.of("--bind", bind));
    if (sigv4 != null) {
      args.addAll(List.of("--sigv4", sigv4));
    }
    if (uiToken != null) {
      args.addAll(List.of("--ui-token", uiToken));
    }
    if (logRequests) {
      args.add("--log-requests");
    }
    out().flush();
    // returns when the process is asked to stop
    LocalEngine.main(args.toArray(String[]::new), WebView.factory());
    return 0;
  }
}
