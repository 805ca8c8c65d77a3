package dev.flow.internal.replay;

import static dev.flow.internal.replay.ActivityCommand.State.CLOSED;
import static dev.flow.internal.replay.ActivityCommand.State.NEW;
import static dev.flow.internal.replay.ActivityCommand.State.REFUSED;
import static dev.flow.internal.replay.ActivityCommand.State.SCHEDULED;
import static dev.flow.internal.replay.ActivityCommand.State.STARTED;
import static software.amazon.awssdk.services.swf.model.EventType.ACTIVITY_TASK_CANCELED;
import static software.amazon.awssdk.services.swf.model.EventType.ACTIVITY_TASK_CANCEL_REQUESTED;
import static software.amazon.awssdk.services.swf.model.EventType.ACTIVITY_TASK_COMPLETED;
import static software.amazon.awssdk.services.swf.model.EventType.ACTIVITY_TASK_FAILED;
import static software.amazon.awssdk.services.swf.model.EventType.ACTIVITY_TASK_SCHEDULED;
import static software.amazon.awssdk.services.swf.model.EventType.ACTIVITY_TASK_STARTED;
import static software.amazon.awssdk.services.swf.model.EventType.ACTIVITY_TASK_TIMED_OUT;
import static software.amazon.awssdk.services.swf.model.EventType.REQUEST_CANCEL_ACTIVITY_TASK_FAILED;
import static software.amazon.awssdk.services.swf.model.EventType.SCHEDULE_ACTIVITY_TASK_FAILED;

import dev.flow.ActivityFailure;
import dev.flow.ActivityTimeoutFailure;
import dev.flow.CallOptions;
import dev.flow.CanceledFailure;
import dev.flow.FlowException;
import dev.flow.internal.Failures;
import dev.flow.spi.ActivitySpec;
import java.util.List;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * ScheduleActivityTask: one attempt of an activity call ({@link Call.Activity}), matched by type,
 * version, activity id and input; and, nested, {@link CancelRequest}, the RequestCancelActivityTask
 * that asks for an attempt to be canceled. An attempt's outcome goes to its call, which retries or
 * settles.
 *
 * <pre>
 * NEW --recorded as ActivityTaskScheduled--> SCHEDULED --ActivityTaskStarted--> STARTED
 * SCHEDULED, STARTED --Completed | Failed | TimedOut | Canceled--> CLOSED
 * NEW --recorded as ScheduleActivityTaskFailed--> REFUSED --ScheduleActivityTaskFailed--> CLOSED
 * </pre>
 */
final class ActivityCommand extends Command<ActivityCommand.State> {
  enum State {
    /** Issued, not in the history: a decision of the current task. */
    NEW,
    /** Recorded as ActivityTaskScheduled. */
    SCHEDULED,
    /** Recorded as ScheduleActivityTaskFailed: SWF did not schedule it. */
    REFUSED,
    /** A worker took the task. */
    STARTED,
    /** Its outcome was delivered. */
    CLOSED
  }

  private static final String RESULT = "the call's result";
  private static final String RETRY = "the call tries again or fails";
  private static final String CANCEL = "the call fails, canceled";

  static final Transitions<State, ActivityCommand> TRANSITIONS =
      Transitions.<State, ActivityCommand>of("activity", CommandKind.ACTIVITY, NEW, CLOSED)
          .recordedAs(ACTIVITY_TASK_SCHEDULED, SCHEDULED)
          .recordedAs(SCHEDULE_ACTIVITY_TASK_FAILED, REFUSED)
          .on(SCHEDULED, ACTIVITY_TASK_STARTED, STARTED)
          .on(SCHEDULED, ACTIVITY_TASK_COMPLETED, CLOSED, RESULT, ActivityCommand::done)
          .on(STARTED, ACTIVITY_TASK_COMPLETED, CLOSED, RESULT, ActivityCommand::done)
          .on(SCHEDULED, ACTIVITY_TASK_FAILED, CLOSED, RETRY, ActivityCommand::failed)
          .on(STARTED, ACTIVITY_TASK_FAILED, CLOSED, RETRY, ActivityCommand::failed)
          .on(SCHEDULED, ACTIVITY_TASK_TIMED_OUT, CLOSED, RETRY, ActivityCommand::timedOut)
          .on(STARTED, ACTIVITY_TASK_TIMED_OUT, CLOSED, RETRY, ActivityCommand::timedOut)
          .on(SCHEDULED, ACTIVITY_TASK_CANCELED, CLOSED, CANCEL, ActivityCommand::canceled)
          .on(STARTED, ACTIVITY_TASK_CANCELED, CLOSED, CANCEL, ActivityCommand::canceled)
          .on(
              REFUSED,
              SCHEDULE_ACTIVITY_TASK_FAILED,
              CLOSED,
              "the call fails, not retried",
              ActivityCommand::refused);

  /** How the history records an attempt, and which events report on it. */
  static final EventRouter.Machine MACHINE =
      new EventRouter.Machine(
          TRANSITIONS,
          ActivityCommand::read,
          List.of(
              EventRouter.Route.ref(
                  ACTIVITY_TASK_STARTED,
                  CommandKind.ACTIVITY,
                  e -> e.activityTaskStartedEventAttributes().scheduledEventId()),
              EventRouter.Route.ref(
                  ACTIVITY_TASK_COMPLETED,
                  CommandKind.ACTIVITY,
                  e -> e.activityTaskCompletedEventAttributes().scheduledEventId()),
              EventRouter.Route.ref(
                  ACTIVITY_TASK_FAILED,
                  CommandKind.ACTIVITY,
                  e -> e.activityTaskFailedEventAttributes().scheduledEventId()),
              EventRouter.Route.ref(
                  ACTIVITY_TASK_TIMED_OUT,
                  CommandKind.ACTIVITY,
                  e -> e.activityTaskTimedOutEventAttributes().scheduledEventId()),
              EventRouter.Route.ref(
                  ACTIVITY_TASK_CANCELED,
                  CommandKind.ACTIVITY,
                  e -> e.activityTaskCanceledEventAttributes().scheduledEventId()),
              EventRouter.Route.self(SCHEDULE_ACTIVITY_TASK_FAILED)));

  /** The call this is an attempt of. */
  final Call call;

  private final String taskList;
  private final String priority;

  /** Its spec and options, for the timeouts, written only into a new decision. */
  private final ActivitySpec activity;

  private final CallOptions options;

  /**
   * Attempt {@code activityId} of {@code call}: the spec's task list and timeouts, {@code o}'s.
   *
   * @throws IllegalArgumentException when a timeout of {@code o} is negative
   */
  ActivityCommand(
      int seq, String activityId, ActivitySpec activity, CallOptions o, String input, Call call) {
    super(
        TRANSITIONS,
        seq,
        activity.name(),
        Commands.version(activity, o),
        activityId,
        input,
        activity.resultType());
    this.call = call;
    this.taskList = o.taskList() != null ? o.taskList() : activity.taskList();
    this.priority = o.priority() == null ? null : o.priority().toString();
    this.activity = activity;
    this.options = o;
    Commands.checkTimeout(o.scheduleToStartTimeout());
    Commands.checkTimeout(o.startToCloseTimeout());
    Commands.checkTimeout(o.scheduleToCloseTimeout());
    Commands.checkTimeout(o.heartbeatTimeout());
  }

  @Override
  Decision decision() {
    return Decision.builder()
        .decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
        .scheduleActivityTaskDecisionAttributes(
            a ->
                a.activityType(t -> t.name(typeName).version(typeVersion))
                    .activityId(id)
                    .input(input)
                    .taskList(t -> t.name(taskList))
                    .taskPriority(priority)
                    .scheduleToStartTimeout(
                        Commands.timeout(
                            options.scheduleToStartTimeout(),
                            activity.scheduleToStartTimeoutSeconds()))
                    .startToCloseTimeout(
                        Commands.timeout(
                            options.startToCloseTimeout(), activity.startToCloseTimeoutSeconds()))
                    .scheduleToCloseTimeout(
                        Commands.timeout(
                            options.scheduleToCloseTimeout(),
                            activity.scheduleToCloseTimeoutSeconds()))
                    .heartbeatTimeout(
                        Commands.timeout(
                            options.heartbeatTimeout(), activity.heartbeatTimeoutSeconds())))
        .build();
  }

  /** The attempt the history recorded at event {@code i}; the input only when scheduled. */
  static Recorded read(int i, HistoryEvent e, EventType type, EventType[] types) {
    if (type == ACTIVITY_TASK_SCHEDULED) {
      var a = e.activityTaskScheduledEventAttributes();
      return new Recorded(
          i,
          e,
          type,
          CommandKind.ACTIVITY,
          a.activityType().name(),
          a.activityType().version(),
          a.activityId(),
          a.input());
    }
    var a = e.scheduleActivityTaskFailedEventAttributes();
    return new Recorded(
        i,
        e,
        type,
        CommandKind.ACTIVITY,
        a.activityType().name(),
        a.activityType().version(),
        a.activityId(),
        null);
  }

  private static void done(ActivityCommand c, HistoryEvent e, Delivery d) {
    c.call.attemptSucceeded(e.activityTaskCompletedEventAttributes().result(), c.resultType, d);
  }

  private static void failed(ActivityCommand c, HistoryEvent e, Delivery d) {
    var a = e.activityTaskFailedEventAttributes();
    Failures.Remote remote = Failures.parse(a.reason(), a.details());
    ActivityFailure failure =
        new ActivityFailure(
            c.typeName,
            c.id,
            remote.type(),
            remote.message(),
            remote.stackTrace(),
            remote.causes());
    RemoteFailures.withCause(failure, remote);
    c.call.attemptFailed(failure, true, d);
  }

  private static void timedOut(ActivityCommand c, HistoryEvent e, Delivery d) {
    var a = e.activityTaskTimedOutEventAttributes();
    ActivityTimeoutFailure.Kind kind = ActivityTimeoutFailure.Kind.valueOf(a.timeoutTypeAsString());
    c.call.attemptFailed(
        new ActivityTimeoutFailure(c.typeName, c.id, kind, a.details(), d.converter()), true, d);
  }

  private static void canceled(ActivityCommand c, HistoryEvent e, Delivery d) {
    c.call.attemptFailed(
        new CanceledFailure("activity " + c.typeName + " (id " + c.id + ") was canceled"),
        false,
        d);
  }

  private static void refused(ActivityCommand c, HistoryEvent e, Delivery d) {
    String cause = e.scheduleActivityTaskFailedEventAttributes().causeAsString();
    c.call.attemptFailed(
        new ActivityFailure(
            c.typeName,
            c.id,
            "ScheduleActivityTaskFailed:" + cause,
            "SWF could not schedule the activity task: " + cause,
            ""),
        false,
        d);
  }

  /**
   * RequestCancelActivityTask of an attempt, matched by activity id. Its promise says whether SWF
   * recorded the request; the attempt's own outcome (canceled, or whatever came first) goes to the
   * call as usual.
   *
   * <pre>
   * NEW --recorded as ActivityTaskCancelRequested--> REQUESTED --(same event)--> CLOSED
   * NEW --recorded as RequestCancelActivityTaskFailed--> REFUSED --(same event)--> CLOSED
   * </pre>
   */
  static final class CancelRequest extends Command<CancelRequest.CancelState> {
    enum CancelState {
      /** Issued, not in the history: a decision of the current task. */
      NEW,
      /** Recorded as ActivityTaskCancelRequested. */
      REQUESTED,
      /** Recorded as RequestCancelActivityTaskFailed: the activity had closed. */
      REFUSED,
      /** Delivered. */
      CLOSED
    }

    static final Transitions<CancelState, CancelRequest> TRANSITIONS =
        Transitions.<CancelState, CancelRequest>of(
                "activity cancel request",
                CommandKind.CANCEL_ACTIVITY,
                CancelState.NEW,
                CancelState.CLOSED)
            .recordedAs(ACTIVITY_TASK_CANCEL_REQUESTED, CancelState.REQUESTED)
            .recordedAs(REQUEST_CANCEL_ACTIVITY_TASK_FAILED, CancelState.REFUSED)
            .on(
                CancelState.REQUESTED,
                ACTIVITY_TASK_CANCEL_REQUESTED,
                CancelState.CLOSED,
                "its promise is set",
                (c, e, d) -> c.succeed(d, null))
            .on(
                CancelState.REFUSED,
                REQUEST_CANCEL_ACTIVITY_TASK_FAILED,
                CancelState.CLOSED,
                "its promise fails (the activity's outcome is delivered as it is)",
                CancelRequest::refused);

    static final EventRouter.Machine MACHINE =
        new EventRouter.Machine(
            TRANSITIONS,
            CancelRequest::read,
            List.of(
                EventRouter.Route.self(ACTIVITY_TASK_CANCEL_REQUESTED),
                EventRouter.Route.self(REQUEST_CANCEL_ACTIVITY_TASK_FAILED)));

    /** RequestCancelActivityTask {@code activityId}. */
    CancelRequest(int seq, String activityId) {
      super(TRANSITIONS, seq, null, null, activityId, null, Void.class);
    }

    @Override
    Decision decision() {
      return Decision.builder()
          .decisionType(DecisionType.REQUEST_CANCEL_ACTIVITY_TASK)
          .requestCancelActivityTaskDecisionAttributes(a -> a.activityId(id))
          .build();
    }

    static Recorded read(int i, HistoryEvent e, EventType type, EventType[] types) {
      String activityId =
          type == ACTIVITY_TASK_CANCEL_REQUESTED
              ? e.activityTaskCancelRequestedEventAttributes().activityId()
              : e.requestCancelActivityTaskFailedEventAttributes().activityId();
      return new Recorded(i, e, type, CommandKind.CANCEL_ACTIVITY, null, null, activityId, null);
    }

    private static void refused(CancelRequest c, HistoryEvent e, Delivery d) {
      var a = e.requestCancelActivityTaskFailedEventAttributes();
      c.promise()
          .fail(
              new FlowException(
                  "activity " + a.activityId() + " could not be canceled: " + a.causeAsString()));
    }
  }
}
