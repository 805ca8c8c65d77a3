package dev.flow.testing;

import dev.flow.DataConverter;
import dev.flow.Histories;
import dev.flow.internal.replay.Blocked;
import dev.flow.internal.replay.Decider;
import dev.flow.internal.replay.NonDeterminismException;
import dev.flow.internal.replay.Resume;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * Replays a saved workflow history against the current workflow code, to prove in a unit test that
 * a change keeps running executions working (or to reproduce a production decision).
 *
 * <pre>{@code
 * @Test
 * void processVideo_replaysTheHistoriesOfProduction() {
 *   WorkflowReplayer.replay(
 *       ProcessVideoDefinition.of(() -> new ProcessVideoImpl(new MediaStub())),
 *       Path.of("src/test/resources/histories/process-video.json"));
 * }
 * }</pre>
 *
 * <p>A history is JSON as {@code aws swf get-workflow-execution-history --domain D --execution
 * workflowId=W,runId=R} prints it, or as the embedded engine exports it: {@code {"events": [...]}}
 * (a bare array of events too), each event with {@code eventType}, {@code eventId}, {@code
 * eventTimestamp} (epoch seconds, or ISO-8601 text) and its {@code ...EventAttributes} object.
 *
 * <p>The replay is the decision worker's: at each decision step of the history (each completed
 * decision task), the code is run by the replaying decider over the history up to that task, and
 * what it decides must begin with what the task recorded (kind, type and id, in order, and the
 * input of activities and children, compared as JSON); then the whole history is replayed, and a
 * history the workflow closed must close the same way again. The first difference is thrown as a
 * {@link NonDeterminismError} naming the step that recorded it and both sides. Side effects ({@code
 * Workflow.sideEffect}) take the results the history recorded: their functions are not called.
 */
public final class WorkflowReplayer {
  private WorkflowReplayer() {}

  /**
   * What a replay found: the number of decision steps replayed, the decisions the code makes at the
   * end of the history (for an open history with a decision task in progress: that task's answer;
   * for a history the workflow closed: its close decision again), and whether the history is
   * closed.
   */
  public record Result(int steps, List<Decision> decisions, boolean closed) {
    public Result {
      decisions = List.copyOf(decisions);
    }
  }

  /**
   * Replays the history saved in {@code historyJson} with the default data converter.
   *
   * @throws NonDeterminismError when the code no longer decides as the history recorded
   * @throws IllegalArgumentException when the file is not a valid history of the workflow's type
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Result replay(WorkflowDefinition definition, Path historyJson) {
    Objects.requireNonNull(historyJson, "historyJson");
    String json;
    try {
      json = Files.readString(historyJson);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the history " + historyJson, e);
    }
    try {
      return replay(definition, Histories.fromJson(json));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(historyJson + ": " + e.getMessage(), e);
    }
  }

  /**
   * Replays the history in {@code historyJson} (the text of a saved history) with the default data
   * converter.
   *
   * @throws NonDeterminismError when the code no longer decides as the history recorded
   * @throws IllegalArgumentException when the text is not a valid history of the workflow's type
   */
  public static Result replay(WorkflowDefinition definition, String historyJson) {
    Objects.requireNonNull(historyJson, "historyJson");
    return replay(definition, Histories.fromJson(historyJson));
  }

  /**
   * Replays {@code history} with the default data converter.
   *
   * @throws NonDeterminismError when the code no longer decides as the history recorded
   * @throws IllegalArgumentException when the history is not a valid history of the workflow's type
   */
  public static Result replay(WorkflowDefinition definition, List<HistoryEvent> history) {
    return replay(definition, history, DataConverter.json(), null);
  }

  /**
   * Replays {@code history} with {@code converter} (the one the workflow's workers use, such as one
   * reading a blob store) as the execution {@code execution}, which {@code Workflow.info()} reports
   * and child workflow ids derive from; null: unknown (then the workflow id is taken from the child
   * workflow ids the history recorded, if any; without any, a workflow that starts a child is an
   * {@link IllegalArgumentException} asking for the execution).
   *
   * @throws NonDeterminismError when the code no longer decides as the history recorded
   * @throws IllegalArgumentException when the history is not a valid history of the workflow's type
   */
  public static Result replay(
      WorkflowDefinition definition,
      List<HistoryEvent> history,
      DataConverter converter,
      WorkflowExecution execution) {
    requireReplayable(definition, history, converter);
    return new Run(definition, List.copyOf(history), converter, execution).run();
  }

  /**
   * Replays the whole of {@code history} once, from its first event, as a decision worker without a
   * sticky cache does for a decision task at the history's end, and returns the decisions the code
   * makes there (for a history the workflow closed: its close decision again). Each command the
   * code issues on the way is checked against the one the history recorded, as in {@link
   * #replay(WorkflowDefinition, List, DataConverter, WorkflowExecution)}, but the decision steps
   * are not replayed one by one: this costs one pass over the history, where {@code replay} costs
   * one per decision step. For a quick check of a long history, or to measure replay.
   *
   * <pre>{@code
   * List<Decision> next =
   *     WorkflowReplayer.decide(definition, history, DataConverter.json(), execution);
   * }</pre>
   *
   * @param execution what {@code Workflow.info()} reports and child workflow ids derive from; null:
   *     unknown (then taken from the child workflow ids the history recorded, if any)
   * @throws NonDeterminismError when the code no longer decides as the history recorded
   * @throws IllegalArgumentException when the history is not a valid history of the workflow's type
   */
  public static List<Decision> decide(
      WorkflowDefinition definition,
      List<HistoryEvent> history,
      DataConverter converter,
      WorkflowExecution execution) {
    requireReplayable(definition, history, converter);
    return new Run(definition, history, converter, execution).decide(history, 0, 0);
  }

  private static void requireReplayable(
      WorkflowDefinition definition, List<HistoryEvent> history, DataConverter converter) {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(converter, "converter");
    if (history.isEmpty()) {
      throw new IllegalArgumentException("the history is empty: nothing to replay");
    }
  }

  /** One replay of one history. */
  private static final class Run {
    private final WorkflowDefinition definition;
    private final List<HistoryEvent> history;
    private final DataConverter converter;
    private final WorkflowExecution execution;
    private final String workflow;

    Run(
        WorkflowDefinition definition,
        List<HistoryEvent> history,
        DataConverter converter,
        WorkflowExecution execution) {
      this.definition = definition;
      this.history = history;
      this.converter = converter;
      this.execution = execution != null ? execution : RecordedDecision.inferExecution(history);
      WorkflowSpec spec = definition.spec();
      this.workflow = "workflow " + spec.name() + " " + spec.version();
    }

    Result run() {
      Map<Long, Integer> indexById = new HashMap<>();
      for (int i = 0; i < history.size(); i++) {
        Long id = history.get(i).eventId();
        if (id != null) {
          indexById.put(id, i);
        }
      }
      Map<Long, List<RecordedDecision>> recordedByTask = RecordedDecision.byTask(history);
      int step = 0;
      for (HistoryEvent e : history) {
        if (e.eventType() != EventType.DECISION_TASK_COMPLETED) {
          continue;
        }
        step++;
        var completed = e.decisionTaskCompletedEventAttributes();
        Long started = completed == null ? null : completed.startedEventId();
        Integer startedIndex = started == null ? null : indexById.get(started);
        if (startedIndex == null) {
          throw new IllegalArgumentException(
              "invalid history: DecisionTaskCompleted event "
                  + e.eventId()
                  + " names started event "
                  + started
                  + ", which the history does not have");
        }
        List<RecordedDecision> recorded = recordedByTask.getOrDefault(e.eventId(), List.of());
        if (isWorkerAnswer(completed.executionContext(), recorded)) {
          continue; // a worker's own answer (blocked, or recording a resumed run's results)
        }
        List<Decision> decided = decide(history.subList(0, startedIndex + 1), step, started);
        failedOnNonDeterminism(decided, recorded, step, started);
        compare(recorded, decided, step, started);
      }
      List<Decision> last = decide(history, 0, 0);
      HistoryEvent closing = RecordedDecision.closingEvent(history);
      failedOnNonDeterminism(
          last,
          closing == null || RecordedDecision.describe(closing) == null
              ? List.of()
              : List.of(new RecordedDecision(closing)),
          0,
          0);
      if (closing != null) {
        String close = RecordedDecision.describe(closing);
        if (close != null) {
          List<String> issued = last.stream().map(RecordedDecision::describe).toList();
          if (!issued.equals(List.of(close))) {
            List<String> shown =
                last.stream()
                    .map(d -> RecordedDecision.describe(d) + RecordedDecision.detail(d))
                    .toList();
            throw mismatch(
                0,
                0,
                close + RecordedDecision.detail(closing) + " (event " + closing.eventId() + ")",
                shown.isEmpty() ? null : String.join(", ", shown));
          }
        }
      }
      return new Result(step, last, closing != null);
    }

    private List<Decision> decide(List<HistoryEvent> events, int step, long started) {
      try {
        return Decider.decide(definition, execution, events, converter, history);
      } catch (NonDeterminismException e) {
        throw new NonDeterminismError(
            workflow
                + " does not replay its history "
                + where(step, started)
                + ": "
                + e.getMessage(),
            step,
            started,
            null,
            null,
            e);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "cannot replay " + workflow + " " + where(step, started) + ": " + e.getMessage(), e);
      } catch (IllegalStateException e) {
        // the only state the decider lacks is the execution, which the caller can give
        throw new IllegalArgumentException(
            "cannot replay "
                + workflow
                + " "
                + where(step, started)
                + ": child workflow ids derive from the parent's workflow id, which the history"
                + " does not tell: give the execution, WorkflowReplayer.replay(definition, history,"
                + " converter, execution)",
            e);
      }
    }

    /**
     * A workflow whose spec says {@code failOnNonDeterminism} answers non-determinism with a {@code
     * FailWorkflowExecution} (reason {@value NonDeterminismException#FAIL_REASON}, the decider's
     * message as details) instead of an exception: unless the history recorded that failure too, it
     * is reported as such.
     */
    private void failedOnNonDeterminism(
        List<Decision> decided, List<RecordedDecision> recorded, int step, long started) {
      for (int i = 0; i < decided.size(); i++) {
        Decision d = decided.get(i);
        if (d.decisionType() != DecisionType.FAIL_WORKFLOW_EXECUTION
            || !NonDeterminismException.FAIL_REASON.equals(
                d.failWorkflowExecutionDecisionAttributes().reason())) {
          continue;
        }
        if (i < recorded.size()
            && recorded.get(i).description().equals(RecordedDecision.describe(d))) {
          continue; // the history failed the same way
        }
        String details = d.failWorkflowExecutionDecisionAttributes().details();
        String message =
            workflow
                + " does not replay its history "
                + where(step, started)
                + ": "
                + (details == null ? "the code fails it as non-deterministic" : details);
        throw new NonDeterminismError(
            message,
            step,
            started,
            i < recorded.size() ? recorded.get(i).description() : null,
            RecordedDecision.describe(d),
            new NonDeterminismException(message));
      }
    }

    private void compare(
        List<RecordedDecision> recorded, List<Decision> decided, int step, long started) {
      for (int i = 0; i < recorded.size(); i++) {
        RecordedDecision r = recorded.get(i);
        String issued = i < decided.size() ? RecordedDecision.describe(decided.get(i)) : null;
        if (!r.description().equals(issued)) {
          throw mismatch(
              step,
              started,
              r.description() + r.detail() + " (event " + r.eventId() + ")",
              issued == null ? null : issued + RecordedDecision.detail(decided.get(i)));
        }
        String input = RecordedDecision.input(decided.get(i));
        if (r.input() != null && input != null && !RecordedDecision.sameJson(r.input(), input)) {
          // found here, at the step that recorded it, not at a later step by the decider
          throw mismatch(
              step,
              started,
              r.description() + " (event " + r.eventId() + ") with input " + r.input(),
              issued + " with input " + input);
        }
      }
    }

    /**
     * Whether a decision task was answered by the worker for itself, not by the workflow code: a
     * blocked decider's answer, or one recording the results a resumed run reuses.
     */
    private static boolean isWorkerAnswer(String context, List<RecordedDecision> recorded) {
      if (Blocked.CONTEXT.equals(context)) {
        return true;
      }
      for (RecordedDecision r : recorded) {
        if (r.description().startsWith("RecordMarker " + Resume.MARKER)) {
          return true;
        }
      }
      return false;
    }

    private NonDeterminismError mismatch(int step, long started, String recorded, String issued) {
      String message =
          workflow
              + " does not replay its history "
              + where(step, started)
              + ": the history recorded "
              + (recorded == null ? "no more decisions" : recorded)
              + ", but the code now decides "
              + (issued == null ? "nothing more" : issued);
      return new NonDeterminismError(
          message, step, started, recorded, issued, new NonDeterminismException(message));
    }

    private static String where(int step, long started) {
      return step == 0
          ? "at its end"
          : "at decision step " + step + " (DecisionTaskStarted event " + started + ")";
    }
  }
}
