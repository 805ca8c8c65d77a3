package dev.flow.internal.replay;

import dev.flow.DataConverter;
import dev.flow.spi.WorkflowDefinition;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * The replaying decider: runs workflow code over its history and answers one decision task.
 *
 * <p>The history is cut into decision steps at its {@code DecisionTaskStarted} events whose task
 * completed, plus the current one. The code runs from the start on a fresh instance, in the calling
 * thread, seeing only the events before the current step's {@code DecisionTaskStarted} (the
 * horizon). Where it blocks ({@code get()} on a promise that is not ready, {@code Workflow.await},
 * an entry method returning a pending promise), the horizon moves one step at a time and that
 * step's events are delivered in order: results complete promises (running their callbacks, which
 * may issue dependent calls), signals call their handlers. Every command the code issues is
 * matched, in the global order of issue, with the next command the history recorded; the ones left
 * over once those are exhausted are the new decisions. When the history runs out while the code is
 * blocked, the code is unwound with an internal {@link Error} and the new decisions are returned;
 * when the code returns, or its returned promise becomes ready, the workflow completes; when an
 * exception escapes it (or a signal handler), the workflow fails.
 *
 * <p>The decisions come in the order the code issued the commands, the close decision last, already
 * within the limits (system properties, read at each call): at most {@code
 * flow.decider.maxDecisionsPerTask} (100) decisions per answer, the last of them, when there are
 * more, a zero-second {@code StartTimer} (id {@code flow-split-<eventId>}) whose firing brings the
 * next decision task, which sends the rest; and no activity beyond {@code
 * flow.decider.maxOpenActivities} (1,000) open ones, those beyond (and every decision after them)
 * held back until others close. Send the decisions as they are: replay matches commands in the
 * global order of issue, so anything held back must be a suffix.
 *
 * <p>Each new decision carries, in {@code control}, the call it makes and what the code depended on
 * when it made it (see {@code Control} and {@code docs/history-format.md}); replay never reads it.
 *
 * <p>When the workflow's spec says {@code failOnNonDeterminism}, non-determinism is answered with a
 * {@code FailWorkflowExecution} decision (reason {@code NonDeterministicWorkflow}, the message as
 * details) instead of an exception.
 *
 * <p>Workflow code must not catch {@link Throwable} or {@link Error}: that would catch the
 * unwinding (the decider still answers correctly, but the code runs on where it should not).
 */
public final class Decider {
  private Decider() {}

  /**
   * Replays {@code history} (every event of the execution so far, in order, as the decision task
   * carries it) on a fresh instance of {@code definition} and returns the decisions of the current
   * decision task. Child workflow ids, which derive from the parent's workflow id, need {@link
   * #decide(WorkflowDefinition, WorkflowExecution, List, DataConverter)}.
   *
   * @throws NonDeterminismException when the code issues commands that differ from the recorded
   *     ones; answer with the {@link Blocked} decisions (the worker does)
   * @throws IllegalArgumentException when the history is invalid or of another workflow type
   */
  public static List<Decision> decide(
      WorkflowDefinition definition, List<HistoryEvent> history, DataConverter converter) {
    return decide(definition, null, history, converter);
  }

  /**
   * {@link #decide(WorkflowDefinition, List, DataConverter)} for {@code execution} (the decision
   * task's {@code workflowExecution}): what {@code Workflow.info()} reports and child workflow ids
   * derive from.
   */
  public static List<Decision> decide(
      WorkflowDefinition definition,
      WorkflowExecution execution,
      List<HistoryEvent> history,
      DataConverter converter) {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(converter, "converter");
    return new Execution(
            definition, execution, History.of(history), converter, Limits.fromSystemProperties())
        .run();
  }

  /**
   * {@link #decide(WorkflowDefinition, WorkflowExecution, List, DataConverter)} over {@code
   * history}, a prefix of {@code whole}, as the decision worker decided it: side effects the code
   * runs at the live step take the results {@code whole} recorded for them, and their functions are
   * not called. For replaying saved histories step by step.
   */
  public static List<Decision> decide(
      WorkflowDefinition definition,
      WorkflowExecution execution,
      List<HistoryEvent> history,
      DataConverter converter,
      List<HistoryEvent> whole) {
    Objects.requireNonNull(whole, "whole");
    return new Execution(
            definition,
            execution,
            History.of(history),
            converter,
            Limits.fromSystemProperties(),
            whole == history ? null : whole)
        .run();
  }
}
