package dev.flow.internal.worker;

import dev.flow.DataConverter;
import dev.flow.internal.replay.Blocked;
import dev.flow.internal.replay.Decider;
import dev.flow.internal.replay.NonDeterminismException;
import dev.flow.internal.replay.Resume;
import dev.flow.internal.replay.StickyDecider;
import dev.flow.internal.tracing.DecisionTrace;
import dev.flow.internal.tracing.Traced;
import dev.flow.spi.WorkflowDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryRequest;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskRequest;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.TaskList;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * Decision tasks of one task list: assembles the whole history (paging), replays it with the {@link
 * Decider} and answers; pages and answers refused transiently are retried a few times with backoff.
 * A task of a type this worker does not host gets no answer and times out. A task it cannot decide
 * (non-determinism, a failing decider, an undecodable input) is answered with the {@link Blocked}
 * decisions: a marker saying why, and a timer that brings the execution back with backoff.
 *
 * <p>With sticky execution ({@link Sticky}), executions are decided by a {@link StickyDecider} that
 * keeps their code parked, and the answer for an execution kept parked names the worker's own
 * sticky task list (with a schedule-to-start timeout), so SWF sends its next decision task there.
 * That list is polled with {@code startAtPreviousStartedEvent}: only the new events come, and are
 * fed to the parked code. A miss (a restart, an eviction, a task the sticky list timed out and sent
 * back to the execution's own list, a gap) replays the whole history, read with {@code
 * GetWorkflowExecutionHistory} when the task carried only the new events.
 */
final class DecisionTasks implements PollLoop.TaskSource<PollForDecisionTaskResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(DecisionTasks.class);

  /**
   * What decides by replay from the start: {@link Decider#decide}, or with sticky execution {@link
   * Sticky#decide} (tests pass another); on both paths.
   */
  interface DecideFunction {
    List<Decision> decide(
        WorkflowDefinition definition,
        WorkflowExecution execution,
        List<HistoryEvent> history,
        DataConverter converter);
  }

  private final TaskServices services;
  private final Map<TypeKey, WorkflowDefinition> workflows;
  private final String taskList;
  private final DecideFunction decider;
  private final PollForDecisionTaskRequest poll;
  private final Sticky sticky;

  /**
   * Sticky execution: the decider keeping executions parked, and the worker's own task list their
   * next decision tasks go to.
   */
  record Sticky(StickyDecider decider, String taskList, BooleanSupplier workerOpen) {
    /** How long a task waits on the sticky list before SWF sends it back to the execution's own. */
    static final String SCHEDULE_TO_START_SECONDS = "5";

    /**
     * Replays {@code history} from the start and keeps the run parked ({@link
     * StickyDecider#decide}); without an execution (no run to park), as {@link Decider#decide}.
     */
    List<Decision> decide(
        WorkflowDefinition definition,
        WorkflowExecution execution,
        List<HistoryEvent> history,
        DataConverter converter) {
      return execution == null
          ? Decider.decide(definition, null, history, converter)
          : decider.decide(definition, execution, history, converter);
    }
  }

  /**
   * @param sticky sticky execution, or null: every task is replayed from the start by {@code
   *     decider}
   */
  DecisionTasks(
      TaskServices services,
      Map<TypeKey, WorkflowDefinition> workflows,
      String taskList,
      DecideFunction decider,
      Sticky sticky) {
    this.services = services;
    this.decider = decider;
    this.workflows = workflows;
    this.taskList = taskList;
    this.sticky = sticky;
    this.poll =
        PollForDecisionTaskRequest.builder()
            .domain(services.domain())
            .taskList(TaskList.builder().name(taskList).build())
            .identity(services.identity())
            .startAtPreviousStartedEvent(
                (sticky != null && taskList.equals(sticky.taskList())) ? Boolean.TRUE : null)
            .build();
  }

  @Override
  public PollForDecisionTaskResponse poll() {
    PollForDecisionTaskResponse task = services.swf().pollForDecisionTask(poll);
    return task == null || task.taskToken() == null || task.taskToken().isEmpty() ? null : task;
  }

  @Override
  public void handle(PollForDecisionTaskResponse task) {
    WorkflowExecution execution = task.workflowExecution();
    String type = task.workflowType().name();
    long start = System.nanoTime();
    try (Mdc mdc = Mdc.decisionTask(execution, taskList)) {
      String outcome = decideAndAnswer(task);
      services.metrics().decisionTask(type, outcome, System.nanoTime() - start);
    }
  }

  /** Handles the task; says how: answered, unanswered, blocked, failed or unknown type. */
  private String decideAndAnswer(PollForDecisionTaskResponse task) {
    WorkflowExecution execution = task.workflowExecution();
    String ids =
        execution == null ? "?" : execution.workflowId() + " (run " + execution.runId() + ")";
    TypeKey type = new TypeKey(task.workflowType().name(), task.workflowType().version());
    WorkflowDefinition definition = workflows.get(type);
    if (definition == null) {
      LOG.warn(
          "no implementation of workflow type {} on worker {} (it hosts {}); leaving the"
              + " decision task of workflow {} on task list {} to time out",
          type,
          services.identity(),
          workflows.keySet(),
          ids,
          taskList);
      return "unknown-type";
    }
    List<HistoryEvent> history;
    try {
      history = history(task);
    } catch (RuntimeException e) {
      LOG.warn(
          "cannot read the rest of the history of workflow "
              + ids
              + "; the decision task will"
              + " time out and be retried",
          e);
      return "unanswered";
    }
    DecisionTrace trace = services.tracing().decisionTask(task, history, taskList);
    String outcome = "unanswered";
    try (Traced.Scope scope = trace.makeCurrent()) {
      outcome = answer(task, definition, ids, history, trace);
      return outcome;
    } finally {
      trace.attribute("flow.outcome", outcome);
      trace.end();
    }
  }

  /** Decides the live task over {@code history} and answers; says how (as decideAndAnswer). */
  private String answer(
      PollForDecisionTaskResponse task,
      WorkflowDefinition definition,
      String ids,
      List<HistoryEvent> history,
      DecisionTrace trace) {
    WorkflowExecution execution = task.workflowExecution();
    TypeKey type = new TypeKey(task.workflowType().name(), task.workflowType().version());
    if (!history.isEmpty() && history.get(0).eventId() == 1) {
      // (a task carrying only the new events is on the sticky list: the run is past this)
      List<Decision> resuming;
      try {
        resuming = Resume.pending(history, execution, run -> fullHistory(run, Long.MAX_VALUE));
      } catch (RuntimeException e) {
        LOG.error(
            "cannot read the run that workflow " + ids + " resumes; its decisions are blocked", e);
        trace.failed(e);
        answerBlocked(task, execution, ids, history, e, trace);
        return "blocked";
      }
      if (resuming != null) {
        try {
          respond(task, resuming, trace.executionContext(null));
          trace.answered(resuming);
        } catch (RuntimeException e) {
          LOG.warn("cannot answer the decision task of workflow " + ids, e);
          return "unanswered";
        }
        return "answered";
      }
    }
    List<Decision> decisions;
    try {
      decisions = decide(task, definition, execution, history);
    } catch (NonDeterminismException e) {
      LOG.error(
          "workflow "
              + ids
              + " of type "
              + type
              + " is not deterministic; its decisions are blocked (a "
              + Blocked.MARKER
              + " marker says why, a timer brings it back) until the code matches its history"
              + " again: "
              + e.getMessage(),
          e);
      trace.failed(e);
      answerBlocked(task, execution, ids, history, e, trace);
      return "blocked";
    } catch (Throwable e) {
      LOG.error(
          "the decider failed on workflow "
              + ids
              + " of type "
              + type
              + "; its decisions are blocked (a "
              + Blocked.MARKER
              + " marker says why, a timer brings it back)",
          e);
      trace.failed(e);
      answerBlocked(task, execution, ids, history, e, trace);
      return "failed";
    }
    boolean closing = sticky != null && !sticky.workerOpen().getAsBoolean();
    if (closing && execution != null && sticky.decider().isParked(execution.runId())) {
      // the next decision goes to the execution's own task list, where other workers (or this
      // one, restarted) poll, not to a sticky list nobody will poll again (SWF would hold it there
      // for the schedule-to-start timeout first)
      sticky.decider().evict(execution.runId());
    }
    boolean parked =
        sticky != null
            && !closing
            && execution != null
            && sticky.decider().isParked(execution.runId());
    // DescribeWorkflowExecution's latestExecutionContext says blocked until an answer replaces it
    String context = trace.executionContext(Blocked.wasBlocked(history) ? Blocked.DECIDED : null);
    try {
      services.call(
          () ->
              services
                  .swf()
                  .respondDecisionTaskCompleted(
                      r -> {
                        r.taskToken(task.taskToken())
                            .decisions(decisions)
                            .executionContext(context);
                        if (parked) {
                          r.taskList(TaskList.builder().name(sticky.taskList()).build())
                              .taskListScheduleToStartTimeout(Sticky.SCHEDULE_TO_START_SECONDS);
                        }
                      }));
      trace.answered(decisions);
      return "answered";
    } catch (UnknownResourceException e) {
      if (parked) {
        sticky.decider().evict(execution.runId());
      }
      LOG.warn(
          "the decision task of workflow {} was no longer open (timed out?) when answered: {}",
          ids,
          e.getMessage());
      return "unanswered";
    } catch (RuntimeException e) {
      if (parked) {
        sticky.decider().evict(execution.runId());
      }
      LOG.warn("cannot answer the decision task of workflow " + ids, e);
      return "unanswered";
    }
  }

  /** Answers {@code task} (retrying transient failures), not keeping the run on a sticky list. */
  private void respond(
      PollForDecisionTaskResponse task, List<Decision> decisions, String executionContext) {
    services.call(
        () ->
            services
                .swf()
                .respondDecisionTaskCompleted(
                    r ->
                        r.taskToken(task.taskToken())
                            .decisions(decisions)
                            .executionContext(executionContext)));
  }

  /**
   * Answers a task the decider could not decide with the {@link Blocked} decisions: why, in the
   * execution, and a timer to try again.
   */
  private void answerBlocked(
      PollForDecisionTaskResponse task,
      WorkflowExecution execution,
      String ids,
      List<HistoryEvent> events,
      Throwable failure,
      DecisionTrace trace) {
    try {
      List<HistoryEvent> history =
          sticky != null && execution != null && !events.isEmpty() && events.get(0).eventId() != 1
              ? fullHistory(execution, task.startedEventId())
              : events;
      long started = task.startedEventId() == null ? 0 : task.startedEventId();
      List<Decision> blocked = Blocked.decisions(history, started, failure, services.identity());
      // the exact blocked context (readers compare it whole): it records no trace
      respond(task, blocked, Blocked.CONTEXT);
      trace.answered(blocked);
    } catch (RuntimeException e) {
      LOG.warn(
          "cannot record that workflow " + ids + " is blocked; its decision task will time out", e);
    }
  }

  /**
   * The decisions: on the parked code when the run is parked here and {@code events} continue what
   * it saw; else by replay from the start with {@link #decider}.
   */
  private List<Decision> decide(
      PollForDecisionTaskResponse task,
      WorkflowDefinition definition,
      WorkflowExecution execution,
      List<HistoryEvent> events) {
    String type = task.workflowType().name();
    if (sticky == null || execution == null) {
      services.metrics().eventsReplayed(type, events.size());
      return decider.decide(definition, execution, events, services.converter());
    }
    long previous = task.previousStartedEventId() == null ? 0 : task.previousStartedEventId();
    if (previous > 0) {
      List<Decision> decisions = sticky.decider().decideNew(execution, previous, events);
      if (decisions != null) {
        services.metrics().sticky(true);
        return decisions;
      }
    }
    services.metrics().sticky(false);
    List<HistoryEvent> history =
        !events.isEmpty() && events.get(0).eventId() == 1
            ? events
            : fullHistory(execution, task.startedEventId());
    services.metrics().eventsReplayed(type, history.size());
    return decider.decide(definition, execution, history, services.converter());
  }

  /**
   * The whole history up to the decision task's DecisionTaskStarted {@code startedEventId} (or all
   * of it, for {@link Long#MAX_VALUE}).
   */
  private List<HistoryEvent> fullHistory(WorkflowExecution execution, long startedEventId) {
    List<HistoryEvent> events = new ArrayList<>();
    String next = null;
    do {
      GetWorkflowExecutionHistoryRequest request =
          GetWorkflowExecutionHistoryRequest.builder()
              .domain(services.domain())
              .execution(execution)
              .maximumPageSize(1000)
              .nextPageToken(next)
              .build();
      GetWorkflowExecutionHistoryResponse page =
          services.call(() -> services.swf().getWorkflowExecutionHistory(request));
      for (HistoryEvent e : page.events()) {
        if (e.eventId() <= startedEventId) {
          events.add(e);
        }
      }
      next = page.nextPageToken();
    } while (next != null && !next.isEmpty() && events.size() < startedEventId);
    return events;
  }

  /** The events of the first page and of every next page. */
  private List<HistoryEvent> history(PollForDecisionTaskResponse first) {
    String next = first.nextPageToken();
    if (next == null || next.isEmpty()) {
      return first.events();
    }
    List<HistoryEvent> events = new ArrayList<>(first.events());
    while (next != null && !next.isEmpty()) {
      PollForDecisionTaskRequest request = poll.toBuilder().nextPageToken(next).build();
      PollForDecisionTaskResponse page =
          services.call(() -> services.swf().pollForDecisionTask(request));
      events.addAll(page.events());
      next = page.nextPageToken();
    }
    return events;
  }
}
