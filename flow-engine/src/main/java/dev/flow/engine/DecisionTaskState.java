package dev.flow.engine;

/**
 * Where a run's decision task is: none, scheduled (queued for a decider) or started (a decider has
 * it). Stored in {@code executions.dt_state} as {@link #stored}; {@link DecisionTaskMachine} owns
 * the transitions.
 */
enum DecisionTaskState {
  NONE(0),
  SCHEDULED(1),
  STARTED(2);

  /** The value in the store (never renumber). */
  final int stored;

  DecisionTaskState(int stored) {
    this.stored = stored;
  }

  static DecisionTaskState of(int stored) {
    for (DecisionTaskState s : values()) {
      if (s.stored == stored) {
        return s;
      }
    }
    throw new IllegalStateException("unknown decision task state " + stored + " in the store");
  }
}
