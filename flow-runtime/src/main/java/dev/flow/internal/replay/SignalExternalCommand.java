package dev.flow.internal.replay;

import static dev.flow.internal.replay.SignalExternalCommand.State.CLOSED;
import static dev.flow.internal.replay.SignalExternalCommand.State.INITIATED;
import static dev.flow.internal.replay.SignalExternalCommand.State.NEW;
import static dev.flow.internal.replay.SignalExternalCommand.State.REFUSED;
import static software.amazon.awssdk.services.swf.model.EventType.EXTERNAL_WORKFLOW_EXECUTION_SIGNALED;
import static software.amazon.awssdk.services.swf.model.EventType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED;
import static software.amazon.awssdk.services.swf.model.EventType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED;

import dev.flow.FlowException;
import java.util.List;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * SignalExternalWorkflowExecution ({@code Workflow.signal}, a child handle's signals), matched by
 * signal name, workflow id and input. Its promise says whether SWF delivered the signal.
 *
 * <pre>
 * NEW --recorded as SignalExternalWorkflowExecutionInitiated--> INITIATED
 * INITIATED --ExternalWorkflowExecutionSignaled | SignalExternalWorkflowExecutionFailed--> CLOSED
 * NEW --recorded as SignalExternalWorkflowExecutionFailed--> REFUSED --(same event)--> CLOSED
 * </pre>
 */
final class SignalExternalCommand extends Command<SignalExternalCommand.State> {
  enum State {
    /** Issued, not in the history: a decision of the current task. */
    NEW,
    /** Recorded as SignalExternalWorkflowExecutionInitiated. */
    INITIATED,
    /** Recorded as SignalExternalWorkflowExecutionFailed, with no Initiated event before. */
    REFUSED,
    /** Delivered. */
    CLOSED
  }

  private static final String FAILS = "its promise fails";

  static final Transitions<State, SignalExternalCommand> TRANSITIONS =
      Transitions.<State, SignalExternalCommand>of(
              "signal to another execution", CommandKind.SIGNAL_EXTERNAL, NEW, CLOSED)
          .recordedAs(SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED, INITIATED)
          .recordedAs(SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED, REFUSED)
          .on(
              INITIATED,
              EXTERNAL_WORKFLOW_EXECUTION_SIGNALED,
              CLOSED,
              "its promise is set",
              (c, e, d) -> c.succeed(d, null))
          .on(
              INITIATED,
              SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED,
              CLOSED,
              FAILS,
              SignalExternalCommand::failed)
          .on(
              REFUSED,
              SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED,
              CLOSED,
              FAILS,
              SignalExternalCommand::failed);

  static final EventRouter.Machine MACHINE =
      new EventRouter.Machine(
          TRANSITIONS,
          SignalExternalCommand::read,
          List.of(
              EventRouter.Route.ref(
                  EXTERNAL_WORKFLOW_EXECUTION_SIGNALED,
                  CommandKind.SIGNAL_EXTERNAL,
                  e -> e.externalWorkflowExecutionSignaledEventAttributes().initiatedEventId()),
              EventRouter.Route.selfOrRef(
                  SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED,
                  CommandKind.SIGNAL_EXTERNAL,
                  e ->
                      e.signalExternalWorkflowExecutionFailedEventAttributes()
                          .initiatedEventId())));

  private final String runId;

  /** SignalExternalWorkflowExecution {@code signalName} to {@code workflowId}. */
  SignalExternalCommand(int seq, String workflowId, String runId, String signalName, String input) {
    super(TRANSITIONS, seq, signalName, null, workflowId, input, Void.class);
    this.runId = runId;
  }

  @Override
  Decision decision() {
    return Decision.builder()
        .decisionType(DecisionType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION)
        .signalExternalWorkflowExecutionDecisionAttributes(
            a -> a.workflowId(id).runId(runId).signalName(typeName).input(input))
        .build();
  }

  /**
   * The signal event {@code i} records: Initiated, or a Failed event that follows no Initiated
   * event (else it is that signal's outcome, and null).
   */
  static Recorded read(int i, HistoryEvent e, EventType type, EventType[] types) {
    if (type == SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED) {
      var a = e.signalExternalWorkflowExecutionInitiatedEventAttributes();
      return new Recorded(
          i, e, type, CommandKind.SIGNAL_EXTERNAL, a.signalName(), null, a.workflowId(), a.input());
    }
    var a = e.signalExternalWorkflowExecutionFailedEventAttributes();
    if (History.refersTo(
        types, a.initiatedEventId(), SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED)) {
      return null;
    }
    return new Recorded(i, e, type, CommandKind.SIGNAL_EXTERNAL, null, null, a.workflowId(), null);
  }

  private static void failed(SignalExternalCommand c, HistoryEvent e, Delivery d) {
    var a = e.signalExternalWorkflowExecutionFailedEventAttributes();
    c.promise()
        .fail(
            new FlowException(
                "signal "
                    + c.typeName
                    + " to workflow "
                    + a.workflowId()
                    + " failed: "
                    + a.causeAsString()));
  }
}
