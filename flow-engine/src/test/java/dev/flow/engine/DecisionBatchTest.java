package dev.flow.engine;

import static dev.flow.engine.Fixture.scheduleActivity;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * A fan-out's completions are decided together: while at least two other activities of the run are
 * open, its decision task is held back; the completion that leaves at most one open hands it out at
 * once. The hold is raised to a minute here, so what a poll gets shows the release, not a clock.
 */
class DecisionBatchTest {
  @Test
  void decisionTask_isHeldWhileAFanOutCompletes_andHandedOutByTheCompletionThatLeavesOneOpen() {
    try (Fixture f = new Fixture()) {
      f.engine.core().decisionTasks.batchNanos = TimeUnit.MINUTES.toNanos(1);
      WorkflowExecution run = f.start("fan-out");
      f.decide(
          f.pollDecision().taskToken(),
          scheduleActivity("a1"),
          scheduleActivity("a2"),
          scheduleActivity("a3"));
      PollForActivityTaskResponse a1 = f.pollActivity();
      PollForActivityTaskResponse a2 = f.pollActivity();
      f.swf.respondActivityTaskCompleted(r -> r.taskToken(a1.taskToken()).result("1"));

      // Two activities still open: the decision task is scheduled, and held back.
      assertThat(f.last(run).eventType()).isEqualTo(EventType.DECISION_TASK_SCHEDULED);
      assertThat(f.pollDecision().taskToken()).isNull();

      f.swf.respondActivityTaskCompleted(r -> r.taskToken(a2.taskToken()).result("2"));
      PollForDecisionTaskResponse both = f.pollDecision();

      assertThat(both.taskToken()).isNotNull();
      assertThat(both.events().stream().map(HistoryEvent::eventType))
          .containsSubsequence(
              EventType.ACTIVITY_TASK_COMPLETED,
              EventType.DECISION_TASK_SCHEDULED,
              EventType.ACTIVITY_TASK_COMPLETED,
              EventType.DECISION_TASK_STARTED);
    }
  }

  @Test
  void decisionTask_isNotHeld_whenOneActivityIsLeftOpen() {
    try (Fixture f = new Fixture()) {
      f.engine.core().decisionTasks.batchNanos = TimeUnit.MINUTES.toNanos(1);
      f.start("beside-a-long-one");
      f.decide(f.pollDecision().taskToken(), scheduleActivity("long"), scheduleActivity("short"));
      f.pollActivity();
      PollForActivityTaskResponse second = f.pollActivity();
      f.swf.respondActivityTaskCompleted(r -> r.taskToken(second.taskToken()).result("done"));

      assertThat(f.pollDecision().taskToken()).isNotNull();
    }
  }

  @Test
  void heldTask_isTakenOnlyOnceItsTimeCame_orOnceReleased() {
    ReentrantLock lock = new ReentrantLock();
    TaskQueues queues = new TaskQueues(lock);
    lock.lock(); // the queues are guarded by the engine's lock
    long now = System.nanoTime();
    queues.hold("d", "list", "run-1", 2, 0, TimeUnit.MINUTES.toNanos(1));
    queues.hold("d", "list", "run-2", 3, 0, TimeUnit.MINUTES.toNanos(1));
    TaskQueues.Queue q = queues.get("d", "list");

    assertThat(q.poll(now)).isNull();
    assertThat(q.isEmpty()).isFalse();
    assertThat(q.untilNextHeld(now)).isGreaterThan(TimeUnit.SECONDS.toNanos(59));

    queues.release("d", "list", "run-2");
    assertThat(q.poll(now).runId()).isEqualTo("run-2");
    assertThat(q.poll(now)).isNull();
    assertThat(q.poll(now + TimeUnit.MINUTES.toNanos(2)).runId()).isEqualTo("run-1");
    assertThat(q.isEmpty()).isTrue();
    lock.unlock();
  }
}
