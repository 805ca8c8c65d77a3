package dev.flow.sample.features;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
  static final AttributeKey<String> ACTIVITY_ID = AttributeKey.stringKey("flow.activityId");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("flow.attempt");
  static final AttributeKey<Long> STARTED_EVENT =
      AttributeKey.longKey("flow.decisionTask.startedEventId");
  static final AttributeKey<String> CLOSE_STATUS = AttributeKey.stringKey("flow.closeStatus");

  @TempDir static Path workDir;

  static final Traces traces = new Traces();
  static LocalEngine engine;
  static final List<AutoCloseable> open = new ArrayList<>();
  static FlowClient client;
  static Worker deciders;
  static String[] inputs; // video, subtitles

  @BeforeAll
  static void start() throws Exception {
    inputs = SampleInputs.write(workDir);
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

  /** A FlowClient of its own, tracing to the in-memory exporter. */
  static FlowClient traced() {
    FlowClient flow =
        FlowClient.builder()
            .swf(engine.client())
            .domain("tracing")
            .openTelemetry(traces.otel)
            .build();
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
    traces.close();
  }

  @AfterEach
  void reset() {
    StepsImpl.reset();
  }

  @Test
  void processVideo_spanTree_startRunDecisionTasksAndActivities_oneTrace() {
    Span test = traces.otel.getTracer("test").spanBuilder("test").startSpan();
    ProcessVideoWorkflowClient.Handle run;
    try (Scope scope = test.makeCurrent()) {
      run = ProcessVideoWorkflowClient.create(client).start(inputs[0], inputs[1]);
    } finally {
      test.end();
    }
    run.result();
    List<HistoryEvent> history = history(run.workflowId(), run.runId());
    List<Long> decided = Traces.decisionTasksStarted(history);
    List<String> activityIds = startedActivities(history);
    assertThat(activityIds).hasSize(8);
    traces.awaitSpans(run.runId(), decided.size(), activityIds.size());

    SpanData start = traces.of("StartWorkflow:ProcessVideo", run.workflowId());
    assertThat(start.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(start.getParentSpanId()).isEqualTo(test.getSpanContext().getSpanId());
    assertThat(start.getTraceId()).isEqualTo(test.getSpanContext().getTraceId());
    assertThat(start.getAttributes().get(Traces.RUN_ID)).isEqualTo(run.runId());
    assertThat(history.get(0).workflowExecutionStartedEventAttributes().tagList())
        .contains("flow.trace=" + traceparent(start));

    SpanData runSpan = traces.runSpan("ProcessVideo", run.runId());
    assertThat(runSpan.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(runSpan.getTraceId()).isEqualTo(start.getTraceId());
    assertThat(runSpan.getParentSpanId()).isEqualTo(start.getSpanId());
    assertThat(runSpan.getAttributes().get(Traces.WORKFLOW_ID)).isEqualTo(run.workflowId());
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
    List<SpanData> decisionTasks = traces.spans("DecisionTask:ProcessVideo", run.runId());
    assertThat(decisionTasks)
        .extracting(s -> s.getAttributes().get(STARTED_EVENT))
        .containsExactlyInAnyOrderElementsOf(decided);
    assertThat(decisionTasks)
        .allSatisfy(
            s -> {
              assertThat(s.getTraceId()).isEqualTo(runSpan.getTraceId());
              assertThat(s.getParentSpanId()).isEqualTo(runSpan.getSpanId());
              assertThat(s.getAttributes().get(Traces.WORKFLOW_ID)).isEqualTo(run.workflowId());
              assertThat(s.getAttributes().get(AttributeKey.stringKey("flow.outcome")))
                  .isEqualTo("answered");
            });
    // every answer recorded the run's span where the other workers read it
    assertThat(history)
        .filteredOn(e -> e.eventType() == EventType.DECISION_TASK_COMPLETED)
        .extracting(e -> e.decisionTaskCompletedEventAttributes().executionContext())
        .containsOnly("{\"flow\":1,\"trace\":\"" + traceparent(runSpan) + "\"}");

    // the activity worker, another FlowClient, found the run's span through SWF
    List<SpanData> activities = traces.spans(n -> n.startsWith("RunActivity:Media."), run.runId());
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

    traces.assertNoDanglingParent(runSpan.getTraceId());
  }

  @Test
  void failingActivityAttempt_isError_andItsRetryIsAttempt2OfTheSameRun() {
    RetryingWorkflowClient.Handle run = RetryingWorkflowClient.create(client).start("t", 1);
    assertThat(run.result()).isEqualTo("ok:t@2");
    List<HistoryEvent> history = history(run.workflowId(), run.runId());
    traces.awaitSpans(run.runId(), Traces.decisionTasksStarted(history).size(), 2);

    SpanData runSpan = traces.runSpan("Retrying", run.runId());
    List<SpanData> attempts = traces.spans("RunActivity:Steps.flaky", run.runId());
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
    traces.assertNoDanglingParent(runSpan.getTraceId());
  }

  @Test
  void childRun_isAChildOfItsParentRunsSpan_andAFailedRunIsError() {
    ParentWorkflowClient.Handle run = ParentWorkflowClient.create(client).start("ann", true);
    assertThat(run.result()).startsWith("child failed:");
    List<HistoryEvent> history = history(run.workflowId(), run.runId());
    traces.awaitSpans(run.runId(), Traces.decisionTasksStarted(history).size(), 0);
    HistoryEvent childStarted =
        history.stream()
            .filter(e -> e.eventType() == EventType.CHILD_WORKFLOW_EXECUTION_STARTED)
            .findFirst()
            .orElseThrow();
    WorkflowExecution child =
        childStarted.childWorkflowExecutionStartedEventAttributes().workflowExecution();
    List<HistoryEvent> childHistory = history(child.workflowId(), child.runId());
    traces.awaitSpans(child.runId(), Traces.decisionTasksStarted(childHistory).size(), 0);

    SpanData parentSpan = traces.runSpan("Parent", run.runId());
    SpanData childSpan = traces.runSpan("Greeter", child.runId());
    assertThat(childSpan.getTraceId()).isEqualTo(parentSpan.getTraceId());
    assertThat(childSpan.getParentSpanId()).isEqualTo(parentSpan.getSpanId());
    assertThat(childSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(childSpan.getStatus().getDescription())
        .isEqualTo("java.lang.IllegalArgumentException: no greeting for ann");
    assertThat(childSpan.getAttributes().get(CLOSE_STATUS)).isEqualTo("FAILED");
    assertThat(parentSpan.getAttributes().get(CLOSE_STATUS)).isEqualTo("COMPLETED");
    assertThat(parentSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    traces.assertNoDanglingParent(parentSpan.getTraceId());
  }

  @Test
  void signal_isAClientSpanLinkedToTheRunsSpan() throws Exception {
    MailboxWorkflowClient.Handle run = MailboxWorkflowClient.create(client).start();
    awaitAnswered(run.workflowId(), run.runId()); // the first answer records the run's span
    Span test = traces.otel.getTracer("test").spanBuilder("test").startSpan();
    try (Scope scope = test.makeCurrent()) {
      run.deliver("hi");
    } finally {
      test.end();
    }
    assertThat(run.result()).isEqualTo("got hi");
    traces.awaitSpans(
        run.runId(), Traces.decisionTasksStarted(history(run.workflowId(), run.runId())).size(), 0);

    SpanData runSpan = traces.runSpan("Mailbox", run.runId());
    SpanData signal = traces.spans("SignalWorkflow:Mailbox", run.runId()).get(0);
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
    traces.awaitSpans(next, Traces.decisionTasksStarted(history(run.workflowId(), next)).size(), 0);

    SpanData previous = traces.runSpan("Countdown", run.runId());
    SpanData continued = traces.runSpan("Countdown", next);
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
    SpanData runSpan = traces.runSpan("Mailbox", run.runId());
    assertThat(runSpan.getAttributes().get(AttributeKey.booleanKey("flow.run.open"))).isTrue();

    Worker second = deciders(traced());
    open.add(second);
    run.deliver("after the restart");
    assertThat(run.result()).isEqualTo("got after the restart");
    List<HistoryEvent> history = history(run.workflowId(), run.runId());
    List<Long> decided = Traces.decisionTasksStarted(history);
    assertThat(decided).hasSizeGreaterThanOrEqualTo(2);
    traces.awaitSpans(run.runId(), decided.size(), 0);

    List<SpanData> decisionTasks = traces.spans("DecisionTask:Mailbox", run.runId());
    assertThat(decisionTasks)
        .extracting(s -> s.getAttributes().get(STARTED_EVENT))
        .containsExactlyInAnyOrderElementsOf(decided);
    assertThat(decisionTasks)
        .allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(runSpan.getSpanId()));
    assertThat(traces.spans("RunWorkflow:Mailbox", run.runId())).hasSize(1);
    traces.assertNoDanglingParent(runSpan.getTraceId());
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
    traces.await(
        () -> !Traces.decisionTasksStarted(history(workflowId, runId)).isEmpty(),
        "a decision task of " + workflowId + " answered");
  }

  /** When the first decision task of the run began. */
  static long decisionStart(String runId) {
    return traces.spans(n -> n.startsWith("DecisionTask:"), runId).stream()
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

  static long attempt(SpanData s) {
    return s.getAttributes().get(ATTEMPT);
  }
}
