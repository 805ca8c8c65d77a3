package dev.flow.engine;

import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.RequestCancelWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.SignalWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.StartWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.StartWorkflowExecutionResponse;
import software.amazon.awssdk.services.swf.model.TerminateWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowType;

/**
 * StartWorkflowExecution, SignalWorkflowExecution, RequestCancelWorkflowExecution and
 * TerminateWorkflowExecution: each validates its request, then runs in one transaction.
 */
final class ExecutionRequests {
  private final Engine engine;
  private final DomainRequests domains;

  ExecutionRequests(Engine engine, DomainRequests domains) {
    this.engine = engine;
    this.domains = domains;
  }

  StartWorkflowExecutionResponse startWorkflowExecution(StartWorkflowExecutionRequest r) {
    String domain = Check.required(r.domain(), "domain");
    String workflowId = Check.name(r.workflowId(), "workflowId");
    WorkflowType type = Check.required(r.workflowType(), "workflowType");
    Check.required(type.name(), "workflowType.name");
    Check.required(type.version(), "workflowType.version");
    RunStart start = RunStart.of(r);
    start.validate("");
    return engine.tx(
        tx -> {
          domains.requireRegistered(tx, domain);
          String cause = start.resolve(tx);
          String typeName = TypeKind.WORKFLOW.describe(type.name(), type.version());
          if (cause != null) {
            switch (cause) {
              case "WORKFLOW_TYPE_DOES_NOT_EXIST" ->
                  throw SwfFaults.unknownResource("Unknown type: " + typeName);
              case "WORKFLOW_TYPE_DEPRECATED" ->
                  throw SwfFaults.typeDeprecated(typeName + " is deprecated");
              default ->
                  throw SwfFaults.defaultUndefined(
                      "No "
                          + RunStart.member(cause)
                          + " for this execution: set it in the request,"
                          + " or register "
                          + typeName
                          + " with a default");
            }
          }
          Run open = tx.openRun(domain, workflowId);
          if (open != null && open.open) {
            throw SwfFaults.alreadyStarted(
                "An open execution with workflowId "
                    + workflowId
                    + " already runs in domain "
                    + domain);
          }
          Run run = engine.runs.start(tx, start, null, 0, null);
          return StartWorkflowExecutionResponse.builder().runId(run.runId).build();
        });
  }

  /** The open run of {@code workflowId} (and {@code runId} if given), or UnknownResourceFault. */
  Run openRun(Tx tx, String domain, String workflowId, String runId) {
    domains.require(tx, domain);
    Run run = runId == null ? tx.openRun(domain, workflowId) : tx.run(domain, workflowId, runId);
    if (run == null || !run.open) {
      throw SwfFaults.unknownResource(
          "Unknown execution: WorkflowExecution=[workflowId="
              + workflowId
              + ", runId="
              + runId
              + "]"
              + (run == null ? "" : " is closed"));
    }
    return run;
  }

  /**
   * The run {@code execution} names, open or closed (not loaded for change), or UnknownResource.
   */
  Run anyRun(Tx tx, String domain, WorkflowExecution execution) {
    Check.required(execution, "execution");
    String workflowId = Check.required(execution.workflowId(), "execution.workflowId");
    String runId = Check.required(execution.runId(), "execution.runId");
    domains.require(tx, domain);
    Run run = tx.runs().of(domain, workflowId, runId);
    if (run == null) {
      throw SwfFaults.unknownResource(
          "Unknown execution: WorkflowExecution=[workflowId="
              + workflowId
              + ", runId="
              + runId
              + "]");
    }
    return run;
  }

  void signalWorkflowExecution(SignalWorkflowExecutionRequest r) {
    String domain = Check.required(r.domain(), "domain");
    String workflowId = Check.required(r.workflowId(), "workflowId");
    String signalName = Check.text(r.signalName(), 256, "signalName");
    Check.data(r.input(), "input");
    engine.tx(
        tx -> {
          Run run = openRun(tx, domain, workflowId, r.runId());
          engine.events.append(
              tx,
              run,
              EventType.WORKFLOW_EXECUTION_SIGNALED,
              b ->
                  b.workflowExecutionSignaledEventAttributes(
                      a -> a.signalName(signalName).input(r.input())));
          engine.decisionTasks.notify(tx, run);
          return null;
        });
  }

  void requestCancelWorkflowExecution(RequestCancelWorkflowExecutionRequest r) {
    String domain = Check.required(r.domain(), "domain");
    String workflowId = Check.required(r.workflowId(), "workflowId");
    engine.tx(
        tx -> {
          Run run = openRun(tx, domain, workflowId, r.runId());
          if (run.cancelRequested) {
            return null; // already requested: the decider has it in the history
          }
          run.cancelRequested = true;
          engine.events.append(
              tx,
              run,
              EventType.WORKFLOW_EXECUTION_CANCEL_REQUESTED,
              b -> b.workflowExecutionCancelRequestedEventAttributes(a -> {}));
          engine.decisionTasks.notify(tx, run);
          return null;
        });
  }

  void terminateWorkflowExecution(TerminateWorkflowExecutionRequest r) {
    String domain = Check.required(r.domain(), "domain");
    String workflowId = Check.required(r.workflowId(), "workflowId");
    Check.reason(r.reason(), "reason");
    Check.data(r.details(), "details");
    engine.tx(
        tx -> {
          Run run = openRun(tx, domain, workflowId, r.runId());
          String childPolicy = Check.orDefault(r.childPolicyAsString(), run.childPolicy);
          Check.childPolicy(childPolicy, "childPolicy");
          engine.events.append(
              tx,
              run,
              EventType.WORKFLOW_EXECUTION_TERMINATED,
              b ->
                  b.workflowExecutionTerminatedEventAttributes(
                      a -> a.reason(r.reason()).details(r.details()).childPolicy(childPolicy)));
          engine.runs.close(tx, run, RunLifecycle.Close.terminated(childPolicy));
          return null;
        });
  }
}
