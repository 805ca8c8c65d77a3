package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * Group commit: actions that arrive together share one SQLite transaction, each all or nothing, and
 * each caller is answered only after the commit that holds its writes. The actions are lined up
 * behind the engine lock before they run, and the group's wait is raised far above any run time, so
 * what forms a group does not depend on timing.
 */
class GroupCommitTest {
  @TempDir Path dir;

  private Fixture f;
  private Engine engine;
  private ReentrantLock lock;
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @BeforeEach
  void open() {
    f = new Fixture(dir.resolve("flow.db"), new ManualClock(), true);
    engine = f.engine.core();
    lock = engine.lock;
    engine.groupCommit.groupWaitNanos = TimeUnit.SECONDS.toNanos(60);
  }

  @AfterEach
  void close() {
    threads.shutdownNow();
    f.close();
  }

  /**
   * Submits each action (a transaction of its own, or a call of the client) while the test holds
   * the lock, each queued behind the one before; runs them in that order once all wait for it.
   */
  private List<Future<String>> together(List<Callable<String>> actions) throws Exception {
    List<Future<String>> answers = new ArrayList<>();
    lock.lock();
    try {
      for (Callable<String> action : actions) {
        FutureTask<String> answer = new FutureTask<>(action);
        Thread t = new Thread(answer, "action-" + answers.size());
        t.setDaemon(true);
        t.start();
        answers.add(answer);
        while (!lock.hasQueuedThread(t)) { // queued in this order (the timer thread may be too)
          Thread.sleep(1);
        }
      }
    } finally {
      lock.unlock();
    }
    return answers;
  }

  /** {@code action} in a transaction of its own. */
  private Callable<String> inTx(Supplier<String> action) {
    return () -> engine.tx(tx -> action.get());
  }

  private Callable<String> put(String key) {
    return inTx(
        () -> {
          engine.store.update("INSERT INTO meta (key, value) VALUES (?, 'v')", key);
          return key;
        });
  }

  private String meta(String key) {
    lock.lock();
    try {
      return engine.store.queryString("SELECT value FROM meta WHERE key = ?", key);
    } finally {
      lock.unlock();
    }
  }

  @Test
  void startsArrivingTogether_shareOneCommit_andEachIsAnsweredWithItsRun() throws Exception {
    long before = engine.commits();
    List<Callable<String>> starts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String id = "w" + i;
      starts.add(() -> f.start(id).runId());
    }

    List<Future<String>> answers = together(starts);

    for (int i = 0; i < answers.size(); i++) {
      String runId = answers.get(i).get(30, TimeUnit.SECONDS);
      f.assertTypes(
          WorkflowExecution.builder().workflowId("w" + i).runId(runId).build(),
          EventType.WORKFLOW_EXECUTION_STARTED,
          EventType.DECISION_TASK_SCHEDULED);
    }
    assertThat(engine.commits() - before).isEqualTo(1);
  }

  @Test
  void aFailingActionInAGroup_leavesNoTrace_andTheOthersKeepTheirWrites() throws Exception {
    long before = engine.commits();
    Supplier<String> failing =
        () -> {
          engine.store.update("INSERT INTO meta (key, value) VALUES ('b', 'v')");
          throw new IllegalStateException("b fails after writing");
        };

    List<Future<String>> answers = together(List.of(put("a"), inTx(failing), put("c")));

    assertThat(answers.get(0).get(30, TimeUnit.SECONDS)).isEqualTo("a");
    assertThat(answers.get(2).get(30, TimeUnit.SECONDS)).isEqualTo("c");
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> answers.get(1).get(30, TimeUnit.SECONDS)))
        .hasRootCauseMessage("b fails after writing");
    assertThat(meta("a")).isEqualTo("v");
    assertThat(meta("b")).isNull();
    assertThat(meta("c")).isEqualTo("v");
    assertThat(engine.commits() - before).isEqualTo(1);
  }

  @Test
  void whenSqliteLosesTheGroupsTransaction_theActionsBeforeTheFailureRunAgain() throws Exception {
    AtomicInteger runsOfA = new AtomicInteger();
    Supplier<String> a =
        () -> {
          runsOfA.incrementAndGet();
          engine.store.update("INSERT INTO meta (key, value) VALUES ('a', 'v')");
          return "a";
        };
    Supplier<String> losing =
        () -> {
          engine.store.update("INSERT INTO meta (key, value) VALUES ('b', 'v')");
          // As SQLite does by itself after some I/O errors: the whole transaction is gone.
          engine.store.update("ROLLBACK");
          throw new IllegalStateException("b lost the transaction");
        };

    List<Future<String>> answers = together(List.of(inTx(a), inTx(losing), put("c")));

    assertThat(answers.get(0).get(30, TimeUnit.SECONDS)).isEqualTo("a");
    assertThat(answers.get(2).get(30, TimeUnit.SECONDS)).isEqualTo("c");
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> answers.get(1).get(30, TimeUnit.SECONDS)))
        .hasRootCauseMessage("b lost the transaction");
    assertThat(runsOfA).hasValue(2);
    assertThat(meta("a")).isEqualTo("v");
    assertThat(meta("b")).isNull();
    assertThat(meta("c")).isEqualTo("v");
  }

  @Test
  void aReadOnlyAction_withNoWriteInItsGroup_needsNoCommit() {
    long before = engine.commits();

    assertThat(engine.<String>tx(tx -> engine.store.queryString("SELECT 'x'"))).isEqualTo("x");

    assertThat(engine.commits()).isEqualTo(before);
  }

  @Test
  void anActivityCompletion_andTheDecisionTaskItSchedules_startInOneCommit() throws Exception {
    WorkflowExecution run = f.start("w");
    f.decide(f.pollDecision().taskToken(), Fixture.scheduleActivity("a1"));
    String activityToken = f.pollActivity().taskToken();
    Future<PollForDecisionTaskResponse> decider = threads.submit(f::pollDecision);
    TaskQueues.Queue decisions = engine.decisionQueues.get(Fixture.DOMAIN, Fixture.DECISIONS);
    while (!waiting(decisions)) {
      Thread.sleep(1);
    }
    long before = engine.commits();

    f.swf.respondActivityTaskCompleted(r -> r.taskToken(activityToken).result("r"));
    PollForDecisionTaskResponse task = decider.get(30, TimeUnit.SECONDS);

    assertThat(task.workflowExecution().runId()).isEqualTo(run.runId());
    assertThat(task.events().get(task.events().size() - 1).eventType())
        .isEqualTo(EventType.DECISION_TASK_STARTED);
    assertThat(engine.commits() - before).isEqualTo(1);
  }

  private boolean waiting(TaskQueues.Queue q) {
    lock.lock();
    try {
      return lock.hasWaiters(q.nonEmpty);
    } finally {
      lock.unlock();
    }
  }
}
