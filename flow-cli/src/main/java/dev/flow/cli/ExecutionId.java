package dev.flow.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/** The {@code ID [--run RUN_ID]} of the commands that read one execution (a picocli mixin). */
final class ExecutionId {
  @Parameters(index = "0", paramLabel = "ID", description = "the workflow id")
  String workflowId;

  @Option(
      names = "--run",
      paramLabel = "RUN_ID",
      description = "the run [default: the open run, else the latest]")
  String runId;

  WorkflowExecution find(Engine engine) {
    return Executions.find(engine, workflowId, runId);
  }
}
