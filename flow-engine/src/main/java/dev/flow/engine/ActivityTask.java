package dev.flow.engine;

/**
 * One open activity task (a row of {@code activities}, read and written by {@link ActivityTable}).
 */
final class ActivityTask {
  /** Where an open activity task is; stored in {@code activities.state} as {@link #stored}. */
  enum State {
    SCHEDULED(0),
    STARTED(1);

    /** The value in the store (never renumber). */
    final int stored;

    State(int stored) {
      this.stored = stored;
    }

    static State of(int stored) {
      return stored == STARTED.stored ? STARTED : SCHEDULED;
    }
  }

  String runId;
  long scheduledId;
  String activityId;
  String domain;
  String typeName;
  String typeVersion;
  String taskList;
  int priority;
  String input;
  State state = State.SCHEDULED;
  long startedId;
  String scheduleToStart;
  String scheduleToClose;
  String startToClose;
  String heartbeat;
  String heartbeatDetails;
  long cancelRequestedId;
}
