package dev.flow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/** {@code flow result ID}: what an execution returned, or how it failed. */
@Command(
    name = "result",
    description = {
      "Print what an execution returned (its result as JSON), or how it closed otherwise.",
      "Exit status 1 when it failed, timed out, was canceled or terminated, or is still open"
          + " without --wait."
    })
final class ResultCommand extends CliCommand {
  @Mixin ExecutionId id;

  @Option(names = "--wait", description = "wait for the execution to close")
  boolean await;

  @Option(
      names = "--json",
      description = "print {workflowId, runId, status, result, failure: {reason, details}}")
  boolean json;

  @Override
  int run() throws Exception {
    try (Engine engine = engine()) {
      WorkflowExecution execution = id.find(engine);
      if (!await) {
        ExecutionHistory h = Executions.decoded(engine, execution);
        if (!h.isClosed()) {
          throw new CliException(
              "execution "
                  + id.workflowId
                  + " (run "
                  + execution.runId()
                  + ") is still open: add"
                  + " --wait to wait for it, or see `flow describe "
                  + id.workflowId
                  + "`");
        }
      }
      return awaitAndPrint(this, engine, execution, json);
    }
  }

  /** Waits for {@code execution} to close, prints its result or failure; the exit status. */
  static int awaitAndPrint(
      CliCommand command, Engine engine, WorkflowExecution execution, boolean json)
      throws InterruptedException {
    ExecutionHistory h;
    long pause = 20;
    while (true) {
      h = Executions.decoded(engine, execution);
      if (h.isClosed()) {
        break;
      }
      Thread.sleep(pause);
      pause = Math.min(500, pause * 2);
    }
    HistoryEvent close = h.closeEvent();
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("workflowId", execution.workflowId());
    o.put("runId", execution.runId());
    o.put("status", h.status());
    String result = null;
    String reason = null;
    String details = null;
    switch (close.eventType()) {
      case WORKFLOW_EXECUTION_COMPLETED ->
          result = close.workflowExecutionCompletedEventAttributes().result();
      case WORKFLOW_EXECUTION_FAILED -> {
        reason = close.workflowExecutionFailedEventAttributes().reason();
        details = close.workflowExecutionFailedEventAttributes().details();
      }
      case WORKFLOW_EXECUTION_TIMED_OUT ->
          reason =
              "timed out ("
                  + close.workflowExecutionTimedOutEventAttributes().timeoutTypeAsString()
                  + ")";
      case WORKFLOW_EXECUTION_TERMINATED -> {
        var a = close.workflowExecutionTerminatedEventAttributes();
        reason = "terminated" + (a.reason() != null ? ": " + a.reason() : "");
        details = a.details();
      }
      case WORKFLOW_EXECUTION_CANCELED -> {
        reason = "canceled";
        details = close.workflowExecutionCanceledEventAttributes().details();
      }
      case WORKFLOW_EXECUTION_CONTINUED_AS_NEW ->
          reason =
              "continued as new run "
                  + close.workflowExecutionContinuedAsNewEventAttributes().newExecutionRunId();
      default -> reason = close.eventTypeAsString();
    }
    boolean ok =
        close.eventType()
            == software.amazon.awssdk.services.swf.model.EventType.WORKFLOW_EXECUTION_COMPLETED;
    if (json) {
      o.set("result", parsed(result));
      if (ok) {
        o.putNull("failure");
      } else {
        o.putObject("failure").put("reason", reason).put("details", details);
      }
      command.printJson(o);
    } else if (ok) {
      command.out().println(result == null ? "null" : result);
    } else {
      command
          .err()
          .println(
              "execution "
                  + execution.workflowId()
                  + " (run "
                  + execution.runId()
                  + ") "
                  + h.status()
                  + ": "
                  + reason);
      if (details != null) {
        command.err().println(Format.excerpt(details, 2000));
      }
    }
    return ok ? 0 : FlowCli.FAILED;
  }

  private static JsonNode parsed(String result) {
    if (result == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    try {
      return JSON.readTree(result);
    } catch (Exception e) {
      return JsonNodeFactory.instance.textNode(result);
    }
  }
}
