package dev.flow.internal.worker;

import dev.flow.DataConverter;
import dev.flow.internal.Retries;
import dev.flow.internal.replay.Decider;
import dev.flow.internal.replay.NonDeterministicWorkflowException;
import dev.flow.internal.worker.WorkerHost.Settings;
import dev.flow.internal.worker.WorkerHost.TypeKey;
import dev.flow.spi.WorkflowDefinition;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskRequest;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.TaskList;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * Decision tasks of one task list: assembles the whole history (paging), replays it with the {@link
 * Decider} and answers; pages and answers refused transiently are retried a few times with backoff.
 * A task this worker cannot decide (unknown type, non-determinism, a failing decider) gets no
 * answer and times out, so the history stays as it was.
 */
final class DecisionTasks implements PollLoop.TaskSource<PollForDecisionTaskResponse> {
  private static final System.Logger LOG = System.getLogger(DecisionTasks.class.getName());

  /** More decisions than this in one answer should be split (not done yet). */
  static final int SPLIT_ABOVE = 100;

  /** What decides: {@link Decider#decide} (tests pass another). */
  interface DecideFunction {
    List<Decision> decide(
        WorkflowDefinition definition,
        WorkflowExecution execution,
        List<HistoryEvent> history,
        DataConverter converter);
  }

  private final Settings settings;
  private final Map<TypeKey, WorkflowDefinition> workflows;
  private final String taskList;
  private final DecideFunction decider;
  private final PollForDecisionTaskRequest poll;

  DecisionTasks(
      Settings settings,
      Map<TypeKey, WorkflowDefinition> workflows,
      String taskList,
      DecideFunction decider) {
    this.settings = settings;
    this.decider = decider;
    this.workflows = workflows;
    this.taskList = taskList;
    this.poll =
        PollForDecisionTaskRequest.builder()
            .domain(settings.domain())
            .taskList(TaskList.builder().name(taskList).build())
            .identity(settings.identity())
            .build();
  }

  @Override
  public PollForDecisionTaskResponse poll() {
    PollForDecisionTaskResponse task = settings.swf().pollForDecisionTask(poll);
    return task == null || task.taskToken() == null || task.taskToken().isEmpty() ? null : task;
  }

  @Override
  public void handle(PollForDecisionTaskResponse task) {
    WorkflowExecution execution = task.workflowExecution();
    String ids =
        execution == null ? "?" : execution.workflowId() + " (run " + execution.runId() + ")";
    TypeKey type = new TypeKey(task.workflowType().name(), task.workflowType().version());
    WorkflowDefinition definition = workflows.get(type);
    if (definition == null) {
      LOG.log(
          Level.WARNING,
          "no implementation of workflow type {0} on worker {1} (it hosts {2}); leaving the"
              + " decision task of workflow {3} on task list {4} to time out",
          type,
          settings.identity(),
          workflows.keySet(),
          ids,
          taskList);
      return;
    }
    List<HistoryEvent> history;
    try {
      history = history(task);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "cannot read the rest of the history of workflow "
              + ids
              + "; the decision task will"
              + " time out and be retried",
          e);
      return;
    }
    List<Decision> decisions;
    try {
      decisions = decider.decide(definition, execution, history, settings.converter());
    } catch (NonDeterministicWorkflowException e) {
      LOG.log(
          Level.ERROR,
          "workflow "
              + ids
              + " of type "
              + type
              + " is not deterministic; its decisions are blocked (nothing sent, the history is"
              + " unchanged) until the code matches its history again: "
              + e.getMessage(),
          e);
      return;
    } catch (Throwable e) {
      LOG.log(
          Level.ERROR,
          "the decider failed on workflow "
              + ids
              + " of type "
              + type
              + "; nothing sent, the"
              + " decision task will time out and be retried",
          e);
      return;
    }
    if (decisions.size() > SPLIT_ABOVE) {
      // TODO: split into several answers (SWF may refuse very large ones).
      LOG.log(
          Level.DEBUG,
          "sending {0} decisions for workflow {1} in one answer",
          decisions.size(),
          ids);
    }
    try {
      retrying(
          () ->
              settings
                  .swf()
                  .respondDecisionTaskCompleted(
                      r -> r.taskToken(task.taskToken()).decisions(decisions)));
    } catch (UnknownResourceException e) {
      LOG.log(
          Level.WARNING,
          "the decision task of workflow {0} was no longer open (timed out?) when answered: {1}",
          ids,
          e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot answer the decision task of workflow " + ids, e);
    }
  }

  /** Makes a call, retrying it a few times while it fails transiently (throttling, 5xx). */
  private <T> T retrying(Supplier<T> call) {
    return Retries.call(
        call,
        WorkerHost.CALL_ATTEMPTS,
        settings.firstRetry().toMillis(),
        settings.maxRetry().toMillis());
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
          retrying(() -> settings.swf().pollForDecisionTask(request));
      events.addAll(page.events());
      next = page.nextPageToken();
    }
    return events;
  }
}
