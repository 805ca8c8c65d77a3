package dev.flow.spi;

import dev.flow.BlobStore;
import dev.flow.FlowClient;
import dev.flow.FlowException;
import dev.flow.Worker;
import dev.flow.internal.client.Engines;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The body of generated worker mains: hosts the implementations of a {@link Manifest} until the
 * process is stopped (SIGTERM, SIGINT), then closes the worker (letting running tasks finish) and
 * the engine connection.
 *
 * <p>Arguments (each also read from the environment variable in brackets; an argument wins): {@code
 * --engine embedded[:FILE]|http(s)://HOST:PORT|aws[:REGION]} [FLOW_ENGINE, default {@code
 * embedded:flow.db}], {@code --domain NAME} [FLOW_DOMAIN, default {@code default}], {@code
 * --task-list NAME} to poll one task list instead of the declared ones [FLOW_TASK_LIST], {@code
 * --blobs DIR|s3://BUCKET/PREFIX} the blob store of payloads too large for SWF, which must be the
 * one the domain's clients use ({@code FlowClient.builder().blobStore}) [FLOW_BLOBS], {@code
 * --help}. Both {@code --name value} and {@code --name=value} are accepted. Bad arguments print
 * what is wrong and the usage to standard error and exit with status 2.
 */
public final class WorkerMain {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WorkerMain.class);

  static final String USAGE =
      """
      usage: <worker main> [--engine ENGINE] [--domain NAME] [--task-list NAME] \
      [--blobs LOCATION] [--help]
        --engine ENGINE    embedded, embedded:FILE, http://HOST:PORT, https://HOST:PORT, aws \
      or aws:REGION
                           [env FLOW_ENGINE; default embedded:flow.db]
        --domain NAME      the SWF domain [env FLOW_DOMAIN; default default]
        --task-list NAME   poll only this task list, for every hosted type
                           [env FLOW_TASK_LIST; default: the task lists the types declare]
        --blobs LOCATION   keep payloads over SWF's 32,768 characters in a directory or in
                           s3://BUCKET/PREFIX, as the domain's clients do [env FLOW_BLOBS;
                           default: none, such payloads are refused]
        --help             print this and exit\
      """;

  private WorkerMain() {}

  /** Parses {@code args}, hosts {@code manifest}'s implementations, and blocks until stopped. */
  public static void run(Manifest manifest, String[] args) throws Exception {
    Arguments arguments;
    try {
      arguments = parse(args, System.getenv());
    } catch (BadArguments e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (arguments.help()) {
      System.out.println(USAGE);
      return;
    }
    FlowClient.Builder client =
        FlowClient.builder().engine(arguments.engine()).domain(arguments.domain());
    if (arguments.blobs() != null) {
      try {
        client.blobStore(BlobStore.at(arguments.blobs()));
      } catch (FlowException | IllegalArgumentException e) {
        System.err.println(
            "cannot use the blob store " + arguments.blobs() + ": " + e.getMessage());
        System.exit(1);
        return;
      }
    }
    FlowClient flow;
    try {
      flow = client.build();
    } catch (FlowException e) {
      System.err.println("cannot connect to " + arguments.engine() + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    Worker worker;
    try {
      worker = Worker.builder(flow).manifest(manifest).taskList(arguments.taskList()).build();
      worker.start();
    } catch (FlowException e) {
      flow.close();
      System.err.println("cannot start the worker: " + e.getMessage());
      System.exit(1);
      return;
    } catch (RuntimeException e) {
      flow.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    dev.flow.internal.Signals.onStop(
        signal ->
            LOG.info(
                "SIG{} received: stopping the worker of domain {}; running tasks get the grace"
                    + " period to finish",
                signal,
                arguments.domain()));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    worker.close();
                    LOG.info("worker stopped");
                  } finally {
                    flow.close();
                    stopped.countDown();
                  }
                },
                "flow-worker-shutdown"));
    printStarted(System.out, arguments, worker);
    stopped.await();
  }

  private static void printStarted(PrintStream out, Arguments a, Worker worker) {
    out.println(
        "Flow worker on "
            + a.engine()
            + ", domain "
            + a.domain()
            + ": decision task lists "
            + worker.decisionTaskLists()
            + ", activity task lists "
            + worker.activityTaskLists()
            + ". Stop with Ctrl-C or SIGTERM.");
  }

  /** What the arguments ask for. */
  record Arguments(String engine, String domain, String taskList, String blobs, boolean help) {}

  /** Arguments that cannot be used; the message names the bad one and the accepted forms. */
  static final class BadArguments extends Exception {
    private static final long serialVersionUID = 1L;

    BadArguments(String message) {
      super(message);
    }

    /** The exit status of a worker main given bad arguments. */
    int exitCode() {
      return 2;
    }
  }

  /** Parses {@code args} over the defaults of {@code env}, without exiting or connecting. */
  static Arguments parse(String[] args, Map<String, String> env) throws BadArguments {
    String engine = nonEmpty(env.get("FLOW_ENGINE"), "embedded:flow.db");
    String domain = nonEmpty(env.get("FLOW_DOMAIN"), "default");
    String taskList = nonEmpty(env.get("FLOW_TASK_LIST"), null);
    String blobs = nonEmpty(env.get("FLOW_BLOBS"), null);
    String engineFrom = env.get("FLOW_ENGINE") == null ? null : "FLOW_ENGINE";
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (name) {
        case "--help", "-h" -> {
          if (value != null) {
            throw new BadArguments("--help takes no value, was given '" + value + "'");
          }
          help = true;
        }
        case "--engine" -> {
          engine = value(name, value, args, i);
          engineFrom = null;
          i += value == null ? 1 : 0;
        }
        case "--domain" -> {
          domain = value(name, value, args, i);
          i += value == null ? 1 : 0;
        }
        case "--task-list" -> {
          taskList = value(name, value, args, i);
          i += value == null ? 1 : 0;
        }
        case "--blobs" -> {
          blobs = value(name, value, args, i);
          i += value == null ? 1 : 0;
        }
        default ->
            throw new BadArguments(
                "unknown argument '"
                    + arg
                    + "'; accepted: --engine ENGINE, --domain NAME, --task-list NAME,"
                    + " --blobs LOCATION, --help");
      }
    }
    try {
      Engines.parse(engine);
    } catch (IllegalArgumentException e) {
      throw new BadArguments(
          (engineFrom == null ? "--engine: " : engineFrom + " (environment): ") + e.getMessage());
    }
    if (domain.isBlank() || domain.length() > 256) {
      throw new BadArguments(
          "--domain: a domain name is 1 to 256 characters, was '" + domain + "'");
    }
    if (taskList != null && (taskList.isBlank() || taskList.length() > 256)) {
      throw new BadArguments(
          "--task-list: a task list name is 1 to 256 characters, was '" + taskList + "'");
    }
    if (blobs != null && blobs.startsWith("s3://") && blobs.length() <= "s3://".length()) {
      throw new BadArguments("--blobs: s3://BUCKET/PREFIX needs a bucket, was '" + blobs + "'");
    }
    return new Arguments(engine, domain, taskList, blobs, help);
  }

  private static String value(String name, String inline, String[] args, int i)
      throws BadArguments {
    String value = inline != null ? inline : i + 1 < args.length ? args[i + 1] : null;
    if (value == null || value.isEmpty() || (inline == null && value.startsWith("--"))) {
      throw new BadArguments(name + " needs a value: " + expected(name));
    }
    return value;
  }

  private static String expected(String name) {
    return switch (name) {
      case "--engine" -> Engines.FORMS;
      case "--domain" -> "--domain NAME";
      case "--blobs" -> "--blobs DIR|s3://BUCKET/PREFIX";
      default -> "--task-list NAME";
    };
  }

  private static String nonEmpty(String value, String otherwise) {
    return value == null || value.isEmpty() ? otherwise : value;
  }
}
