package dev.flow.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flow.FakeSwf;
import dev.flow.FlowClient;
import dev.flow.Worker;
import dev.flow.spi.ActivityDispatcher;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.Manifest;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowInstance;
import dev.flow.spi.WorkflowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.ChildPolicy;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskRequest;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.RegisterActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.RegisterWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.RespondDecisionTaskCompletedRequest;

class DecisionWorkerTest {
  static final WorkflowSpec SPEC =
      WorkflowSpec.builder("ProcessVideo", "1.0")
          .taskList("video")
          .executionStartToCloseTimeoutSeconds(600)
          .taskStartToCloseTimeoutSeconds(0)
          .parameterTypes(String.class)
          .resultType(String.class)
          .build();

  static WorkflowDefinition definition(WorkflowSpec spec) {
    return new WorkflowDefinition() {
      @Override
      public WorkflowSpec spec() {
        return spec;
      }

      @Override
      public WorkflowInstance newInstance() {
        return new WorkflowInstance() {
          @Override
          public Object execute(Object[] arguments) {
            return "done";
          }

          @Override
          public void signal(String signalName, Object[] arguments) {
            throw new IllegalArgumentException(signalName);
          }
        };
      }
    };
  }

  static List<HistoryEvent> started() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    return List.of(
        HistoryEvent.builder()
            .eventId(1L)
            .eventTimestamp(t)
            .eventType(EventType.WORKFLOW_EXECUTION_STARTED)
            .workflowExecutionStartedEventAttributes(
                a ->
                    a.input("[\"u\"]")
                        .workflowType(w -> w.name("ProcessVideo").version("1.0"))
                        .taskList(l -> l.name("video"))
                        .childPolicy(ChildPolicy.TERMINATE)
                        .executionStartToCloseTimeout("600")
                        .taskStartToCloseTimeout("NONE"))
            .build(),
        HistoryEvent.builder()
            .eventId(2L)
            .eventTimestamp(t)
            .eventType(EventType.DECISION_TASK_SCHEDULED)
            .decisionTaskScheduledEventAttributes(
                a -> a.taskList(l -> l.name("video")).startToCloseTimeout("NONE"))
            .build());
  }

  static HistoryEvent decisionStarted() {
    return HistoryEvent.builder()
        .eventId(3L)
        .eventTimestamp(Instant.parse("2026-01-01T00:00:00Z"))
        .eventType(EventType.DECISION_TASK_STARTED)
        .decisionTaskStartedEventAttributes(a -> a.scheduledEventId(2L).identity("test"))
        .build();
  }

  static PollForDecisionTaskResponse.Builder task(String type) {
    return PollForDecisionTaskResponse.builder()
        .taskToken("d1")
        .startedEventId(3L)
        .previousStartedEventId(0L)
        .workflowType(w -> w.name(type).version("1.0"))
        .workflowExecution(e -> e.workflowId("video-42").runId("run-1"));
  }

  final FakeSwf swf = new FakeSwf();
  final FlowClient flow = FlowClient.builder().swf(swf).domain("media").identity("test").build();
  Worker worker;

  @AfterEach
  void close() {
    if (worker != null) {
      worker.close();
    }
  }

  Worker start(Worker.Builder builder) {
    worker = builder.pollRetryBackoff(Duration.ofMillis(1), Duration.ofMillis(5)).build().start();
    return worker;
  }

  @Test
  void start_registersTheWorkflowTypeWithItsDefaults() throws Exception {
    start(Worker.builder(flow).workflow(definition(SPEC)));

    RegisterWorkflowTypeRequest r = swf.nextCall(RegisterWorkflowTypeRequest.class);
    assertThat(r.domain()).isEqualTo("media");
    assertThat(r.name()).isEqualTo("ProcessVideo");
    assertThat(r.version()).isEqualTo("1.0");
    assertThat(r.defaultTaskList().name()).isEqualTo("video");
    assertThat(r.defaultExecutionStartToCloseTimeout()).isEqualTo("600");
    assertThat(r.defaultTaskStartToCloseTimeout()).isEqualTo("NONE");
    assertThat(r.defaultChildPolicy()).isEqualTo(ChildPolicy.TERMINATE);
    assertThat(worker.decisionTaskLists()).containsExactly("video");
    assertThat(worker.activityTaskLists()).isEmpty();
  }

  @Test
  void manifest_hostsItsImplementations_andRegistersEveryDeclaredType() throws Exception {
    ActivitySpec elsewhere = ActivitySpec.builder("Media.encode", "1.0").taskList("media").build();
    Manifest manifest =
        new Manifest() {
          @Override
          public List<WorkflowSpec> workflowTypes() {
            return List.of(SPEC);
          }

          @Override
          public List<ActivitySpec> activityTypes() {
            return List.of(elsewhere);
          }

          @Override
          public List<WorkflowDefinition> workflowImplementations() {
            return List.of(definition(SPEC));
          }

          @Override
          public List<ActivityDispatcher> activityImplementations() {
            return List.of();
          }
        };

    start(Worker.builder(flow).manifest(manifest));

    assertThat(swf.nextCall(RegisterWorkflowTypeRequest.class).name()).isEqualTo("ProcessVideo");
    assertThat(swf.nextCall(RegisterActivityTypeRequest.class).name()).isEqualTo("Media.encode");
    assertThat(swf.requests(RegisterWorkflowTypeRequest.class)).hasSize(1);
    assertThat(worker.activityTaskLists()).isEmpty(); // registered, not hosted
  }

  @Test
  void theSameManifestTwice_isNoDuplicate() {
    Manifest manifest = manifest(definition(SPEC));

    Worker w = Worker.builder(flow).manifest(manifest).manifest(manifest).build();

    assertThat(w.decisionTaskLists()).containsExactly("video");
  }

  static Manifest manifest(WorkflowDefinition definition) {
    return new Manifest() {
      @Override
      public List<WorkflowSpec> workflowTypes() {
        return List.of(definition.spec());
      }

      @Override
      public List<ActivitySpec> activityTypes() {
        return List.of();
      }

      @Override
      public List<WorkflowDefinition> workflowImplementations() {
        return List.of(definition);
      }

      @Override
      public List<ActivityDispatcher> activityImplementations() {
        return List.of();
      }
    };
  }

  @Test
  void decisionTask_ofAnUnknownType_getsNoAnswer_andTheWorkerGoesOn() throws Exception {
    start(Worker.builder(flow).workflow(definition(SPEC)).decisionPollers(1));

    swf.decisionTasks.add(task("Unknown").events(started()).build());
    Thread.sleep(100);

    assertThat(swf.decisionTasks).isEmpty();
    int polls = swf.requests(PollForDecisionTaskRequest.class).size();
    Thread.sleep(100);
    assertThat(swf.requests(PollForDecisionTaskRequest.class).size()).isGreaterThan(polls);
    assertThat(swf.requests(RespondDecisionTaskCompletedRequest.class)).isEmpty();
  }

  @Test
  void decisionTask_withSeveralPages_fetchesTheNextPages() throws Exception {
    swf.on(
        PollForDecisionTaskRequest.class,
        r -> task("ProcessVideo").events(decisionStarted()).build());
    // (the fake SWF hands its tasks to any poll: no sticky poller, so the page is of "video")
    start(Worker.builder(flow).workflow(definition(SPEC)).decisionPollers(1).stickyCacheSize(0));

    swf.decisionTasks.add(task("ProcessVideo").events(started()).nextPageToken("page-2").build());

    PollForDecisionTaskRequest page = swf.nextCall(PollForDecisionTaskRequest.class);
    assertThat(page.nextPageToken()).isEqualTo("page-2");
    assertThat(page.domain()).isEqualTo("media");
    assertThat(page.taskList().name()).isEqualTo("video");
    assertThat(page.identity()).isEqualTo("test");
  }

  @Test
  void decisionPollers_pollTheDeclaredTaskListWithTheWorkersIdentity() throws Exception {
    start(Worker.builder(flow).workflow(definition(SPEC)).identity("decider-1"));
    Thread.sleep(50);

    assertThat(swf.requests(PollForDecisionTaskRequest.class))
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.taskList().name()).isIn("video", worker.stickyTaskList());
              assertThat(r.identity()).isEqualTo("decider-1");
            })
        .anySatisfy(r -> assertThat(r.taskList().name()).isEqualTo("video"));
  }

  @Test
  void stickyTaskList_isTheWorkersOwn_andPolledForTheNewEventsOnly() throws Exception {
    start(Worker.builder(flow).workflow(definition(SPEC)).identity("decider-1"));
    Thread.sleep(50);

    assertThat(worker.stickyTaskList()).startsWith("video-sticky-").hasSize(13 + 36);
    assertThat(swf.requests(PollForDecisionTaskRequest.class))
        .filteredOn(r -> r.taskList().name().equals(worker.stickyTaskList()))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.startAtPreviousStartedEvent()).isTrue());
  }

  @Test
  void stickyCacheSizeZero_pollsNoStickyTaskList() throws Exception {
    start(Worker.builder(flow).workflow(definition(SPEC)).stickyCacheSize(0));
    Thread.sleep(50);

    assertThat(worker.stickyTaskList()).isNull();
    assertThat(swf.requests(PollForDecisionTaskRequest.class))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.taskList().name()).isEqualTo("video"));
  }

  @Test
  void build_withAWorkflowTypeHostedTwice_isIllegalArgument() {
    assertThatThrownBy(
            () ->
                Worker.builder(flow).workflow(definition(SPEC)).workflow(definition(SPEC)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workflow type ProcessVideo 1.0 is hosted twice");
  }

  @Test
  void start_registrationRefused_isFlowException_andStartMayBeRetried() {
    java.util.concurrent.atomic.AtomicInteger attempts = new AtomicInteger();
    swf.on(
        RegisterWorkflowTypeRequest.class,
        r ->
            attempts.incrementAndGet() == 1
                ? FakeSwf.fault("LimitExceededFault", "too many types")
                : null);
    Worker w =
        Worker.builder(flow)
            .workflow(definition(SPEC))
            .pollRetryBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
            .build();

    assertThatThrownBy(w::start)
        .isInstanceOf(dev.flow.FlowException.class)
        .hasMessage(
            "cannot register workflow type ProcessVideo 1.0 in domain 'media': too many types"
                + " (LimitExceededFault)");
    assertThat(swf.requests(PollForDecisionTaskRequest.class)).isEmpty();
    worker = w.start();
    assertThat(attempts.get()).isEqualTo(2);
  }

  @Test
  void start_twice_isIllegalState() {
    start(Worker.builder(flow).workflow(definition(SPEC)));

    assertThatThrownBy(worker::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void answer_throttled_isRetriedWithBackoff_untilAccepted() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    swf.on(
        RespondDecisionTaskCompletedRequest.class,
        r -> calls.incrementAndGet() <= 2 ? ActivityContextTest.throttled() : null);
    start(Worker.builder(flow).workflow(definition(SPEC)));

    swf.decisionTasks.add(
        task("ProcessVideo")
            .events(Stream.concat(started().stream(), Stream.of(decisionStarted())).toList())
            .build());

    for (int i = 0; i < 3; i++) {
      RespondDecisionTaskCompletedRequest answer =
          swf.nextCall(RespondDecisionTaskCompletedRequest.class);
      assertThat(answer.decisions()).hasSize(1);
    }
    Thread.sleep(50);
    assertThat(calls).hasValue(3);
  }
}
