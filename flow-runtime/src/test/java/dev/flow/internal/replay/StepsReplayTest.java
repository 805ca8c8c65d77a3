package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.T0;
import static dev.flow.internal.replay.ReplayTesting.assertCompletesAndReplays;
import static dev.flow.internal.replay.ReplayTesting.decide;
import static dev.flow.internal.replay.ReplayTesting.definition;
import static dev.flow.internal.replay.ReplayTesting.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.Promise;
import dev.flow.Workflow;
import dev.flow.internal.replay.ReplayTesting.MediaStub;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.SignalSpec;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How commands and steps line up when the history is not one decision per step. */
class StepsReplayTest {
  static final WorkflowDefinition THREE =
      definition(
          ActivityReplayTest.PROCESS_VIDEO,
          () -> {
            MediaStub media = new MediaStub();
            return instance(
                args -> {
                  Promise<String> a = media.encodeVideo(args[0], "a");
                  Promise<String> b = media.encodeVideo(args[0], "b");
                  Promise<String> c = media.encodeVideo(args[0], "c");
                  return a.get() + b.get() + c.get();
                });
          });

  @Test
  void commandsHeldBackByTheWorker_matchInGlobalOrder_andGoOutLater() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 ActivityTaskScheduled Media.encodeVideo-1
    // 6 ActivityTaskScheduled Media.encodeVideo-2   (encodeVideo-3 held back by the worker)
    // 7 ActivityTaskCompleted(5)  8 DecisionTaskScheduled  9 DecisionTaskStarted
    // 10 DecisionTaskCompleted  11 ActivityTaskScheduled Media.encodeVideo-3
    // 12 ActivityTaskCompleted(6)  13 ActivityTaskCompleted(11)  14 DecisionTaskScheduled
    // 15 DecisionTaskStarted  16 DecisionTaskCompleted  17 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    assertThat(decide(THREE, h.build()))
        .containsExactly(
            "schedule Media.encodeVideo-1 [\"v\",\"a\"]",
            "schedule Media.encodeVideo-2 [\"v\",\"b\"]",
            "schedule Media.encodeVideo-3 [\"v\",\"c\"]");
    h.decisionCompleted();
    long a =
        h.activityScheduled("Media.encodeVideo", "1.0", "Media.encodeVideo-1", "[\"v\",\"a\"]");
    long b =
        h.activityScheduled("Media.encodeVideo", "1.0", "Media.encodeVideo-2", "[\"v\",\"b\"]");
    h.activityCompleted(a, "\"A\"");
    h.decisionTask();
    assertThat(decide(THREE, h.build()))
        .containsExactly("schedule Media.encodeVideo-3 [\"v\",\"c\"]");
    h.decisionCompleted();
    long c =
        h.activityScheduled("Media.encodeVideo", "1.0", "Media.encodeVideo-3", "[\"v\",\"c\"]");
    h.activityCompleted(b, "\"B\"");
    h.activityCompleted(c, "\"C\"");
    h.decisionTask();
    assertThat(decide(THREE, h.build())).containsExactly("complete \"ABC\"");
    h.decisionCompleted();
    h.workflowCompleted("\"ABC\"");

    // the first task decided three commands, its history recorded two: compare the rest only
    assertThat(decide(THREE, h.build())).containsExactly("complete \"ABC\"");
  }

  static final WorkflowSpec ECHO =
      WorkflowSpec.builder("Echo", "1.0")
          .resultType(String.class)
          .signals(SignalSpec.of("add", String.class))
          .build();

  /** A signal handler that blocks on an activity of its own. */
  static final WorkflowDefinition BLOCKING_HANDLER =
      definition(
          ECHO,
          () -> {
            MediaStub media = new MediaStub();
            List<String> log = new ArrayList<>();
            return instance(
                args -> {
                  Workflow.await(() -> log.size() == 2);
                  return String.join(",", log);
                },
                (name, args) -> {
                  log.add("got " + args[0]);
                  log.add(media.embedSubtitle(args[0], "s").get());
                });
          });

  @Test
  void signalHandlerBlockingOnAnActivity_goesOnAtTheStepThatCompletesIt() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 DecisionTaskCompleted  5 WorkflowExecutionSignaled add ["x"]  6 DecisionTaskScheduled
    // 7 DecisionTaskStarted  8 DecisionTaskCompleted  9 ActivityTaskScheduled Media.embedSubtitle-1
    // 10 ActivityTaskCompleted(9) "x+s"  11 DecisionTaskScheduled  12 DecisionTaskStarted
    // 13 DecisionTaskCompleted  14 WorkflowExecutionCompleted
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Echo", "1.0", "[]");
    h.decisionTask();
    assertThat(decide(BLOCKING_HANDLER, h.build())).isEmpty();
    h.decisionCompleted();
    h.signaled("add", "[\"x\"]");
    h.decisionTask();
    assertThat(decide(BLOCKING_HANDLER, h.build()))
        .containsExactly("schedule Media.embedSubtitle-1 [\"x\",\"s\"]");
    h.decisionCompleted();
    long embed =
        h.activityScheduled("Media.embedSubtitle", "1.0", "Media.embedSubtitle-1", "[\"x\",\"s\"]");
    h.activityCompleted(embed, "\"x+s\"");
    assertCompletesAndReplays(BLOCKING_HANDLER, h, "\"got x,x+s\"");
  }

  @Test
  void completionRefusedBySwf_isDecidedAgain_atTheNextTask() {
    // 1 WorkflowExecutionStarted  2 DecisionTaskScheduled  3 DecisionTaskStarted
    // 4 WorkflowExecutionSignaled add ["late"]  5 DecisionTaskCompleted
    // 6 CompleteWorkflowExecutionFailed UNHANDLED_DECISION  7 DecisionTaskScheduled
    // 8 DecisionTaskStarted
    WorkflowDefinition quick = definition(ECHO, () -> instance(args -> "quick"));
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("Echo", "1.0", "[]");
    h.decisionTask();
    assertThat(decide(quick, h.build())).containsExactly("complete \"quick\"");
    h.signaled("add", "[\"late\"]");
    h.decisionCompleted();
    h.completeWorkflowFailed("UNHANDLED_DECISION");
    h.decisionTask();

    assertThat(decide(quick, h.build())).containsExactly("complete \"quick\"");
  }
}
