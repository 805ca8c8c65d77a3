package dev.flow.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flow signal ID NAME}: sends a signal to an open execution. */
@Command(
    name = "signal",
    description = {
      "Send signal NAME to the open execution ID, as the generated handle's @Signal method does.",
      "The input is the JSON array of the signal method's arguments: '[\"ann\"]' for"
          + " approve(String by)."
    })
final class SignalCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "the workflow id")
  String workflowId;

  @Parameters(index = "1", paramLabel = "NAME", description = "the signal's name")
  String name;

  @Option(
      names = "--input",
      paramLabel = "JSON",
      description = "the signal's arguments as a JSON array [default: []]")
  String input;

  @Option(names = "--run", paramLabel = "RUN_ID", description = "the run [default: the open one]")
  String runId;

  @Override
  int run() {
    String arguments = "[]";
    if (input != null) {
      arguments = Arguments.jsonArray("--input", input, "the signal's arguments", "[\"ann\"]");
    }
    String payload = arguments;
    try (Engine engine = engine()) {
      engine
          .swf()
          .signalWorkflowExecution(
              b ->
                  b.domain(engine.domain())
                      .workflowId(workflowId)
                      .runId(runId)
                      .signalName(name)
                      .input(payload));
    } catch (software.amazon.awssdk.services.swf.model.UnknownResourceException e) {
      throw new CliException(
          "no open execution with workflow id '"
              + workflowId
              + "'"
              + (runId == null ? "" : " and run " + runId)
              + " in domain '"
              + root().domain()
              + "' ("
              + FlowCli.message(e)
              + "): only open executions take signals; see"
              + " `flow list --open`");
    }
    out().println("signaled " + workflowId + ": " + name + " " + payload);
    return 0;
  }
}
