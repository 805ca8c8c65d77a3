package dev.flow.internal.replay;

import static dev.flow.internal.replay.TimerCommand.State.CLOSED;
import static dev.flow.internal.replay.TimerCommand.State.NEW;
import static dev.flow.internal.replay.TimerCommand.State.REFUSED;
import static dev.flow.internal.replay.TimerCommand.State.STARTED;
import static software.amazon.awssdk.services.swf.model.EventType.CANCEL_TIMER_FAILED;
import static software.amazon.awssdk.services.swf.model.EventType.START_TIMER_FAILED;
import static software.amazon.awssdk.services.swf.model.EventType.TIMER_CANCELED;
import static software.amazon.awssdk.services.swf.model.EventType.TIMER_FIRED;
import static software.amazon.awssdk.services.swf.model.EventType.TIMER_STARTED;

import dev.flow.CanceledFailure;
import dev.flow.FlowException;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * StartTimer {@code timer-<seq>}: a timer of the code's ({@code Workflow.sleep}, {@code
 * Workflow.timer}, the timeout of {@code Workflow.await}) or the wait of a call before its next
 * attempt; matched by timer id. And, nested, {@link Cancel}, the CancelTimer of one. Flow's own
 * timers ({@code flow-split-*}, {@code flow.*}) are not commands: the history leaves them out and
 * their events are skipped.
 *
 * <pre>
 * NEW --recorded as TimerStarted--> STARTED --TimerFired | TimerCanceled--> CLOSED
 * NEW --recorded as StartTimerFailed--> REFUSED --StartTimerFailed--> CLOSED
 * </pre>
 */
final class TimerCommand extends Command<TimerCommand.State> {
  enum State {
    /** Issued, not in the history: a decision of the current task. */
    NEW,
    /** Recorded as TimerStarted. */
    STARTED,
    /** Recorded as StartTimerFailed: SWF did not start it. */
    REFUSED,
    /** Fired, canceled or failed, delivered. */
    CLOSED
  }

  static final Transitions<State, TimerCommand> TRANSITIONS =
      Transitions.<State, TimerCommand>of("timer", CommandKind.TIMER, NEW, CLOSED)
          .recordedAs(TIMER_STARTED, STARTED)
          .recordedAs(START_TIMER_FAILED, REFUSED)
          .on(
              STARTED,
              TIMER_FIRED,
              CLOSED,
              "its promise is set, or its call tries again",
              TimerCommand::fired)
          .on(
              STARTED,
              TIMER_CANCELED,
              CLOSED,
              "its promise fails, canceled",
              TimerCommand::canceled)
          .on(
              REFUSED,
              START_TIMER_FAILED,
              CLOSED,
              "its promise, or its call, fails",
              TimerCommand::refused);

  static final EventRouter.Machine MACHINE =
      new EventRouter.Machine(
          TRANSITIONS,
          TimerCommand::read,
          List.of(
              EventRouter.Route.ref(
                      TIMER_FIRED,
                      CommandKind.TIMER,
                      e -> e.timerFiredEventAttributes().startedEventId())
                  .unless(e -> Commands.isFlowTimer(e.timerFiredEventAttributes().timerId())),
              EventRouter.Route.ref(
                  TIMER_CANCELED,
                  CommandKind.TIMER,
                  e -> e.timerCanceledEventAttributes().startedEventId()),
              EventRouter.Route.self(START_TIMER_FAILED)));

  /** The call this timer is the wait of, before its next attempt; null for the code's timers. */
  final Call call;

  private final String seconds;

  /** StartTimer {@code timer-<seq>}, firing after {@code delay} rounded up to whole seconds. */
  TimerCommand(int seq, Duration delay, Call call) {
    super(TRANSITIONS, seq, null, null, "timer-" + seq, null, Void.class);
    this.call = call;
    this.seconds = Long.toString(Commands.ceilSeconds(delay));
  }

  @Override
  Decision decision() {
    return startTimer(id, seconds);
  }

  /** The StartTimer decision of {@code timerId}, also for Flow's own timers. */
  static Decision startTimer(String timerId, String seconds) {
    return Decision.builder()
        .decisionType(DecisionType.START_TIMER)
        .startTimerDecisionAttributes(a -> a.timerId(timerId).startToFireTimeout(seconds))
        .build();
  }

  /** The code's timer event {@code i} records; null for a timer of Flow's own. */
  static Recorded read(int i, HistoryEvent e, EventType type, EventType[] types) {
    String timerId =
        type == TIMER_STARTED
            ? e.timerStartedEventAttributes().timerId()
            : e.startTimerFailedEventAttributes().timerId();
    if (Commands.isFlowTimer(timerId)) {
      return null; // the decider's or the worker's own, not a command of the workflow code
    }
    return new Recorded(i, e, type, CommandKind.TIMER, null, null, timerId, null);
  }

  private static void fired(TimerCommand timer, HistoryEvent e, Delivery d) {
    if (timer.call != null) {
      timer.call.waited();
    } else {
      d.delivering("timer:" + timer.id, () -> timer.succeed(d, null));
    }
  }

  private static void canceled(TimerCommand timer, HistoryEvent e, Delivery d) {
    if (!timer.promise().isReady()) {
      String timerId = e.timerCanceledEventAttributes().timerId();
      timer.promise().fail(new CanceledFailure("timer " + timerId + " was canceled"));
    }
  }

  private static void refused(TimerCommand timer, HistoryEvent e, Delivery d) {
    var a = e.startTimerFailedEventAttributes();
    FlowException failure =
        new FlowException("timer " + a.timerId() + " could not start: " + a.causeAsString());
    if (timer.call != null) {
      timer.call.giveUp(failure);
    } else if (!timer.promise().isReady()) {
      timer.promise().fail(failure);
    }
  }

  /**
   * CancelTimer of a timer, matched by timer id. Its promise says whether SWF canceled it; the
   * TimerCanceled event also closes the timer, whose promise then fails.
   *
   * <pre>
   * NEW --recorded as TimerCanceled--> RECORDED --(same event)--> CLOSED
   * NEW --recorded as CancelTimerFailed--> REFUSED --(same event)--> CLOSED
   * </pre>
   */
  static final class Cancel extends Command<Cancel.CancelState> {
    enum CancelState {
      /** Issued, not in the history: a decision of the current task. */
      NEW,
      /** Recorded as TimerCanceled. */
      RECORDED,
      /** Recorded as CancelTimerFailed: the timer had fired. */
      REFUSED,
      /** Delivered. */
      CLOSED
    }

    static final Transitions<CancelState, Cancel> TRANSITIONS =
        Transitions.<CancelState, Cancel>of(
                "timer cancel", CommandKind.CANCEL_TIMER, CancelState.NEW, CancelState.CLOSED)
            .recordedAs(TIMER_CANCELED, CancelState.RECORDED)
            .recordedAs(CANCEL_TIMER_FAILED, CancelState.REFUSED)
            .on(
                CancelState.RECORDED,
                TIMER_CANCELED,
                CancelState.CLOSED,
                "its promise is set",
                (c, e, d) -> c.succeed(d, null))
            .on(
                CancelState.REFUSED,
                CANCEL_TIMER_FAILED,
                CancelState.CLOSED,
                "its promise fails (the timer's firing is delivered as it is)",
                Cancel::refused);

    /** After the timer's route: TimerCanceled closes the timer first, then this. */
    static final EventRouter.Machine MACHINE =
        new EventRouter.Machine(
            TRANSITIONS,
            Cancel::read,
            List.of(
                EventRouter.Route.self(TIMER_CANCELED),
                EventRouter.Route.self(CANCEL_TIMER_FAILED)));

    /** CancelTimer {@code timerId}. */
    Cancel(int seq, String timerId) {
      super(TRANSITIONS, seq, null, null, timerId, null, Void.class);
    }

    @Override
    Decision decision() {
      return Decision.builder()
          .decisionType(DecisionType.CANCEL_TIMER)
          .cancelTimerDecisionAttributes(a -> a.timerId(id))
          .build();
    }

    static Recorded read(int i, HistoryEvent e, EventType type, EventType[] types) {
      String timerId =
          type == TIMER_CANCELED
              ? e.timerCanceledEventAttributes().timerId()
              : e.cancelTimerFailedEventAttributes().timerId();
      return new Recorded(i, e, type, CommandKind.CANCEL_TIMER, null, null, timerId, null);
    }

    private static void refused(Cancel c, HistoryEvent e, Delivery d) {
      var a = e.cancelTimerFailedEventAttributes();
      c.promise()
          .fail(
              new FlowException(
                  "timer " + a.timerId() + " could not be canceled: " + a.causeAsString()));
    }
  }
}
