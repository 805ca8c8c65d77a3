package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flow.history.SwfJson;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

/**
 * Every event the engine records carries the members SWF's model marks required (read from
 * src/test/resources/swf-event-required-members.json, extracted from the SWF service model), so
 * code written against AWS reads the engine's histories without surprises.
 */
class EventShapeTest {
  private static Decision decision(String type, java.util.function.Consumer<Decision.Builder> b) {
    Decision.Builder d = Decision.builder().decisionType(type);
    b.accept(d);
    return d.build();
  }

  @Test
  void everyRecordedEvent_hasSwfsRequiredMembers() throws Exception {
    try (Fixture f = new Fixture()) {
      f.swf.registerActivityType(
          r ->
              r.domain(Fixture.DOMAIN)
                  .name("Beat")
                  .version("1")
                  .defaultTaskList(t -> t.name(Fixture.ACTIVITIES))
                  .defaultTaskScheduleToStartTimeout("NONE")
                  .defaultTaskScheduleToCloseTimeout("NONE")
                  .defaultTaskStartToCloseTimeout("NONE")
                  .defaultTaskHeartbeatTimeout("5"));
      f.swf.registerWorkflowType(
          r ->
              r.domain(Fixture.DOMAIN)
                  .name("Slow")
                  .version("1")
                  .defaultTaskList(t -> t.name(Fixture.DECISIONS))
                  .defaultExecutionStartToCloseTimeout("3600")
                  .defaultTaskStartToCloseTimeout("NONE")
                  .defaultChildPolicy("TERMINATE"));
      Instant t0 = f.clock.instant();
      WorkflowExecution main = start(f, "main");
      WorkflowExecution other = start(f, "other");
      f.decide(pollFor(f, other).taskToken());
      f.decide(
          pollFor(f, main).taskToken(),
          Fixture.scheduleActivity("ok"),
          Fixture.scheduleActivity("bad"),
          Fixture.scheduleActivity("later"),
          decision(
              "ScheduleActivityTask",
              d ->
                  d.scheduleActivityTaskDecisionAttributes(
                      a -> a.activityId("beat").activityType(t -> t.name("Beat").version("1")))),
          decision(
              "ScheduleActivityTask",
              d ->
                  d.scheduleActivityTaskDecisionAttributes(
                      a -> a.activityId("x").activityType(t -> t.name("None").version("1")))),
          Fixture.startTimer("t1", "5"),
          Fixture.startTimer("t2", "50"),
          Fixture.startTimer("t2", "50"),
          decision("CancelTimer", d -> d.cancelTimerDecisionAttributes(a -> a.timerId("t2"))),
          decision("CancelTimer", d -> d.cancelTimerDecisionAttributes(a -> a.timerId("zz"))),
          decision(
              "RecordMarker",
              d -> d.recordMarkerDecisionAttributes(a -> a.markerName("m").details("v"))),
          decision(
              "RequestCancelActivityTask",
              d -> d.requestCancelActivityTaskDecisionAttributes(a -> a.activityId("later"))),
          decision(
              "RequestCancelActivityTask",
              d -> d.requestCancelActivityTaskDecisionAttributes(a -> a.activityId("zz"))),
          decision(
              "SignalExternalWorkflowExecution",
              d ->
                  d.signalExternalWorkflowExecutionDecisionAttributes(
                      a -> a.workflowId("other").signalName("s"))),
          decision(
              "SignalExternalWorkflowExecution",
              d ->
                  d.signalExternalWorkflowExecutionDecisionAttributes(
                      a -> a.workflowId("nobody").signalName("s"))),
          decision(
              "RequestCancelExternalWorkflowExecution",
              d ->
                  d.requestCancelExternalWorkflowExecutionDecisionAttributes(
                      a -> a.workflowId("other"))),
          decision(
              "RequestCancelExternalWorkflowExecution",
              d ->
                  d.requestCancelExternalWorkflowExecutionDecisionAttributes(
                      a -> a.workflowId("nobody"))),
          decision(
              "StartChildWorkflowExecution",
              d ->
                  d.startChildWorkflowExecutionDecisionAttributes(
                      a -> a.workflowId("kid1").workflowType(t -> t.name("Slow").version("1")))),
          decision(
              "StartChildWorkflowExecution",
              d ->
                  d.startChildWorkflowExecutionDecisionAttributes(
                      a -> a.workflowId("kid2").workflowType(t -> t.name("Slow").version("1")))),
          decision(
              "StartChildWorkflowExecution",
              d ->
                  d.startChildWorkflowExecutionDecisionAttributes(
                      a -> a.workflowId("kid3").workflowType(t -> t.name("Slow").version("1")))),
          decision(
              "StartChildWorkflowExecution",
              d ->
                  d.startChildWorkflowExecutionDecisionAttributes(
                      a -> a.workflowId("kid4").workflowType(t -> t.name("Nope").version("1")))));
      for (int i = 0; i < 3; i++) {
        PollForActivityTaskResponse a = f.pollActivity();
        switch (a.activityId()) {
          case "ok":
            f.swf.respondActivityTaskCompleted(r -> r.taskToken(a.taskToken()).result("r"));
            break;
          case "bad":
            f.swf.respondActivityTaskFailed(r -> r.taskToken(a.taskToken()).reason("why"));
            break;
          default:
            f.swf.recordActivityTaskHeartbeat(r -> r.taskToken(a.taskToken()).details("hb"));
            break;
        }
      }
      f.advance(Duration.ofSeconds(10)); // timer t1 fires, "beat" misses its heartbeat
      // The children close in every way a run can close.
      closeChild(f, "kid1", Fixture.complete("done"));
      closeChild(f, "kid2", Fixture.fail("no"));
      closeChild(
          f,
          "kid3",
          decision(
              "CancelWorkflowExecution",
              d -> d.cancelWorkflowExecutionDecisionAttributes(a -> a.details("c"))));
      WorkflowExecution kid5 = startChild(f, main, "kid5");
      f.swf.terminateWorkflowExecution(r -> r.domain(Fixture.DOMAIN).workflowId(kid5.workflowId()));
      startChild(f, main, "kid6");
      // A child times out.
      f.decide(
          pollFor(f, main).taskToken(),
          decision(
              "StartChildWorkflowExecution",
              d ->
                  d.startChildWorkflowExecutionDecisionAttributes(
                      a ->
                          a.workflowId("kid7")
                              .workflowType(t -> t.name("Slow").version("1"))
                              .executionStartToCloseTimeout("5"))));
      f.advance(Duration.ofSeconds(5));
      // Fail and cancel decisions meet unseen events.
      WorkflowExecution u = start(f, "unhandled");
      PollForDecisionTaskResponse u1 = pollFor(f, u);
      f.swf.signalWorkflowExecution(
          r -> r.domain(Fixture.DOMAIN).workflowId("unhandled").signalName("s"));
      f.decide(u1.taskToken(), Fixture.fail("f"));
      PollForDecisionTaskResponse u2 = pollFor(f, u);
      f.swf.signalWorkflowExecution(
          r -> r.domain(Fixture.DOMAIN).workflowId("unhandled").signalName("s"));
      f.decide(
          u2.taskToken(),
          decision(
              "CancelWorkflowExecution",
              d -> d.cancelWorkflowExecutionDecisionAttributes(a -> {})));
      // A decision task times out (a run of the fixture's type, whose tasks have 10 s).
      WorkflowExecution tmo = f.start("tmo");
      pollFor(f, tmo);
      stash.remove("tmo");
      f.advance(Duration.ofSeconds(10));
      f.decide(pollFor(f, tmo).taskToken(), Fixture.fail("late"));
      // The main run: UNHANDLED_DECISION, then it continues as new, and the new run is
      // terminated, taking kid6 with it.
      f.swf.signalWorkflowExecution(
          r -> r.domain(Fixture.DOMAIN).workflowId("main").signalName("late"));
      f.decide(pollFor(f, main).taskToken(), Fixture.complete("too soon"));
      f.swf.signalWorkflowExecution(
          r -> r.domain(Fixture.DOMAIN).workflowId("main").signalName("again"));
      PollForDecisionTaskResponse d = pollFor(f, main);
      f.swf.signalWorkflowExecution(
          r -> r.domain(Fixture.DOMAIN).workflowId("main").signalName("racing"));
      f.decide(
          d.taskToken(),
          decision(
              "ContinueAsNewWorkflowExecution",
              x -> x.continueAsNewWorkflowExecutionDecisionAttributes(a -> a.input("2"))));
      f.decide(
          pollFor(f, main).taskToken(),
          decision(
              "ContinueAsNewWorkflowExecution",
              x -> x.continueAsNewWorkflowExecutionDecisionAttributes(a -> a.input("2"))));
      f.swf.terminateWorkflowExecution(r -> r.domain(Fixture.DOMAIN).workflowId("main"));
      f.advance(Duration.ofSeconds(3600)); // "other" times out

      JsonNode required;
      try (InputStream in = getClass().getResourceAsStream("/swf-event-required-members.json")) {
        required = new ObjectMapper().readTree(in);
      }
      List<WorkflowExecutionInfo> runs = new ArrayList<>();
      runs.addAll(
          f.swf
              .listClosedWorkflowExecutions(
                  r -> r.domain(Fixture.DOMAIN).startTimeFilter(t -> t.oldestDate(t0)))
              .executionInfos());
      runs.addAll(
          f.swf
              .listOpenWorkflowExecutions(
                  r -> r.domain(Fixture.DOMAIN).startTimeFilter(t -> t.oldestDate(t0)))
              .executionInfos());
      Set<String> seen = new TreeSet<>();
      for (WorkflowExecutionInfo run : runs) {
        for (HistoryEvent e : f.history(run.execution())) {
          JsonNode json = SwfJson.write(e);
          seen.add(e.eventTypeAsString());
          for (JsonNode member : required.get("HistoryEvent")) {
            assertThat(json.has(member.asText())).as("%s in %s", member, json).isTrue();
          }
          String attributes =
              Character.toLowerCase(e.eventTypeAsString().charAt(0))
                  + e.eventTypeAsString().substring(1)
                  + "EventAttributes";
          assertThat(json.has(attributes)).as("%s in %s", attributes, json).isTrue();
          for (JsonNode member : required.get("attributes").get(attributes)) {
            assertThat(json.get(attributes).has(member.asText()))
                .as("%s in %s", member.asText(), json)
                .isTrue();
          }
        }
      }
      Set<String> all = new TreeSet<>();
      for (software.amazon.awssdk.services.swf.model.EventType t :
          software.amazon.awssdk.services.swf.model.EventType.knownValues()) {
        all.add(t.toString());
      }
      all.removeAll(seen);
      // Not recorded by this engine: Lambda tasks (only their scheduling failure, tested with the
      // activity tasks) and RecordMarkerFailed (its only cause is OPERATION_NOT_PERMITTED, an IAM
      // refusal).
      all.removeIf(t -> t.contains("Lambda") || t.equals("RecordMarkerFailed"));
      assertThat(all).as("event types this scenario does not record").isEmpty();
    }
  }

  /** Decision tasks polled while waiting for another run's, kept for when that run is asked. */
  private final java.util.Map<String, PollForDecisionTaskResponse> stash =
      new java.util.HashMap<>();

  private PollForDecisionTaskResponse pollFor(Fixture f, WorkflowExecution run) {
    PollForDecisionTaskResponse kept = stash.remove(run.workflowId());
    if (kept != null) {
      return kept;
    }
    for (int i = 0; i < 20; i++) {
      PollForDecisionTaskResponse d = f.pollDecision();
      if (d.taskToken() == null) {
        break;
      }
      if (d.workflowExecution().workflowId().equals(run.workflowId())) {
        return d;
      }
      stash.put(d.workflowExecution().workflowId(), d);
    }
    throw new AssertionError("no decision task for " + run.workflowId());
  }

  private static WorkflowExecution start(Fixture f, String id) {
    String runId =
        f.swf
            .startWorkflowExecution(
                r ->
                    r.domain(Fixture.DOMAIN)
                        .workflowId(id)
                        .workflowType(t -> t.name("Slow").version("1")))
            .runId();
    return WorkflowExecution.builder().workflowId(id).runId(runId).build();
  }

  private void closeChild(Fixture f, String workflowId, Decision close) {
    f.decide(
        pollFor(f, WorkflowExecution.builder().workflowId(workflowId).build()).taskToken(), close);
  }

  private WorkflowExecution startChild(Fixture f, WorkflowExecution parent, String id) {
    f.decide(
        pollFor(f, parent).taskToken(),
        decision(
            "StartChildWorkflowExecution",
            d ->
                d.startChildWorkflowExecutionDecisionAttributes(
                    a -> a.workflowId(id).workflowType(t -> t.name("Slow").version("1")))));
    return WorkflowExecution.builder().workflowId(id).build();
  }
}
