package dev.flow.internal.replay;

import dev.flow.internal.SwfLimits;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;

/**
 * The answer of a decision task, once the code closed or blocked at the end of the history: the new
 * commands' decisions in the order of issue, each with its {@code control}, then the close
 * decision; within the {@link Limits}. What goes out is always a prefix of the commands in the
 * order of issue, so that the next task replays what this one sent.
 */
final class DecisionAnswer {
  private DecisionAnswer() {}

  /**
   * The decisions of the current task: the commands issued past the recorded ones, and {@code
   * close} (null: the code blocked). Activities beyond the open-activity cap, and every decision
   * after the first one held back, wait for a later task; beyond the decisions-per-task limit, the
   * last decision is a zero-second timer ({@code flow-split-<eventId>}) whose firing brings the
   * next task, which sends the rest.
   *
   * @throws NonDeterminismException when the code issued fewer commands than the history recorded
   */
  static List<Decision> of(IssuedCommands issued, Horizon horizon, Limits limits, Decision close) {
    History history = horizon.history();
    int first = history.recorded.size();
    if (issued.size() < first) {
      throw NonDeterminismException.of(
          "recorded decision #"
              + (issued.size() + 1)
              + " "
              + history.recorded.get(issued.size())
              + " was not issued: the workflow code "
              + (close != null ? "closed" : "blocked")
              + " at "
              + horizon.where()
              + " after issuing "
              + issued.size()
              + " commands");
    }
    int end = issued.size();
    int open = issued.openActivities();
    for (int i = first; i < end; i++) {
      if (issued.get(i).kind == CommandKind.ACTIVITY && ++open > limits.maxOpenActivities()) {
        end = i;
        break;
      }
    }
    boolean closing = close != null && end == issued.size();
    int count = end - first + (closing ? 1 : 0);
    boolean split = count > limits.maxDecisionsPerTask();
    if (split) {
      end = first + limits.maxDecisionsPerTask() - 1;
      closing = false;
    }
    List<Decision> decisions = new ArrayList<>(end - first + 1);
    for (int i = first; i < end; i++) {
      Command<?> c = issued.get(i);
      decisions.add(Control.withControl(c.decision(), c.control));
    }
    if (split) {
      // its firing brings the next decision task, which sends the rest
      String timerId = Commands.SPLIT_TIMER + horizon.startedEventId();
      decisions.add(
          Control.withControl(TimerCommand.startTimer(timerId, "0"), Control.purpose("split")));
    }
    if (closing) {
      decisions.add(close);
    }
    return decisions;
  }

  /**
   * The answer to non-determinism of a workflow whose spec says {@code failOnNonDeterminism}: it
   * fails, reason {@value NonDeterminismException#FAIL_REASON}, the message as details.
   */
  static List<Decision> failing(NonDeterminismException e) {
    String message = e.getMessage();
    return List.of(
        Decision.builder()
            .decisionType(DecisionType.FAIL_WORKFLOW_EXECUTION)
            .failWorkflowExecutionDecisionAttributes(
                a ->
                    a.reason(NonDeterminismException.FAIL_REASON)
                        .details(
                            message.length() <= SwfLimits.MAX_DATA
                                ? message
                                : message.substring(0, SwfLimits.MAX_DATA)))
            .build());
  }
}
