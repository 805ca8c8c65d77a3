package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.swf.model.EventType.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/** Stopping and reopening the engine on the same file loses nothing. */
@InBothModes
class DurabilityTest {
  @TempDir Path dir;

  @Test
  void reopen_keepsDomainsTypesAndHistory_andScheduledActivityIsPollable() {
    Path file = dir.resolve("flow.db");
    ManualClock clock = new ManualClock();
    WorkflowExecution run;
    try (Fixture f = new Fixture(file, clock, true)) {
      run = f.start("w1");
      f.decide(
          f.pollDecision().taskToken(),
          Fixture.scheduleActivity("a1"),
          Fixture.scheduleActivity("a2"));
      PollForActivityTaskResponse a1 = f.pollActivity();
      f.swf.respondActivityTaskCompleted(r -> r.taskToken(a1.taskToken()).result("r1"));
    }
    assertThat(Files.exists(file)).isTrue();
    try (Fixture f = new Fixture(file, clock, false)) {
      assertThat(f.swf.describeDomain(r -> r.name(Fixture.DOMAIN)).domainInfo().name())
          .isEqualTo(Fixture.DOMAIN);
      List<HistoryEvent> h = f.history(run);
      assertThat(Fixture.types(h)).contains(ACTIVITY_TASK_COMPLETED);
      assertThat(
              h.stream()
                  .filter(e -> e.eventType() == ACTIVITY_TASK_COMPLETED)
                  .findFirst()
                  .orElseThrow()
                  .activityTaskCompletedEventAttributes()
                  .result())
          .isEqualTo("r1");
      PollForActivityTaskResponse a2 = f.pollActivity();
      assertThat(a2.activityId()).isEqualTo("a2");
      f.swf.respondActivityTaskCompleted(r -> r.taskToken(a2.taskToken()).result("r2"));
      PollForDecisionTaskResponse d = f.pollDecision();
      assertThat(d.taskToken()).isNotNull();
      f.decide(d.taskToken(), Fixture.complete("done"));
      assertThat(f.last(run).eventType()).isEqualTo(WORKFLOW_EXECUTION_COMPLETED);
      // ids carried on without a gap
      List<HistoryEvent> all = f.history(run);
      for (int i = 0; i < all.size(); i++) {
        assertThat(all.get(i).eventId()).isEqualTo(i + 1L);
      }
    }
  }

  @Test
  void reopen_decisionTaskStartedBeforeClose_timesOutAndIsRescheduled() {
    Path file = dir.resolve("flow.db");
    ManualClock clock = new ManualClock();
    WorkflowExecution run;
    String staleToken;
    try (Fixture f = new Fixture(file, clock, true)) {
      run = f.start("w1");
      staleToken = f.pollDecision().taskToken(); // the decider dies with the process
    }
    clock.advance(Duration.ofSeconds(30)); // the engine was down past the 10 s task timeout
    try (Fixture f = new Fixture(file, clock, false)) {
      f.engine.tick();
      f.assertTypes(
          run,
          WORKFLOW_EXECUTION_STARTED,
          DECISION_TASK_SCHEDULED,
          DECISION_TASK_STARTED,
          DECISION_TASK_TIMED_OUT,
          DECISION_TASK_SCHEDULED);
      PollForDecisionTaskResponse d = f.pollDecision();
      assertThat(d.taskToken()).isNotNull().isNotEqualTo(staleToken);
      f.decide(d.taskToken(), Fixture.complete("ok"));
      assertThat(f.last(run).eventType()).isEqualTo(WORKFLOW_EXECUTION_COMPLETED);
    }
  }

  @Test
  void reopen_timersAndActivityTimeoutsAreRearmedFromStoredDeadlines() {
    Path file = dir.resolve("flow.db");
    ManualClock clock = new ManualClock();
    WorkflowExecution run;
    try (Fixture f = new Fixture(file, clock, true)) {
      run = f.start("w1");
      f.decide(
          f.pollDecision().taskToken(),
          Fixture.startTimer("t1", "100"),
          Fixture.scheduleActivity("a1"));
      f.pollActivity(); // started; start-to-close is 300 s
    }
    try (Fixture f = new Fixture(file, clock, false)) {
      f.advance(Duration.ofSeconds(99));
      assertThat(f.types(run)).doesNotContain(TIMER_FIRED);
      f.advance(Duration.ofSeconds(1));
      assertThat(f.types(run)).contains(TIMER_FIRED);
      f.advance(Duration.ofSeconds(200));
      assertThat(f.types(run)).contains(ACTIVITY_TASK_TIMED_OUT);
    }
  }

  @Test
  void reopen_openExecutionStillBlocksItsWorkflowId() {
    Path file = dir.resolve("flow.db");
    ManualClock clock = new ManualClock();
    try (Fixture f = new Fixture(file, clock, true)) {
      f.start("w1");
    }
    try (Fixture f = new Fixture(file, clock, false)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.start("w1"))
          .isInstanceOf(
              software.amazon.awssdk.services.swf.model.WorkflowExecutionAlreadyStartedException
                  .class);
    }
  }

  @Test
  void secondEngineOnTheSameFile_failsFast_withAHint() {
    Path file = dir.resolve("flow.db");
    try (LocalEngine first = LocalEngine.open(file)) {
      first.client().registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1"));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalEngine.open(file))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("another engine has it open");
    }
    try (LocalEngine again = LocalEngine.open(file)) {
      assertThat(again.client().describeDomain(r -> r.name("d")).domainInfo().name())
          .isEqualTo("d");
    }
  }

  @Test
  void open_createsMissingDirectories_andRejectsAFileThatIsNoEngineStore() throws Exception {
    Path nested = dir.resolve("a/b/flow.db");
    try (LocalEngine engine = LocalEngine.open(nested)) {
      engine.client().registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1"));
    }
    Path junk = dir.resolve("junk.db");
    Files.writeString(junk, "this is not a database, just text that is long enough to matter");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalEngine.open(junk))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cannot open the engine store")
        .hasMessageContaining("junk.db");
  }
}
