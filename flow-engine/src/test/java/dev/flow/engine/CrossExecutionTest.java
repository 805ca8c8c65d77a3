package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.swf.model.EventType.*;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/** Decisions that reach other runs: signals, cancel requests, children, continue-as-new. */
@InBothModes
class CrossExecutionTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  private static Decision signal(String workflowId, String name) {
    return Decision.builder()
        .decisionType("SignalExternalWorkflowExecution")
        .signalExternalWorkflowExecutionDecisionAttributes(
            a -> a.workflowId(workflowId).signalName(name).input("i").control("c"))
        .build();
  }

  private static Decision startChild(String workflowId) {
    return Decision.builder()
        .decisionType("StartChildWorkflowExecution")
        .startChildWorkflowExecutionDecisionAttributes(
            a ->
                a.workflowId(workflowId)
                    .workflowType(t -> t.name("Wf").version("1"))
                    .input("ci")
                    .control("ctl"))
        .build();
  }

  /** Polls decision tasks until one of {@code run} comes, answering the others with nothing. */
  private PollForDecisionTaskResponse pollFor(WorkflowExecution run) {
    for (int i = 0; i < 10; i++) {
      PollForDecisionTaskResponse d = f.pollDecision();
      if (d.workflowExecution().runId().equals(run.runId())) {
        return d;
      }
      f.decide(d.taskToken());
    }
    throw new AssertionError("no decision task for " + run);
  }

  private static HistoryEvent find(
      List<HistoryEvent> h, software.amazon.awssdk.services.swf.model.EventType type) {
    return h.stream()
        .filter(e -> e.eventType() == type)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in " + Fixture.types(h)));
  }

  @Test
  void signalExternal_signalsTheTarget_andRecordsBothSides() {
    WorkflowExecution target = f.start("target");
    f.decide(pollFor(target).taskToken());
    WorkflowExecution source = f.start("source");
    f.decide(pollFor(source).taskToken(), signal("target", "hello"));
    List<HistoryEvent> s = f.history(source);
    assertThat(Fixture.types(s))
        .endsWith(
            DECISION_TASK_COMPLETED,
            SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
            EXTERNAL_WORKFLOW_EXECUTION_SIGNALED,
            DECISION_TASK_SCHEDULED);
    long initiated = find(s, SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED).eventId();
    assertThat(
            find(s, EXTERNAL_WORKFLOW_EXECUTION_SIGNALED)
                .externalWorkflowExecutionSignaledEventAttributes()
                .workflowExecution())
        .isEqualTo(target);
    List<HistoryEvent> t = f.history(target);
    assertThat(Fixture.types(t)).endsWith(WORKFLOW_EXECUTION_SIGNALED, DECISION_TASK_SCHEDULED);
    var signaled = find(t, WORKFLOW_EXECUTION_SIGNALED).workflowExecutionSignaledEventAttributes();
    assertThat(signaled.signalName()).isEqualTo("hello");
    assertThat(signaled.input()).isEqualTo("i");
    assertThat(signaled.externalWorkflowExecution()).isEqualTo(source);
    assertThat(signaled.externalInitiatedEventId()).isEqualTo(initiated);
  }

  @Test
  void signalExternal_toUnknownRun_recordsFailure() {
    WorkflowExecution source = f.start("source");
    f.decide(f.pollDecision().taskToken(), signal("nobody", "x"));
    var failed =
        find(f.history(source), SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED)
            .signalExternalWorkflowExecutionFailedEventAttributes();
    assertThat(failed.causeAsString()).isEqualTo("UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION");
    assertThat(failed.control()).isEqualTo("c");
    assertThat(f.last(source).eventType()).isEqualTo(DECISION_TASK_SCHEDULED);
  }

  @Test
  void signalToItself_makesAFollowingCompleteFailWithUnhandledDecision() {
    WorkflowExecution run = f.start("self");
    f.decide(f.pollDecision().taskToken(), signal("self", "me"), Fixture.complete("r"));
    assertThat(f.types(run))
        .endsWith(
            SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
            WORKFLOW_EXECUTION_SIGNALED,
            EXTERNAL_WORKFLOW_EXECUTION_SIGNALED,
            COMPLETE_WORKFLOW_EXECUTION_FAILED,
            DECISION_TASK_SCHEDULED);
  }

  @Test
  void requestCancelExternal_recordsCancelRequestedInTheTarget() {
    WorkflowExecution target = f.start("target");
    f.decide(pollFor(target).taskToken());
    WorkflowExecution source = f.start("source");
    Decision cancel =
        Decision.builder()
            .decisionType("RequestCancelExternalWorkflowExecution")
            .requestCancelExternalWorkflowExecutionDecisionAttributes(
                a -> a.workflowId("target").runId(target.runId()))
            .build();
    f.decide(pollFor(source).taskToken(), cancel);
    assertThat(f.types(source))
        .contains(
            REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
            EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED);
    var requested =
        find(f.history(target), WORKFLOW_EXECUTION_CANCEL_REQUESTED)
            .workflowExecutionCancelRequestedEventAttributes();
    assertThat(requested.externalWorkflowExecution()).isEqualTo(source);
  }

  @Test
  void child_startsLinkedToItsParent_andItsCompletionIsRecordedInTheParent() {
    WorkflowExecution parent = f.start("parent");
    f.decide(f.pollDecision().taskToken(), startChild("kid"));
    List<HistoryEvent> p = f.history(parent);
    assertThat(Fixture.types(p))
        .endsWith(
            START_CHILD_WORKFLOW_EXECUTION_INITIATED,
            CHILD_WORKFLOW_EXECUTION_STARTED,
            DECISION_TASK_SCHEDULED);
    HistoryEvent initiated = find(p, START_CHILD_WORKFLOW_EXECUTION_INITIATED);
    assertThat(initiated.startChildWorkflowExecutionInitiatedEventAttributes().taskList().name())
        .isEqualTo(Fixture.DECISIONS);
    assertThat(
            initiated
                .startChildWorkflowExecutionInitiatedEventAttributes()
                .executionStartToCloseTimeout())
        .isEqualTo("3600");
    var started =
        find(p, CHILD_WORKFLOW_EXECUTION_STARTED).childWorkflowExecutionStartedEventAttributes();
    assertThat(started.initiatedEventId()).isEqualTo(initiated.eventId());
    WorkflowExecution kid = started.workflowExecution();
    assertThat(kid.workflowId()).isEqualTo("kid");
    var kidStarted = f.history(kid).get(0).workflowExecutionStartedEventAttributes();
    assertThat(kidStarted.parentWorkflowExecution()).isEqualTo(parent);
    assertThat(kidStarted.parentInitiatedEventId()).isEqualTo(initiated.eventId());
    assertThat(kidStarted.input()).isEqualTo("ci");
    assertThat(
            f.swf
                .describeWorkflowExecution(r -> r.domain(Fixture.DOMAIN).execution(parent))
                .openCounts()
                .openChildWorkflowExecutions())
        .isEqualTo(1);
    assertThat(
            f.swf
                .describeWorkflowExecution(r -> r.domain(Fixture.DOMAIN).execution(kid))
                .executionInfo()
                .parent())
        .isEqualTo(parent);

    PollForDecisionTaskResponse one = f.pollDecision();
    PollForDecisionTaskResponse two = f.pollDecision();
    PollForDecisionTaskResponse kidTask = one.workflowExecution().equals(kid) ? one : two;
    PollForDecisionTaskResponse parentTask = kidTask == one ? two : one;
    assertThat(parentTask.workflowExecution()).isEqualTo(parent);
    f.decide(parentTask.taskToken());
    f.decide(kidTask.taskToken(), Fixture.complete("kid-result"));
    p = f.history(parent);
    assertThat(Fixture.types(p))
        .endsWith(CHILD_WORKFLOW_EXECUTION_COMPLETED, DECISION_TASK_SCHEDULED);
    var completed =
        find(p, CHILD_WORKFLOW_EXECUTION_COMPLETED)
            .childWorkflowExecutionCompletedEventAttributes();
    assertThat(completed.result()).isEqualTo("kid-result");
    assertThat(completed.workflowExecution()).isEqualTo(kid);
    assertThat(completed.initiatedEventId()).isEqualTo(initiated.eventId());
    assertThat(completed.startedEventId())
        .isEqualTo(find(p, CHILD_WORKFLOW_EXECUTION_STARTED).eventId());
    assertThat(
            f.swf
                .describeWorkflowExecution(r -> r.domain(Fixture.DOMAIN).execution(parent))
                .openCounts()
                .openChildWorkflowExecutions())
        .isZero();
  }

  @Test
  void child_failures_recordStartChildWorkflowExecutionFailed() {
    WorkflowExecution running = f.start("busy");
    WorkflowExecution parent = f.start("parent");
    Decision unknownType =
        Decision.builder()
            .decisionType("StartChildWorkflowExecution")
            .startChildWorkflowExecutionDecisionAttributes(
                a -> a.workflowId("k1").workflowType(t -> t.name("Nope").version("1")))
            .build();
    f.decide(pollFor(parent).taskToken(), unknownType, startChild("busy"));
    List<HistoryEvent> p = f.history(parent);
    List<HistoryEvent> failures =
        p.stream().filter(e -> e.eventType() == START_CHILD_WORKFLOW_EXECUTION_FAILED).toList();
    assertThat(failures).hasSize(2);
    assertThat(failures.get(0).startChildWorkflowExecutionFailedEventAttributes().causeAsString())
        .isEqualTo("WORKFLOW_TYPE_DOES_NOT_EXIST");
    assertThat(
            failures.get(0).startChildWorkflowExecutionFailedEventAttributes().initiatedEventId())
        .isZero();
    assertThat(failures.get(1).startChildWorkflowExecutionFailedEventAttributes().causeAsString())
        .isEqualTo("WORKFLOW_ALREADY_RUNNING");
    assertThat(
            failures.get(1).startChildWorkflowExecutionFailedEventAttributes().initiatedEventId())
        .isEqualTo(find(p, START_CHILD_WORKFLOW_EXECUTION_INITIATED).eventId());
    assertThat(running.runId()).isNotNull();
  }

  @Test
  void terminatingTheParent_appliesItsChildPolicy() {
    WorkflowExecution parent = f.start("parent");
    f.decide(f.pollDecision().taskToken(), startChild("kid"));
    WorkflowExecution kid =
        find(f.history(parent), CHILD_WORKFLOW_EXECUTION_STARTED)
            .childWorkflowExecutionStartedEventAttributes()
            .workflowExecution();
    f.swf.terminateWorkflowExecution(r -> r.domain(Fixture.DOMAIN).workflowId("parent"));
    HistoryEvent kidLast = f.last(kid);
    assertThat(kidLast.eventType()).isEqualTo(WORKFLOW_EXECUTION_TERMINATED);
    assertThat(kidLast.workflowExecutionTerminatedEventAttributes().causeAsString())
        .isEqualTo("CHILD_POLICY_APPLIED");
    assertThat(f.last(parent).eventType()).isEqualTo(WORKFLOW_EXECUTION_TERMINATED);
  }

  @Test
  void parentTimingOut_withRequestCancelPolicy_requestsCancelOfChildren() {
    f.swf.startWorkflowExecution(
        r ->
            r.domain(Fixture.DOMAIN)
                .workflowId("parent")
                .workflowType(t -> t.name("Wf").version("1"))
                .childPolicy("REQUEST_CANCEL")
                .executionStartToCloseTimeout("100"));
    PollForDecisionTaskResponse d = f.pollDecision();
    f.decide(d.taskToken(), startChild("kid"));
    WorkflowExecution kid =
        find(f.history(d.workflowExecution()), CHILD_WORKFLOW_EXECUTION_STARTED)
            .childWorkflowExecutionStartedEventAttributes()
            .workflowExecution();
    f.advance(Duration.ofSeconds(100));
    assertThat(f.last(d.workflowExecution()).eventType()).isEqualTo(WORKFLOW_EXECUTION_TIMED_OUT);
    var requested =
        find(f.history(kid), WORKFLOW_EXECUTION_CANCEL_REQUESTED)
            .workflowExecutionCancelRequestedEventAttributes();
    assertThat(requested.causeAsString()).isEqualTo("CHILD_POLICY_APPLIED");
    assertThat(
            f.swf
                .describeWorkflowExecution(r -> r.domain(Fixture.DOMAIN).execution(kid))
                .executionInfo()
                .executionStatusAsString())
        .isEqualTo("OPEN");
  }

  @Test
  void continueAsNew_closesTheRun_andStartsANewOneWithTheSameId() {
    WorkflowExecution first = f.start("loop");
    Decision next =
        Decision.builder()
            .decisionType("ContinueAsNewWorkflowExecution")
            .continueAsNewWorkflowExecutionDecisionAttributes(a -> a.input("round2"))
            .build();
    f.decide(f.pollDecision().taskToken(), next);
    HistoryEvent continued = f.last(first);
    assertThat(continued.eventType()).isEqualTo(WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    var attrs = continued.workflowExecutionContinuedAsNewEventAttributes();
    assertThat(attrs.input()).isEqualTo("round2");
    assertThat(attrs.decisionTaskCompletedEventId()).isEqualTo(4);
    assertThat(
            f.swf
                .describeWorkflowExecution(r -> r.domain(Fixture.DOMAIN).execution(first))
                .executionInfo()
                .closeStatusAsString())
        .isEqualTo("CONTINUED_AS_NEW");
    WorkflowExecution second =
        WorkflowExecution.builder().workflowId("loop").runId(attrs.newExecutionRunId()).build();
    var started = f.history(second).get(0).workflowExecutionStartedEventAttributes();
    assertThat(started.continuedExecutionRunId()).isEqualTo(first.runId());
    assertThat(started.input()).isEqualTo("round2");
    PollForDecisionTaskResponse d = f.pollDecision();
    assertThat(d.workflowExecution()).isEqualTo(second);
    assertThat(d.previousStartedEventId()).isZero();
  }
}
