package dev.flow.internal.replay;

import java.time.Instant;

/**
 * The horizon of one replay: the decision step of the history the code sees (it sees the events
 * before that step's {@code DecisionTaskStarted}), and how far that step's events are delivered. It
 * moves one step at a time, when the code waits for what the history has not delivered yet; {@link
 * Execution} delivers the events ({@link EventRouter}).
 */
final class Horizon {
  private History history;

  /** The index in {@link History#steps} of the step the code sees. */
  private int step;

  /** The index of the next event to deliver; events before it are delivered. */
  private int delivered;

  /** Deliver events up to (excluding) this index: the horizon's DecisionTaskStarted. */
  private int end;

  Horizon(History history) {
    this.history = history;
    this.end = history.step(0);
  }

  History history() {
    return history;
  }

  /** Whether events of the horizon's step are left to deliver. */
  boolean pending() {
    return delivered < end;
  }

  /** The index of the next event to deliver, now counted as delivered. */
  int next() {
    return delivered++;
  }

  /** Whether the horizon is at the history's last step (the current decision task). */
  boolean atLastStep() {
    return step + 1 >= history.stepCount();
  }

  /**
   * Moves to the next step, whose events are then pending; unless the code, having issued {@code
   * issued} commands, did not issue every command recorded before it: then it does not move, and
   * says which command is missing.
   */
  String nextStep(int issued) {
    step++;
    if (issued < history.recordedBefore(step)) {
      return "recorded decision #"
          + (issued + 1)
          + " "
          + history.recorded.get(issued)
          + " was not issued: the workflow code blocked at step "
          + step
          + " ("
          + describeStep(step - 1)
          + ") after issuing "
          + issued
          + " commands, and the history goes on to step "
          + (step + 1)
          + " ("
          + describeStep(step)
          + ")";
    }
    end = history.step(step);
    return null;
  }

  /**
   * Whether the code runs behind the live end of the history: what it does now was done before, at
   * an earlier decision task.
   */
  boolean isReplaying() {
    return step < history.stepCount() - 1;
  }

  /** The step the code sees, counted from 1. */
  int stepNumber() {
    return step + 1;
  }

  /** {@code step N (DecisionTaskStarted event E)}, the step the code sees, for messages. */
  String where() {
    return "step " + (step + 1) + " (" + describeStep(step) + ")";
  }

  private String describeStep(int s) {
    return "DecisionTaskStarted event " + history.event(history.step(s)).eventId();
  }

  /** The time of the horizon's DecisionTaskStarted: the code's now. */
  Instant now() {
    return history.event(history.step(step)).eventTimestamp();
  }

  /** The index in the history's events of the horizon's DecisionTaskStarted. */
  int startedIndex() {
    return history.step(step);
  }

  /** The id of the horizon's DecisionTaskStarted event: the history's length as of the code. */
  long historyLength() {
    return history.event(history.step(step)).eventId();
  }

  /** The id of the current decision task's {@code DecisionTaskStarted} event. */
  long startedEventId() {
    return history.event(history.step(history.stepCount() - 1)).eventId();
  }

  /**
   * Whether {@code longer} is this history continued by more events and steps, step for step (as it
   * is without comparing them when it shares this history's steps, {@link History#extend}).
   */
  boolean continuedBy(History longer) {
    int n = history.stepCount();
    if (longer.size() <= history.size() || longer.stepCount() <= n) {
      return false;
    }
    if (longer.sharesStepsWith(history)) {
      return true;
    }
    for (int i = 0; i < n; i++) {
      if (longer.step(i) != history.step(i)) {
        return false;
      }
    }
    return true;
  }

  /** Goes on with {@code longer} ({@link #continuedBy} it), from where this history ended. */
  void extend(History longer) {
    history = longer;
  }
}
