package dev.flow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.flow.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import dev.flow.DataConverter;
import dev.flow.internal.replay.Decider;
import dev.flow.spi.WorkflowDefinition;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.ChildPolicy;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * Runs workflows that use generated child stubs (with their typed child handles) and self stubs
 * (continue-as-new) through the runtime's decider, and checks the decisions they make.
 */
class ChildAndSelfStubTest {
  private static final WorkflowExecution PARENT =
      WorkflowExecution.builder().workflowId("parent").runId("run-1").build();

  private static final JavaFileObject PARENT_WORKFLOW =
      source(
          "com.example.video.Parent",
          "package com.example.video;",
          "",
          "import dev.flow.annotations.Workflow;",
          "",
          "@Workflow(version = \"1\")",
          "public interface Parent {",
          "  String run(String url);",
          "}");

  private static final JavaFileObject PARENT_IMPL =
      source(
          "com.example.video.ParentImpl",
          "package com.example.video;",
          "",
          "public final class ParentImpl implements Parent {",
          "  private final ProcessVideoStub videos;",
          "",
          "  public ParentImpl(ProcessVideoStub videos) {",
          "    this.videos = videos;",
          "  }",
          "",
          "  @Override",
          "  public String run(String url) {",
          "    ProcessVideoStub.Child child = videos.start(url, url + \".srt\");",
          "    child.addChapter(\"intro\");",
          "    child.hold();",
          "    return child.workflowId().get() + \" \" + child.result().get().webm();",
          "  }",
          "}");

  private static final JavaFileObject CANCELLER =
      source(
          "com.example.video.Canceller",
          "package com.example.video;",
          "",
          "import dev.flow.annotations.Workflow;",
          "",
          "@Workflow(version = \"1\")",
          "public interface Canceller {",
          "  String run(String url);",
          "}");

  private static final JavaFileObject CANCELLER_IMPL =
      source(
          "com.example.video.CancellerImpl",
          "package com.example.video;",
          "",
          "public final class CancellerImpl implements Canceller {",
          "  private final ProcessVideoStub videos;",
          "",
          "  public CancellerImpl(ProcessVideoStub videos) {",
          "    this.videos = videos;",
          "  }",
          "",
          "  @Override",
          "  public String run(String url) {",
          "    ProcessVideoStub.Child child = videos.start(url, url + \".srt\");",
          "    child.workflowId().get();",
          "    child.cancel();",
          "    return child.result().get().webm();",
          "  }",
          "}");

  private static final JavaFileObject COUNTDOWN =
      source(
          "com.example.video.Countdown",
          "package com.example.video;",
          "",
          "import dev.flow.annotations.Workflow;",
          "",
          "@Workflow(version = \"1\")",
          "public interface Countdown {",
          "  int count(int from, String label);",
          "}");

  private static final JavaFileObject COUNTDOWN_IMPL =
      source(
          "com.example.video.CountdownImpl",
          "package com.example.video;",
          "",
          "import dev.flow.ContinueAsNewOptions;",
          "",
          "public final class CountdownImpl implements Countdown {",
          "  private final CountdownSelf self = new CountdownSelf();",
          "",
          "  @Override",
          "  public int count(int from, String label) {",
          "    if (from > 0) {",
          "      ContinueAsNewOptions next =",
          "          ContinueAsNewOptions.builder().taskList(\"count-\" + from).build();",
          "      return self.withOptions(next).count(from - 1, label);",
          "    }",
          "    return 0;",
          "  }",
          "}");

  private static ClassLoader loader;

  @BeforeAll
  static void compile() {
    List<JavaFileObject> sources = new ArrayList<>(List.of(VideoSources.all()));
    sources.add(PARENT_WORKFLOW);
    sources.add(PARENT_IMPL);
    sources.add(CANCELLER);
    sources.add(CANCELLER_IMPL);
    sources.add(COUNTDOWN);
    sources.add(COUNTDOWN_IMPL);
    Compilation compilation = Compilations.compile(sources.toArray(new JavaFileObject[0]));
    assertThat(compilation).succeededWithoutWarnings();
    loader = Compilations.classLoader(compilation);
  }

  @Test
  void childStubStart_startsTheChild_thenSignalsItOnceStarted() throws Exception {
    Events history = new Events();
    history.workflowStarted("Parent", "1", "[\"v.mp4\"]");
    history.decisionTask();

    // 1 WorkflowExecutionStarted, 2 DecisionTaskScheduled, 3 DecisionTaskStarted
    List<Decision> first = decide("Parent", history.events);
    assertThat(first).hasSize(1);
    var start = first.get(0).startChildWorkflowExecutionDecisionAttributes();
    assertThat(first.get(0).decisionType()).isEqualTo(DecisionType.START_CHILD_WORKFLOW_EXECUTION);
    assertThat(start.workflowType().name()).isEqualTo("ProcessVideo");
    assertThat(start.workflowType().version()).isEqualTo("2.0");
    assertThat(start.workflowId()).isEqualTo("parent.1");
    assertThat(start.input()).isEqualTo("[\"v.mp4\",\"v.mp4.srt\"]");

    // 4 DecisionTaskCompleted, 5 StartChildWorkflowExecutionInitiated,
    // 6 ChildWorkflowExecutionStarted, 7 DecisionTaskScheduled, 8 DecisionTaskStarted
    history.decisionCompleted();
    long initiated = history.childInitiated("ProcessVideo", "2.0", "parent.1", start.input());
    history.childStarted(initiated, "child-run");
    history.decisionTask();
    List<Decision> second = decide("Parent", history.events);

    assertThat(second)
        .extracting(Decision::decisionType)
        .containsExactly(
            DecisionType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION,
            DecisionType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION);
    var addChapter = second.get(0).signalExternalWorkflowExecutionDecisionAttributes();
    assertThat(addChapter.workflowId()).isEqualTo("parent.1");
    assertThat(addChapter.signalName()).isEqualTo("addChapter");
    assertThat(addChapter.input()).isEqualTo("[\"intro\"]");
    var pause = second.get(1).signalExternalWorkflowExecutionDecisionAttributes();
    assertThat(pause.signalName()).isEqualTo("pause");
    assertThat(pause.input()).isEqualTo("[]");
  }

  @Test
  void childHandleCancel_requestsCancellationOfTheStartedChild() throws Exception {
    // 1 WorkflowExecutionStarted, 2 DecisionTaskScheduled, 3 DecisionTaskStarted,
    // 4 DecisionTaskCompleted, 5 StartChildWorkflowExecutionInitiated,
    // 6 ChildWorkflowExecutionStarted, 7 DecisionTaskScheduled, 8 DecisionTaskStarted
    Events history = new Events();
    history.workflowStarted("Canceller", "1", "[\"v.mp4\"]");
    history.decisionTask();
    assertThat(decide("Canceller", history.events))
        .extracting(Decision::decisionType)
        .containsExactly(DecisionType.START_CHILD_WORKFLOW_EXECUTION);
    history.decisionCompleted();
    long initiated =
        history.childInitiated("ProcessVideo", "2.0", "parent.1", "[\"v.mp4\",\"v.mp4.srt\"]");
    history.childStarted(initiated, "child-run");
    history.decisionTask();

    List<Decision> decisions = decide("Canceller", history.events);

    assertThat(decisions)
        .extracting(Decision::decisionType)
        .containsExactly(DecisionType.REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION);
    assertThat(
            decisions
                .get(0)
                .requestCancelExternalWorkflowExecutionDecisionAttributes()
                .workflowId())
        .isEqualTo("parent.1");
  }

  @Test
  void selfStub_continuesAsNew_withTheArgumentsAndOptionsGiven() throws Exception {
    Events history = new Events();
    history.workflowStarted("Countdown", "1", "[3,\"go\"]");
    history.decisionTask();

    // 1 WorkflowExecutionStarted, 2 DecisionTaskScheduled, 3 DecisionTaskStarted
    List<Decision> decisions = decide("Countdown", history.events);

    assertThat(decisions).hasSize(1);
    assertThat(decisions.get(0).decisionType())
        .isEqualTo(DecisionType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION);
    var next = decisions.get(0).continueAsNewWorkflowExecutionDecisionAttributes();
    assertThat(next.input()).isEqualTo("[2,\"go\"]");
    assertThat(next.workflowTypeVersion()).isEqualTo("1");
    assertThat(next.taskList().name()).isEqualTo("count-3");
    assertThat(next.executionStartToCloseTimeout()).isEqualTo("3600");
  }

  @Test
  void selfStub_notCalled_letsTheRunComplete() throws Exception {
    Events history = new Events();
    history.workflowStarted("Countdown", "1", "[0,\"go\"]");
    history.decisionTask();

    List<Decision> decisions = decide("Countdown", history.events);

    assertThat(decisions)
        .extracting(Decision::decisionType)
        .containsExactly(DecisionType.COMPLETE_WORKFLOW_EXECUTION);
    assertThat(decisions.get(0).completeWorkflowExecutionDecisionAttributes().result())
        .isEqualTo("0");
  }

  private static List<Decision> decide(String workflow, List<HistoryEvent> history)
      throws Exception {
    return Decider.decide(definition(workflow), PARENT, history, DataConverter.json());
  }

  /** {@code <workflow>Definition.of(() -> new <workflow>Impl(new <stub>(), ...))}. */
  private static WorkflowDefinition definition(String workflow) throws Exception {
    Class<?> impl = loader.loadClass("com.example.video." + workflow + "Impl");
    Supplier<Object> factory =
        () -> {
          try {
            var constructor = impl.getConstructors()[0];
            Object[] stubs = new Object[constructor.getParameterCount()];
            for (int i = 0; i < stubs.length; i++) {
              stubs[i] = constructor.getParameterTypes()[i].getConstructor().newInstance();
            }
            return constructor.newInstance(stubs);
          } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
          }
        };
    Method of =
        loader
            .loadClass("com.example.video." + workflow + "Definition")
            .getMethod("of", Supplier.class);
    return (WorkflowDefinition) of.invoke(null, factory);
  }

  /** The few SWF events these tests need, ids and links as SWF records them. */
  private static final class Events {
    final List<HistoryEvent> events = new ArrayList<>();
    private long decisionScheduled;
    private long decisionStarted;
    private long decisionCompleted;

    private long add(EventType type, Consumer<HistoryEvent.Builder> attributes) {
      long id = events.size() + 1;
      HistoryEvent.Builder b =
          HistoryEvent.builder()
              .eventId(id)
              .eventType(type)
              .eventTimestamp(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(id));
      attributes.accept(b);
      events.add(b.build());
      return id;
    }

    long workflowStarted(String name, String version, String input) {
      return add(
          EventType.WORKFLOW_EXECUTION_STARTED,
          b ->
              b.workflowExecutionStartedEventAttributes(
                  a ->
                      a.workflowType(t -> t.name(name).version(version))
                          .input(input)
                          .taskList(t -> t.name("tasks"))
                          .childPolicy(ChildPolicy.TERMINATE)
                          .executionStartToCloseTimeout("3600")
                          .taskStartToCloseTimeout("30")));
    }

    void decisionTask() {
      decisionScheduled =
          add(
              EventType.DECISION_TASK_SCHEDULED,
              b ->
                  b.decisionTaskScheduledEventAttributes(
                      a -> a.taskList(t -> t.name("tasks")).startToCloseTimeout("30")));
      long scheduled = decisionScheduled;
      decisionStarted =
          add(
              EventType.DECISION_TASK_STARTED,
              b ->
                  b.decisionTaskStartedEventAttributes(
                      a -> a.identity("decider").scheduledEventId(scheduled)));
    }

    void decisionCompleted() {
      long scheduled = decisionScheduled;
      long started = decisionStarted;
      decisionCompleted =
          add(
              EventType.DECISION_TASK_COMPLETED,
              b ->
                  b.decisionTaskCompletedEventAttributes(
                      a -> a.scheduledEventId(scheduled).startedEventId(started)));
    }

    long childInitiated(String name, String version, String workflowId, String input) {
      long completed = decisionCompleted;
      return add(
          EventType.START_CHILD_WORKFLOW_EXECUTION_INITIATED,
          b ->
              b.startChildWorkflowExecutionInitiatedEventAttributes(
                  a ->
                      a.workflowType(t -> t.name(name).version(version))
                          .workflowId(workflowId)
                          .input(input)
                          .taskList(t -> t.name("video"))
                          .childPolicy(ChildPolicy.TERMINATE)
                          .decisionTaskCompletedEventId(completed)));
    }

    long childStarted(long initiated, String runId) {
      var i = events.get((int) initiated - 1).startChildWorkflowExecutionInitiatedEventAttributes();
      return add(
          EventType.CHILD_WORKFLOW_EXECUTION_STARTED,
          b ->
              b.childWorkflowExecutionStartedEventAttributes(
                  a ->
                      a.initiatedEventId(initiated)
                          .workflowType(i.workflowType())
                          .workflowExecution(x -> x.workflowId(i.workflowId()).runId(runId))));
    }
  }
}
