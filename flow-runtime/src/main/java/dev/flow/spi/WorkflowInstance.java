package dev.flow.spi;

/** One implementation instance of a workflow, for one decision task. Generated code. */
public interface WorkflowInstance {
  /**
   * Runs the entry method with already decoded arguments, in the decider's thread.
   *
   * @return the entry method's result: a value, a {@code Promise} of it, or null for {@code void}
   */
  Object execute(Object[] arguments);

  /**
   * Calls the {@code @Signal} handler named {@code signalName} with already decoded arguments.
   *
   * @throws IllegalArgumentException when the workflow has no such signal
   */
  void signal(String signalName, Object[] arguments);
}
