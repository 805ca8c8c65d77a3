package dev.flow.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.swf.model.ChildPolicy;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;

/** {@code flow terminate ID}: ends an open execution at once. */
@Command(
    name = "terminate",
    description =
        "End the open execution ID at once, without running any more of its code (its open"
            + " children are terminated too).")
final class TerminateCommand extends CliCommand {
  @Parameters(paramLabel = "ID", description = "the workflow id")
  String workflowId;

  @Option(names = "--run", paramLabel = "RUN_ID", description = "the run [default: the open one]")
  String runId;

  @Option(names = "--reason", paramLabel = "TEXT", description = "why, recorded in the history")
  String reason;

  @Option(names = "--details", paramLabel = "TEXT", description = "details, recorded too")
  String details;

  @Override
  int run() {
    try (Engine engine = engine()) {
      engine
          .swf()
          .terminateWorkflowExecution(
              b ->
                  b.domain(engine.domain())
                      .workflowId(workflowId)
                      .runId(runId)
                      .reason(reason)
                      .details(details)
                      .childPolicy(ChildPolicy.TERMINATE));
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
    out().println("terminated " + workflowId + (reason == null ? "" : ": " + reason));
    return 0;
  }
}
