package dev.flow.engine;

import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.swf.model.DecisionTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.RespondDecisionTaskCompletedRequest;

/**
 * A run's decision task, from scheduled to closed: every transition of {@link Run#dtState} is here.
 *
 * <pre>
 * NONE --(an event the decider must see)--> SCHEDULED   DecisionTaskScheduled, queued (or held)
 * SCHEDULED --(a decider polls)--> STARTED               DecisionTaskStarted
 * SCHEDULED --(schedule-to-start timeout)--> SCHEDULED   DecisionTaskTimedOut, scheduled again
 * STARTED --(an event arrives)--> STARTED, pending       scheduled again when it closes
 * STARTED --(completed)--> NONE, or SCHEDULED if pending or a decision failed
 * STARTED --(start-to-close timeout)--> SCHEDULED        DecisionTaskTimedOut, scheduled again
 * any --(the run closes)--> NONE
 * </pre>
 *
 * <p>A task for a decider's own (sticky) list that is {@linkplain TaskQueues.Queue#deserted
 * deserted} (its last poller left, or nobody polled it for 10 s) is scheduled on the run's own list
 * instead, as if the affinity had lapsed. The affinity also lapses when a task times out, started
 * or not (as Temporal clears a sticky queue when a workflow task fails or times out): a decider
 * that let a task time out may be gone, and the run's own list reaches every other one.
 *
 * <p>A decision task scheduled while a fan-out's completions arrive (at least two other activities
 * of the run open) is held back for at most {@link #batchNanos}, so that it decides a batch of them
 * instead of a few; the completion that leaves at most one activity open, and any other event,
 * hands it out at once.
 */
final class DecisionTaskMachine {
  /** How long a decision task is held back while a fan-out's completions arrive. */
  static final long BATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final Engine engine;

  /** {@link #BATCH_NANOS}; 0 hands every decision task out at once. */
  long batchNanos = BATCH_NANOS;

  DecisionTaskMachine(Engine engine) {
    this.engine = engine;
  }

  /**
   * An event the decider must see arrived: schedule a decision task (or hand out at once one held
   * back), or remember it for when the started one closes.
   */
  void notify(Tx tx, Run run) {
    release(tx, run);
    notify(tx, run, false);
  }

  /**
   * An activity task of the run closed (completed, failed, canceled, timed out): as {@link
   * #notify}, but while at least two other activities of the run are open the task may wait for
   * more.
   */
  void activityClosed(Tx tx, Run run) {
    boolean burst = inBurst(run);
    if (!burst) {
      release(tx, run);
    }
    notify(tx, run, burst);
  }

  private static boolean inBurst(Run run) {
    return run.openActivities >= 2;
  }

  private void notify(Tx tx, Run run, boolean hold) {
    if (!run.open) {
      return;
    }
    if (run.dtState == DecisionTaskState.NONE) {
      schedule(tx, run, hold);
    } else if (run.dtState == DecisionTaskState.STARTED) {
      run.dtPending = true;
    }
  }

  /** Hands out at once the run's scheduled decision task if it is held back. */
  private void release(Tx tx, Run run) {
    if (run.open && run.dtState == DecisionTaskState.SCHEDULED) {
      String domain = run.domain;
      String taskList = run.dtTaskList;
      String runId = run.runId;
      tx.afterAction(() -> engine.decisionQueues.release(domain, taskList, runId));
    }
  }

  /** Schedules the run's first decision task (or one after a timeout): never held. */
  void schedule(Tx tx, Run run) {
    schedule(tx, run, false);
  }

  private void schedule(Tx tx, Run run, boolean hold) {
    if (!run.dtTaskList.equals(run.taskList)
        && engine.decisionQueues.deserted(run.domain, run.dtTaskList, System.nanoTime())) {
      // The decider the run is affine to has gone (its worker closed): the task goes to the run's
      // own list at once, instead of waiting out its schedule-to-start timeout on a list nobody
      // polls. SWF has no call to release a sticky list; there, only that timeout helps.
      run.dtTaskList = run.taskList;
      run.dtS2sTimeout = null;
    }
    String s2s = run.dtS2sTimeout;
    long id =
        engine.events.append(
            tx,
            run,
            EventType.DECISION_TASK_SCHEDULED,
            b ->
                b.decisionTaskScheduledEventAttributes(
                    a ->
                        a.taskList(t -> t.name(run.dtTaskList))
                            .taskPriority(run.taskPriority)
                            .startToCloseTimeout(run.taskTimeout)
                            .scheduleToStartTimeout(s2s)));
    run.dtState = DecisionTaskState.SCHEDULED;
    run.dtScheduledId = id;
    run.dtStartedId = 0;
    run.dtPending = false;
    long s2sSeconds = Check.seconds(s2s, true, "taskListScheduleToStartTimeout");
    if (s2sSeconds != Check.NONE) {
      engine.deadlines.arm(tx, run.runId, DeadlineKind.DECISION_SCHEDULE_TO_START, id, s2sSeconds);
    }
    String domain = run.domain;
    String taskList = run.dtTaskList;
    String runId = run.runId;
    int priority = run.priority();
    long holdNanos = hold ? batchNanos : 0;
    tx.afterAction(
        () -> {
          if (holdNanos > 0) {
            engine.decisionQueues.hold(domain, taskList, runId, id, priority, holdNanos);
          } else {
            engine.decisionQueues.add(domain, taskList, runId, id, priority);
          }
          engine.metrics.taskScheduled("decision", taskList);
        });
  }

  /**
   * Starts the run's decision task {@code scheduledId} queued on {@code taskList}; returns its
   * DecisionTaskStarted event id, or -1 if the queue entry is stale.
   */
  long start(Tx tx, Run run, long scheduledId, String taskList, String identity, long queued) {
    if (run == null
        || !run.open
        || run.dtState != DecisionTaskState.SCHEDULED
        || run.dtScheduledId != scheduledId
        || !run.dtTaskList.equals(taskList)) {
      return -1;
    }
    long startedId =
        engine.events.append(
            tx,
            run,
            EventType.DECISION_TASK_STARTED,
            b ->
                b.decisionTaskStartedEventAttributes(
                    a -> a.scheduledEventId(scheduledId).identity(identity)));
    run.dtState = DecisionTaskState.STARTED;
    run.dtStartedId = startedId;
    long waited = System.nanoTime() - queued;
    tx.afterCommit(() -> engine.metrics.taskStarted("decision", taskList, waited));
    engine.deadlines.disarm(tx, run.runId, DeadlineKind.DECISION_SCHEDULE_TO_START, scheduledId);
    long timeout = Check.seconds(run.taskTimeout, true, "taskStartToCloseTimeout");
    if (timeout != Check.NONE) {
      engine.deadlines.arm(tx, run.runId, DeadlineKind.DECISION_START_TO_CLOSE, startedId, timeout);
    }
    return startedId;
  }

  /** Whether {@code run}'s decision task is the started one {@code startedId}. */
  static boolean isStarted(Run run, long startedId) {
    return run != null
        && run.open
        && run.dtState == DecisionTaskState.STARTED
        && run.dtStartedId == startedId;
  }

  /**
   * Records the started task's completion (DecisionTaskCompleted) and the decider's affinity;
   * returns the event id. The task stays started while its decisions are carried out ({@link
   * #decided} ends it), so events they cause in this run (a signal to itself) count as new events
   * for the next decision task.
   */
  long complete(Tx tx, Run run, RespondDecisionTaskCompletedRequest r, String taskListOverride) {
    long scheduledId = run.dtScheduledId;
    long startedId = run.dtStartedId;
    long completedId =
        engine.events.append(
            tx,
            run,
            EventType.DECISION_TASK_COMPLETED,
            b ->
                b.decisionTaskCompletedEventAttributes(
                    a ->
                        a.executionContext(r.executionContext())
                            .scheduledEventId(scheduledId)
                            .startedEventId(startedId)
                            .taskList(r.taskList())
                            .taskListScheduleToStartTimeout(r.taskListScheduleToStartTimeout())));
    engine.deadlines.disarm(tx, run.runId, DeadlineKind.DECISION_START_TO_CLOSE, startedId);
    run.prevStartedId = startedId;
    if (r.executionContext() != null) {
      run.latestContext = r.executionContext();
    }
    // Decider affinity: the answer names the task list of this run's next decision tasks; an
    // answer without one sends them back to the run's own task list (so a decider that does not
    // keep the run never leaves it on another decider's list).
    String answeredList = run.dtTaskList;
    tx.afterCommit(() -> engine.metrics.taskClosed("decision", answeredList, "completed"));
    run.dtTaskList = taskListOverride != null ? taskListOverride : run.taskList;
    run.dtS2sTimeout = taskListOverride != null ? r.taskListScheduleToStartTimeout() : null;
    return completedId;
  }

  /**
   * The completed task's decisions were carried out: the task ends, and a new one is scheduled if a
   * decision failed ({@code needDecision}) or events arrived meanwhile (held back if they are a
   * fan-out's completions still arriving).
   */
  void decided(Tx tx, Run run, boolean needDecision) {
    if (!run.open) {
      return;
    }
    run.dtState = DecisionTaskState.NONE;
    if (needDecision) {
      schedule(tx, run, false);
    } else if (run.dtPending) {
      schedule(tx, run, inBurst(run));
    }
  }

  /** A decision task deadline came: times the task out if it is still the one it timed. */
  void deadline(Tx tx, Run run, DeadlineKind kind, long ref) {
    if (kind == DeadlineKind.DECISION_START_TO_CLOSE) {
      if (run.dtState == DecisionTaskState.STARTED && run.dtStartedId == ref) {
        timedOut(tx, run, DecisionTaskTimeoutType.START_TO_CLOSE, ref);
      }
    } else if (run.dtState == DecisionTaskState.SCHEDULED && run.dtScheduledId == ref) {
      timedOut(tx, run, DecisionTaskTimeoutType.SCHEDULE_TO_START, 0);
    }
  }

  private void timedOut(Tx tx, Run run, DecisionTaskTimeoutType type, long startedId) {
    run.dtTaskList = run.taskList; // the affinity override lapses
    run.dtS2sTimeout = null;
    long scheduledId = run.dtScheduledId;
    engine.events.append(
        tx,
        run,
        EventType.DECISION_TASK_TIMED_OUT,
        b ->
            b.decisionTaskTimedOutEventAttributes(
                a -> a.timeoutType(type).scheduledEventId(scheduledId).startedEventId(startedId)));
    run.dtState = DecisionTaskState.NONE;
    schedule(tx, run, false);
  }

  /** The run closed: no decision task any more. */
  static void closed(Run run) {
    run.dtState = DecisionTaskState.NONE;
    run.dtPending = false;
  }
}
