package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** When a task list counts as deserted: nobody will take its tasks. */
class TaskQueuesTest {
  private final TaskQueues queues = new TaskQueues(new ReentrantLock());
  private final TaskQueues.Queue q = queues.get("d", "sticky");

  @Test
  void aListNeverPolled_isNotDeserted_itsDeciderMayBeAboutToPoll() {
    assertThat(q.deserted(System.nanoTime() + TaskQueues.DESERTED_AFTER_NANOS * 2)).isFalse();
    assertThat(queues.deserted("d", "unknown", System.nanoTime())).isFalse();
  }

  @Test
  void aListWhoseLastPollerWentAway_isDeserted_untilAPollComesAgain() {
    q.pollStarts();
    q.pollStarts();
    q.pollEnds(true);
    assertThat(queues.deserted("d", "sticky", System.nanoTime())).isFalse(); // one poll is left
    q.pollEnds(true);
    assertThat(queues.deserted("d", "sticky", System.nanoTime())).isTrue();

    q.pollStarts();
    assertThat(q.deserted(System.nanoTime())).isFalse();
    q.pollEnds(false);
    assertThat(q.deserted(System.nanoTime())).isFalse();
  }

  @Test
  void aListPolledThenLeftAlone_isDesertedOnlyAfterTheWindow() {
    q.pollStarts();
    q.pollEnds(false); // a poll that ended empty or with a task: its poller polls again
    long now = System.nanoTime();

    assertThat(q.deserted(now)).isFalse();
    assertThat(q.deserted(now + TaskQueues.DESERTED_AFTER_NANOS / 2)).isFalse();
    assertThat(q.deserted(now + TaskQueues.DESERTED_AFTER_NANOS + 1_000_000_000L)).isTrue();
  }

  @Test
  void aListWithAPollOnIt_isNeverDeserted() {
    q.pollStarts();

    assertThat(q.deserted(System.nanoTime() + TaskQueues.DESERTED_AFTER_NANOS * 2)).isFalse();
  }
}
