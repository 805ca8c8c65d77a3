package dev.flow.internal.replay;

import static dev.flow.internal.replay.ChildCommand.State.CLOSED;
import static dev.flow.internal.replay.ChildCommand.State.INITIATED;
import static dev.flow.internal.replay.ChildCommand.State.NEW;
import static dev.flow.internal.replay.ChildCommand.State.REFUSED;
import static dev.flow.internal.replay.ChildCommand.State.STARTED;
import static software.amazon.awssdk.services.swf.model.EventType.CHILD_WORKFLOW_EXECUTION_CANCELED;
import static software.amazon.awssdk.services.swf.model.EventType.CHILD_WORKFLOW_EXECUTION_COMPLETED;
import static software.amazon.awssdk.services.swf.model.EventType.CHILD_WORKFLOW_EXECUTION_FAILED;
import static software.amazon.awssdk.services.swf.model.EventType.CHILD_WORKFLOW_EXECUTION_STARTED;
import static software.amazon.awssdk.services.swf.model.EventType.CHILD_WORKFLOW_EXECUTION_TERMINATED;
import static software.amazon.awssdk.services.swf.model.EventType.CHILD_WORKFLOW_EXECUTION_TIMED_OUT;
import static software.amazon.awssdk.services.swf.model.EventType.START_CHILD_WORKFLOW_EXECUTION_FAILED;
import static software.amazon.awssdk.services.swf.model.EventType.START_CHILD_WORKFLOW_EXECUTION_INITIATED;

import dev.flow.CanceledFailure;
import dev.flow.ChildWorkflowFailure;
import dev.flow.StartOptions;
import dev.flow.internal.Failures;
import dev.flow.spi.WorkflowSpec;
import java.util.List;
import software.amazon.awssdk.services.swf.model.ChildPolicy;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * StartChildWorkflowExecution: one attempt of a child workflow call ({@link Call.Child}), matched
 * by type, version, workflow id and input. Its outcome goes to its call, which retries or settles;
 * its cancel is a RequestCancelExternalWorkflowExecution ({@link CancelExternalCommand}).
 *
 * <pre>
 * NEW --recorded as StartChildWorkflowExecutionInitiated--> INITIATED
 * INITIATED --ChildWorkflowExecutionStarted--> STARTED
 * INITIATED --StartChildWorkflowExecutionFailed--> CLOSED
 * INITIATED, STARTED --Completed | Failed | TimedOut | Canceled | Terminated--> CLOSED
 * NEW --recorded as StartChildWorkflowExecutionFailed--> REFUSED --(same event)--> CLOSED
 * </pre>
 */
final class ChildCommand extends Command<ChildCommand.State> {
  enum State {
    /** Issued, not in the history: a decision of the current task. */
    NEW,
    /** Recorded as StartChildWorkflowExecutionInitiated. */
    INITIATED,
    /** Recorded as StartChildWorkflowExecutionFailed, with no Initiated event before. */
    REFUSED,
    /** The child's run started. */
    STARTED,
    /** Its outcome was delivered. */
    CLOSED
  }

  private static final String RESULT = "the call's result";
  private static final String RETRY = "the call tries again or fails";
  private static final String FAIL = "the call fails, not retried";

  static final Transitions<State, ChildCommand> TRANSITIONS =
      Transitions.<State, ChildCommand>of("child workflow", CommandKind.CHILD, NEW, CLOSED)
          .recordedAs(START_CHILD_WORKFLOW_EXECUTION_INITIATED, INITIATED)
          .recordedAs(START_CHILD_WORKFLOW_EXECUTION_FAILED, REFUSED)
          .on(
              INITIATED,
              CHILD_WORKFLOW_EXECUTION_STARTED,
              STARTED,
              "the child's workflow id is known",
              ChildCommand::started)
          .on(
              INITIATED,
              START_CHILD_WORKFLOW_EXECUTION_FAILED,
              CLOSED,
              FAIL,
              ChildCommand::notStarted)
          .on(
              REFUSED,
              START_CHILD_WORKFLOW_EXECUTION_FAILED,
              CLOSED,
              FAIL,
              ChildCommand::notStarted)
          .on(INITIATED, CHILD_WORKFLOW_EXECUTION_COMPLETED, CLOSED, RESULT, ChildCommand::done)
          .on(STARTED, CHILD_WORKFLOW_EXECUTION_COMPLETED, CLOSED, RESULT, ChildCommand::done)
          .on(INITIATED, CHILD_WORKFLOW_EXECUTION_FAILED, CLOSED, RETRY, ChildCommand::failed)
          .on(STARTED, CHILD_WORKFLOW_EXECUTION_FAILED, CLOSED, RETRY, ChildCommand::failed)
          .on(INITIATED, CHILD_WORKFLOW_EXECUTION_TIMED_OUT, CLOSED, RETRY, ChildCommand::timedOut)
          .on(STARTED, CHILD_WORKFLOW_EXECUTION_TIMED_OUT, CLOSED, RETRY, ChildCommand::timedOut)
          .on(INITIATED, CHILD_WORKFLOW_EXECUTION_CANCELED, CLOSED, FAIL, ChildCommand::canceled)
          .on(STARTED, CHILD_WORKFLOW_EXECUTION_CANCELED, CLOSED, FAIL, ChildCommand::canceled)
          .on(
              INITIATED,
              CHILD_WORKFLOW_EXECUTION_TERMINATED,
              CLOSED,
              FAIL,
              ChildCommand::terminated)
          .on(STARTED, CHILD_WORKFLOW_EXECUTION_TERMINATED, CLOSED, FAIL, ChildCommand::terminated);

  static final EventRouter.Machine MACHINE =
      new EventRouter.Machine(
          TRANSITIONS,
          ChildCommand::read,
          List.of(
              EventRouter.Route.ref(
                  CHILD_WORKFLOW_EXECUTION_STARTED,
                  CommandKind.CHILD,
                  e -> e.childWorkflowExecutionStartedEventAttributes().initiatedEventId()),
              EventRouter.Route.ref(
                  CHILD_WORKFLOW_EXECUTION_COMPLETED,
                  CommandKind.CHILD,
                  e -> e.childWorkflowExecutionCompletedEventAttributes().initiatedEventId()),
              EventRouter.Route.ref(
                  CHILD_WORKFLOW_EXECUTION_FAILED,
                  CommandKind.CHILD,
                  e -> e.childWorkflowExecutionFailedEventAttributes().initiatedEventId()),
              EventRouter.Route.ref(
                  CHILD_WORKFLOW_EXECUTION_TIMED_OUT,
                  CommandKind.CHILD,
                  e -> e.childWorkflowExecutionTimedOutEventAttributes().initiatedEventId()),
              EventRouter.Route.ref(
                  CHILD_WORKFLOW_EXECUTION_CANCELED,
                  CommandKind.CHILD,
                  e -> e.childWorkflowExecutionCanceledEventAttributes().initiatedEventId()),
              EventRouter.Route.ref(
                  CHILD_WORKFLOW_EXECUTION_TERMINATED,
                  CommandKind.CHILD,
                  e -> e.childWorkflowExecutionTerminatedEventAttributes().initiatedEventId()),
              EventRouter.Route.selfOrRef(
                  START_CHILD_WORKFLOW_EXECUTION_FAILED,
                  CommandKind.CHILD,
                  e -> e.startChildWorkflowExecutionFailedEventAttributes().initiatedEventId())));

  /** The call this is an attempt of. */
  final Call.Child call;

  private final String taskList;
  private final String priority;
  private final String executionTimeout;
  private final String taskTimeout;
  private final List<String> tags;

  /** StartChildWorkflowExecution of {@code child} as {@code childId}, {@code o} overriding. */
  ChildCommand(
      int seq, WorkflowSpec child, StartOptions o, String childId, String input, Call.Child call) {
    super(TRANSITIONS, seq, child.name(), child.version(), childId, input, child.resultType());
    this.call = call;
    this.taskList = o.taskList() != null ? o.taskList() : child.taskList();
    this.priority = o.priority() == null ? null : o.priority().toString();
    this.executionTimeout =
        Commands.timeout(
            o.executionStartToCloseTimeout(), child.executionStartToCloseTimeoutSeconds());
    this.taskTimeout =
        Commands.timeout(o.taskStartToCloseTimeout(), child.taskStartToCloseTimeoutSeconds());
    this.tags = o.tags();
  }

  @Override
  Decision decision() {
    return Decision.builder()
        .decisionType(DecisionType.START_CHILD_WORKFLOW_EXECUTION)
        .startChildWorkflowExecutionDecisionAttributes(
            a ->
                a.workflowType(t -> t.name(typeName).version(typeVersion))
                    .workflowId(id)
                    .input(input)
                    .taskList(t -> t.name(taskList))
                    .taskPriority(priority)
                    .executionStartToCloseTimeout(executionTimeout)
                    .taskStartToCloseTimeout(taskTimeout)
                    .childPolicy(ChildPolicy.TERMINATE)
                    .tagList(tags.isEmpty() ? null : tags))
        .build();
  }

  /**
   * The child event {@code i} records: Initiated, or a StartChildWorkflowExecutionFailed that
   * follows no Initiated event (else it is that child's outcome, and null).
   */
  static Recorded read(int i, HistoryEvent e, EventType type, EventType[] types) {
    if (type == START_CHILD_WORKFLOW_EXECUTION_INITIATED) {
      var a = e.startChildWorkflowExecutionInitiatedEventAttributes();
      return new Recorded(
          i,
          e,
          type,
          CommandKind.CHILD,
          a.workflowType().name(),
          a.workflowType().version(),
          a.workflowId(),
          a.input());
    }
    var a = e.startChildWorkflowExecutionFailedEventAttributes();
    if (History.refersTo(types, a.initiatedEventId(), START_CHILD_WORKFLOW_EXECUTION_INITIATED)) {
      return null;
    }
    return new Recorded(
        i,
        e,
        type,
        CommandKind.CHILD,
        a.workflowType().name(),
        a.workflowType().version(),
        a.workflowId(),
        null);
  }

  private static void notStarted(ChildCommand c, HistoryEvent e, Delivery d) {
    String cause = e.startChildWorkflowExecutionFailedEventAttributes().causeAsString();
    c.call.attemptFailed(
        new ChildWorkflowFailure(c.typeName, c.id, "failed to start: " + cause, null), false, d);
  }

  private static void done(ChildCommand c, HistoryEvent e, Delivery d) {
    String result = e.childWorkflowExecutionCompletedEventAttributes().result();
    c.call.attemptSucceeded(result, c.resultType, d);
  }

  private static void failed(ChildCommand c, HistoryEvent e, Delivery d) {
    var a = e.childWorkflowExecutionFailedEventAttributes();
    Failures.Remote remote = Failures.parse(a.reason(), a.details());
    ChildWorkflowFailure failure =
        new ChildWorkflowFailure(
            c.typeName,
            c.id,
            a.reason(),
            a.details(),
            remote.type(),
            remote.message(),
            remote.stackTrace());
    RemoteFailures.withCause(failure, remote);
    c.call.attemptFailed(failure, true, d);
  }

  private static void timedOut(ChildCommand c, HistoryEvent e, Delivery d) {
    String timeout = e.childWorkflowExecutionTimedOutEventAttributes().timeoutTypeAsString();
    c.call.attemptFailed(
        new ChildWorkflowFailure(c.typeName, c.id, "timed out (" + timeout + ")", null), true, d);
  }

  private static void canceled(ChildCommand c, HistoryEvent e, Delivery d) {
    String details = e.childWorkflowExecutionCanceledEventAttributes().details();
    ChildWorkflowFailure failure = new ChildWorkflowFailure(c.typeName, c.id, "canceled", details);
    failure.initCause(
        new CanceledFailure("child workflow " + c.typeName + " (id " + c.id + ") canceled"));
    c.call.attemptFailed(failure, false, d);
  }

  private static void terminated(ChildCommand c, HistoryEvent e, Delivery d) {
    c.call.attemptFailed(new ChildWorkflowFailure(c.typeName, c.id, "terminated", null), false, d);
  }

  private static void started(ChildCommand c, HistoryEvent e, Delivery d) {
    var run = e.childWorkflowExecutionStartedEventAttributes().workflowExecution();
    c.call.startedRun(run == null ? null : run.runId());
  }
}
