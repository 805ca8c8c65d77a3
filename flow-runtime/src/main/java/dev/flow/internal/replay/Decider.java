package dev.flow.internal.replay;

import dev.flow.DataConverter;
import dev.flow.spi.WorkflowDefinition;
import java.util.List;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * PLACEHOLDER so the workers compile; the replay branch owns the real decider and the merge takes
 * theirs.
 */
public final class Decider {
  private Decider() {}

  /** Replays {@code history} and returns the new decisions. */
  public static List<Decision> decide(
      WorkflowDefinition definition, List<HistoryEvent> history, DataConverter converter) {
    return decide(definition, null, history, converter);
  }

  /** Replays {@code history} of {@code execution} and returns the new decisions. */
  public static List<Decision> decide(
      WorkflowDefinition definition,
      WorkflowExecution execution,
      List<HistoryEvent> history,
      DataConverter converter) {
    throw new UnsupportedOperationException("placeholder Decider: replaced by the replay branch");
  }
}
