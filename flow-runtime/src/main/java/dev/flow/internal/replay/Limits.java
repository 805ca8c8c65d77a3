package dev.flow.internal.replay;

import dev.flow.internal.SwfLimits;

/**
 * The decider's limits, from system properties read once per decision task.
 *
 * @param maxDecisionsPerTask new decisions one answer carries at most ({@code
 *     flow.decider.maxDecisionsPerTask}, default 100); beyond it, the first {@code max - 1} go out
 *     with a zero-second timer whose firing brings the next task, which sends the rest
 * @param maxOpenActivities open activity tasks at most ({@code flow.decider.maxOpenActivities},
 *     default 1,000, SWF's own limit); activities beyond it wait, and the decisions after them,
 *     until others close
 * @param continueAsNewSuggestedEvents history length from which {@code
 *     Workflow.isContinueAsNewSuggested()} says yes ({@code flow.continueAsNewSuggestedEvents},
 *     default 10,000)
 */
record Limits(int maxDecisionsPerTask, int maxOpenActivities, long continueAsNewSuggestedEvents) {
  static final Limits DEFAULT = new Limits(100, SwfLimits.MAX_OPEN_ACTIVITIES, 10_000);

  Limits {
    if (maxDecisionsPerTask < 2) {
      throw new IllegalArgumentException(
          "flow.decider.maxDecisionsPerTask must be 2 or more, not " + maxDecisionsPerTask);
    }
    if (maxOpenActivities < 1) {
      throw new IllegalArgumentException(
          "flow.decider.maxOpenActivities must be 1 or more, not " + maxOpenActivities);
    }
  }

  static Limits fromSystemProperties() {
    return new Limits(
        Integer.getInteger("flow.decider.maxDecisionsPerTask", DEFAULT.maxDecisionsPerTask),
        Integer.getInteger("flow.decider.maxOpenActivities", DEFAULT.maxOpenActivities),
        Long.getLong("flow.continueAsNewSuggestedEvents", DEFAULT.continueAsNewSuggestedEvents));
  }
}
