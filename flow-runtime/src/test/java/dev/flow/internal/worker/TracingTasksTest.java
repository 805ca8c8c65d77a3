package dev.flow.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.FakeSwf;
import dev.flow.FlowClient;
import dev.flow.Worker;
import dev.flow.internal.replay.NonDeterminismException;
import dev.flow.internal.tracing.Tracing;
import dev.flow.internal.tracing.WorkerTracing;
import dev.flow.spi.WorkflowDefinition;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowExecutionResponse;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskCompletedRequest;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskFailedRequest;
import software.amazon.awssdk.services.swf.model.RespondDecisionTaskCompletedRequest;

/**
 * What a tracing worker records and where its spans find their parent, on a fake SWF: the run span
 * started by the first decision task and recorded in each answer, read back from the history or
 * with one DescribeWorkflowExecution, and ended when its run closes, when its first answer is
 * refused, or when the worker closes.
 */
class TracingTasksTest {
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("flow.outcome");
  static final String RECORDED_SPAN = "00f067aa0ba902b7";
  static final String RECORDED = "00-4bf92f3577b34da6a3ce929d0e0e4736-" + RECORDED_SPAN + "-01";

  final FakeSwf swf = new FakeSwf();
  final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  final OpenTelemetrySdk otel =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                  .build())
          .build();
  final WorkerTracing tracing = Tracing.openTelemetry(otel).worker(swf, "media");
  final WorkflowDefinition definition = DecisionWorkerTest.definition(DecisionWorkerTest.SPEC);
  Worker worker;

  @AfterEach
  void close() {
    if (worker != null) {
      worker.close();
    }
    otel.close();
  }

  DecisionTasks tasks(DecisionTasks.DecideFunction decider) {
    return new DecisionTasks(
        DecisionTasksTest.services(swf, tracing),
        Map.of(new TypeKey("ProcessVideo", "1.0"), definition),
        "video",
        decider,
        null);
  }

  /** SWF's DescribeWorkflowExecution says run-1's latest answer recorded {@link #RECORDED}. */
  void describeSaysRecorded() {
    swf.on(
        DescribeWorkflowExecutionRequest.class,
        r ->
            DescribeWorkflowExecutionResponse.builder()
                .latestExecutionContext("{\"flow\":1,\"trace\":\"" + RECORDED + "\"}")
                .build());
  }

  /** The first decision task of run-1: the whole history so far. */
  static PollForDecisionTaskResponse first() {
    List<HistoryEvent> events = new ArrayList<>(DecisionWorkerTest.started());
    events.add(DecisionWorkerTest.decisionStarted());
    return DecisionWorkerTest.task("ProcessVideo").events(events).build();
  }

  /** A later decision task of run-1 whose history has an answer with {@code context}. */
  static PollForDecisionTaskResponse later(String context) {
    List<HistoryEvent> events = new ArrayList<>(DecisionWorkerTest.started());
    events.add(DecisionWorkerTest.decisionStarted());
    events.add(completed(4, context));
    events.add(event(5, EventType.DECISION_TASK_SCHEDULED));
    events.add(event(6, EventType.DECISION_TASK_STARTED));
    return DecisionWorkerTest.task("ProcessVideo").startedEventId(6L).events(events).build();
  }

  static HistoryEvent completed(long id, String context) {
    return event(id, EventType.DECISION_TASK_COMPLETED).toBuilder()
        .decisionTaskCompletedEventAttributes(a -> a.startedEventId(3L).executionContext(context))
        .build();
  }

  static HistoryEvent event(long id, EventType type) {
    return HistoryEvent.builder()
        .eventId(id)
        .eventTimestamp(Instant.parse("2026-01-01T00:00:01Z"))
        .eventType(type)
        .build();
  }

  static final Decision COMPLETE =
      Decision.builder()
          .decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
          .completeWorkflowExecutionDecisionAttributes(a -> a.result("\"done\""))
          .build();

  List<SpanData> spans(String name) {
    return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
  }

  String answeredContext(int i) {
    return swf.requests(RespondDecisionTaskCompletedRequest.class).get(i).executionContext();
  }

  static final Pattern TRACED =
      Pattern.compile(
          "\\{\"flow\":1(,\"purpose\":\"decided\")?,\"trace\":\"00-[0-9a-f]{32}-([0-9a-f]{16})-0[13]\"}");

  /** The span id an answer's executionContext records. */
  String recordedSpan(int answer) {
    Matcher m = TRACED.matcher(answeredContext(answer));
    assertThat(m.matches()).as(answeredContext(answer)).isTrue();
    return m.group(2);
  }

  @Test
  void firstDecisionTask_startsTheRunSpan_recordsItInTheAnswer_andIsItsChild() {
    tasks((d, e, h, c) -> List.of()).handle(first());

    String runSpan = recordedSpan(0);
    SpanData decision = spans("DecisionTask:ProcessVideo").get(0);
    assertThat(decision.getParentSpanId()).isEqualTo(runSpan);
    assertThat(decision.getAttributes().get(OUTCOME)).isEqualTo("answered");
    assertThat(decision.getAttributes().get(AttributeKey.longKey("flow.decisionTask.events")))
        .isEqualTo(3L);
    assertThat(spans("RunWorkflow:ProcessVideo")).isEmpty(); // held while the run is open
    assertThat(swf.requests(DescribeWorkflowExecutionRequest.class)).isEmpty();

    tracing.close(); // the worker closes: the span it holds ends, the run still open
    SpanData run = spans("RunWorkflow:ProcessVideo").get(0);
    assertThat(run.getSpanId()).isEqualTo(runSpan);
    assertThat(run.getTraceId()).isEqualTo(decision.getTraceId());
    assertThat(run.getParentSpanContext().isValid()).isFalse();
    assertThat(run.getStartEpochNanos())
        .isEqualTo(
            TimeUnit.SECONDS.toNanos(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond()));
    assertThat(run.getAttributes().get(AttributeKey.booleanKey("flow.run.open"))).isTrue();
    assertThat(run.getEvents()).extracting(e -> e.getName()).containsExactly("flow.run.released");
  }

  @Test
  void theDecisionClosingTheRun_endsTheRunSpan_aFailureAsError() {
    Decision fail =
        Decision.builder()
            .decisionType(DecisionType.FAIL_WORKFLOW_EXECUTION)
            .failWorkflowExecutionDecisionAttributes(
                a ->
                    a.reason("java.lang.IllegalStateException")
                        .details(
                            "{\"type\":\"java.lang.IllegalStateException\",\"message\":\"no\"}"))
            .build();
    DecisionTasks tasks = tasks((d, e, h, c) -> List.of(fail));
    tasks.handle(first());

    SpanData run = spans("RunWorkflow:ProcessVideo").get(0);
    assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(run.getStatus().getDescription()).isEqualTo("java.lang.IllegalStateException: no");
    assertThat(run.getAttributes().get(AttributeKey.stringKey("flow.closeStatus")))
        .isEqualTo("FAILED");
    assertThat(
            spans("DecisionTask:ProcessVideo")
                .get(0)
                .getAttributes()
                .get(AttributeKey.stringKey("flow.closeStatus")))
        .isEqualTo("FAILED");
    tracing.close();
    assertThat(spans("RunWorkflow:ProcessVideo")).hasSize(1); // not held any more
  }

  @Test
  void aRefusedFirstAnswer_endsTheRunSpanItStarted_andTheNextTaskStartsAnother() {
    swf.on(
        RespondDecisionTaskCompletedRequest.class,
        r -> FakeSwf.fault("UnknownResourceFault", "Unknown decision task"));
    DecisionTasks tasks = tasks((d, e, h, c) -> List.of(COMPLETE));
    tasks.handle(first());

    SpanData refused = spans("RunWorkflow:ProcessVideo").get(0);
    assertThat(refused.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(spans("DecisionTask:ProcessVideo").get(0).getAttributes().get(OUTCOME))
        .isEqualTo("unanswered");

    swf.on(RespondDecisionTaskCompletedRequest.class, r -> null);
    tasks.handle(first());
    assertThat(recordedSpan(1)).isNotEqualTo(refused.getSpanId());
    assertThat(spans("RunWorkflow:ProcessVideo")).hasSize(2);
  }

  @Test
  void aBlockedAnswer_keepsTheExactBlockedContext_theNextAnswerRecordsTheRunSpanItKept() {
    tasks(
            (d, e, h, c) -> {
              throw new NonDeterminismException("command 1 is not event 5");
            })
        .handle(first());
    assertThat(answeredContext(0)).isEqualTo("{\"flow\":1,\"purpose\":\"blocked\"}");
    SpanData blocked = spans("DecisionTask:ProcessVideo").get(0);
    assertThat(blocked.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(blocked.getAttributes().get(OUTCOME)).isEqualTo("blocked");
    assertThat(blocked.getEvents()).extracting(e -> e.getName()).contains("exception");

    tasks((d, e, h, c) -> List.of()).handle(later("{\"flow\":1,\"purpose\":\"blocked\"}"));
    assertThat(answeredContext(1)).contains("\"purpose\":\"decided\"");
    assertThat(recordedSpan(1)).isEqualTo(blocked.getParentSpanId());
  }

  @Test
  void aLaterDecisionTask_readsTheRunSpanFromTheHistory_andStartsNone() {
    tasks((d, e, h, c) -> List.of(COMPLETE))
        .handle(later("{\"flow\":1,\"trace\":\"" + RECORDED + "\"}"));

    SpanData decision = spans("DecisionTask:ProcessVideo").get(0);
    assertThat(decision.getParentSpanId()).isEqualTo(RECORDED_SPAN);
    assertThat(decision.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(recordedSpan(0)).isEqualTo(RECORDED_SPAN);
    assertThat(swf.requests(DescribeWorkflowExecutionRequest.class)).isEmpty();
    tracing.close();
    assertThat(spans("RunWorkflow:ProcessVideo")).isEmpty(); // another worker holds it
  }

  @Test
  void aTaskWithOnlyTheNewEvents_andNoTraceAmongThem_asksSwfOnce() {
    describeSaysRecorded();
    PollForDecisionTaskResponse sticky =
        DecisionWorkerTest.task("ProcessVideo")
            .startedEventId(9L)
            .previousStartedEventId(6L)
            .events(
                event(8, EventType.DECISION_TASK_SCHEDULED),
                event(9, EventType.DECISION_TASK_STARTED))
            .build();
    tasks((d, e, h, c) -> List.of()).handle(sticky);
    tasks((d, e, h, c) -> List.of()).handle(sticky);

    assertThat(spans("DecisionTask:ProcessVideo"))
        .hasSize(2)
        .allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(RECORDED_SPAN));
    assertThat(swf.requests(DescribeWorkflowExecutionRequest.class))
        .singleElement()
        .satisfies(r -> assertThat(r.execution().runId()).isEqualTo("run-1"));
  }

  @Test
  void activityAttempts_areChildrenOfTheRunSpanSwfRecords_askedOncePerRun() throws Exception {
    describeSaysRecorded();
    ActivityWorkerTest.Dispatcher media =
        new ActivityWorkerTest.Dispatcher()
            .add(ActivityWorkerTest.spec("encode"), args -> List.of(args[0] + "@" + args[1]))
            .add(
                ActivityWorkerTest.spec("crash"),
                args -> {
                  throw new IllegalStateException("disk full");
                });
    FlowClient flow = FlowClient.builder().swf(swf).domain("media").identity("test").build();
    worker =
        Worker.builder(flow)
            .activities(media)
            .activityPollers(1)
            .openTelemetry(otel)
            .pollRetryBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
            .build()
            .start();
    swf.activityTasks.add(ActivityWorkerTest.task("t1", "Media.encode", "[\"v\",1]"));
    swf.activityTasks.add(
        ActivityWorkerTest.task("t2", "Media.crash", "[\"v\",2]").toBuilder()
            .activityId("Media.crash-2@3")
            .build());
    swf.nextCall(RespondActivityTaskCompletedRequest.class);
    swf.nextCall(RespondActivityTaskFailedRequest.class);
    worker.close();

    SpanData encode = spans("RunActivity:Media.encode").get(0);
    SpanData crash = spans("RunActivity:Media.crash").get(0);
    assertThat(List.of(encode, crash))
        .allSatisfy(
            s -> {
              assertThat(s.getParentSpanId()).isEqualTo(RECORDED_SPAN);
              assertThat(s.getAttributes().get(AttributeKey.stringKey("flow.runId")))
                  .isEqualTo("run-1");
            });
    assertThat(encode.getAttributes().get(AttributeKey.longKey("flow.attempt"))).isEqualTo(1L);
    assertThat(encode.getAttributes().get(OUTCOME)).isEqualTo("completed");
    assertThat(crash.getAttributes().get(AttributeKey.longKey("flow.attempt"))).isEqualTo(3L);
    assertThat(crash.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(crash.getStatus().getDescription())
        .isEqualTo("java.lang.IllegalStateException: disk full");
    assertThat(swf.requests(DescribeWorkflowExecutionRequest.class)).hasSize(1);
  }
}
