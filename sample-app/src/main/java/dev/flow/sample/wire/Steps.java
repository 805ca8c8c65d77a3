package dev.flow.sample.wire;

import dev.flow.annotations.Activity;

/** One step of a {@link Chain}. A short start-to-close timeout: a lost result is retried soon. */
@Activity(version = "1.0", taskList = "wire-steps", startToCloseTimeoutSeconds = 5)
public interface Steps {
  /** Returns {@code name#n}, after a short pause (env FLOW_WIRE_STEP_MILLIS, default 20 ms). */
  String step(String name, int n);
}
