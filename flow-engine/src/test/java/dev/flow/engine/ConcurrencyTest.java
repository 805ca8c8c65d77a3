package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.swf.model.EventType.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

/**
 * Deciders, workers and signallers on many threads at once, on the real clock: every run completes,
 * and every history keeps SWF's invariants (contiguous ids, one decision task open at a time, every
 * outcome pointing at its scheduled event).
 */
class ConcurrencyTest {
  private static final int RUNS = 20;
  private static final int ACTIVITIES = 10;

  @Test
  void manyThreads_keepEveryHistoryValid() throws Exception {
    try (LocalEngine engine = LocalEngine.builder().pollTimeout(Duration.ofMillis(100)).build()) {
      SwfClient swf = engine.client();
      LongPollTest.register(swf);
      swf.registerActivityType(
          r ->
              r.domain("d")
                  .name("A")
                  .version("1")
                  .defaultTaskList(t -> t.name("acts"))
                  .defaultTaskScheduleToStartTimeout("NONE")
                  .defaultTaskScheduleToCloseTimeout("NONE")
                  .defaultTaskStartToCloseTimeout("60"));
      Instant start = Instant.now().minusSeconds(1);
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(9);
      List<Future<?>> jobs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        jobs.add(pool.submit(() -> decide(swf, stop)));
        jobs.add(pool.submit(() -> work(swf, stop)));
      }
      jobs.add(
          pool.submit(
              () -> {
                for (int i = 0; !stop.get(); i++) {
                  int n = i % RUNS;
                  try {
                    swf.signalWorkflowExecution(
                        r -> r.domain("d").workflowId("w" + n).signalName("poke"));
                  } catch (UnknownResourceException closedOrNotYetStarted) {
                    // fine
                  }
                }
                return null;
              }));
      for (int i = 0; i < RUNS; i++) {
        int n = i;
        swf.startWorkflowExecution(
            r -> r.domain("d").workflowId("w" + n).workflowType(t -> t.name("W").version("1")));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline
          && swf.countClosedWorkflowExecutions(
                      r -> r.domain("d").closeTimeFilter(t -> t.oldestDate(start)))
                  .count()
              < RUNS) {
        Thread.sleep(20);
      }
      stop.set(true);
      for (Future<?> job : jobs) {
        job.get(10, TimeUnit.SECONDS);
      }
      pool.shutdown();
      List<WorkflowExecutionInfo> closed =
          swf.listClosedWorkflowExecutions(
                  r -> r.domain("d").closeTimeFilter(t -> t.oldestDate(start)))
              .executionInfos();
      assertThat(closed).hasSize(RUNS);
      for (WorkflowExecutionInfo info : closed) {
        assertThat(info.closeStatusAsString()).isEqualTo("COMPLETED");
        checkInvariants(
            swf.getWorkflowExecutionHistory(r -> r.domain("d").execution(info.execution()))
                .events());
      }
    }
  }

  private static Object decide(SwfClient swf, AtomicBoolean stop) {
    while (!stop.get()) {
      PollForDecisionTaskResponse d =
          swf.pollForDecisionTask(r -> r.domain("d").taskList(t -> t.name("tl")));
      if (d.taskToken() == null) {
        continue;
      }
      long scheduled =
          d.events().stream().filter(e -> e.eventType() == ACTIVITY_TASK_SCHEDULED).count();
      long completed =
          d.events().stream().filter(e -> e.eventType() == ACTIVITY_TASK_COMPLETED).count();
      List<Decision> decisions = new ArrayList<>();
      if (scheduled == 0) {
        for (int i = 0; i < ACTIVITIES; i++) {
          int n = i;
          decisions.add(
              Decision.builder()
                  .decisionType("ScheduleActivityTask")
                  .scheduleActivityTaskDecisionAttributes(
                      a -> a.activityId("a" + n).activityType(t -> t.name("A").version("1")))
                  .build());
        }
      } else if (completed == ACTIVITIES) {
        decisions.add(Fixture.complete("done"));
      }
      swf.respondDecisionTaskCompleted(r -> r.taskToken(d.taskToken()).decisions(decisions));
    }
    return null;
  }

  private static Object work(SwfClient swf, AtomicBoolean stop) {
    while (!stop.get()) {
      PollForActivityTaskResponse a =
          swf.pollForActivityTask(r -> r.domain("d").taskList(t -> t.name("acts")));
      if (a.taskToken() != null) {
        if (a.activityId().hashCode() % 3 == 0) {
          swf.recordActivityTaskHeartbeat(r -> r.taskToken(a.taskToken()).details("half"));
        }
        swf.respondActivityTaskCompleted(r -> r.taskToken(a.taskToken()).result("ok"));
      }
    }
    return null;
  }

  private static void checkInvariants(List<HistoryEvent> events) {
    Map<Long, EventType> types = new HashMap<>();
    boolean decisionOpen = false;
    for (int i = 0; i < events.size(); i++) {
      HistoryEvent e = events.get(i);
      assertThat(e.eventId()).isEqualTo(i + 1L);
      types.put(e.eventId(), e.eventType());
      switch (e.eventType()) {
        case DECISION_TASK_SCHEDULED:
          assertThat(decisionOpen).as("a second decision task at event %d", e.eventId()).isFalse();
          decisionOpen = true;
          break;
        case DECISION_TASK_COMPLETED:
        case DECISION_TASK_TIMED_OUT:
          decisionOpen = false;
          break;
        case ACTIVITY_TASK_STARTED:
          assertThat(types.get(e.activityTaskStartedEventAttributes().scheduledEventId()))
              .isEqualTo(ACTIVITY_TASK_SCHEDULED);
          break;
        case ACTIVITY_TASK_COMPLETED:
          assertThat(types.get(e.activityTaskCompletedEventAttributes().scheduledEventId()))
              .isEqualTo(ACTIVITY_TASK_SCHEDULED);
          assertThat(types.get(e.activityTaskCompletedEventAttributes().startedEventId()))
              .isEqualTo(ACTIVITY_TASK_STARTED);
          break;
        default:
          break;
      }
    }
    assertThat(events.get(events.size() - 1).eventType()).isEqualTo(WORKFLOW_EXECUTION_COMPLETED);
  }
}
