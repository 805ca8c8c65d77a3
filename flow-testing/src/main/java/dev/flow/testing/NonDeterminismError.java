package dev.flow.testing;

import dev.flow.internal.replay.NonDeterminismException;

/**
 * A workflow does not replay a saved history: the code now decides differently from what the
 * history recorded. An {@link AssertionError}, so test frameworks report it as a failed assertion;
 * its cause is the {@link NonDeterminismException} a decision worker would have logged (and blocked
 * the execution with).
 */
public final class NonDeterminismError extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final int step;
  private final long decisionTaskStartedEventId;
  private final String recorded;
  private final String issued;

  NonDeterminismError(
      String message,
      int step,
      long decisionTaskStartedEventId,
      String recorded,
      String issued,
      NonDeterminismException cause) {
    super(message, cause);
    this.step = step;
    this.decisionTaskStartedEventId = decisionTaskStartedEventId;
    this.recorded = recorded;
    this.issued = issued;
  }

  /**
   * The decision step (1 for the first decision task) whose replay differs; 0 at the end of the
   * history, after its last step.
   */
  public int step() {
    return step;
  }

  /** The id of the DecisionTaskStarted event of that step; 0 at the end of the history. */
  public long decisionTaskStartedEventId() {
    return decisionTaskStartedEventId;
  }

  /**
   * What the history recorded there, such as {@code ScheduleActivityTask Media.encodeVideo 1.0 id
   * Media.encodeVideo-3 (event 12)}; null when the decider found the difference (its message says
   * both sides) or the history recorded nothing more.
   */
  public String recorded() {
    return recorded;
  }

  /**
   * What the code decides now; null when the decider found the difference or the code decides
   * nothing more.
   */
  public String issued() {
    return issued;
  }
}
