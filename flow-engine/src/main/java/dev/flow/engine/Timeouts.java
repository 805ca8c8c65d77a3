package dev.flow.engine;

import software.amazon.awssdk.services.swf.model.ActivityTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionTimeoutType;

/**
 * What a due deadline does ({@link Deadlines} fires them): times out a decision task, an activity
 * task or the run, fires a timer, or forgets a closed run whose retention period is over. A
 * deadline whose task or timer is gone does nothing.
 */
final class Timeouts implements Deadlines.Timeouts {
  private final Engine engine;

  Timeouts(Engine engine) {
    this.engine = engine;
  }

  @Override
  public void fire(Tx tx, String runId, DeadlineKind kind, long ref) {
    if (kind == DeadlineKind.RETENTION) {
      // The retention period of a closed run is over: SWF forgets it.
      if (!tx.runs().isOpenOrUnknown(runId)) {
        tx.events().deleteRun(runId);
        tx.runs().delete(runId);
      }
      return;
    }
    Run run = tx.run(runId);
    if (run == null || !run.open) {
      return;
    }
    switch (kind) {
      case DECISION_START_TO_CLOSE, DECISION_SCHEDULE_TO_START ->
          engine.decisionTasks.deadline(tx, run, kind, ref);
      case ACTIVITY_SCHEDULE_TO_START,
          ACTIVITY_SCHEDULE_TO_CLOSE,
          ACTIVITY_START_TO_CLOSE,
          ACTIVITY_HEARTBEAT ->
          activityTimedOut(tx, run, kind, ref);
      case TIMER -> timerFired(tx, run, ref);
      case EXECUTION -> {
        engine.events.append(
            tx,
            run,
            EventType.WORKFLOW_EXECUTION_TIMED_OUT,
            b ->
                b.workflowExecutionTimedOutEventAttributes(
                    a ->
                        a.timeoutType(WorkflowExecutionTimeoutType.START_TO_CLOSE)
                            .childPolicy(run.childPolicy)));
        engine.runs.close(tx, run, RunLifecycle.Close.timedOut(run.childPolicy));
      }
      default -> throw new IllegalStateException("unknown deadline kind " + kind);
    }
  }

  private void activityTimedOut(Tx tx, Run run, DeadlineKind kind, long scheduledId) {
    ActivityTask a = tx.activities().byScheduledId(run.runId, scheduledId);
    if (a == null) {
      return;
    }
    ActivityTaskTimeoutType type;
    switch (kind) {
      case ACTIVITY_SCHEDULE_TO_START -> {
        if (a.state != ActivityTask.State.SCHEDULED) {
          return;
        }
        type = ActivityTaskTimeoutType.SCHEDULE_TO_START;
      }
      case ACTIVITY_SCHEDULE_TO_CLOSE -> type = ActivityTaskTimeoutType.SCHEDULE_TO_CLOSE;
      case ACTIVITY_START_TO_CLOSE -> type = ActivityTaskTimeoutType.START_TO_CLOSE;
      default -> type = ActivityTaskTimeoutType.HEARTBEAT;
    }
    if ((kind == DeadlineKind.ACTIVITY_START_TO_CLOSE || kind == DeadlineKind.ACTIVITY_HEARTBEAT)
        && a.state != ActivityTask.State.STARTED) {
      return;
    }
    engine.events.append(
        tx,
        run,
        EventType.ACTIVITY_TASK_TIMED_OUT,
        b ->
            b.activityTaskTimedOutEventAttributes(
                x ->
                    x.timeoutType(type)
                        .scheduledEventId(a.scheduledId)
                        .startedEventId(a.startedId)
                        .details(a.heartbeatDetails)));
    engine.runs.closeActivity(tx, run, a);
    engine.decisionTasks.activityClosed(tx, run);
  }

  private void timerFired(Tx tx, Run run, long startedId) {
    String timerId = tx.timers().timerId(run.runId, startedId);
    if (timerId == null) {
      return;
    }
    engine.events.append(
        tx,
        run,
        EventType.TIMER_FIRED,
        b -> b.timerFiredEventAttributes(a -> a.timerId(timerId).startedEventId(startedId)));
    tx.timers().delete(run.runId, timerId);
    run.openTimers--;
    engine.decisionTasks.notify(tx, run);
  }
}
