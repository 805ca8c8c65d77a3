package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.T0;
import static dev.flow.internal.replay.ReplayTesting.assertReplaysAsRecorded;
import static dev.flow.internal.replay.ReplayTesting.decide;
import static dev.flow.internal.replay.ReplayTesting.definition;
import static dev.flow.internal.replay.ReplayTesting.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.ActivityFailure;
import dev.flow.CallOptions;
import dev.flow.ChildWorkflowFailure;
import dev.flow.RetryPolicy;
import dev.flow.StartOptions;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.Stubs;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.ActivityTaskTimeoutType;

/** Retries: waits are timers, attempts are the same activity with an attempt suffix. */
class RetryReplayTest {
  static final String IO_FAILURE =
      "{\"type\":\"java.io.IOException\",\"message\":\"disk"
          + " full\",\"stackTrace\":\"\",\"cause\":null}";

  static final RetryPolicy THREE_ATTEMPTS =
      RetryPolicy.builder()
          .maximumAttempts(3)
          .initialInterval(Duration.ofSeconds(2))
          .backoffCoefficient(2.0)
          .build();

  static final ActivitySpec EMBED_WITH_RETRY =
      ActivitySpec.builder("Media.embedSubtitle", "1.0")
          .taskList("media")
          .retryPolicy(THREE_ATTEMPTS)
          .parameterTypes(String.class, String.class)
          .resultType(String.class)
          .build();

  /** Embeds with EMBED_WITH_RETRY; on failure, reports the failure and its earlier attempts. */
  static final WorkflowDefinition RETRYING =
      definition(
          ActivityReplayTest.PROCESS_VIDEO,
          () ->
              instance(
                  args -> {
                    try {
                      return Stubs.<String>activity(EMBED_WITH_RETRY, null, args[0], args[1]).get();
                    } catch (ActivityFailure e) {
                      StringBuilder s = new StringBuilder("gave up at " + e.activityId());
                      for (Throwable earlier : e.getSuppressed()) {
                        s.append(" after ").append(((ActivityFailure) earlier).activityId());
                      }
                      return s.toString();
                    }
                  }));

  @Test
  void failedAttempts_areRetriedAfterTimers_withAnAttemptSuffix_untilOneSucceeds() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1
    // 6 ActivityTaskStarted  7 ActivityTaskFailed(5)  8 DecisionTaskScheduled
    // 9 DecisionTaskStarted  10 DecisionTaskCompleted  11 TimerStarted timer-2 2s
    // 12 TimerFired(11)  13 DecisionTaskScheduled  14 DecisionTaskStarted
    // 15 DecisionTaskCompleted  16 ActivityTaskScheduled Media.embedSubtitle-1@2
    // 17 ActivityTaskTimedOut(16) START_TO_CLOSE  18 DecisionTaskScheduled  19 DecisionTaskStarted
    // 20 DecisionTaskCompleted  21 TimerStarted timer-4 4s  22 TimerFired(21)
    // 23 DecisionTaskScheduled  24 DecisionTaskStarted  25 DecisionTaskCompleted
    // 26 ActivityTaskScheduled Media.embedSubtitle-1@3  27 ActivityTaskCompleted(26) "v2"
    // 28 DecisionTaskScheduled  29 DecisionTaskStarted  30 DecisionTaskCompleted
    // 31 WorkflowExecutionCompleted "v2"
    HistoryBuilderSteps h = new HistoryBuilderSteps();
    h.b.decisionTask();
    assertThat(decide(RETRYING, h.b.build()))
        .containsExactly("schedule Media.embedSubtitle-1 [\"v\",\"s\"]");
    h.b.decisionCompleted();
    long first = h.embed("Media.embedSubtitle-1");
    h.b.activityStarted(first);
    h.b.activityFailed(first, "java.io.IOException", IO_FAILURE);
    h.b.decisionTask();
    assertThat(decide(RETRYING, h.b.build())).containsExactly("timer timer-2 2s");
    h.b.decisionCompleted();
    long wait = h.b.timerStarted("timer-2", 2);
    h.b.advance(Duration.ofSeconds(2)).timerFired(wait);
    h.b.decisionTask();
    assertThat(decide(RETRYING, h.b.build()))
        .containsExactly("schedule Media.embedSubtitle-1@2 [\"v\",\"s\"]");
    h.b.decisionCompleted();
    long second = h.embed("Media.embedSubtitle-1@2");
    h.b.activityTimedOut(second, ActivityTaskTimeoutType.START_TO_CLOSE);
    h.b.decisionTask();
    assertThat(decide(RETRYING, h.b.build())).containsExactly("timer timer-4 4s");
    h.b.decisionCompleted();
    long wait2 = h.b.timerStarted("timer-4", 4);
    h.b.timerFired(wait2);
    h.b.decisionTask();
    assertThat(decide(RETRYING, h.b.build()))
        .containsExactly("schedule Media.embedSubtitle-1@3 [\"v\",\"s\"]");
    h.b.decisionCompleted();
    long third = h.embed("Media.embedSubtitle-1@3");
    h.b.activityCompleted(third, "\"v2\"");
    h.b.decisionTask();
    assertThat(decide(RETRYING, h.b.build())).containsExactly("complete \"v2\"");
    h.b.decisionCompleted();
    h.b.workflowCompleted("\"v2\"");

    assertReplaysAsRecorded(RETRYING, h.b.build());
  }

  @Test
  void lastAttemptFailing_failsThePromise_withEveryEarlierAttemptSuppressed() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1
    // 6 ActivityTaskFailed(5)  7 DecisionTaskScheduled  8 DecisionTaskStarted
    // 9 DecisionTaskCompleted  10 TimerStarted timer-2  11 TimerFired  12 DecisionTaskScheduled
    // 13 DecisionTaskStarted  14 DecisionTaskCompleted  15 ActivityTaskScheduled -1@2
    // 16 ActivityTaskFailed(15)  17 DecisionTaskScheduled  18 DecisionTaskStarted
    // 19 DecisionTaskCompleted  20 TimerStarted timer-4  21 TimerFired  22 DecisionTaskScheduled
    // 23 DecisionTaskStarted  24 DecisionTaskCompleted  25 ActivityTaskScheduled -1@3
    // 26 ActivityTaskFailed(25)  27 DecisionTaskScheduled  28 DecisionTaskStarted
    // 29 DecisionTaskCompleted  30 WorkflowExecutionCompleted
    HistoryBuilderSteps h = new HistoryBuilderSteps();
    h.b.decisionTask();
    h.b.decisionCompleted();
    h.b.activityFailed(h.embed("Media.embedSubtitle-1"), "java.io.IOException", IO_FAILURE);
    h.b.decisionTask();
    h.b.decisionCompleted();
    h.b.timerFired(h.b.timerStarted("timer-2", 2));
    h.b.decisionTask();
    h.b.decisionCompleted();
    h.b.activityFailed(h.embed("Media.embedSubtitle-1@2"), "java.io.IOException", IO_FAILURE);
    h.b.decisionTask();
    h.b.decisionCompleted();
    h.b.timerFired(h.b.timerStarted("timer-4", 4));
    h.b.decisionTask();
    h.b.decisionCompleted();
    h.b.activityFailed(h.embed("Media.embedSubtitle-1@3"), "java.io.IOException", IO_FAILURE);
    h.b.decisionTask();
    String result =
        "\"gave up at Media.embedSubtitle-1@3 after Media.embedSubtitle-1"
            + " after Media.embedSubtitle-1@2\"";
    assertThat(decide(RETRYING, h.b.build())).containsExactly("complete " + result);
    h.b.decisionCompleted();
    h.b.workflowCompleted(result);

    assertReplaysAsRecorded(RETRYING, h.b.build());
  }

  @Test
  void failureOfATypeNotToRetry_failsAtOnce_andCallOptionsPolicyOverridesTheSpecs() {
    RetryPolicy noIo =
        RetryPolicy.builder().maximumAttempts(5).doNotRetry("java.io.IOException").build();
    WorkflowDefinition workflow =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () ->
                instance(
                    args -> {
                      CallOptions o = CallOptions.builder().retryPolicy(noIo).build();
                      try {
                        return Stubs.<String>activity(EMBED_WITH_RETRY, o, args[0], args[1]).get();
                      } catch (ActivityFailure e) {
                        return e.remoteType() + " " + e.getSuppressed().length;
                      }
                    }));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1
    // 6 ActivityTaskFailed(5) java.io.IOException  7 DecisionTaskScheduled  8 DecisionTaskStarted
    // 9 DecisionTaskCompleted  10 WorkflowExecutionCompleted
    HistoryBuilderSteps h = new HistoryBuilderSteps();
    h.b.decisionTask();
    h.b.decisionCompleted();
    h.b.activityFailed(h.embed("Media.embedSubtitle-1"), "java.io.IOException", IO_FAILURE);
    h.b.decisionTask();
    assertThat(decide(workflow, h.b.build())).containsExactly("complete \"java.io.IOException 0\"");
    h.b.decisionCompleted();
    h.b.workflowCompleted("\"java.io.IOException 0\"");

    assertReplaysAsRecorded(workflow, h.b.build());
  }

  @Test
  void failureOfASubclassOfATypeNotToRetry_failsAtOnce() {
    RetryPolicy noIo =
        RetryPolicy.builder().maximumAttempts(5).doNotRetry("java.io.IOException").build();
    WorkflowDefinition workflow =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () ->
                instance(
                    args -> {
                      CallOptions o = CallOptions.builder().retryPolicy(noIo).build();
                      try {
                        return Stubs.<String>activity(EMBED_WITH_RETRY, o, args[0], args[1]).get();
                      } catch (ActivityFailure e) {
                        return e.remoteType() + " " + e.getSuppressed().length;
                      }
                    }));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.embedSubtitle-1
    // 6 ActivityTaskFailed(5) java.io.FileNotFoundException (an IOException)
    // 7 DecisionTaskScheduled  8 DecisionTaskStarted
    String notFound =
        "{\"type\":\"java.io.FileNotFoundException\",\"message\":\"x\",\"stackTrace\":\"\","
            + "\"cause\":null}";
    HistoryBuilderSteps h = new HistoryBuilderSteps();
    h.b.decisionTask();
    h.b.decisionCompleted();
    h.b.activityFailed(h.embed("Media.embedSubtitle-1"), "java.io.FileNotFoundException", notFound);
    h.b.decisionTask();
    assertThat(decide(workflow, h.b.build()))
        .containsExactly("complete \"java.io.FileNotFoundException 0\"");
  }

  private static final RetryPolicy TWICE_30S =
      RetryPolicy.builder().maximumAttempts(2).initialInterval(Duration.ofSeconds(30)).build();

  @Test
  void failedChildWorkflow_isStartedAgainWithTheSameId_afterATimer() {
    assertChildRetried(
        HistoryReplayTest.CHILD, StartOptions.builder().retryPolicy(TWICE_30S).build());
  }

  @Test
  void failedChildWorkflow_isRetriedByTheChildTypesPolicy_whenTheCallGivesNone() {
    WorkflowSpec retriedType =
        WorkflowSpec.builder("Thumbnail", "2.0")
            .taskList("thumbs")
            .executionStartToCloseTimeoutSeconds(600)
            .taskStartToCloseTimeoutSeconds(10)
            .parameterTypes(String.class)
            .resultType(String.class)
            .retryPolicy(TWICE_30S)
            .build();
    assertChildRetried(retriedType, StartOptions.DEFAULT);
  }

  private void assertChildRetried(WorkflowSpec childType, StartOptions retried) {
    WorkflowDefinition parent =
        definition(
            ActivityReplayTest.PROCESS_VIDEO,
            () ->
                instance(
                    args -> {
                      try {
                        return Stubs.<String>childWorkflow(childType, retried, "v").get();
                      } catch (ChildWorkflowFailure e) {
                        return "failed: " + e.remoteMessage();
                      }
                    }));
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 StartChildWorkflowExecutionInitiated video-42.1
    // 6 ChildWorkflowExecutionStarted(5)  7 ChildWorkflowExecutionFailed(5)
    // 8 DecisionTaskScheduled  9 DecisionTaskStarted  10 DecisionTaskCompleted
    // 11 TimerStarted timer-2 30s  12 TimerFired(11)  13 DecisionTaskScheduled
    // 14 DecisionTaskStarted  15 DecisionTaskCompleted  16 StartChildWorkflowExecutionInitiated
    // video-42.1  17 ChildWorkflowExecutionStarted(16)  18 ChildWorkflowExecutionCompleted(16)
    // 19 DecisionTaskScheduled  20 DecisionTaskStarted  21 DecisionTaskCompleted
    // 22 WorkflowExecutionCompleted
    HistoryBuilderSteps h = new HistoryBuilderSteps();
    h.b.decisionTask();
    assertThat(decide(parent, h.b.build())).containsExactly("child Thumbnail video-42.1 [\"v\"]");
    h.b.decisionCompleted();
    long child = h.b.childInitiated("Thumbnail", "2.0", "video-42.1", "[\"v\"]");
    long started = h.b.childStarted(child, "run-a");
    h.b.childFailed(child, started, "java.lang.IllegalStateException", IO_FAILURE);
    h.b.decisionTask();
    assertThat(decide(parent, h.b.build())).containsExactly("timer timer-2 30s");
    h.b.decisionCompleted();
    h.b.timerFired(h.b.timerStarted("timer-2", 30));
    h.b.decisionTask();
    assertThat(decide(parent, h.b.build())).containsExactly("child Thumbnail video-42.1 [\"v\"]");
    h.b.decisionCompleted();
    long again = h.b.childInitiated("Thumbnail", "2.0", "video-42.1", "[\"v\"]");
    h.b.childCompleted(again, h.b.childStarted(again, "run-b"), "\"thumb\"");
    h.b.decisionTask();
    assertThat(decide(parent, h.b.build())).containsExactly("complete \"thumb\"");
    h.b.decisionCompleted();
    h.b.workflowCompleted("\"thumb\"");

    assertReplaysAsRecorded(parent, h.b.build());
  }

  /** A process-video history under way, with a shortcut to schedule embedSubtitle. */
  static final class HistoryBuilderSteps {
    final dev.flow.internal.testing.HistoryBuilder b =
        new dev.flow.internal.testing.HistoryBuilder(T0);

    HistoryBuilderSteps() {
      b.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    }

    long embed(String activityId) {
      return b.activityScheduled("Media.embedSubtitle", "1.0", activityId, "[\"v\",\"s\"]");
    }
  }
}
