package dev.flow.spi;

/**
 * What the decider runs for one workflow type: its spec and a factory of fresh implementation
 * instances, one per decision task. Generated as {@code WDefinition} for interface {@code W}.
 */
public interface WorkflowDefinition {
  WorkflowSpec spec();

  /** A new implementation instance, never shared between decision tasks. */
  WorkflowInstance newInstance();
}
