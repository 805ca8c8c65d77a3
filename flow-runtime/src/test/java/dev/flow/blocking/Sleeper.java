package dev.flow.blocking;

/** Workflow code that blocks outside Flow, in a package of its own (not Flow's runtime). */
public final class Sleeper {
  private Sleeper() {}

  /** Sleeps for a minute; an interrupt ends the sleep with an exception. */
  public static String sleepAMinute() {
    try {
      Thread.sleep(60_000);
      return "slept";
    } catch (InterruptedException e) {
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Sleeps for a minute; an interrupt ends the sleep, and the code returns as if it had slept. */
  public static String sleepSwallowingTheInterrupt() {
    try {
      Thread.sleep(60_000);
    } catch (InterruptedException e) {
      // swallowed
    }
    return "done";
  }
}
