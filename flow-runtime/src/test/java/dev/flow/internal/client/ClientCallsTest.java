package dev.flow.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flow.FakeSwf;
import dev.flow.FlowClient;
import dev.flow.FlowException;
import dev.flow.StartOptions;
import dev.flow.WorkflowFailedException;
import dev.flow.WorkflowHandle;
import dev.flow.spi.ClientCalls;
import dev.flow.spi.SignalSpec;
import dev.flow.spi.Types;
import dev.flow.spi.WorkflowSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.swf.model.ChildPolicy;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryRequest;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.ListOpenWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ListOpenWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.RequestCancelWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.SignalWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.StartWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.StartWorkflowExecutionResponse;
import software.amazon.awssdk.services.swf.model.TerminateWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

class ClientCallsTest {
  static final WorkflowSpec SPEC =
      WorkflowSpec.builder("ProcessVideo", "1.0")
          .taskList("video")
          .executionStartToCloseTimeoutSeconds(600)
          .taskStartToCloseTimeoutSeconds(20)
          .parameterTypes(String.class, int.class)
          .resultType(Types.parameterized(List.class, String.class))
          .signals(SignalSpec.of("addChapter", String.class))
          .build();

  final FakeSwf swf = new FakeSwf();
  final FlowClient flow = FlowClient.create(swf, "media");

  FakeSwf started(String runId) {
    return swf.on(
        StartWorkflowExecutionRequest.class,
        r -> StartWorkflowExecutionResponse.builder().runId(runId).build());
  }

  @Test
  void start_sendsTypeIdTaskListTimeoutsAndEncodedInput() throws Exception {
    started("run-1");

    WorkflowHandle<List<String>> handle =
        ClientCalls.start(
            flow, SPEC, StartOptions.builder().workflowId("video-42").build(), "http://v", 3);

    StartWorkflowExecutionRequest r = swf.nextCall(StartWorkflowExecutionRequest.class);
    assertThat(r.domain()).isEqualTo("media");
    assertThat(r.workflowId()).isEqualTo("video-42");
    assertThat(r.workflowType().name()).isEqualTo("ProcessVideo");
    assertThat(r.workflowType().version()).isEqualTo("1.0");
    assertThat(r.taskList().name()).isEqualTo("video");
    assertThat(r.executionStartToCloseTimeout()).isEqualTo("600");
    assertThat(r.taskStartToCloseTimeout()).isEqualTo("20");
    assertThat(r.input()).isEqualTo("[\"http://v\",3]");
    assertThat(r.childPolicy()).isEqualTo(ChildPolicy.TERMINATE);
    assertThat(r.tagList()).isEmpty();
    assertThat(handle.workflowId()).isEqualTo("video-42");
    assertThat(handle.runId()).isEqualTo("run-1");
  }

  @Test
  void start_withOptions_overridesTaskListTimeoutsTagsAndPriority() throws Exception {
    started("run-1");

    ClientCalls.start(
        flow,
        SPEC,
        StartOptions.builder()
            .taskList("urgent")
            .executionStartToCloseTimeout(Duration.ofMinutes(2))
            .taskStartToCloseTimeout(Duration.ofSeconds(5))
            .tags("batch", "night")
            .priority(7)
            .build(),
        "u",
        1);

    StartWorkflowExecutionRequest r = swf.nextCall(StartWorkflowExecutionRequest.class);
    assertThat(r.taskList().name()).isEqualTo("urgent");
    assertThat(r.executionStartToCloseTimeout()).isEqualTo("120");
    assertThat(r.taskStartToCloseTimeout()).isEqualTo("5");
    assertThat(r.tagList()).containsExactly("batch", "night");
    assertThat(r.taskPriority()).isEqualTo("7");
  }

  @Test
  void start_withoutWorkflowId_usesANewRandomId() throws Exception {
    started("run-1");

    WorkflowHandle<Object> a = ClientCalls.start(flow, SPEC, null, "u", 1);
    WorkflowHandle<Object> b = ClientCalls.start(flow, SPEC, StartOptions.DEFAULT, "u", 1);

    assertThat(a.workflowId()).matches("[0-9a-f-]{36}");
    assertThat(b.workflowId()).matches("[0-9a-f-]{36}").isNotEqualTo(a.workflowId());
    assertThat(swf.nextCall(StartWorkflowExecutionRequest.class).workflowId())
        .isEqualTo(a.workflowId());
  }

  @Test
  void start_idInUse_isFlowExceptionNamingTheId() {
    swf.on(
        StartWorkflowExecutionRequest.class,
        r -> FakeSwf.fault("WorkflowExecutionAlreadyStartedFault", "already started"));

    assertThatThrownBy(
            () ->
                ClientCalls.start(
                    flow, SPEC, StartOptions.builder().workflowId("video-42").build(), "u", 1))
        .isInstanceOf(FlowException.class)
        .hasMessageContaining("'video-42'")
        .hasMessageContaining("already used by an open execution in domain 'media'");
  }

  @Test
  void start_unknownType_saysToStartAWorkerFirst() {
    swf.on(
        StartWorkflowExecutionRequest.class,
        r -> FakeSwf.fault("UnknownResourceFault", "Unknown type: ProcessVideo 1.0"));

    assertThatThrownBy(() -> ClientCalls.start(flow, SPEC, null, "u", 1))
        .isInstanceOf(FlowException.class)
        .hasMessageContaining("cannot start workflow ProcessVideo 1.0 in domain 'media'")
        .hasMessageContaining("Unknown type")
        .hasMessageContaining("start a Worker hosting it first");
  }

  @Test
  void start_inputOverSwfLimit_isRejectedBeforeSending() {
    String big = "x".repeat(40_000);

    assertThatThrownBy(() -> ClientCalls.start(flow, SPEC, null, big, 1))
        .isInstanceOf(FlowException.class)
        .hasMessageContaining("the input of workflow ProcessVideo is 40006 characters");
    assertThat(swf.requests()).isEmpty();
  }

  // --- result()

  static HistoryEvent event(EventType type) {
    HistoryEvent.Builder b = HistoryEvent.builder().eventId(9L).eventType(type);
    switch (type) {
      case WORKFLOW_EXECUTION_COMPLETED:
        b.workflowExecutionCompletedEventAttributes(a -> a.result("[\"a\",\"b\"]"));
        break;
      case WORKFLOW_EXECUTION_FAILED:
        b.workflowExecutionFailedEventAttributes(
            a -> a.reason("java.io.IOException").details("{\"type\":\"java.io.IOException\"}"));
        break;
      case WORKFLOW_EXECUTION_TIMED_OUT:
        b.workflowExecutionTimedOutEventAttributes(a -> a.timeoutType("START_TO_CLOSE"));
        break;
      case WORKFLOW_EXECUTION_CANCELED:
        b.workflowExecutionCanceledEventAttributes(a -> a.details("stopped"));
        break;
      case WORKFLOW_EXECUTION_TERMINATED:
        b.workflowExecutionTerminatedEventAttributes(
            a -> a.reason("ops").details("bad input").cause("OPERATOR_INITIATED"));
        break;
      default:
        break;
    }
    return b.build();
  }

  /** Answers history reads with {@code events} in turn (the last one repeats). */
  void history(HistoryEvent... events) {
    AtomicInteger next = new AtomicInteger();
    swf.on(
        GetWorkflowExecutionHistoryRequest.class,
        r ->
            GetWorkflowExecutionHistoryResponse.builder()
                .events(events[Math.min(next.getAndIncrement(), events.length - 1)])
                .build());
  }

  WorkflowHandle<List<String>> handle() {
    return ClientCalls.handle(flow, SPEC, "video-42", "run-1");
  }

  @Test
  void history_readsEveryPageOfTheRun_inOrder() {
    HistoryEvent first =
        HistoryEvent.builder().eventId(1L).eventType("WorkflowExecutionStarted").build();
    HistoryEvent second =
        HistoryEvent.builder().eventId(2L).eventType("DecisionTaskScheduled").build();
    swf.on(
        GetWorkflowExecutionHistoryRequest.class,
        r ->
            r.nextPageToken() == null
                ? GetWorkflowExecutionHistoryResponse.builder()
                    .events(first)
                    .nextPageToken("p2")
                    .build()
                : GetWorkflowExecutionHistoryResponse.builder().events(second).build());

    assertThat(handle().history()).containsExactly(first, second);
    GetWorkflowExecutionHistoryRequest r =
        swf.requests(GetWorkflowExecutionHistoryRequest.class).get(0);
    assertThat(r.execution().runId()).isEqualTo("run-1");
    assertThat(r.reverseOrder()).isNotEqualTo(Boolean.TRUE);
  }

  @Test
  void result_completed_decodesTheResultAsTheSpecsType() {
    history(event(EventType.WORKFLOW_EXECUTION_COMPLETED));

    assertThat(handle().result()).containsExactly("a", "b");
  }

  @Test
  void result_readsOnlyTheLastEventOfTheRun() {
    history(event(EventType.WORKFLOW_EXECUTION_COMPLETED));

    handle().result();

    GetWorkflowExecutionHistoryRequest r =
        swf.requests(GetWorkflowExecutionHistoryRequest.class).get(0);
    assertThat(r.domain()).isEqualTo("media");
    assertThat(r.execution().workflowId()).isEqualTo("video-42");
    assertThat(r.execution().runId()).isEqualTo("run-1");
    assertThat(r.reverseOrder()).isTrue();
    assertThat(r.maximumPageSize()).isEqualTo(1);
  }

  @Test
  void result_whileOpen_pollsAgainUntilClosed() {
    HistoryEvent open =
        HistoryEvent.builder().eventId(3L).eventType(EventType.DECISION_TASK_COMPLETED).build();
    history(open, open, open, event(EventType.WORKFLOW_EXECUTION_COMPLETED));

    assertThat(handle().result()).containsExactly("a", "b");
    assertThat(swf.requests(GetWorkflowExecutionHistoryRequest.class)).hasSize(4);
  }

  @Test
  void result_failed_isWorkflowFailureWithReasonAndDetails() {
    history(event(EventType.WORKFLOW_EXECUTION_FAILED));

    assertThatThrownBy(() -> handle().result())
        .isInstanceOfSatisfying(
            WorkflowFailedException.class,
            f -> {
              assertThat(f.workflowId()).isEqualTo("video-42");
              assertThat(f.runId()).isEqualTo("run-1");
              assertThat(f.closeStatus()).isEqualTo("FAILED");
              assertThat(f.reason()).isEqualTo("java.io.IOException");
              assertThat(f.details()).isEqualTo("{\"type\":\"java.io.IOException\"}");
            });
  }

  @Test
  void result_failed_saysTheRemoteMessageAndCauses_andTheCauseCarriesTheRemoteStackTrace() {
    String details =
        "{\"type\":\"java.lang.IllegalStateException\",\"message\":\"no codec\","
            + "\"stackTrace\":\"java.lang.IllegalStateException: no codec\\n"
            + "\\tat com.example.Codecs.find(Codecs.java:12)\\n\","
            + "\"cause\":{\"type\":\"com.example.DiskFull\",\"message\":\"disk full\","
            + "\"stackTrace\":\"\\tat com.example.Disk.write(Disk.java:7)\\n\",\"cause\":null}}";
    history(
        HistoryEvent.builder()
            .eventId(9L)
            .eventType(EventType.WORKFLOW_EXECUTION_FAILED)
            .workflowExecutionFailedEventAttributes(
                a -> a.reason("java.lang.IllegalStateException").details(details))
            .build());

    assertThatThrownBy(() -> handle().result())
        .isInstanceOfSatisfying(
            WorkflowFailedException.class,
            f -> {
              assertThat(f.getMessage())
                  .isEqualTo(
                      "workflow video-42 (run run-1) closed FAILED:"
                          + " java.lang.IllegalStateException: no codec;"
                          + " caused by: com.example.DiskFull: disk full");
              assertThat(f.getCause())
                  .isInstanceOf(IllegalStateException.class)
                  .hasMessage("no codec");
              assertThat(f.getCause().getStackTrace()[0].getClassName())
                  .isEqualTo("com.example.Codecs");
              assertThat(f.getCause().getCause()).hasMessage("com.example.DiskFull: disk full");
              assertThat(f.getCause().getCause().getStackTrace()[0].getMethodName())
                  .isEqualTo("write");
            });
  }

  @Test
  void result_timedOut_namesTheLimitAndTheAttributeToChange() {
    HistoryEvent started =
        HistoryEvent.builder()
            .eventId(1L)
            .eventType(EventType.WORKFLOW_EXECUTION_STARTED)
            .workflowExecutionStartedEventAttributes(a -> a.executionStartToCloseTimeout("3600"))
            .build();
    swf.on(
        GetWorkflowExecutionHistoryRequest.class,
        r ->
            GetWorkflowExecutionHistoryResponse.builder()
                .events(
                    Boolean.TRUE.equals(r.reverseOrder())
                        ? event(EventType.WORKFLOW_EXECUTION_TIMED_OUT)
                        : started)
                .build());

    assertThatThrownBy(() -> handle().result())
        .isInstanceOfSatisfying(
            WorkflowFailedException.class,
            f -> {
              assertThat(f.reason()).isEqualTo("START_TO_CLOSE");
              assertThat(f.getMessage())
                  .contains("closed TIMED_OUT: START_TO_CLOSE")
                  .contains("executionStartToCloseTimeout of 3600 s (1 h)")
                  .contains("@Workflow(executionStartToCloseTimeoutSeconds");
            });
  }

  @Test
  void result_timedOut_isWorkflowFailureWithTheTimeoutType() {
    history(event(EventType.WORKFLOW_EXECUTION_TIMED_OUT));

    assertThatThrownBy(() -> handle().result())
        .isInstanceOfSatisfying(
            WorkflowFailedException.class,
            f -> {
              assertThat(f.closeStatus()).isEqualTo("TIMED_OUT");
              assertThat(f.reason()).isEqualTo("START_TO_CLOSE");
            });
  }

  @Test
  void result_canceled_isWorkflowFailureWithTheDetails() {
    history(event(EventType.WORKFLOW_EXECUTION_CANCELED));

    assertThatThrownBy(() -> handle().result())
        .isInstanceOfSatisfying(
            WorkflowFailedException.class,
            f -> {
              assertThat(f.closeStatus()).isEqualTo("CANCELED");
              assertThat(f.details()).isEqualTo("stopped");
            });
  }

  @Test
  void result_terminated_isWorkflowFailureWithReasonAndDetails() {
    history(event(EventType.WORKFLOW_EXECUTION_TERMINATED));

    assertThatThrownBy(() -> handle().result())
        .isInstanceOfSatisfying(
            WorkflowFailedException.class,
            f -> {
              assertThat(f.closeStatus()).isEqualTo("TERMINATED");
              assertThat(f.reason()).isEqualTo("ops");
              assertThat(f.details()).isEqualTo("bad input");
            });
  }

  @Test
  void result_continuedAsNew_followsTheRunsToTheLast() {
    ConcurrentLinkedQueue<String> runs = new ConcurrentLinkedQueue<>();
    swf.on(
        GetWorkflowExecutionHistoryRequest.class,
        r -> {
          String run = r.execution().runId();
          runs.add(run);
          HistoryEvent e =
              run.equals("run-3")
                  ? event(EventType.WORKFLOW_EXECUTION_FAILED)
                  : HistoryEvent.builder()
                      .eventId(5L)
                      .eventType(EventType.WORKFLOW_EXECUTION_CONTINUED_AS_NEW)
                      .workflowExecutionContinuedAsNewEventAttributes(
                          a -> a.newExecutionRunId(run.equals("run-1") ? "run-2" : "run-3"))
                      .build();
          return GetWorkflowExecutionHistoryResponse.builder().events(e).build();
        });

    assertThatThrownBy(() -> handle().result())
        .isInstanceOfSatisfying(
            WorkflowFailedException.class, f -> assertThat(f.runId()).isEqualTo("run-3"));
    assertThat(runs).containsExactly("run-1", "run-2", "run-3");
  }

  @Test
  void result_withTimeout_stillOpen_isFlowException() {
    history(
        HistoryEvent.builder().eventId(3L).eventType(EventType.DECISION_TASK_SCHEDULED).build());

    long start = System.nanoTime();
    assertThatThrownBy(() -> handle().result(Duration.ofMillis(100)))
        .isInstanceOf(FlowException.class)
        .isNotInstanceOf(WorkflowFailedException.class)
        .hasMessageContaining("workflow video-42 (run run-1) is still open after PT0.1S");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void result_afterClose_isRememberedAndNotFetchedAgain() {
    history(event(EventType.WORKFLOW_EXECUTION_COMPLETED));
    WorkflowHandle<List<String>> handle = handle();

    handle.result();
    handle.result(Duration.ZERO);

    assertThat(swf.requests(GetWorkflowExecutionHistoryRequest.class)).hasSize(1);
  }

  @Test
  void result_unknownExecution_isFlowException() {
    swf.on(
        GetWorkflowExecutionHistoryRequest.class,
        r -> FakeSwf.fault("UnknownResourceFault", "Unknown execution"));

    assertThatThrownBy(() -> handle().result())
        .isInstanceOf(FlowException.class)
        .hasMessageContaining("no workflow execution video-42 (run run-1) in domain 'media'");
  }

  @Test
  void result_networkErrorsWhileWaiting_areOutwaited() {
    AtomicInteger calls = new AtomicInteger();
    swf.on(
        GetWorkflowExecutionHistoryRequest.class,
        r ->
            calls.incrementAndGet() <= 2
                ? SdkClientException.create("connection refused")
                : GetWorkflowExecutionHistoryResponse.builder()
                    .events(event(EventType.WORKFLOW_EXECUTION_COMPLETED))
                    .build());

    assertThat(handle().result()).containsExactly("a", "b");
  }

  @Test
  void result_networkErrorsUntilTheTimeout_isFlowExceptionWithTheCause() {
    swf.on(
        GetWorkflowExecutionHistoryRequest.class,
        r -> SdkClientException.create("connection refused"));

    assertThatThrownBy(() -> handle().result(Duration.ofMillis(50)))
        .isInstanceOf(FlowException.class)
        .hasMessageContaining("cannot read the history of workflow video-42 (run run-1) within")
        .hasMessageContaining("connection refused");
  }

  @Test
  void result_refusedByTheEngine_isFlowExceptionAtOnce() {
    swf.on(
        GetWorkflowExecutionHistoryRequest.class,
        r -> FakeSwf.fault("OperationNotPermittedFault", "not allowed"));

    assertThatThrownBy(() -> handle().result())
        .isInstanceOf(FlowException.class)
        .hasMessageContaining("not allowed (OperationNotPermittedFault)");
  }

  // --- signal, cancel, terminate

  @Test
  void signal_sendsTheEncodedArgumentsToTheRun() throws Exception {
    handle().signal("addChapter", "intro");

    SignalWorkflowExecutionRequest r = swf.nextCall(SignalWorkflowExecutionRequest.class);
    assertThat(r.domain()).isEqualTo("media");
    assertThat(r.workflowId()).isEqualTo("video-42");
    assertThat(r.runId()).isEqualTo("run-1");
    assertThat(r.signalName()).isEqualTo("addChapter");
    assertThat(r.input()).isEqualTo("[\"intro\"]");
  }

  @Test
  void signal_undeclared_isIllegalArgumentNamingTheDeclaredOnes() {
    assertThatThrownBy(() -> handle().signal("addChaptre", "intro"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("declares no signal 'addChaptre'")
        .hasMessageContaining("[addChapter]");
    assertThat(swf.requests()).isEmpty();
  }

  @Test
  void signal_toAClosedRun_isFlowException() {
    swf.on(
        SignalWorkflowExecutionRequest.class,
        r -> FakeSwf.fault("UnknownResourceFault", "Unknown execution"));

    assertThatThrownBy(() -> handle().signal("addChapter", "x"))
        .isInstanceOf(FlowException.class)
        .hasMessageContaining("cannot signal addChapter workflow video-42 (run run-1)")
        .hasMessageContaining("closed or unknown");
  }

  @Test
  void cancel_requestsCancellationOfTheRun() throws Exception {
    handle().cancel();

    RequestCancelWorkflowExecutionRequest r =
        swf.nextCall(RequestCancelWorkflowExecutionRequest.class);
    assertThat(r.workflowId()).isEqualTo("video-42");
    assertThat(r.runId()).isEqualTo("run-1");
  }

  @Test
  void terminate_sendsTheReason() throws Exception {
    handle().terminate("bad input");

    TerminateWorkflowExecutionRequest r = swf.nextCall(TerminateWorkflowExecutionRequest.class);
    assertThat(r.workflowId()).isEqualTo("video-42");
    assertThat(r.runId()).isEqualTo("run-1");
    assertThat(r.reason()).isEqualTo("bad input");
  }

  // --- handle(id, null)

  static WorkflowExecutionInfo info(String runId) {
    return WorkflowExecutionInfo.builder()
        .execution(e -> e.workflowId("video-42").runId(runId))
        .build();
  }

  @Test
  void handle_withoutRunId_takesTheOpenRun() {
    swf.on(
        ListOpenWorkflowExecutionsRequest.class,
        r -> ListOpenWorkflowExecutionsResponse.builder().executionInfos(info("open-run")).build());

    WorkflowHandle<Object> h = ClientCalls.handle(flow, SPEC, "video-42", null);

    assertThat(h.runId()).isEqualTo("open-run");
    ListOpenWorkflowExecutionsRequest r =
        swf.requests(ListOpenWorkflowExecutionsRequest.class).get(0);
    assertThat(r.executionFilter().workflowId()).isEqualTo("video-42");
    assertThat(r.startTimeFilter().oldestDate()).isNotNull();
  }

  @Test
  void handle_withoutRunId_noOpenRun_takesTheNewestClosedRun() {
    swf.on(
        ListClosedWorkflowExecutionsRequest.class,
        r ->
            ListClosedWorkflowExecutionsResponse.builder()
                .executionInfos(info("closed-run"))
                .build());

    WorkflowHandle<Object> h = ClientCalls.handle(flow, SPEC, "video-42", null);

    assertThat(h.runId()).isEqualTo("closed-run");
    assertThat(swf.requests(ListClosedWorkflowExecutionsRequest.class).get(0).reverseOrder())
        .isNotEqualTo(Boolean.TRUE);
  }

  @Test
  void handle_withoutRunId_unknownId_isFlowException() {
    assertThatThrownBy(() -> ClientCalls.handle(flow, SPEC, "video-42", null))
        .isInstanceOf(FlowException.class)
        .hasMessage("no execution with workflow id 'video-42' in domain 'media'");
  }
}
