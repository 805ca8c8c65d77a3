package dev.flow.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.DataConverter;
import dev.flow.Promise;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.Stubs;
import dev.flow.spi.Types;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowInstance;
import dev.flow.spi.WorkflowSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * What the replay tests share: hand-written activity specs and stubs (as the processor would
 * generate them), hand-written workflow definitions, and a one-line summary of decisions and of the
 * events that record them, so tests can compare the two.
 */
final class ReplayTesting {
  private ReplayTesting() {}

  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  static final DataConverter JSON = DataConverter.json();
  static final WorkflowExecution EXECUTION =
      WorkflowExecution.builder().workflowId("video-42").runId("run-1").build();

  static final ActivitySpec EMBED_SUBTITLE =
      ActivitySpec.builder("Media.embedSubtitle", "1.0")
          .taskList("media")
          .parameterTypes(String.class, String.class)
          .resultType(String.class)
          .build();
  static final ActivitySpec ENCODE_VIDEO =
      ActivitySpec.builder("Media.encodeVideo", "1.0")
          .taskList("media")
          .startToCloseTimeoutSeconds(3600)
          .heartbeatTimeoutSeconds(60)
          .parameterTypes(String.class, String.class)
          .resultType(String.class)
          .build();
  static final ActivitySpec TARGET_ADS =
      ActivitySpec.builder("Media.targetAds", "1.0")
          .taskList("media")
          .parameterTypes(String.class)
          .resultType(Types.parameterized(List.class, String.class))
          .build();
  static final ActivitySpec FIND_CHAPTERS =
      ActivitySpec.builder("Media.findChapters", "1.0")
          .taskList("media")
          .parameterTypes(String.class)
          .resultType(Types.parameterized(List.class, String.class))
          .build();

  /** The stub the processor would generate for {@code Media}: values or promises. */
  static final class MediaStub {
    Promise<String> embedSubtitle(Object videoUrl, Object subtitleUrl) {
      return Stubs.activity(EMBED_SUBTITLE, null, videoUrl, subtitleUrl);
    }

    Promise<String> encodeVideo(Object url, Object format) {
      return Stubs.activity(ENCODE_VIDEO, null, url, format);
    }

    Promise<List<String>> targetAds(Object subtitleUrl) {
      return Stubs.activity(TARGET_ADS, null, subtitleUrl);
    }

    Promise<List<String>> findChapters(Object videoUrl) {
      return Stubs.activity(FIND_CHAPTERS, null, videoUrl);
    }
  }

  /** A hand-written definition, as the processor would generate one. */
  static WorkflowDefinition definition(WorkflowSpec spec, Supplier<WorkflowInstance> factory) {
    return new WorkflowDefinition() {
      @Override
      public WorkflowSpec spec() {
        return spec;
      }

      @Override
      public WorkflowInstance newInstance() {
        return factory.get();
      }
    };
  }

  /** A workflow instance running {@code execute}, without signals. */
  static WorkflowInstance instance(java.util.function.Function<Object[], Object> execute) {
    return instance(
        execute,
        (name, args) -> {
          throw new IllegalArgumentException("no signal " + name);
        });
  }

  /** A workflow instance running {@code execute}, with {@code signal} for its signals. */
  static WorkflowInstance instance(
      java.util.function.Function<Object[], Object> execute,
      java.util.function.BiConsumer<String, Object[]> signal) {
    return new WorkflowInstance() {
      @Override
      public Object execute(Object[] arguments) {
        return execute.apply(arguments);
      }

      @Override
      public void signal(String signalName, Object[] arguments) {
        signal.accept(signalName, arguments);
      }
    };
  }

  /**
   * Whether {@link #decide} also drives the sticky decider over the history, step by step, and
   * checks it decides what full replay decides at each step (system property {@code
   * flow.test.sticky}, default true).
   */
  static final boolean CROSS_CHECK_STICKY =
      Boolean.parseBoolean(System.getProperty("flow.test.sticky", "true"));

  /**
   * Set by tests whose workflow code counts its runs (or draws): the cross-check would run it more
   * often.
   */
  static final ThreadLocal<Boolean> REPLAY_ONLY = ThreadLocal.withInitial(() -> false);

  /** Steps the sticky cross-check decided on a parked execution, and by replay from the start. */
  static final AtomicLong STICKY_HITS = new AtomicLong();

  static final AtomicLong STICKY_MISSES = new AtomicLong();

  /**
   * The decisions full replay ({@link Decider#decide}) gives; with {@link #CROSS_CHECK_STICKY},
   * after checking that the sticky path gives the same at every step of the history.
   */
  static List<String> decide(WorkflowDefinition definition, List<HistoryEvent> history) {
    List<String> decisions = summary(Decider.decide(definition, EXECUTION, history, JSON));
    if (CROSS_CHECK_STICKY && !REPLAY_ONLY.get()) {
      assertStickyDecidesAsReplay(definition, history);
    }
    return decisions;
  }

  /**
   * The decisions full replay gives, without the sticky cross-check (for code that counts runs).
   */
  static List<String> decideByReplay(WorkflowDefinition definition, List<HistoryEvent> history) {
    return summary(Decider.decide(definition, EXECUTION, history, JSON));
  }

  /**
   * Cuts {@code history} at each decision step and decides each cut twice: by full replay, and with
   * a {@link StickyDecider} (capacity 1) fed only the events since the previous cut, falling back
   * to replay from the start on a miss, as the decision worker does; the outcomes (decisions, or
   * the exception) must be the same.
   */
  static void assertStickyDecidesAsReplay(
      WorkflowDefinition definition, List<HistoryEvent> history) {
    History whole = History.of(history);
    int[] steps = new int[whole.stepCount()];
    Arrays.setAll(steps, whole::step);
    if (steps.length > MAX_CROSS_CHECKED_STEPS) {
      return;
    }
    try (StickyDecider sticky = new StickyDecider(1)) {
      long previousStarted = 0;
      List<String> previousDecisions = List.of();
      for (int k = 0; k < steps.length; k++) {
        if (k > 0 && !previousDecisions.equals(recordedBy(history, steps[k - 1] + 1))) {
          // the history did not record what the parked code decided (it decided afresh what the
          // history recorded at random, or the test's code counts its runs): on a real engine the
          // history records what the decider answered, so the sticky execution cannot be it
          sticky.evict(EXECUTION.runId());
        }
        List<HistoryEvent> cut = history.subList(0, steps[k] + 1);
        long previous = previousStarted;
        if (previous > 0) {
          assertSameHistory(
              History.of(history.subList(0, (int) previous))
                  .extend(cut.subList((int) previous, cut.size())),
              History.of(cut));
        }
        List<String> replayed = new ArrayList<>();
        String expected =
            outcome(
                () -> {
                  List<Decision> d = Decider.decide(definition, EXECUTION, cut, JSON);
                  replayed.addAll(controls(d));
                  return summary(d);
                });
        List<String> stickyControls = new ArrayList<>();
        String got =
            outcome(
                () -> {
                  List<Decision> d =
                      previous == 0
                          ? null
                          : sticky.decideNew(
                              EXECUTION, previous, cut.subList((int) previous - 1, cut.size()));
                  if (d == null) {
                    STICKY_MISSES.incrementAndGet();
                    d = sticky.decide(definition, EXECUTION, cut, JSON);
                  } else {
                    STICKY_HITS.incrementAndGet();
                  }
                  LAST.set(summary(d));
                  stickyControls.addAll(controls(d));
                  return summary(d);
                });
        previousDecisions = decisionsOf(got);
        List<String> recorded = recordedBy(history, steps[k] + 1);
        if (recorded == null || expected.equals(recorded.toString())) {
          // (where the history recorded other decisions than full replay makes, such as values
          // drawn afresh at random, the two paths draw afresh too and need not agree)
          assertThat(got)
              .as("sticky decisions of the task started at event %d", steps[k] + 1)
              .isEqualTo(expected);
          assertThat(stickyControls)
              .as(
                  "the control of the sticky decisions of the task started at event %d",
                  steps[k] + 1)
              .isEqualTo(replayed);
        }
        previousStarted = steps[k] + 1;
      }
    }
  }

  /** {@code History.extend} reads what {@code History.of} reads. */
  static void assertSameHistory(History extended, History whole) {
    assertThat(extended.size()).isEqualTo(whole.size());
    for (int i = 0; i < whole.size(); i++) {
      assertThat(extended.event(i)).isSameAs(whole.event(i));
      assertThat(extended.type(i)).isEqualTo(whole.type(i));
      assertThat(extended.recordedAt(i)).as("recordedAt(%d)", i).isEqualTo(whole.recordedAt(i));
    }
    assertThat(extended.stepCount()).isEqualTo(whole.stepCount());
    for (int s = 0; s < whole.stepCount(); s++) {
      assertThat(extended.step(s)).as("step(%d)", s).isEqualTo(whole.step(s));
      assertThat(extended.recordedBefore(s)).isEqualTo(whole.recordedBefore(s));
    }
    assertThat(extended.recorded).isEqualTo(whole.recorded);
  }

  /** Histories of more steps are not cross-checked: that would replay them O(steps^2). */
  private static final int MAX_CROSS_CHECKED_STEPS = 200;

  private static final ThreadLocal<List<String>> LAST = new ThreadLocal<>();

  private static List<String> decisionsOf(String outcome) {
    List<String> d = LAST.get();
    LAST.remove();
    return d == null ? List.of("failed: " + outcome) : d;
  }

  /**
   * Summaries of the decisions the task started at event {@code startedEventId} recorded; null when
   * it did not complete.
   */
  private static List<String> recordedBy(List<HistoryEvent> history, long startedEventId) {
    Long completed = null;
    for (HistoryEvent e : history) {
      if (e.eventType() == EventType.DECISION_TASK_COMPLETED
          && e.decisionTaskCompletedEventAttributes().startedEventId() == startedEventId) {
        completed = e.eventId();
      }
    }
    if (completed == null) {
      return null;
    }
    List<String> recorded = new ArrayList<>();
    for (HistoryEvent r : history) {
      Long by = decisionTaskCompletedEventId(r);
      if (by != null && by.equals(completed)) {
        recorded.add(summary(r));
      }
    }
    return recorded;
  }

  private static String outcome(Supplier<List<String>> decide) {
    try {
      return decide.get().toString();
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  /** The control of each decision (null for a marker or a decision without one). */
  static List<String> controls(List<Decision> decisions) {
    List<String> controls = new ArrayList<>();
    for (Decision d : decisions) {
      controls.add(control(d));
    }
    return controls;
  }

  static String control(Decision d) {
    return switch (d.decisionType()) {
      case SCHEDULE_ACTIVITY_TASK -> d.scheduleActivityTaskDecisionAttributes().control();
      case START_TIMER -> d.startTimerDecisionAttributes().control();
      case START_CHILD_WORKFLOW_EXECUTION ->
          d.startChildWorkflowExecutionDecisionAttributes().control();
      case SIGNAL_EXTERNAL_WORKFLOW_EXECUTION ->
          d.signalExternalWorkflowExecutionDecisionAttributes().control();
      case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION ->
          d.requestCancelExternalWorkflowExecutionDecisionAttributes().control();
      default -> null;
    };
  }

  static List<String> summary(List<Decision> decisions) {
    List<String> lines = new ArrayList<>();
    for (Decision d : decisions) {
      lines.add(summary(d));
    }
    return lines;
  }

  static String summary(Decision d) {
    return switch (d.decisionType()) {
      case SCHEDULE_ACTIVITY_TASK -> {
        var a = d.scheduleActivityTaskDecisionAttributes();
        yield "schedule " + a.activityId() + " " + a.input();
      }
      case START_TIMER -> {
        var a = d.startTimerDecisionAttributes();
        yield "timer " + a.timerId() + " " + a.startToFireTimeout() + "s";
      }
      case START_CHILD_WORKFLOW_EXECUTION -> {
        var a = d.startChildWorkflowExecutionDecisionAttributes();
        yield "child " + a.workflowType().name() + " " + a.workflowId() + " " + a.input();
      }
      case RECORD_MARKER -> {
        var a = d.recordMarkerDecisionAttributes();
        yield "marker " + a.markerName() + " " + a.details();
      }
      case COMPLETE_WORKFLOW_EXECUTION ->
          "complete " + d.completeWorkflowExecutionDecisionAttributes().result();
      case FAIL_WORKFLOW_EXECUTION ->
          "fail " + d.failWorkflowExecutionDecisionAttributes().reason();
      case CANCEL_TIMER -> "cancel timer " + d.cancelTimerDecisionAttributes().timerId();
      case REQUEST_CANCEL_ACTIVITY_TASK ->
          "cancel activity " + d.requestCancelActivityTaskDecisionAttributes().activityId();
      case SIGNAL_EXTERNAL_WORKFLOW_EXECUTION -> {
        var a = d.signalExternalWorkflowExecutionDecisionAttributes();
        yield "signal " + a.workflowId() + " " + a.signalName() + " " + a.input();
      }
      case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION ->
          "cancel workflow "
              + d.requestCancelExternalWorkflowExecutionDecisionAttributes().workflowId();
      case CANCEL_WORKFLOW_EXECUTION -> "canceled";
      case CONTINUE_AS_NEW_WORKFLOW_EXECUTION ->
          "continue " + d.continueAsNewWorkflowExecutionDecisionAttributes().input();
      default -> d.decisionTypeAsString();
    };
  }

  /** The summary of the decision {@code e} records, or null when it records none. */
  static String summary(HistoryEvent e) {
    return switch (e.eventType()) {
      case ACTIVITY_TASK_SCHEDULED -> {
        var a = e.activityTaskScheduledEventAttributes();
        yield "schedule " + a.activityId() + " " + a.input();
      }
      case TIMER_STARTED -> {
        var a = e.timerStartedEventAttributes();
        yield "timer " + a.timerId() + " " + a.startToFireTimeout() + "s";
      }
      case START_CHILD_WORKFLOW_EXECUTION_INITIATED -> {
        var a = e.startChildWorkflowExecutionInitiatedEventAttributes();
        yield "child " + a.workflowType().name() + " " + a.workflowId() + " " + a.input();
      }
      case MARKER_RECORDED -> {
        var a = e.markerRecordedEventAttributes();
        yield "marker " + a.markerName() + " " + a.details();
      }
      case WORKFLOW_EXECUTION_COMPLETED ->
          "complete " + e.workflowExecutionCompletedEventAttributes().result();
      case WORKFLOW_EXECUTION_FAILED ->
          "fail " + e.workflowExecutionFailedEventAttributes().reason();
      case TIMER_CANCELED -> "cancel timer " + e.timerCanceledEventAttributes().timerId();
      case ACTIVITY_TASK_CANCEL_REQUESTED ->
          "cancel activity " + e.activityTaskCancelRequestedEventAttributes().activityId();
      case SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED -> {
        var a = e.signalExternalWorkflowExecutionInitiatedEventAttributes();
        yield "signal " + a.workflowId() + " " + a.signalName() + " " + a.input();
      }
      case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED ->
          "cancel workflow "
              + e.requestCancelExternalWorkflowExecutionInitiatedEventAttributes().workflowId();
      case WORKFLOW_EXECUTION_CANCELED -> "canceled";
      case WORKFLOW_EXECUTION_CONTINUED_AS_NEW ->
          "continue " + e.workflowExecutionContinuedAsNewEventAttributes().input();
      default -> null;
    };
  }

  private static Long decisionTaskCompletedEventId(HistoryEvent e) {
    return switch (e.eventType()) {
      case ACTIVITY_TASK_SCHEDULED ->
          e.activityTaskScheduledEventAttributes().decisionTaskCompletedEventId();
      case TIMER_STARTED -> e.timerStartedEventAttributes().decisionTaskCompletedEventId();
      case MARKER_RECORDED -> e.markerRecordedEventAttributes().decisionTaskCompletedEventId();
      case START_CHILD_WORKFLOW_EXECUTION_INITIATED ->
          e.startChildWorkflowExecutionInitiatedEventAttributes().decisionTaskCompletedEventId();
      case WORKFLOW_EXECUTION_COMPLETED ->
          e.workflowExecutionCompletedEventAttributes().decisionTaskCompletedEventId();
      case WORKFLOW_EXECUTION_FAILED ->
          e.workflowExecutionFailedEventAttributes().decisionTaskCompletedEventId();
      case TIMER_CANCELED -> e.timerCanceledEventAttributes().decisionTaskCompletedEventId();
      case ACTIVITY_TASK_CANCEL_REQUESTED ->
          e.activityTaskCancelRequestedEventAttributes().decisionTaskCompletedEventId();
      case SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED ->
          e.signalExternalWorkflowExecutionInitiatedEventAttributes()
              .decisionTaskCompletedEventId();
      case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED ->
          e.requestCancelExternalWorkflowExecutionInitiatedEventAttributes()
              .decisionTaskCompletedEventId();
      case WORKFLOW_EXECUTION_CANCELED ->
          e.workflowExecutionCanceledEventAttributes().decisionTaskCompletedEventId();
      case WORKFLOW_EXECUTION_CONTINUED_AS_NEW ->
          e.workflowExecutionContinuedAsNewEventAttributes().decisionTaskCompletedEventId();
      default -> null;
    };
  }

  /**
   * Adds the decision task that follows {@code h}'s events, checks that the workflow completes
   * there with {@code resultJson}, records that completion, and then checks the whole history
   * replays as recorded ({@link #assertReplaysAsRecorded}).
   */
  static void assertCompletesAndReplays(
      WorkflowDefinition definition, HistoryBuilder h, String resultJson) {
    h.decisionTask();
    assertThat(decide(definition, h.build())).containsExactly("complete " + resultJson);
    h.decisionCompleted();
    h.workflowCompleted(resultJson);
    assertReplaysAsRecorded(definition, h.build());
  }

  /**
   * Replays every prefix of {@code history} that ends at a completed decision task's
   * DecisionTaskStarted, on a fresh instance each time, and checks that it decides exactly what
   * that task recorded; then replays the whole history and checks that it decides nothing new (but
   * the close decision, when the history recorded one).
   */
  static void assertReplaysAsRecorded(WorkflowDefinition definition, List<HistoryEvent> history) {
    for (HistoryEvent e : history) {
      if (e.eventType() != EventType.DECISION_TASK_COMPLETED) {
        continue;
      }
      long started = e.decisionTaskCompletedEventAttributes().startedEventId();
      List<String> recorded = new ArrayList<>();
      for (HistoryEvent r : history) {
        Long by = decisionTaskCompletedEventId(r);
        if (by != null && by == e.eventId()) {
          recorded.add(summary(r));
        }
      }
      assertThat(decide(definition, history.subList(0, (int) started)))
          .as("decisions of the task started at event %d", started)
          .containsExactlyElementsOf(recorded);
    }
    List<String> closes = new ArrayList<>();
    for (HistoryEvent e : history) {
      if (e.eventType() == EventType.WORKFLOW_EXECUTION_COMPLETED
          || e.eventType() == EventType.WORKFLOW_EXECUTION_FAILED
          || e.eventType() == EventType.WORKFLOW_EXECUTION_CANCELED
          || e.eventType() == EventType.WORKFLOW_EXECUTION_CONTINUED_AS_NEW) {
        closes.add(summary(e));
      }
    }
    assertThat(decide(definition, history))
        .as("decisions of a replay of the whole history")
        .containsExactlyElementsOf(closes);
  }
}
