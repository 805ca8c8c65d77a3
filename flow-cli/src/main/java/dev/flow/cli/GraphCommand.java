package dev.flow.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/** {@code flow graph ID}: the execution as a dependency graph, in DOT or SVG. */
@Command(
    name = "graph",
    description = {
      "Draw an execution: a node per call (activity with its attempts folded in, child, timer,"
          + " signal received, marker), coloured by outcome (green completed, red failed, orange"
          + " timed out, grey canceled, blue open) and labelled with its duration; solid edges for"
          + " data dependencies (a promise passed as an argument), dashed ones for waits (results"
          + " the code had seen when it made the call). A history without Flow's dependency"
          + " records is drawn in timeline order.",
      "SVG needs Graphviz's `dot` on the PATH."
    })
final class GraphCommand extends CliCommand {
  @Mixin ExecutionId id;

  @Option(
      names = "--format",
      paramLabel = "dot|svg",
      description = "dot (Graphviz source) or svg [default: svg when --out ends in .svg, else dot]")
  String format;

  @Option(names = "--out", paramLabel = "FILE", description = "write to FILE [default: stdout]")
  Path outFile;

  @Override
  int run() throws Exception {
    String f =
        format != null
            ? format.toLowerCase(java.util.Locale.ROOT)
            : outFile != null && outFile.toString().endsWith(".svg") ? "svg" : "dot";
    if (!f.equals("dot") && !f.equals("svg")) {
      throw CliException.usage("--format: expected dot or svg, got '" + format + "'");
    }
    String dot;
    try (Engine engine = engine()) {
      WorkflowExecution execution = id.find(engine);
      ExecutionHistory h = Executions.decoded(engine, execution);
      dot = ExecutionGraph.of(h).toDot(title(h, execution));
    }
    byte[] bytes = f.equals("dot") ? dot.getBytes(StandardCharsets.UTF_8) : svg(dot);
    if (outFile != null) {
      Files.write(outFile, bytes);
      out().println("wrote " + outFile);
    } else {
      out().print(new String(bytes, StandardCharsets.UTF_8));
    }
    return 0;
  }

  static String title(ExecutionHistory h, WorkflowExecution execution) {
    return h.workflowType()
        + " "
        + h.workflowVersion()
        + "  "
        + execution.workflowId()
        + "  "
        + h.status().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
        + " after "
        + Format.duration(Duration.between(h.startTime(), h.endTime()));
  }

  /** Where Graphviz's dot is, or null. */
  static Path findDot() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator, -1)) {
      if (dir.isEmpty()) {
        continue;
      }
      for (String name : new String[] {"dot", "dot.exe"}) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  /** {@code dot -Tsvg} of {@code dot}. */
  static byte[] svg(String dot) throws IOException, InterruptedException {
    Path binary = findDot();
    if (binary == null) {
      throw new CliException(
          "SVG needs Graphviz's `dot`, which is not on the PATH: install Graphviz (apt-get install"
              + " graphviz, brew install graphviz), or use --format dot and render it elsewhere");
    }
    Process process = new ProcessBuilder(binary.toString(), "-Tsvg").start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(dot.getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream svg = new ByteArrayOutputStream();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    Thread drain = new Thread(() -> copy(process.getErrorStream(), errors));
    drain.start();
    copy(process.getInputStream(), svg);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new CliException("`dot -Tsvg` did not finish within 60 s");
    }
    drain.join();
    if (process.exitValue() != 0) {
      throw new CliException(
          "`dot -Tsvg` failed (exit "
              + process.exitValue()
              + "): "
              + errors.toString(StandardCharsets.UTF_8).strip());
    }
    return svg.toByteArray();
  }

  private static void copy(InputStream from, ByteArrayOutputStream to) {
    try (from) {
      from.transferTo(to);
    } catch (IOException e) {
      // the process ended; what was read is what there is
    }
  }
}
