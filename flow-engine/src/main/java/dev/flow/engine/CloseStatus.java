package dev.flow.engine;

/** How a run closed, as SWF names it; stored in {@code executions.close_status} by name. */
enum CloseStatus {
  COMPLETED,
  FAILED,
  CANCELED,
  TERMINATED,
  TIMED_OUT,
  CONTINUED_AS_NEW;

  /** The status stored (null for an open run). */
  static CloseStatus of(String stored) {
    return stored == null ? null : valueOf(stored);
  }
}
