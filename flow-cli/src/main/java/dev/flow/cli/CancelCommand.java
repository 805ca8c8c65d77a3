package dev.flow.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;

/** {@code flow cancel ID}: asks an open execution to cancel. */
@Command(
    name = "cancel",
    description =
        "Ask the open execution ID to cancel: its code sees a CanceledFailure at its next blocking"
            + " point and may still clean up.")
final class CancelCommand extends CliCommand {
  @Parameters(paramLabel = "ID", description = "the workflow id")
  String workflowId;

  @Option(names = "--run", paramLabel = "RUN_ID", description = "the run [default: the open one]")
  String runId;

  @Override
  int run() {
    try (Engine engine = engine()) {
      engine
          .swf()
          .requestCancelWorkflowExecution(
              b -> b.domain(engine.domain()).workflowId(workflowId).runId(runId));
    } catch (UnknownResourceException e) {
      throw new CliException(
          "no open execution with workflow id '"
              + workflowId
              + "' in domain '"
              + root().domain()
              + "' ("
              + FlowCli.message(e)
              + "): see `flow list --open`");
    }
    out().println("cancel requested: " + workflowId);
    return 0;
  }
}
