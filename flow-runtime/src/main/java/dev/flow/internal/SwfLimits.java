package dev.flow.internal;

/** SWF's limits on the length of what Flow sends it, in characters: one place for each. */
public final class SwfLimits {
  /**
   * An input, a result, failure details, a marker's details, a decision's control: SWF refuses
   * longer ones.
   */
  public static final int MAX_DATA = 32_768;

  /** A failure reason. */
  public static final int MAX_REASON = 256;

  private SwfLimits() {}
}
