package dev.flow.engine;

/** What an armed deadline times; stored in {@code deadlines.kind} as {@link #stored}. */
enum DeadlineKind {
  /** A started decision task's start-to-close timeout; ref: its DecisionTaskStarted event. */
  DECISION_START_TO_CLOSE(1),
  /**
   * A decision task's schedule-to-start timeout on a decider's own list; ref: its scheduled event.
   */
  DECISION_SCHEDULE_TO_START(2),
  /** Activity timeouts; ref: the ActivityTaskScheduled event. */
  ACTIVITY_SCHEDULE_TO_START(3),
  ACTIVITY_SCHEDULE_TO_CLOSE(4),
  ACTIVITY_START_TO_CLOSE(5),
  ACTIVITY_HEARTBEAT(6),
  /** A timer's firing; ref: its TimerStarted event. */
  TIMER(7),
  /** The run's start-to-close timeout; ref 0. */
  EXECUTION(8),
  /** The end of a closed run's retention period; ref 0. */
  RETENTION(9);

  /** The value in the store (never renumber). */
  final int stored;

  DeadlineKind(int stored) {
    this.stored = stored;
  }

  static DeadlineKind of(int stored) {
    for (DeadlineKind k : values()) {
      if (k.stored == stored) {
        return k;
      }
    }
    throw new IllegalStateException("unknown deadline kind " + stored + " in the store");
  }

  /** The four deadlines of an activity task. */
  static final DeadlineKind[] ACTIVITY = {
    ACTIVITY_SCHEDULE_TO_START,
    ACTIVITY_SCHEDULE_TO_CLOSE,
    ACTIVITY_START_TO_CLOSE,
    ACTIVITY_HEARTBEAT
  };
}
