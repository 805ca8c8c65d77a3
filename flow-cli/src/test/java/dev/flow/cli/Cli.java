package dev.flow.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the command line in process, as a user would from a shell. */
final class Cli {
  /** What a run printed and its exit status. */
  record Run(int status, String out, String err) {
    @Override
    public String toString() {
      return "exit " + status + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  private final String engine;
  private final String domain;
  private final Map<String, String> env = new HashMap<>();

  Cli(String engine, String domain) {
    this.engine = engine;
    this.domain = domain;
  }

  Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** {@code flow --engine E --domain D ARGS...}. */
  Run run(String... args) {
    List<String> all = new ArrayList<>();
    if (engine != null) {
      all.add("--engine");
      all.add(engine);
    }
    if (domain != null) {
      all.add("--domain");
      all.add(domain);
    }
    all.addAll(List.of(args));
    return raw(all.toArray(String[]::new));
  }

  /** {@code flow ARGS...} without the engine and domain options. */
  Run raw(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = FlowCli.run(args, new PrintWriter(out), new PrintWriter(err), env);
    return new Run(status, out.toString(), err.toString());
  }
}
