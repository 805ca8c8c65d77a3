package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.EXECUTION;
import static dev.flow.internal.replay.ReplayTesting.JSON;
import static dev.flow.internal.replay.ReplayTesting.T0;
import static dev.flow.internal.replay.ReplayTesting.definition;
import static dev.flow.internal.replay.ReplayTesting.instance;
import static dev.flow.internal.replay.ReplayTesting.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flow.blocking.Sleeper;
import dev.flow.internal.replay.ReplayTesting.MediaStub;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowSpec;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * Workflow code that blocks outside Flow for longer than the bound (100 ms here) fails the decision
 * with {@link WorkflowBlockedException}, naming the blocking frame, and decides nothing; time
 * parked between decision tasks does not count.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BlockingWatchTest {
  private static final WorkflowSpec SPEC =
      WorkflowSpec.builder("Sleeper", "1.0").resultType(String.class).build();

  @BeforeEach
  void shortBound() {
    System.setProperty(BlockingWatch.BOUND_PROPERTY, "100");
  }

  @AfterEach
  void defaultBound() {
    System.clearProperty(BlockingWatch.BOUND_PROPERTY);
  }

  private static List<HistoryEvent> started() {
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Sleeper", "1.0", "[]");
    h.decisionTask();
    return h.build();
  }

  private static final WorkflowDefinition SLEEPER =
      definition(SPEC, () -> instance(args -> Sleeper.sleepAMinute()));

  @Test
  void codeSleepingOutsideFlow_failsTheDecision_namingTheBlockingFrame() {
    WorkflowBlockedException e =
        catchThrowableOfType(
            () -> Decider.decide(SLEEPER, EXECUTION, started(), JSON),
            WorkflowBlockedException.class);

    assertThat(e.getMessage())
        .startsWith(
            "the code of workflow "
                + EXECUTION.workflowId()
                + " (type Sleeper 1.0) blocked outside Flow for more than 100 ms at"
                + " dev.flow.blocking.Sleeper.sleepAMinute(Sleeper.java:")
        .containsPattern(
            ", in java\\.lang\\.Thread\\.sleep\\w*\\(Native Method\\);") // JDK 25: sleepNanos0
        .endsWith(
            "; the decision task fails and is retried. Workflow code waits only through Flow"
                + " (Promise.get, Workflow.sleep, Workflow.await); do blocking work in an activity."
                + " The bound is the system property flow.decider.blockingBoundMillis"
                + " (milliseconds; 0 turns the check off)");
    assertThat(Arrays.stream(e.getStackTrace()).map(StackTraceElement::getMethodName))
        .contains("sleepAMinute");
    assertThat(Thread.currentThread().isInterrupted())
        .as("the interrupt of the deciding thread is cleared")
        .isFalse();
  }

  @Test
  void codeThatSwallowsTheInterruptAndReturns_stillDecidesNothing() {
    WorkflowDefinition swallowing =
        definition(SPEC, () -> instance(args -> Sleeper.sleepSwallowingTheInterrupt()));

    assertThat(
            catchThrowableOfType(
                () -> Decider.decide(swallowing, EXECUTION, started(), JSON),
                WorkflowBlockedException.class))
        .isNotNull();
  }

  @Test
  void stickyExecution_blockingOutsideFlow_failsTheDecision_andIsNotKept() {
    try (StickyDecider sticky = new StickyDecider(10)) {
      assertThat(
              catchThrowableOfType(
                  () -> sticky.decide(SLEEPER, EXECUTION, started(), JSON),
                  WorkflowBlockedException.class))
          .hasMessageContaining("blocked outside Flow for more than 100 ms at");
      assertThat(sticky.isParked(EXECUTION.runId())).isFalse();
    }
  }

  @Test
  void timeParkedBetweenDecisionTasks_isNotBlocking() throws Exception {
    WorkflowDefinition waiting =
        definition(SPEC, () -> instance(args -> new MediaStub().targetAds("x").get().get(0)));
    try (StickyDecider sticky = new StickyDecider(10)) {
      HistoryBuilder h = new HistoryBuilder(T0);
      h.workflowStarted("Sleeper", "1.0", "[]");
      h.decisionTask();
      assertThat(summary(sticky.decide(waiting, EXECUTION, h.build(), JSON)))
          .containsExactly("schedule Media.targetAds-1 [\"x\"]");
      long previous = h.build().get(h.build().size() - 1).eventId();

      Thread.sleep(300); // parked for three bounds

      h.decisionCompleted();
      long scheduled =
          h.activityScheduled("Media.targetAds", "1.0", "Media.targetAds-1", "[\"x\"]");
      h.activityCompleted(scheduled, "[\"ads\"]");
      h.decisionTask();
      assertThat(summary(sticky.decideNew(EXECUTION, previous, h.build())))
          .containsExactly("complete \"ads\"");
    }
  }

  @Test
  void flowsOwnWork_isNotBlocking_butCodeCallingALibrary_is() {
    StackTraceElement jackson =
        new StackTraceElement("com.fasterxml.jackson.databind.ObjectMapper", "readValue", "x", 1);
    StackTraceElement converter =
        new StackTraceElement("dev.flow.JacksonDataConverter", "fromData", "x", 1);
    StackTraceElement execution =
        new StackTraceElement("dev.flow.internal.replay.Execution", "deliver", "x", 1);
    StackTraceElement user = new StackTraceElement("com.example.OrderImpl", "place", "x", 1);
    StackTraceElement sleep = new StackTraceElement("java.lang.Thread", "sleep", null, -2);

    assertThat(BlockingWatch.flowAtWork(new StackTraceElement[] {jackson, converter, execution}))
        .isTrue();
    assertThat(BlockingWatch.flowAtWork(new StackTraceElement[] {sleep, user, execution}))
        .isFalse();
    assertThat(BlockingWatch.flowAtWork(new StackTraceElement[] {jackson, user, execution}))
        .isFalse();
  }

  @Test
  void zeroBound_turnsTheWatchOff() {
    System.setProperty(BlockingWatch.BOUND_PROPERTY, "0");

    assertThat(BlockingWatch.fromSystemProperty()).isNull();
  }
}
