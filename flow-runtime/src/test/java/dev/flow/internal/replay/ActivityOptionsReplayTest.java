package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.EXECUTION;
import static dev.flow.internal.replay.ReplayTesting.JSON;
import static dev.flow.internal.replay.ReplayTesting.T0;
import static dev.flow.internal.replay.ReplayTesting.assertCompletesAndReplays;
import static dev.flow.internal.replay.ReplayTesting.decide;
import static dev.flow.internal.replay.ReplayTesting.definition;
import static dev.flow.internal.replay.ReplayTesting.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.ActivityFailure;
import dev.flow.ActivityTimeoutFailure;
import dev.flow.CallOptions;
import dev.flow.Promise;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.Stubs;
import dev.flow.spi.WorkflowDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.ActivityTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.Decision;

/** Typed failures, per-call versions, idempotent ids, activities SWF refused. */
class ActivityOptionsReplayTest {
  /** Embeds, and describes the failure: its class, kind, cause. */
  static final WorkflowDefinition DESCRIBING =
      definition(
          ActivityReplayTest.PROCESS_VIDEO,
          () ->
              instance(
                  args -> {
                    try {
                      return Stubs.<String>activity(ReplayTesting.EMBED_SUBTITLE, null, "v", "s")
                          .get();
                    } catch (ActivityTimeoutFailure e) {
                      return "timeout " + e.kind() + " " + e.lastHeartbeatDetails(Integer.class);
                    } catch (ActivityFailure e) {
                      Throwable c = e.getCause();
                      return c == null
                          ? "no cause: " + e.remoteType() + ": " + e.remoteMessage()
                          : c.getClass().getName()
                              + ": "
                              + c.getMessage()
                              + " at "
                              + c.getStackTrace()[0];
                    }
                  }));

  private static HistoryBuilder failedWith(String reason, String details) {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1
    // 6 ActivityTaskFailed(5)  7 DecisionTaskScheduled  8 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    long embed =
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    h.activityFailed(embed, reason, details);
    h.decisionTask();
    return h;
  }

  @Test
  void remoteRuntimeExceptionLoadableHere_isTheFailuresCause_withItsMessageAndStackTrace() {
    String details =
        "{\"type\":\"java.lang.IllegalArgumentException\",\"message\":\"bad"
            + " url\",\"stackTrace\":\"java.lang.IllegalArgumentException: bad url\\n"
            + "\\tat media.Media.embed(Media.java:12)\\n"
            + "\\tat java.base/java.lang.Thread.run(Thread.java:1583)\",\"cause\":null}";
    HistoryBuilder h = failedWith("java.lang.IllegalArgumentException", details);

    assertThat(decide(DESCRIBING, h.build()))
        .containsExactly(
            "complete \"java.lang.IllegalArgumentException: bad url at"
                + " media.Media.embed(Media.java:12)\"");
  }

  @Test
  void remoteTypeUnknownHere_orChecked_leavesTheFailureWithoutCause() {
    assertThat(decide(DESCRIBING, failedWith("x", RetryReplayTest.IO_FAILURE).build()))
        .containsExactly("complete \"no cause: java.io.IOException: disk full\"");
    assertThat(decide(DESCRIBING, failedWith("com.example.Gone", "not json").build()))
        .containsExactly("complete \"no cause: com.example.Gone: not json\"");
  }

  @Test
  void timeout_isAnActivityTimeout_namingItsKind_withTheLastHeartbeatDetailsDecoded() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1  6 ActivityTaskStarted
    // 7 ActivityTaskTimedOut(5) HEARTBEAT details 42  8 DecisionTaskScheduled
    // 9 DecisionTaskStarted  10 DecisionTaskCompleted  11 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    h.decisionCompleted();
    long embed =
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    h.activityStarted(embed);
    h.activityTimedOut(embed, ActivityTaskTimeoutType.HEARTBEAT, "42");
    assertCompletesAndReplays(DESCRIBING, h, "\"timeout HEARTBEAT 42\"");
  }

  @Test
  void scheduleActivityTaskFailed_failsThePromise_namingTheCause_andTheNextDecisionGoesOn() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ScheduleActivityTaskFailed Media.embedSubtitle-1
    // ACTIVITY_TYPE_DOES_NOT_EXIST  6 DecisionTaskScheduled  7 DecisionTaskStarted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    assertThat(decide(DESCRIBING, h.build()))
        .containsExactly("schedule Media.embedSubtitle-1 [\"v\",\"s\"]");
    h.decisionCompleted();
    h.scheduleActivityFailed(
        "Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "ACTIVITY_TYPE_DOES_NOT_EXIST");
    h.decisionTask();

    assertThat(decide(DESCRIBING, h.build()))
        .containsExactly(
            "complete \"no cause: ScheduleActivityTaskFailed:ACTIVITY_TYPE_DOES_NOT_EXIST: SWF"
                + " could not schedule the activity task: ACTIVITY_TYPE_DOES_NOT_EXIST\"");
  }

  @Test
  void callOptionsVersion_isTheScheduledTypeVersion_andReplaysAgainstIt() {
    WorkflowDefinition workflow =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () ->
                instance(
                    args ->
                        Stubs.<String>activity(
                                ReplayTesting.EMBED_SUBTITLE,
                                CallOptions.builder().version("2.0").build(),
                                "v",
                                "s")
                            .get()));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle 2.0
    // 6 ActivityTaskCompleted(5)  7 DecisionTaskScheduled  8 DecisionTaskStarted
    // 9 DecisionTaskCompleted  10 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    List<Decision> first = Decider.decide(workflow, EXECUTION, h.build(), JSON);
    assertThat(first.get(0).scheduleActivityTaskDecisionAttributes().activityType().version())
        .isEqualTo("2.0");
    h.decisionCompleted();
    long embed =
        h.activityScheduled("Media.embedSubtitle", "2.0", "Media.embedSubtitle-1", "[\"v\",\"s\"]");
    h.activityCompleted(embed, "\"v2\"");
    assertCompletesAndReplays(workflow, h, "\"v2\"");
  }

  static final ActivitySpec IDEMPOTENT_ENCODE =
      ActivitySpec.builder("Media.encodeVideo", "1.0")
          .taskList("media")
          .idempotent(true)
          .parameterTypes(String.class, String.class)
          .resultType(String.class)
          .build();

  @Test
  void idempotentActivity_hasAHashId_andTheSameCallTwiceIsScheduledOnce_withOneResult() {
    String id = Commands.idempotentId("Media.encodeVideo", "1.0", "[\"v\",\"webm\"]");
    assertThat(id).matches("Media\\.encodeVideo#[0-9a-f]{16}");
    WorkflowDefinition workflow =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () ->
                instance(
                    args -> {
                      Promise<String> a = Stubs.activity(IDEMPOTENT_ENCODE, null, "v", "webm");
                      Promise<String> b =
                          Stubs.activity(IDEMPOTENT_ENCODE, null, Promise.value("v"), "webm");
                      Promise<String> other = Stubs.activity(IDEMPOTENT_ENCODE, null, "v", "mp4");
                      return a.get() + " " + b.get() + " " + other.get();
                    }));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.encodeVideo#<webm hash>
    // 6 ActivityTaskScheduled Media.encodeVideo#<mp4 hash>  7 ActivityTaskCompleted(5)
    // 8 ActivityTaskCompleted(6)  9 DecisionTaskScheduled  10 DecisionTaskStarted
    // 11 DecisionTaskCompleted  12 WorkflowExecutionCompleted
    String mp4 = Commands.idempotentId("Media.encodeVideo", "1.0", "[\"v\",\"mp4\"]");
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    assertThat(decide(workflow, h.build()))
        .containsExactly(
            "schedule " + id + " [\"v\",\"webm\"]", "schedule " + mp4 + " [\"v\",\"mp4\"]");
    h.decisionCompleted();
    long webm = h.activityScheduled("Media.encodeVideo", "1.0", id, "[\"v\",\"webm\"]");
    long other = h.activityScheduled("Media.encodeVideo", "1.0", mp4, "[\"v\",\"mp4\"]");
    h.activityCompleted(webm, "\"W\"");
    h.activityCompleted(other, "\"M\"");
    assertCompletesAndReplays(workflow, h, "\"W W M\"");
  }
}
