package dev.flow.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.swf.model.SwfException;

/**
 * The {@code flow} command: {@code java -jar flow.jar COMMAND [OPTIONS]}. Exit status 0 on success,
 * 1 when the command failed (or the execution it waited for did), 2 on a usage error.
 */
@Command(
    name = "flow",
    versionProvider = FlowCli.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Operate Flow workflows: start, list, inspect, profile, graph, replay, resume.",
    footer = {
      "",
      "Engines: embedded:FILE (the SQLite file of an embedded engine), http(s)://HOST:PORT (an"
          + " engine served with `flow serve`, or any SWF endpoint), aws or aws:REGION (Amazon"
          + " SWF, default credentials).",
      "Exit status: 0 done, 1 failed (or the execution did), 2 usage error."
    },
    subcommands = {
      ServeCommand.class,
      DomainsCommand.class,
      TypesCommand.class,
      StartCommand.class,
      ListCommand.class,
      DescribeCommand.class,
      HistoryCommand.class,
      ResultCommand.class,
      SignalCommand.class,
      CancelCommand.class,
      TerminateCommand.class,
      StatsCommand.class,
      GraphCommand.class,
      ReplayCommand.class,
      ResumeCommand.class,
    })
public final class FlowCli implements Callable<Integer> {
  /** Exit status of a command that failed. */
  public static final int FAILED = 1;

  /** Exit status of a usage error. */
  public static final int USAGE = 2;

  static final String DEFAULT_ENGINE = "embedded:flow.db";
  static final String DEFAULT_DOMAIN = "default";

  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      scope = ScopeType.INHERIT,
      description = "show this help and exit")
  boolean help;

  @Option(
      names = {"-V", "--version"},
      versionHelp = true,
      description = "print the version and exit")
  boolean version;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      scope = ScopeType.INHERIT,
      description =
          "embedded:FILE | http(s)://HOST:PORT | aws[:REGION] [env FLOW_ENGINE; default"
              + " embedded:flow.db]")
  String engine;

  @Option(
      names = "--domain",
      paramLabel = "NAME",
      scope = ScopeType.INHERIT,
      description = "the SWF domain [env FLOW_DOMAIN; default default]")
  String domain;

  private final Map<String, String> env;

  FlowCli(Map<String, String> env) {
    this.env = env;
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err, System.getenv()));
  }

  /**
   * Runs {@code args} writing to {@code out} and {@code err}, with {@code env} as the environment;
   * returns the exit status.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    CommandLine cli = commandLine(env);
    cli.setOut(out);
    cli.setErr(err);
    int status = cli.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  static CommandLine commandLine(Map<String, String> env) {
    CommandLine cli = new CommandLine(new FlowCli(env));
    cli.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          String message = message(e);
          line.getErr().println("flow " + line.getCommandName() + ": " + message);
          line.getErr().flush();
          return e instanceof CliException c ? c.exitCode() : FAILED;
        });
    cli.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine line = e.getCommandLine();
          line.getErr().println("flow " + line.getCommandName() + ": " + e.getMessage());
          line.getErr().println("See 'flow " + qualifiedName(line) + " --help'.");
          line.getErr().flush();
          return USAGE;
        });
    return cli;
  }

  private static String qualifiedName(CommandLine line) {
    String name = line.getCommandSpec().qualifiedName(" ");
    return name.startsWith("flow ") ? name.substring(5) : name;
  }

  static String message(Exception e) {
    if (e instanceof SwfException swf && swf.awsErrorDetails() != null) {
      String type = swf.awsErrorDetails().errorCode();
      String text = swf.awsErrorDetails().errorMessage();
      return (text == null ? "" : text) + (type == null ? "" : " (" + type + ")");
    }
    if (e instanceof SdkException && e.getMessage() != null) {
      return e.getMessage();
    }
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return USAGE;
  }

  /** The engine: --engine, else FLOW_ENGINE, else embedded:flow.db. */
  String engine() {
    return pick(engine, "FLOW_ENGINE", DEFAULT_ENGINE);
  }

  /** The domain: --domain, else FLOW_DOMAIN, else default. */
  String domain() {
    return pick(domain, "FLOW_DOMAIN", DEFAULT_DOMAIN);
  }

  Map<String, String> env() {
    return env;
  }

  private String pick(String option, String variable, String otherwise) {
    if (option != null && !option.isBlank()) {
      return option;
    }
    String value = env.get(variable);
    return value != null && !value.isBlank() ? value : otherwise;
  }

  /** The version printed by {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = FlowCli.class.getPackage().getImplementationVersion();
      return new String[] {"flow " + (v == null ? "(development build)" : v)};
    }
  }
}
