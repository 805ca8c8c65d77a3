package dev.flow.engine;

import java.util.function.Supplier;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskRequest;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskRequest;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.TaskList;

/**
 * PollForDecisionTask and PollForActivityTask: long polls that take queued tasks until one starts,
 * waiting on the queue's condition up to the poll timeout; an empty response on timeout or engine
 * close. Also the further pages of a decision task's history.
 *
 * <p>A poll whose poller goes away (its thread is interrupted: a worker in process closing, or the
 * HTTP server's {@link PollWatch} seeing its connection close) ends empty and starts no task; its
 * task list counts as left ({@link TaskQueues.Queue#pollEnds}). A task started for a poller found
 * gone only afterwards is {@linkplain #undelivered handed back}.
 */
final class PollRequests {
  private final Engine engine;
  private final DomainRequests domains;
  private final Timeouts timeouts;

  PollRequests(Engine engine, DomainRequests domains) {
    this.engine = engine;
    this.domains = domains;
    this.timeouts = new Timeouts(engine);
  }

  PollForDecisionTaskResponse pollForDecisionTask(PollForDecisionTaskRequest r) {
    String domain = Check.required(r.domain(), "domain");
    TaskList list = Check.required(r.taskList(), "taskList");
    String taskList = Check.name(list.name(), "taskList.name");
    Check.length(r.identity(), 0, 256, "identity");
    int max = Check.pageSize(r.maximumPageSize());
    boolean reverse = Boolean.TRUE.equals(r.reverseOrder());
    if (r.nextPageToken() != null) {
      return engine.tx(tx -> decisionPage(tx, r.nextPageToken(), max, reverse));
    }
    boolean partial = Boolean.TRUE.equals(r.startAtPreviousStartedEvent());
    return poll(
        engine.decisionQueues,
        domain,
        taskList,
        (tx, entry) -> startDecisionTask(tx, entry, taskList, r.identity(), max, reverse, partial),
        () ->
            PollForDecisionTaskResponse.builder()
                .startedEventId(0L)
                .previousStartedEventId(0L)
                .build());
  }

  PollForActivityTaskResponse pollForActivityTask(PollForActivityTaskRequest r) {
    String domain = Check.required(r.domain(), "domain");
    TaskList list = Check.required(r.taskList(), "taskList");
    String taskList = Check.name(list.name(), "taskList.name");
    Check.length(r.identity(), 0, 256, "identity");
    return poll(
        engine.activityQueues,
        domain,
        taskList,
        (tx, entry) -> startActivityTask(tx, entry, r.identity()),
        () -> PollForActivityTaskResponse.builder().startedEventId(0L).build());
  }

  private interface Starter<T> {
    /** Starts the queued task in the transaction, or returns null if the entry is stale. */
    T start(Tx tx, TaskQueues.Entry entry);
  }

  private <T> T poll(
      TaskQueues queues, String domain, String taskList, Starter<T> starter, Supplier<T> empty) {
    long deadline = System.nanoTime() + engine.pollTimeoutNanos;
    engine.lock.lock();
    TaskQueues.Queue q = null;
    boolean gone = false; // the poller went away: a closing worker interrupted its poll
    try {
      // A domain known to exist needs no transaction to check (a closed engine still refuses).
      if (engine.isClosed() || !engine.tables.domains().knownToExist(domain)) {
        engine.tx(
            tx -> {
              domains.require(tx, domain);
              return null;
            });
      }
      q = queues.get(domain, taskList);
      q.pollStarts();
      while (true) {
        if (engine.isClosed()) {
          return empty.get();
        }
        if (Thread.currentThread().isInterrupted()) {
          gone = true; // woken by a task, but the poller left meanwhile: the task stays queued
          return empty.get();
        }
        TaskQueues.Entry entry = q.poll(System.nanoTime());
        if (entry != null) {
          T task;
          try {
            task = engine.tx(tx -> starter.start(tx, entry));
          } catch (RuntimeException e) {
            q.putBack(entry);
            throw e;
          }
          if (task != null) {
            return task;
          }
          continue;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return empty.get();
        }
        engine.commitIfAlone();
        PollWatch.waiting(); // over HTTP: from now on, its connection closing ends the poll
        engine.calls.pollWaits(q);
        try {
          q.nonEmpty.awaitNanos(Math.min(left, q.untilNextHeld(System.nanoTime())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          gone = true;
          return empty.get();
        } finally {
          engine.calls.pollWakes();
        }
      }
    } finally {
      if (q != null) {
        q.pollEnds(gone);
      }
      engine.unlock();
    }
  }

  /**
   * A started task whose answer could not reach its poller: nobody can answer it, so it times out
   * now ({@link Timeouts}, as at its start-to-close timeout), and what follows it (a decision task
   * on the run's own list, an activity's retry) does not wait. Nothing if it closed meanwhile.
   */
  void undelivered(String taskToken) {
    String[] d = engine.tokens.decode(taskToken, "d", 3);
    String[] a = d == null ? engine.tokens.decode(taskToken, "a", 4) : null;
    if (d == null && a == null) {
      return;
    }
    DeadlineKind kind =
        d != null ? DeadlineKind.DECISION_START_TO_CLOSE : DeadlineKind.ACTIVITY_START_TO_CLOSE;
    String runId = d != null ? d[1] : a[1];
    long ref = Tokens.number(d != null ? d[2] : a[2]);
    engine.tx(
        tx -> {
          engine.deadlines.disarm(tx, runId, kind, ref);
          timeouts.fire(tx, runId, kind, ref);
          return null;
        });
  }

  private PollForDecisionTaskResponse startDecisionTask(
      Tx tx,
      TaskQueues.Entry entry,
      String taskList,
      String identity,
      int max,
      boolean reverse,
      boolean partial) {
    Run run = tx.run(entry.runId());
    long startedId =
        engine.decisionTasks.start(tx, run, entry.ref(), taskList, identity, entry.queuedNanos());
    if (startedId < 0) {
      return null;
    }
    long lo = partial && run.prevStartedId > 0 ? run.prevStartedId : 1;
    return decisionResponse(tx, run, startedId, lo, reverse ? startedId : lo, reverse, max);
  }

  private PollForDecisionTaskResponse decisionResponse(
      Tx tx, Run run, long startedId, long lo, long cursor, boolean reverse, int max) {
    EventLog.Page page = engine.events.page(tx, run.runId, lo, startedId, cursor, reverse, max);
    return PollForDecisionTaskResponse.builder()
        .taskToken(engine.tokens.encode("d", run.runId, Long.toString(startedId)))
        .startedEventId(startedId)
        .workflowExecution(run.execution())
        .workflowType(run.workflowType())
        .previousStartedEventId(run.prevStartedId)
        .events(page.events())
        .nextPageToken(
            page.next() < 0
                ? null
                : engine.tokens.encode(
                    "p",
                    run.runId,
                    Long.toString(startedId),
                    Long.toString(lo),
                    Long.toString(page.next())))
        .build();
  }

  private PollForDecisionTaskResponse decisionPage(Tx tx, String token, int max, boolean reverse) {
    String[] t = engine.tokens.decode(token, "p", 5);
    Run run = t == null ? null : tx.runs().byId(t[1]);
    if (run == null) {
      throw SwfFaults.validation("Invalid nextPageToken: not a page of a decision task");
    }
    return decisionResponse(
        tx, run, Tokens.number(t[2]), Tokens.number(t[3]), Tokens.number(t[4]), reverse, max);
  }

  private PollForActivityTaskResponse startActivityTask(
      Tx tx, TaskQueues.Entry entry, String identity) {
    ActivityTask a = tx.activities().byScheduledId(entry.runId(), entry.ref());
    if (a == null || a.state != ActivityTask.State.SCHEDULED) {
      return null;
    }
    Run run = tx.run(a.runId);
    if (run == null || !run.open) {
      return null;
    }
    long startedId =
        engine.events.append(
            tx,
            run,
            EventType.ACTIVITY_TASK_STARTED,
            b ->
                b.activityTaskStartedEventAttributes(
                    x -> x.scheduledEventId(a.scheduledId).identity(identity)));
    a.state = ActivityTask.State.STARTED;
    a.startedId = startedId;
    long waited = System.nanoTime() - entry.queuedNanos();
    String startedList = a.taskList;
    tx.afterCommit(() -> engine.metrics.taskStarted("activity", startedList, waited));
    engine.deadlines.disarm(tx, a.runId, DeadlineKind.ACTIVITY_SCHEDULE_TO_START, a.scheduledId);
    long st2c = Check.seconds(a.startToClose, true, "startToCloseTimeout");
    if (st2c != Check.NONE) {
      engine.deadlines.arm(tx, a.runId, DeadlineKind.ACTIVITY_START_TO_CLOSE, a.scheduledId, st2c);
    }
    long hb = Check.seconds(a.heartbeat, true, "heartbeatTimeout");
    if (hb != Check.NONE) {
      engine.deadlines.arm(tx, a.runId, DeadlineKind.ACTIVITY_HEARTBEAT, a.scheduledId, hb);
    }
    tx.activities().save(a);
    return PollForActivityTaskResponse.builder()
        .taskToken(
            engine.tokens.encode(
                "a", a.runId, Long.toString(a.scheduledId), Long.toString(startedId)))
        .activityId(a.activityId)
        .startedEventId(startedId)
        .workflowExecution(run.execution())
        .activityType(t -> t.name(a.typeName).version(a.typeVersion))
        .input(a.input)
        .build();
  }
}
