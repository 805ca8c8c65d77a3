package dev.flow.sample.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.flow.FlowClient;
import dev.flow.Worker;
import dev.flow.engine.LocalEngine;
import dev.flow.sample.MediaDispatcher;
import dev.flow.sample.MediaImpl;
import dev.flow.sample.MediaStub;
import dev.flow.sample.ProcessVideoDefinition;
import dev.flow.sample.ProcessVideoImpl;
import dev.flow.sample.ProcessVideoWorkflowClient;
import dev.flow.sample.SampleInputs;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * Tracing through the generated clients on the embedded engine, as three processes would do it: the
 * client, the deciders and the activity workers each have a FlowClient of their own (so none knows
 * what the others traced but through SWF), all exporting to one in-memory exporter. The span tree
 * of a run: the client's StartWorkflow, the run's RunWorkflow as its child, then every live
 * decision task and activity attempt as children of the run's span, one trace.
 */
class TracingEndToEndTest {
  static final AttributeKey<String> WORKFLOW_ID = AttributeKey.stringKey("flow.workflowId");
  static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("flow.runId");
  static final AttributeKey<String> ACTIVITY_ID = AttributeKey.stringKey("flow.activityId");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("flow.attempt");
  static final AttributeKey<Long> STARTED_EVENT =
      AttributeKey.longKey("flow.decisionTask.startedEventId");
  static final AttributeKey<String> CLOSE_STATUS = AttributeKey.stringKey("flow.closeStatus");

  @TempDir static Path workDir;

  static final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  static OpenTelemetrySdk otel;
  static LocalEngine engine;
  static final List<AutoCloseable> open = new ArrayList<>();
  static FlowClient client;
  static Worker deciders;
  static String[] inputs; // video, subtitles

  @BeforeAll
  static void start() throws Exception {
    inputs = SampleInputs.write(workDir);
    otel =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build();
    engine = LocalEngine.builder().timeSkipping(true).skipOnlyWhileAwaited(true).build();
    Worker activities =
        Worker.builder(traced())
            .activities(new StepsDispatcher(new StepsImpl()))
            .activities(new MediaDispatcher(new MediaImpl(workDir)))
            .build()
            .start();
    open.add(activities);
    deciders = deciders(traced());
    open.add(deciders);
    client = traced();
  }

  /** A FlowClient of its own, tracing with the exporter's SDK. */
  static FlowClient traced() {
    FlowClient flow =
        FlowClient.builder().swf(engine.client()).domain("tracing").openTelemetry(otel).build();
    open.add(flow);
    return flow;
  }

  /** A worker hosting the workflows only (their activities run on another worker). */
  static Worker deciders(FlowClient flow) {
    return Worker.builder(flow)
        .workflow(ProcessVideoDefinition.of(() -> new ProcessVideoImpl(new MediaStub())))
        .workflow(RetryingDefinition.of(RetryingImpl::new))
        .workflow(ParentDefinition.of(ParentImpl::new))
        .workflow(GreeterDefinition.of(GreeterImpl::new))
        .workflow(MailboxDefinition.of(MailboxImpl::new))
        .workflow(CountdownDefinition.of(CountdownImpl::new))
        .build()
        .start();
  }

  @AfterAll
  static void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    engine.close();
    otel.close();
  }

  @AfterEach
  void reset() {
    StepsImpl.reset();
  }

  @Test
  void processVideo_spanTree_startRunDecisionTasksAndActivities_oneTrace() {
    Span test = otel.getTracer("test").spanBuilder("test").startSpan();
    ProcessVideoWorkflowClient.Handle run;
    try (Scope scope = test.makeCurrent()) {
      run = ProcessVideoWorkflowClient.create(client).start(inputs[0], inputs[1]);
    } finally {
      test.end();
    }
    run.result();
    List<HistoryEvent> history = history(run.workflowId(), run.runId());
    List<Long> decided = decisionTasksStarted(history);
    List<String> activityIds = startedActivities(history);
    assertThat(activityIds).hasSize(8);
    awaitSpans(run.runId(), decided.size(), activityIds.size());

    SpanData start = one("StartWorkflow:ProcessVideo", s -> run.workflowId().equals(wid(s)));
    assertThat(start.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(start.getParentSpanId()).isEqualTo(test.getSpanContext().getSpanId());
    assertThat(start.getTraceId()).isEqualTo(test.getSpanContext().getTraceId());
    assertThat(start.getAttributes().get(RUN_ID)).isEqualTo(run.runId());
    assertThat(history.get(0).workflowExecutionStartedEventAttributes().tagList())
        .contains("flow.trace=" + traceparent(start));

    SpanData runSpan = runSpan("ProcessVideo", run.runId());
    assertThat(runSpan.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(runSpan.getTraceId()).isEqualTo(start.getTraceId());
    assertThat(runSpan.getParentSpanId()).isEqualTo(start.getSpanId());
    assertThat(runSpan.getAttributes().get(WORKFLOW_ID)).isEqualTo(run.workflowId());
    assertThat(runSpan.getAttributes().get(AttributeKey.stringKey("flow.taskList")))
        .isEqualTo("video");
    assertThat(runSpan.getAttributes().get(AttributeKey.stringKey("flow.workflowVersion")))
        .isEqualTo("1.0");
    assertThat(runSpan.getAttributes().get(CLOSE_STATUS)).isEqualTo("COMPLETED");
    assertThat(runSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    // from the run's start as the engine recorded it (unless the engine's clock, skipping time
    // in tests, is ahead of the worker's)
    long started = TimeUnit.MILLISECONDS.toNanos(history.get(0).eventTimestamp().toEpochMilli());
    assertThat(runSpan.getStartEpochNanos())
        .isEqualTo(Math.min(started, runSpan.getStartEpochNanos()));
    assertThat(runSpan.getStartEpochNanos()).isLessThan(decisionStart(run.runId()));

    // one span per live decision task (the history each replays makes none), children of the run
    List<SpanData> decisionTasks = spans("DecisionTask:ProcessVideo", run.runId());
    assertThat(decisionTasks)
        .extracting(s -> s.getAttributes().get(STARTED_EVENT))
        .containsExactlyInAnyOrderElementsOf(decided);
    assertThat(decisionTasks)
        .allSatisfy(
            s -> {
              assertThat(s.getTraceId()).isEqualTo(runSpan.getTraceId());
              assertThat(s.getParentSpanId()).isEqualTo(runSpan.getSpanId());
              assertThat(s.getAttributes().get(WORKFLOW_ID)).isEqualTo(run.workflowId());
              assertThat(s.getAttributes().get(AttributeKey.stringKey("flow.outcome")))
                  .isEqualTo("answered");
            });
    // every answer recorded the run's span where the other workers read it
    assertThat(history)
        .filteredOn(e -> e.eventType() == EventType.DECISION_TASK_COMPLETED)
        .extracting(e -> e.decisionTaskCompletedEventAttributes().executionContext())
        .containsOnly("{\"flow\":1,\"trace\":\"" + traceparent(runSpan) + "\"}");

    // the activity worker, another FlowClient, found the run's span through SWF
    List<SpanData> activities = spans(n -> n.startsWith("RunActivity:Media."), run.runId());
    assertThat(activities)
        .extracting(s -> s.getAttributes().get(ACTIVITY_ID))
        .containsExactlyInAnyOrderElementsOf(activityIds);
    assertThat(activities)
        .allSatisfy(
            s -> {
              assertThat(s.getKind()).isEqualTo(SpanKind.SERVER);
              assertThat(s.getTraceId()).isEqualTo(runSpan.getTraceId());
              assertThat(s.getParentSpanId()).isEqualTo(runSpan.getSpanId());
              assertThat(s.getAttributes().get(ATTEMPT)).isEqualTo(1L);
              assertThat(s.getAttributes().get(AttributeKey.stringKey("flow.taskList")))
                  .isEqualTo("media");
              assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
            });
    assertThat(activities)
        .extracting(SpanData::getName)
        .contains("RunActivity:Media.embedSubtitle", "RunActivity:Media.extractThumbnail");

    assertNoDanglingParent(runSpan.getTraceId());
  }

  @Test
  void failingActivityAttempt_isError_andItsRetryIsAttempt2OfTheSameRun() {
    RetryingWorkflowClient.Handle run = RetryingWorkflowClient.create(client).start("t", 1);
    assertThat(run.result()).isEqualTo("ok:t@2");
    List<HistoryEvent> history = history(run.workflowId(), run.runId());
    awaitSpans(run.runId(), decisionTasksStarted(history).size(), 2);

    SpanData runSpan = runSpan("Retrying", run.runId());
    List<SpanData> attempts = spans("RunActivity:Steps.flaky", run.runId());
    assertThat(attempts).extracting(s -> s.getAttributes().get(ATTEMPT)).containsOnly(1L, 2L);
    SpanData failed = attempts.stream().filter(s -> attempt(s) == 1).findFirst().orElseThrow();
    SpanData succeeded = attempts.stream().filter(s -> attempt(s) == 2).findFirst().orElseThrow();
    assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(failed.getStatus().getDescription()).contains("attempt 1 of");
    assertThat(failed.getEvents())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("exception");
              assertThat(e.getAttributes().get(AttributeKey.stringKey("exception.message")))
                  .contains("attempt 1 of");
            });
    assertThat(failed.getAttributes().get(AttributeKey.stringKey("flow.outcome")))
        .isEqualTo("failed");
    assertThat(succeeded.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(succeeded.getAttributes().get(ACTIVITY_ID)).endsWith("@2");
    assertThat(attempts)
        .allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(runSpan.getSpanId()));
    assertNoDanglingParent(runSpan.getTraceId());
  }

  @Test
  void childRun_isAChildOfItsParentRunsSpan_andAFailedRunIsError() {
    ParentWorkflowClient.Handle run = ParentWorkflowClient.create(client).start("ann", true);
    assertThat(run.result()).startsWith("child failed:");
    List<HistoryEvent> history = history(run.workflowId(), run.runId());
    awaitSpans(run.runId(), decisionTasksStarted(history).size(), 0);
    HistoryEvent childStarted =
        history.stream()
            .filter(e -> e.eventType() == EventType.CHILD_WORKFLOW_EXECUTION_STARTED)
            .findFirst()
            .orElseThrow();
    WorkflowExecution child =
        childStarted.childWorkflowExecutionStartedEventAttributes().workflowExecution();
    List<HistoryEvent> childHistory = history(child.workflowId(), child.runId());
    awaitSpans(child.runId(), decisionTasksStarted(childHistory).size(), 0);

    SpanData parentSpan = runSpan("Parent", run.runId());
    SpanData childSpan = runSpan("Greeter", child.runId());
    assertThat(childSpan.getTraceId()).isEqualTo(parentSpan.getTraceId());
    assertThat(childSpan.getParentSpanId()).isEqualTo(parentSpan.getSpanId());
    assertThat(childSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(childSpan.getStatus().getDescription())
        .isEqualTo("java.lang.IllegalArgumentException: no greeting for ann");
    assertThat(childSpan.getAttributes().get(CLOSE_STATUS)).isEqualTo("FAILED");
    assertThat(parentSpan.getAttributes().get(CLOSE_STATUS)).isEqualTo("COMPLETED");
    assertThat(parentSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertNoDanglingParent(parentSpan.getTraceId());
  }

  @Test
  void signal_isAClientSpanLinkedToTheRunsSpan() throws Exception {
    MailboxWorkflowClient.Handle run = MailboxWorkflowClient.create(client).start();
    awaitAnswered(run.workflowId(), run.runId()); // the first answer records the run's span
    Span test = otel.getTracer("test").spanBuilder("test").startSpan();
    try (Scope scope = test.makeCurrent()) {
      run.deliver("hi");
    } finally {
      test.end();
    }
    assertThat(run.result()).isEqualTo("got hi");
    awaitSpans(run.runId(), decisionTasksStarted(history(run.workflowId(), run.runId())).size(), 0);

    SpanData runSpan = runSpan("Mailbox", run.runId());
    SpanData signal = one("SignalWorkflow:Mailbox", s -> run.runId().equals(rid(s)));
    assertThat(signal.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(signal.getParentSpanId()).isEqualTo(test.getSpanContext().getSpanId());
    assertThat(signal.getAttributes().get(AttributeKey.stringKey("flow.signal")))
        .isEqualTo("deliver");
    assertThat(signal.getLinks())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.getSpanContext().getTraceId()).isEqualTo(runSpan.getTraceId());
              assertThat(l.getSpanContext().getSpanId()).isEqualTo(runSpan.getSpanId());
            });
  }

  @Test
  void continuedRun_startsATraceOfItsOwn_linkedToThePreviousRun() {
    CountdownWorkflowClient.Handle run = CountdownWorkflowClient.create(client).start(1, 0);
    assertThat(run.result()).isEqualTo(1);
    List<HistoryEvent> first = history(run.workflowId(), run.runId());
    String next =
        first
            .get(first.size() - 1)
            .workflowExecutionContinuedAsNewEventAttributes()
            .newExecutionRunId();
    awaitSpans(next, decisionTasksStarted(history(run.workflowId(), next)).size(), 0);

    SpanData previous = runSpan("Countdown", run.runId());
    SpanData continued = runSpan("Countdown", next);
    assertThat(previous.getAttributes().get(CLOSE_STATUS)).isEqualTo("CONTINUED_AS_NEW");
    assertThat(continued.getParentSpanId()).isEqualTo(SpanId.getInvalid());
    assertThat(continued.getTraceId()).isNotEqualTo(previous.getTraceId());
    assertThat(continued.getLinks())
        .singleElement()
        .satisfies(l -> assertThat(l.getSpanContext().getSpanId()).isEqualTo(previous.getSpanId()));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anotherWorkerReplaysTheRun_itsDecisionTasksJoinTheRunsSpan_noneTwice() throws Exception {
    // the deciders of this class go away; a worker with a FlowClient of its own starts
    Worker first = deciders(traced());
    deciders.close();
    MailboxWorkflowClient.Handle run = MailboxWorkflowClient.create(client).start();
    awaitAnswered(run.workflowId(), run.runId());
    first.close(); // it held the run's span: ended now, the run still open
    SpanData runSpan = runSpan("Mailbox", run.runId());
    assertThat(runSpan.getAttributes().get(AttributeKey.booleanKey("flow.run.open"))).isTrue();

    Worker second = deciders(traced());
    open.add(second);
    run.deliver("after the restart");
    assertThat(run.result()).isEqualTo("got after the restart");
    List<HistoryEvent> history = history(run.workflowId(), run.runId());
    List<Long> decided = decisionTasksStarted(history);
    assertThat(decided).hasSizeGreaterThanOrEqualTo(2);
    awaitSpans(run.runId(), decided.size(), 0);

    List<SpanData> decisionTasks = spans("DecisionTask:Mailbox", run.runId());
    assertThat(decisionTasks)
        .extracting(s -> s.getAttributes().get(STARTED_EVENT))
        .containsExactlyInAnyOrderElementsOf(decided);
    assertThat(decisionTasks)
        .allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(runSpan.getSpanId()));
    assertThat(spans("RunWorkflow:Mailbox", run.runId())).hasSize(1);
    assertNoDanglingParent(runSpan.getTraceId());
  }

  // --- helpers

  static List<HistoryEvent> history(String workflowId, String runId) {
    List<HistoryEvent> events = new ArrayList<>();
    String token = null;
    do {
      String page = token;
      var response =
          engine
              .client()
              .getWorkflowExecutionHistory(
                  r ->
                      r.domain("tracing")
                          .execution(e -> e.workflowId(workflowId).runId(runId))
                          .nextPageToken(page));
      events.addAll(response.events());
      token = response.nextPageToken();
    } while (token != null);
    return events;
  }

  /** The DecisionTaskStarted ids of the decision tasks answered (those a span is made for). */
  static List<Long> decisionTasksStarted(List<HistoryEvent> history) {
    return history.stream()
        .filter(e -> e.eventType() == EventType.DECISION_TASK_COMPLETED)
        .map(e -> e.decisionTaskCompletedEventAttributes().startedEventId())
        .toList();
  }

  /** The activity ids of the attempts started. */
  static List<String> startedActivities(List<HistoryEvent> history) {
    List<String> ids = new ArrayList<>();
    for (HistoryEvent e : history) {
      if (e.eventType() == EventType.ACTIVITY_TASK_STARTED) {
        long scheduled = e.activityTaskStartedEventAttributes().scheduledEventId();
        ids.add(
            history.get((int) scheduled - 1).activityTaskScheduledEventAttributes().activityId());
      }
    }
    return ids;
  }

  static void awaitAnswered(String workflowId, String runId) throws InterruptedException {
    await(
        () -> !decisionTasksStarted(history(workflowId, runId)).isEmpty(),
        "a decision task of " + workflowId + " answered");
  }

  /**
   * Waits for the spans of a run: its RunWorkflow, its DecisionTask spans and its RunActivity spans
   * (the workers end them just after their answers, which the client may see first).
   */
  static void awaitSpans(String runId, int decisionTasks, int activityAttempts) {
    await(
        () ->
            spans(n -> n.startsWith("RunWorkflow:"), runId).size() == 1
                && spans(n -> n.startsWith("DecisionTask:"), runId).size() >= decisionTasks
                && spans(n -> n.startsWith("RunActivity:"), runId).size() >= activityAttempts,
        "the spans of run " + runId);
  }

  static void await(Supplier<Boolean> condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        fail("waited 20 s for " + what + "; spans: " + exporter.getFinishedSpanItems());
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  static List<SpanData> spans(Predicate<String> name, String runId) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> name.test(s.getName()) && runId.equals(rid(s)))
        .toList();
  }

  static List<SpanData> spans(String name, String runId) {
    return spans(name::equals, runId);
  }

  static SpanData runSpan(String type, String runId) {
    List<SpanData> found = spans("RunWorkflow:" + type, runId);
    assertThat(found).as("RunWorkflow:%s of run %s", type, runId).hasSize(1);
    return found.get(0);
  }

  static SpanData one(String name, Predicate<SpanData> which) {
    List<SpanData> found =
        exporter.getFinishedSpanItems().stream()
            .filter(s -> s.getName().equals(name) && which.test(s))
            .toList();
    assertThat(found).as(name).hasSize(1);
    return found.get(0);
  }

  /** Every span of the trace whose parent is a span names one the trace has. */
  static void assertNoDanglingParent(String traceId) {
    List<SpanData> trace =
        exporter.getFinishedSpanItems().stream()
            .filter(s -> s.getTraceId().equals(traceId))
            .toList();
    Set<String> ids = new HashSet<>();
    trace.forEach(s -> ids.add(s.getSpanId()));
    assertThat(trace)
        .allSatisfy(
            s -> {
              if (s.getParentSpanContext().isValid()) {
                assertThat(ids).as("the parent of %s", s.getName()).contains(s.getParentSpanId());
              }
            });
  }

  /** When the first decision task of the run began. */
  static long decisionStart(String runId) {
    return spans(n -> n.startsWith("DecisionTask:"), runId).stream()
        .mapToLong(SpanData::getStartEpochNanos)
        .min()
        .orElseThrow();
  }

  static String traceparent(SpanData s) {
    return "00-"
        + s.getTraceId()
        + "-"
        + s.getSpanId()
        + "-"
        + s.getSpanContext().getTraceFlags().asHex();
  }

  static String wid(SpanData s) {
    return s.getAttributes().get(WORKFLOW_ID);
  }

  static String rid(SpanData s) {
    return s.getAttributes().get(RUN_ID);
  }

  static long attempt(SpanData s) {
    return s.getAttributes().get(ATTEMPT);
  }
}
