package dev.flow.cli;

import dev.flow.DataConverter;
import dev.flow.Histories;
import dev.flow.spi.Manifest;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.testing.NonDeterminismError;
import dev.flow.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/** {@code flow replay}: a recorded history against the given code. */
@Command(
    name = "replay",
    description = {
      "Replay a recorded history (of execution ID, or saved in a file by `flow history --json`"
          + " or the AWS CLI) against the workflow code in --classpath, found through the"
          + " FlowManifest the compiler generated there.",
      "Prints OK, or the first non-deterministic decision with both sides (exit 1)."
    })
final class ReplayCommand extends CliCommand {
  static final String MANIFEST_SERVICE = "META-INF/services/" + Manifest.class.getName();

  static final class Source {
    @Parameters(paramLabel = "ID", description = "the workflow id of the execution to replay")
    String workflowId;

    @Option(names = "--history", paramLabel = "FILE", description = "a saved history instead")
    Path history;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(
      names = "--run",
      paramLabel = "RUN_ID",
      description = "the run [default: the open run, else the latest]")
  String runId;

  @Option(
      names = {"--classpath", "-cp"},
      paramLabel = "APP.jar",
      required = true,
      split = "[:;]",
      description = "the application's jars or class directories (: separated)")
  List<Path> classpath;

  @Option(
      names = "--json",
      description = "print {ok, type, version, steps, events, closed, message}")
  boolean json;

  @Override
  int run() throws Exception {
    List<HistoryEvent> events;
    WorkflowExecution execution = null;
    String what;
    if (source.history != null) {
      if (!Files.isReadable(source.history)) {
        throw CliException.usage("--history: cannot read " + source.history);
      }
      try {
        events = Histories.fromJson(Files.readString(source.history));
      } catch (IllegalArgumentException e) {
        throw new CliException(source.history + " is not a history: " + e.getMessage());
      }
      what = source.history.toString();
    } else {
      try (Engine engine = engine()) {
        execution = Executions.find(engine, source.workflowId, runId);
        events = Executions.history(engine, execution);
      }
      what = source.workflowId + " (run " + execution.runId() + ")";
    }
    ExecutionHistory h;
    try {
      h = ExecutionHistory.of(events);
    } catch (IllegalArgumentException e) {
      throw new CliException(what + ": " + e.getMessage());
    }
    for (Path entry : classpath) {
      if (!Files.exists(entry)) {
        throw CliException.usage("--classpath: " + entry + " does not exist");
      }
    }
    URL[] urls = new URL[classpath.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = classpath.get(i).toUri().toURL();
    }
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(urls, FlowCli.class.getClassLoader())) {
      Thread.currentThread().setContextClassLoader(loader);
      WorkflowDefinition definition = definition(loader, h.workflowType(), h.workflowVersion());
      WorkflowReplayer.Result result;
      try {
        result = WorkflowReplayer.replay(definition, events, DataConverter.json(), execution);
      } catch (NonDeterminismError e) {
        if (json) {
          printJson(verdict(h, false, 0, events.size(), false, e.getMessage()));
        } else {
          err().println("NOT OK: " + e.getMessage());
        }
        return FlowCli.FAILED;
      } catch (IllegalArgumentException e) {
        throw new CliException("cannot replay " + what + ": " + e.getMessage());
      }
      if (json) {
        printJson(verdict(h, true, result.steps(), events.size(), result.closed(), null));
        return 0;
      }
      out()
          .println(
              "OK: "
                  + h.workflowType()
                  + " "
                  + h.workflowVersion()
                  + " replays "
                  + what
                  + ": "
                  + result.steps()
                  + " decision steps, "
                  + events.size()
                  + " events"
                  + (result.closed() ? ", closed the same way" : ", open"));
      return 0;
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode verdict(
      ExecutionHistory h, boolean ok, int steps, int events, boolean closed, String message) {
    var o = JSON.createObjectNode();
    o.put("ok", ok);
    o.put("type", h.workflowType());
    o.put("version", h.workflowVersion());
    o.put("steps", steps);
    o.put("events", events);
    o.put("closed", closed);
    o.put("message", message);
    return o;
  }

  /** The implementation of {@code type} {@code version} in the manifests of the class path. */
  private WorkflowDefinition definition(URLClassLoader loader, String type, String version)
      throws Exception {
    List<String> manifestClasses = new ArrayList<>();
    for (Path entry : classpath) {
      manifestClasses.addAll(manifests(entry));
    }
    if (manifestClasses.isEmpty()) {
      throw new CliException(
          "no FlowManifest in "
              + classpath
              + ": pass the application's jar (or classes"
              + " directory), compiled with flow-processor, which writes "
              + MANIFEST_SERVICE);
    }
    List<String> found = new ArrayList<>();
    for (String name : manifestClasses) {
      Manifest manifest =
          Class.forName(name, true, loader)
              .asSubclass(Manifest.class)
              .getDeclaredConstructor()
              .newInstance();
      for (WorkflowDefinition d : manifest.workflowImplementations()) {
        if (d.spec().name().equals(type) && d.spec().version().equals(version)) {
          return d;
        }
        found.add(d.spec().name() + " " + d.spec().version());
      }
    }
    throw new CliException(
        "the history is of workflow "
            + type
            + " "
            + version
            + ", which no implementation in "
            + classpath
            + " implements (found: "
            + (found.isEmpty() ? "none" : found)
            + ")");
  }

  /** The manifest classes a jar or class directory names in its service file. */
  private static List<String> manifests(Path entry) throws IOException {
    String text;
    if (Files.isDirectory(entry)) {
      Path file = entry.resolve(MANIFEST_SERVICE);
      if (!Files.exists(file)) {
        return List.of();
      }
      text = Files.readString(file);
    } else {
      try (JarFile jar = new JarFile(entry.toFile())) {
        ZipEntry service = jar.getEntry(MANIFEST_SERVICE);
        if (service == null) {
          return List.of();
        }
        try (InputStream in = jar.getInputStream(service)) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    List<String> names = new ArrayList<>();
    text.lines()
        .map(l -> l.replaceAll("#.*", "").strip())
        .filter(l -> !l.isEmpty())
        .forEach(names::add);
    return names;
  }
}
