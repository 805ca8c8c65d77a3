package dev.flow.internal.replay;

import static dev.flow.internal.replay.CancelExternalCommand.State.CLOSED;
import static dev.flow.internal.replay.CancelExternalCommand.State.INITIATED;
import static dev.flow.internal.replay.CancelExternalCommand.State.NEW;
import static dev.flow.internal.replay.CancelExternalCommand.State.REFUSED;
import static software.amazon.awssdk.services.swf.model.EventType.EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED;
import static software.amazon.awssdk.services.swf.model.EventType.REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED;
import static software.amazon.awssdk.services.swf.model.EventType.REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED;

import dev.flow.FlowException;
import java.util.List;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * RequestCancelExternalWorkflowExecution: the cancel of a child workflow call ({@link Call.Child}),
 * matched by workflow id. Its promise says whether SWF delivered the request; the child's own
 * outcome (canceled, or whatever came first) goes to its call.
 *
 * <pre>
 * NEW --recorded as RequestCancelExternalWorkflowExecutionInitiated--> INITIATED
 * INITIATED --ExternalWorkflowExecutionCancelRequested | ...Failed--> CLOSED
 * NEW --recorded as RequestCancelExternalWorkflowExecutionFailed--> REFUSED --(same)--> CLOSED
 * </pre>
 */
final class CancelExternalCommand extends Command<CancelExternalCommand.State> {
  enum State {
    /** Issued, not in the history: a decision of the current task. */
    NEW,
    /** Recorded as RequestCancelExternalWorkflowExecutionInitiated. */
    INITIATED,
    /** Recorded as RequestCancelExternalWorkflowExecutionFailed, with no Initiated event before. */
    REFUSED,
    /** Delivered. */
    CLOSED
  }

  private static final String FAILS = "its promise fails";

  static final Transitions<State, CancelExternalCommand> TRANSITIONS =
      Transitions.<State, CancelExternalCommand>of(
              "cancel request to another execution", CommandKind.CANCEL_EXTERNAL, NEW, CLOSED)
          .recordedAs(REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED, INITIATED)
          .recordedAs(REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED, REFUSED)
          .on(
              INITIATED,
              EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED,
              CLOSED,
              "its promise is set",
              (c, e, d) -> c.succeed(d, null))
          .on(
              INITIATED,
              REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED,
              CLOSED,
              FAILS,
              CancelExternalCommand::failed)
          .on(
              REFUSED,
              REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED,
              CLOSED,
              FAILS,
              CancelExternalCommand::failed);

  static final EventRouter.Machine MACHINE =
      new EventRouter.Machine(
          TRANSITIONS,
          CancelExternalCommand::read,
          List.of(
              EventRouter.Route.ref(
                  EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED,
                  CommandKind.CANCEL_EXTERNAL,
                  e ->
                      e.externalWorkflowExecutionCancelRequestedEventAttributes()
                          .initiatedEventId()),
              EventRouter.Route.selfOrRef(
                  REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED,
                  CommandKind.CANCEL_EXTERNAL,
                  e ->
                      e.requestCancelExternalWorkflowExecutionFailedEventAttributes()
                          .initiatedEventId())));

  private final String runId;

  /** RequestCancelExternalWorkflowExecution of {@code workflowId} (its current run when null). */
  CancelExternalCommand(int seq, String workflowId, String runId) {
    super(TRANSITIONS, seq, null, null, workflowId, null, Void.class);
    this.runId = runId;
  }

  @Override
  Decision decision() {
    return Decision.builder()
        .decisionType(DecisionType.REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION)
        .requestCancelExternalWorkflowExecutionDecisionAttributes(
            a -> a.workflowId(id).runId(runId))
        .build();
  }

  /**
   * The cancel request event {@code i} records: Initiated, or a Failed event that follows no
   * Initiated event (else it is that request's outcome, and null).
   */
  static Recorded read(int i, HistoryEvent e, EventType type, EventType[] types) {
    String workflowId;
    if (type == REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED) {
      workflowId = e.requestCancelExternalWorkflowExecutionInitiatedEventAttributes().workflowId();
    } else {
      var a = e.requestCancelExternalWorkflowExecutionFailedEventAttributes();
      if (History.refersTo(
          types, a.initiatedEventId(), REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED)) {
        return null;
      }
      workflowId = a.workflowId();
    }
    return new Recorded(i, e, type, CommandKind.CANCEL_EXTERNAL, null, null, workflowId, null);
  }

  private static void failed(CancelExternalCommand c, HistoryEvent e, Delivery d) {
    var a = e.requestCancelExternalWorkflowExecutionFailedEventAttributes();
    c.promise()
        .fail(
            new FlowException(
                "cancel request to workflow " + a.workflowId() + " failed: " + a.causeAsString()));
  }
}
