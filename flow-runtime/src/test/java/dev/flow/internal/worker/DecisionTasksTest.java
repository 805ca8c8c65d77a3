package dev.flow.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.DataConverter;
import dev.flow.FakeSwf;
import dev.flow.internal.replay.NonDeterminismException;
import dev.flow.internal.tracing.WorkerTracing;
import dev.flow.spi.WorkflowDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskRequest;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.RespondDecisionTaskCompletedRequest;

/** The decision task handling around the decider, with a decider of the test's own. */
class DecisionTasksTest {
  final FakeSwf swf = new FakeSwf();
  final WorkflowDefinition definition = DecisionWorkerTest.definition(DecisionWorkerTest.SPEC);
  final List<List<HistoryEvent>> seen = new ArrayList<>();

  DecisionTasks tasks(DecisionTasks.DecideFunction decider) {
    return new DecisionTasks(
        services(swf, WorkerTracing.NONE),
        Map.of(new TypeKey("ProcessVideo", "1.0"), definition),
        "video",
        decider,
        null);
  }

  /** What the task handlers of a worker {@code test} of domain {@code media} use: retries 1 ms. */
  static TaskServices services(FakeSwf swf, WorkerTracing tracing) {
    return new TaskServices(
        swf,
        "media",
        "test",
        DataConverter.json(),
        Duration.ofMillis(1),
        Duration.ofMillis(1),
        WorkerMetrics.NONE,
        tracing);
  }

  static final Decision COMPLETE =
      Decision.builder()
          .decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
          .completeWorkflowExecutionDecisionAttributes(a -> a.result("\"done\""))
          .build();

  @Test
  void decisions_areSentWithTheTaskToken() {
    tasks((d, execution, history, c) -> List.of(COMPLETE))
        .handle(
            DecisionWorkerTest.task("ProcessVideo").events(DecisionWorkerTest.started()).build());

    RespondDecisionTaskCompletedRequest r =
        swf.requests(RespondDecisionTaskCompletedRequest.class).get(0);
    assertThat(r.taskToken()).isEqualTo("d1");
    assertThat(r.decisions()).containsExactly(COMPLETE);
  }

  @Test
  void theDeciderGetsTheEventsOfEveryPage() {
    swf.on(
        PollForDecisionTaskRequest.class,
        r ->
            r.nextPageToken().equals("page-2")
                ? DecisionWorkerTest.task("ProcessVideo")
                    .events(DecisionWorkerTest.decisionStarted())
                    .nextPageToken("page-3")
                    .build()
                : PollForDecisionTaskResponse.builder()
                    .events(DecisionWorkerTest.decisionStarted().toBuilder().eventId(4L).build())
                    .build());
    DecisionTasks tasks =
        tasks(
            (d, execution, history, c) -> {
              seen.add(history);
              return List.of();
            });

    tasks.handle(
        DecisionWorkerTest.task("ProcessVideo")
            .events(DecisionWorkerTest.started())
            .nextPageToken("page-2")
            .build());

    assertThat(seen)
        .singleElement()
        .satisfies(
            h -> assertThat(h).extracting(HistoryEvent::eventId).containsExactly(1L, 2L, 3L, 4L));
    assertThat(swf.requests(PollForDecisionTaskRequest.class))
        .extracting(PollForDecisionTaskRequest::nextPageToken)
        .containsExactly("page-2", "page-3");
  }

  @Test
  void nonDeterministicWorkflow_isAnsweredBlocked_aMarkerSaysWhy_aTimerBringsItBack() {
    tasks(
            (d, execution, history, c) -> {
              throw new NonDeterminismException(
                  "command 1 is ScheduleActivityTask Media.encode, history has StartTimer");
            })
        .handle(
            DecisionWorkerTest.task("ProcessVideo").events(DecisionWorkerTest.started()).build());

    RespondDecisionTaskCompletedRequest answer =
        swf.requests(RespondDecisionTaskCompletedRequest.class).get(0);
    assertThat(answer.executionContext()).isEqualTo("{\"flow\":1,\"purpose\":\"blocked\"}");
    assertThat(answer.decisions()).hasSize(2);
    assertThat(answer.decisions().get(0).recordMarkerDecisionAttributes().markerName())
        .isEqualTo("flow.blocked");
    assertThat(answer.decisions().get(0).recordMarkerDecisionAttributes().details())
        .isEqualTo(
            "{\"flow\":1,\"purpose\":\"blocked\",\"reason\":\"non-determinism\",\"message\":"
                + "\"command 1 is ScheduleActivityTask Media.encode, history has StartTimer\","
                + "\"worker\":\"test\",\"since\":\"2026-01-01T00:00:00Z\"}");
    var timer = answer.decisions().get(1).startTimerDecisionAttributes();
    assertThat(timer.timerId()).isEqualTo("flow.blocked.retry-3");
    assertThat(timer.startToFireTimeout()).isEqualTo("5");
    assertThat(timer.control()).isEqualTo("{\"flow\":1,\"purpose\":\"blocked-retry\"}");
  }

  @Test
  void theDeciderIsToldTheExecution() {
    List<String> ids = new ArrayList<>();
    tasks(
            (d, execution, history, c) -> {
              ids.add(execution.workflowId() + "/" + execution.runId());
              return List.of();
            })
        .handle(
            DecisionWorkerTest.task("ProcessVideo").events(DecisionWorkerTest.started()).build());

    assertThat(ids).containsExactly("video-42/run-1");
  }

  @Test
  void failingDecider_isAnsweredBlocked_asADeciderException() {
    tasks(
            (d, execution, history, c) -> {
              throw new IllegalStateException("bug");
            })
        .handle(
            DecisionWorkerTest.task("ProcessVideo").events(DecisionWorkerTest.started()).build());

    RespondDecisionTaskCompletedRequest answer =
        swf.requests(RespondDecisionTaskCompletedRequest.class).get(0);
    assertThat(answer.decisions().get(0).recordMarkerDecisionAttributes().details())
        .contains("\"reason\":\"decider-exception\",\"message\":\"bug\"");
    assertThat(answer.decisions().get(1).startTimerDecisionAttributes().timerId())
        .isEqualTo("flow.blocked.retry-3");
  }

  @Test
  void answerRefused_isLoggedNotThrown() {
    swf.on(
        RespondDecisionTaskCompletedRequest.class,
        r -> FakeSwf.fault("UnknownResourceFault", "Unknown task token"));

    tasks((d, execution, history, c) -> List.of(COMPLETE))
        .handle(
            DecisionWorkerTest.task("ProcessVideo").events(DecisionWorkerTest.started()).build());

    assertThat(swf.requests(RespondDecisionTaskCompletedRequest.class)).hasSize(1);
  }
}
