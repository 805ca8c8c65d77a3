package dev.flow.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.FakeSwf;
import dev.flow.internal.replay.InWorkflow;
import dev.flow.internal.replay.StickyDecider;
import dev.flow.internal.tracing.WorkerTracing;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowInstance;
import dev.flow.spi.WorkflowSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryRequest;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.RespondDecisionTaskCompletedRequest;

/** Decision tasks with sticky execution: where answers send the next task, hits and misses. */
class StickyDecisionTasksTest {
  static final String STICKY = "video-sticky-1";
  static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  final FakeSwf swf = new FakeSwf();
  final StickyDecider decider = new StickyDecider(10);
  final List<String> runs = new ArrayList<>();

  /** The length of each history the injected decide function replayed from the start. */
  final List<Integer> replayed = new ArrayList<>();

  /** Waits for ever (for a signal that never comes), counting its runs from the start. */
  final WorkflowDefinition waiting =
      new WorkflowDefinition() {
        @Override
        public WorkflowSpec spec() {
          return DecisionWorkerTest.SPEC;
        }

        @Override
        public WorkflowInstance newInstance() {
          return new WorkflowInstance() {
            @Override
            public Object execute(Object[] arguments) {
              runs.add("run");
              InWorkflow.blockUntil(() -> false, "waiting");
              return null;
            }

            @Override
            public void signal(String signalName, Object[] arguments) {}
          };
        }
      };

  @AfterEach
  void close() {
    decider.close();
  }

  DecisionTasks tasks(String taskList) {
    return tasks(taskList, () -> true);
  }

  DecisionTasks tasks(String taskList, java.util.function.BooleanSupplier workerOpen) {
    DecisionTasks.Sticky sticky = new DecisionTasks.Sticky(decider, STICKY, workerOpen);
    return tasks(
        taskList,
        sticky,
        (d, e, h, c) -> {
          replayed.add(h.size());
          return sticky.decide(d, e, h, c);
        });
  }

  DecisionTasks tasks(
      String taskList, DecisionTasks.Sticky sticky, DecisionTasks.DecideFunction decide) {
    return new DecisionTasks(
        DecisionTasksTest.services(swf, WorkerTracing.NONE),
        Map.of(new TypeKey("ProcessVideo", "1.0"), waiting),
        taskList,
        decide,
        sticky);
  }

  static HistoryEvent event(long id, EventType type) {
    HistoryEvent.Builder b = HistoryEvent.builder().eventId(id).eventTimestamp(T).eventType(type);
    switch (type) {
      case DECISION_TASK_SCHEDULED ->
          b.decisionTaskScheduledEventAttributes(a -> a.taskList(l -> l.name(STICKY)));
      case DECISION_TASK_STARTED ->
          b.decisionTaskStartedEventAttributes(a -> a.scheduledEventId(id - 1));
      case DECISION_TASK_COMPLETED ->
          b.decisionTaskCompletedEventAttributes(a -> a.scheduledEventId(2L).startedEventId(3L));
      case WORKFLOW_EXECUTION_SIGNALED ->
          b.workflowExecutionSignaledEventAttributes(a -> a.signalName("nudge").input("[]"));
      default -> throw new IllegalArgumentException(type.toString());
    }
    return b.build();
  }

  /** 1 Started 2 DecisionTaskScheduled 3 DecisionTaskStarted. */
  static List<HistoryEvent> first() {
    List<HistoryEvent> events = new ArrayList<>(DecisionWorkerTest.started());
    events.add(DecisionWorkerTest.decisionStarted());
    return events;
  }

  /** The second task's new events: 3 (previous started) ... 7 DecisionTaskStarted. */
  static List<HistoryEvent> second() {
    return List.of(
        DecisionWorkerTest.decisionStarted(),
        event(4, EventType.DECISION_TASK_COMPLETED),
        event(5, EventType.WORKFLOW_EXECUTION_SIGNALED),
        event(6, EventType.DECISION_TASK_SCHEDULED),
        event(7, EventType.DECISION_TASK_STARTED));
  }

  private RespondDecisionTaskCompletedRequest lastAnswer() {
    List<RespondDecisionTaskCompletedRequest> answers =
        swf.requests(RespondDecisionTaskCompletedRequest.class);
    return answers.get(answers.size() - 1);
  }

  @Test
  void parkedExecution_answerSendsTheNextTaskToTheStickyList() {
    tasks("video").handle(DecisionWorkerTest.task("ProcessVideo").events(first()).build());

    assertThat(decider.isParked("run-1")).isTrue();
    RespondDecisionTaskCompletedRequest r = lastAnswer();
    assertThat(r.taskList().name()).isEqualTo(STICKY);
    assertThat(r.taskListScheduleToStartTimeout()).isEqualTo("5");
  }

  @Test
  void aClosingWorker_answersWithoutItsStickyList_andKeepsNothingParked() {
    tasks("video", () -> false)
        .handle(DecisionWorkerTest.task("ProcessVideo").events(first()).build());

    RespondDecisionTaskCompletedRequest r = lastAnswer();
    assertThat(r.taskList()).isNull();
    assertThat(r.taskListScheduleToStartTimeout()).isNull();
    assertThat(decider.isParked("run-1")).isFalse();
  }

  @Test
  void stickyTask_ofAParkedRun_feedsTheNewEventsOnly() {
    tasks("video").handle(DecisionWorkerTest.task("ProcessVideo").events(first()).build());
    tasks(STICKY)
        .handle(
            DecisionWorkerTest.task("ProcessVideo")
                .startedEventId(7L)
                .previousStartedEventId(3L)
                .events(second())
                .build());

    assertThat(runs).hasSize(1); // the code ran on, not from the start
    assertThat(replayed).containsExactly(3);
    assertThat(swf.requests(GetWorkflowExecutionHistoryRequest.class)).isEmpty();
    assertThat(lastAnswer().taskList().name()).isEqualTo(STICKY);
  }

  @Test
  void stickyTask_ofARunNotParkedHere_readsTheWholeHistory_andReplays() {
    List<HistoryEvent> whole = new ArrayList<>(first());
    whole.addAll(second().subList(1, 5));
    swf.on(
        GetWorkflowExecutionHistoryRequest.class,
        r -> GetWorkflowExecutionHistoryResponse.builder().events(whole).build());
    tasks(STICKY)
        .handle(
            DecisionWorkerTest.task("ProcessVideo")
                .startedEventId(7L)
                .previousStartedEventId(3L)
                .events(second())
                .build());

    assertThat(swf.requests(GetWorkflowExecutionHistoryRequest.class)).hasSize(1);
    assertThat(replayed).containsExactly(7);
    assertThat(runs).hasSize(1);
    assertThat(decider.isParked("run-1")).isTrue();
    assertThat(lastAnswer().taskList().name()).isEqualTo(STICKY);
  }

  @Test
  void aTaskOfARunNotParkedHere_isDecidedByTheInjectedDecideFunction() {
    Decision complete =
        Decision.builder()
            .decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
            .completeWorkflowExecutionDecisionAttributes(a -> a.result("\"injected\""))
            .build();
    DecisionTasks tasks =
        tasks(
            "video",
            new DecisionTasks.Sticky(decider, STICKY, () -> true),
            (d, e, h, c) -> {
              replayed.add(h.size());
              return List.of(complete);
            });

    tasks.handle(DecisionWorkerTest.task("ProcessVideo").events(first()).build());

    assertThat(replayed).containsExactly(3);
    assertThat(runs).isEmpty(); // the sticky decider did not replay it on its own
    assertThat(lastAnswer().decisions()).containsExactly(complete);
    assertThat(lastAnswer().taskList()).isNull(); // nothing parked: the run's own list
  }
}
