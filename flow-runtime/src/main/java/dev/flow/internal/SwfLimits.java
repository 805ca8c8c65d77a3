package dev.flow.internal;

/**
 * SWF's limits on what Flow sends it, one place for each: lengths in characters, and how many
 * activities a run may have open.
 */
public final class SwfLimits {
  /**
   * An input, a result, failure details, a marker's details, a decision's control: SWF refuses
   * longer ones.
   */
  public static final int MAX_DATA = 32_768;

  /** A failure reason. */
  public static final int MAX_REASON = 256;

  /** Activity tasks open at once in one run: SWF refuses to schedule more. */
  public static final int MAX_OPEN_ACTIVITIES = 1_000;

  private SwfLimits() {}
}
