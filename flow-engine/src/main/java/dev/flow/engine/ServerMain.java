package dev.flow.engine;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of {@link LocalEngine#main}: parses the arguments, opens the engine, serves it until the
 * process is stopped, then stops serving and closes the engine (nothing accepted is lost).
 */
final class ServerMain {
  static final String USAGE =
      """
      usage: java -jar flow-engine-server.jar [--port N] [--db FILE] [--bind ADDRESS] \
      [--sigv4 ACCESS_KEY:SECRET_KEY] [--log-requests] [--help]
        --port N          the port to listen on; 0 picks a free one [default 8080]
        --db FILE         the SQLite file (created if missing); :memory: keeps nothing \
      [default flow.db]
        --bind ADDRESS    the address to listen on; 0.0.0.0 for every interface \
      [default 127.0.0.1]
        --sigv4 KEY:SECRET  require requests signed (AWS SigV4) with these credentials
                          [env FLOW_ENGINE_CREDENTIALS; default: no authentication]
        --log-requests    log one line per request (logger dev.flow.engine.requests)
        --ui-token TOKEN  a token that opens the web view of flow serve [env FLOW_UI_TOKEN]
        GET /health and GET /metrics (Prometheus) answer beside SWF's POST /.
        --help            print this and exit\
      """;

  private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);

  private static final java.util.Set<String> VALUED =
      java.util.Set.of("--port", "--db", "--bind", "--sigv4", "--ui-token");

  private ServerMain() {}

  /** What the arguments ask for. */
  record Options(
      int port,
      String db,
      String bind,
      String credentials,
      boolean logRequests,
      String uiToken,
      boolean help) {
    Options(int port, String db, String bind, String credentials, boolean help) {
      this(port, db, bind, credentials, false, null, help);
    }
  }

  /** Arguments that cannot be used; the message names the bad one. */
  static final class BadArguments extends Exception {
    private static final long serialVersionUID = 1L;

    BadArguments(String message) {
      super(message);
    }
  }

  static void main(String[] args, WebPages.Factory pages) throws Exception {
    Options options;
    try {
      options = parse(args, System.getenv());
    } catch (BadArguments e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(USAGE);
      return;
    }
    SigV4Verifier verifier =
        options.credentials() == null ? null : SigV4Verifier.parse(options.credentials());
    LocalEngine engine;
    try {
      LocalEngine.Builder builder = LocalEngine.builder();
      try {
        builder.meterRegistry(prometheusRegistry());
      } catch (LinkageError noMicrometer) {
        LOG.info(
            "GET /metrics is off: add io.micrometer:micrometer-registry-prometheus to the class"
                + " path to turn it on");
      }
      if (!options.db().equals(":memory:")) {
        builder.file(Path.of(options.db()));
      }
      engine = builder.build();
    } catch (RuntimeException e) {
      LOG.error("cannot open the engine in {}: {}", options.db(), e.getMessage());
      System.err.println("cannot open the engine in " + options.db() + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    LocalEngine.Server server;
    try {
      server =
          engine.serve(
              new InetSocketAddress(InetAddress.getByName(options.bind()), options.port()),
              verifier,
              options.logRequests(),
              pages == null
                  ? null
                  : pages.create(engine.client(), options.credentials(), options.uiToken()));
    } catch (UncheckedIOException | UnknownHostException e) {
      engine.close();
      LOG.error("cannot serve the engine: {}", e.getMessage());
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    dev.flow.internal.Signals.onStop(
        signal ->
            LOG.info(
                "SIG{} received: stopping the engine ({} request(s) in flight end now)",
                signal,
                server.inFlight()));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    engine.close(); // long polls in progress return empty tasks
                    server.close();
                    LOG.info(
                        "stopped; the store {} is closed, nothing accepted is lost", options.db());
                  } finally {
                    stopped.countDown();
                  }
                },
                "flow-engine-shutdown"));
    LOG.info(
        "Flow engine started: store {}, {}, listening on {}",
        options.db(),
        verifier != null ? "SigV4 signatures required" : "no authentication",
        server.endpoint());
    printListening(System.out, server, options, verifier != null);
    stopped.await();
  }

  /** The registry {@code GET /metrics} reads: Prometheus. */
  static io.micrometer.core.instrument.MeterRegistry prometheusRegistry() {
    return new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
        io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
  }

  private static void printListening(
      PrintStream out, LocalEngine.Server server, Options options, boolean signed) {
    out.println("listening on " + server.endpoint());
    out.println(
        "Flow engine: "
            + (options.db().equals(":memory:") ? "in memory" : "store " + options.db())
            + (signed ? ", SigV4 signatures required" : ", no authentication")
            + ". Stop with Ctrl-C or SIGTERM.");
    out.flush();
  }

  /** Parses {@code args} over the defaults of {@code env}, without exiting or opening anything. */
  static Options parse(String[] args, Map<String, String> env) throws BadArguments {
    int port = 8080;
    String db = "flow.db";
    String bind = "127.0.0.1";
    String credentials = env.get("FLOW_ENGINE_CREDENTIALS");
    String credentialsFrom = credentials == null ? null : "FLOW_ENGINE_CREDENTIALS (environment)";
    if (credentials != null && credentials.isEmpty()) {
      credentials = null;
    }
    boolean help = false;
    boolean logRequests = false;
    String uiToken = env.get("FLOW_UI_TOKEN");
    if (uiToken != null && uiToken.isEmpty()) {
      uiToken = null;
    }
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else if (VALUED.contains(arg)) {
        value = i + 1 < args.length ? args[++i] : null;
      }
      switch (name) {
        case "--help", "-h" -> help = true;
        case "--port" -> {
          try {
            port = Integer.parseInt(need(name, value));
          } catch (NumberFormatException e) {
            throw new BadArguments(
                "--port: expected a number from 0 to 65535, was '" + value + "'");
          }
          if (port < 0 || port > 65535) {
            throw new BadArguments("--port: expected a number from 0 to 65535, was " + port);
          }
        }
        case "--db" -> db = need(name, value);
        case "--bind" -> bind = need(name, value);
        case "--ui-token" -> uiToken = need(name, value);
        case "--log-requests" -> logRequests = true;
        case "--sigv4" -> {
          credentials = need(name, value);
          credentialsFrom = "--sigv4";
        }
        default ->
            throw new BadArguments(
                "unknown argument '"
                    + arg
                    + "'; accepted: --port N, --db FILE, --bind ADDRESS, --sigv4 KEY:SECRET,"
                    + " --log-requests, --help");
      }
    }
    if (credentials != null) {
      try {
        SigV4Verifier.parse(credentials);
      } catch (IllegalArgumentException e) {
        throw new BadArguments(credentialsFrom + ": " + e.getMessage());
      }
    }
    return new Options(port, db, bind, credentials, logRequests, uiToken, help);
  }

  private static String need(String name, String value) throws BadArguments {
    if (value == null || value.isEmpty() || value.startsWith("--")) {
      throw new BadArguments(name + " needs a value; see --help");
    }
    return value;
  }
}
