package dev.flow.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/** {@code flow resume ID}: a new run of a stopped execution that skips its completed work. */
@Command(
    name = "resume",
    description = {
      "Start a new run of a failed, timed-out, terminated or canceled execution, with the same"
          + " type and input, in which every activity call that completed in the stopped run"
          + " resolves at once with its recorded result instead of running again (recorded in"
          + " the new run's own history, so it replays alone).",
      "A worker hosting the (fixed) code must be running to make progress."
    })
final class ResumeCommand extends CliCommand {
  static final Set<String> RESUMABLE = Set.of("FAILED", "TIMED_OUT", "TERMINATED", "CANCELED");

  @Mixin ExecutionId id;

  @Option(
      names = "--input",
      paramLabel = "JSON",
      description = "new arguments as a JSON array [default: the stopped run's input]")
  String input;

  @Option(names = "--wait", description = "wait for the new run to close and print its result")
  boolean await;

  @Option(names = "--json", description = "print {workflowId, runId, resumedFrom}")
  boolean json;

  @Override
  int run() throws Exception {
    try (Engine engine = engine()) {
      WorkflowExecution stopped = id.find(engine);
      ExecutionHistory h = Executions.decoded(engine, stopped);
      if (!RESUMABLE.contains(h.status())) {
        throw new CliException(
            "execution "
                + id.workflowId
                + " (run "
                + stopped.runId()
                + ") is "
                + h.status()
                + ": only a failed, timed-out, terminated or canceled execution can be resumed"
                + (h.isClosed() ? "" : " (cancel or terminate it first if it must start over)"));
      }
      WorkflowExecution resumed = Resume.start(engine, stopped, h, input);
      if (await) {
        return ResultCommand.awaitAndPrint(this, engine, resumed, json);
      }
      if (json) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("workflowId", resumed.workflowId());
        o.put("runId", resumed.runId());
        o.put("resumedFrom", stopped.runId());
        printJson(o);
      } else {
        out()
            .println(
                "resumed "
                    + id.workflowId
                    + " from run "
                    + stopped.runId()
                    + ": new run "
                    + resumed.runId());
      }
      return 0;
    }
  }
}
