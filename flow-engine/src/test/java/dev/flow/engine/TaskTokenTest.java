package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * Task tokens cannot be made up: knowing a run id and an event id is not enough to answer its task.
 * A token the engine gave stays good across a restart on the same file.
 */
class TaskTokenTest {
  @TempDir Path dir;

  private static String forge(String... parts) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aForgedDecisionToken_isUnknown_andTheGivenOneWorks() {
    try (Fixture f = new Fixture()) {
      WorkflowExecution run = f.start("w");
      PollForDecisionTaskResponse task = f.pollDecision();
      String forged = forge("d", run.runId(), Long.toString(task.startedEventId()));
      assertThatThrownBy(() -> f.decide(forged, Fixture.complete("forged")))
          .isInstanceOf(UnknownResourceException.class);
      assertThatThrownBy(() -> f.decide(task.taskToken() + "x", Fixture.complete("forged")))
          .isInstanceOf(UnknownResourceException.class);
      assertThat(f.last(run).eventType()).isEqualTo(EventType.DECISION_TASK_STARTED);
      f.decide(task.taskToken(), Fixture.complete("done"));
      assertThat(f.last(run).eventType()).isEqualTo(EventType.WORKFLOW_EXECUTION_COMPLETED);
    }
  }

  @Test
  void aForgedActivityToken_isUnknown() {
    try (Fixture f = new Fixture()) {
      WorkflowExecution run = f.start("w");
      f.decide(f.pollDecision().taskToken(), Fixture.scheduleActivity("a1"));
      PollForActivityTaskResponse task = f.pollActivity();
      long scheduled = task.startedEventId() - 1;
      String forged =
          forge("a", run.runId(), Long.toString(scheduled), Long.toString(task.startedEventId()));
      assertThatThrownBy(
              () -> f.swf.respondActivityTaskCompleted(r -> r.taskToken(forged).result("forged")))
          .isInstanceOf(UnknownResourceException.class);
      f.swf.respondActivityTaskCompleted(r -> r.taskToken(task.taskToken()).result("real"));
      assertThat(
              f.history(run).stream()
                  .filter(e -> e.eventType() == EventType.ACTIVITY_TASK_COMPLETED)
                  .map(e -> e.activityTaskCompletedEventAttributes().result()))
          .containsExactly("real");
    }
  }

  @Test
  void aToken_survivesARestartOnTheSameFile_butNotAnotherFile() {
    Path file = dir.resolve("flow.db");
    ManualClock clock = new ManualClock();
    String token;
    WorkflowExecution run;
    try (Fixture f = new Fixture(file, clock, true)) {
      run = f.start("w");
      token = f.pollDecision().taskToken();
    }
    try (Fixture other = new Fixture(dir.resolve("other.db"), clock, true)) {
      other.start("w");
      other.pollDecision();
      assertThatThrownBy(() -> other.decide(token, Fixture.complete("elsewhere")))
          .isInstanceOf(UnknownResourceException.class);
    }
    try (Fixture f = new Fixture(file, clock, false)) {
      f.decide(token, Fixture.complete("after restart"));
      assertThat(f.last(run).eventType()).isEqualTo(EventType.WORKFLOW_EXECUTION_COMPLETED);
    }
  }
}
