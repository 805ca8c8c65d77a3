package dev.flow.internal.replay;

/**
 * Unwinds workflow code that must not run on: blocked at the end of the history, closed, or
 * aborted. An {@link Error}, so that {@code catch (Exception e)} in workflow code cannot swallow
 * it; {@link Execution} knows why it was thrown. Stackless and shared: it carries nothing.
 */
final class Unwind extends Error {
  private static final long serialVersionUID = 1L;

  // False positive: stackless, not suppressible, no cause: a shared instance carries no state.
  @SuppressWarnings("StaticAssignmentOfThrowable")
  static final Unwind INSTANCE = new Unwind();

  private Unwind() {
    super(
        "workflow code unwound by the Flow decider (do not catch Throwable or Error in workflow"
            + " code)",
        null,
        false,
        false);
  }
}
