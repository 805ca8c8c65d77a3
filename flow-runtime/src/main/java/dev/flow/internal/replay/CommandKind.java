package dev.flow.internal.replay;

/**
 * The commands workflow code issues, each matched against the history by kind, then type and id
 * (and input where {@link #comparesInput}: its encoding is canonical).
 */
enum CommandKind {
  ACTIVITY("ScheduleActivityTask", true),
  TIMER("StartTimer", false),
  CHILD("StartChildWorkflowExecution", true),
  MARKER("RecordMarker", false),
  SIGNAL_EXTERNAL("SignalExternalWorkflowExecution", true),
  CANCEL_EXTERNAL("RequestCancelExternalWorkflowExecution", false),
  CANCEL_ACTIVITY("RequestCancelActivityTask", false),
  CANCEL_TIMER("CancelTimer", false);

  /** The SWF decision type. */
  final String decision;

  final boolean comparesInput;

  CommandKind(String decision, boolean comparesInput) {
    this.decision = decision;
    this.comparesInput = comparesInput;
  }
}
