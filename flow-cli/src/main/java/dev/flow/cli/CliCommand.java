package dev.flow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command shares: its output streams, the global options, the engine. */
abstract class CliCommand implements Callable<Integer> {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;

  FlowCli root() {
    return (FlowCli) spec.root().userObject();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  Engine engine() {
    return Engine.open(root().engine(), root().domain());
  }

  void printJson(JsonNode json) {
    try {
      out().println(JSON.writeValueAsString(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out().flush();
  }

  @Override
  public final Integer call() throws Exception {
    try {
      return run();
    } finally {
      out().flush();
      err().flush();
    }
  }

  abstract int run() throws Exception;
}
