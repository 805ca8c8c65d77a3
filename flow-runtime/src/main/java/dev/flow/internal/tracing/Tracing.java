package dev.flow.internal.tracing;

import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * What Flow traces, in Flow's terms. The client and the workers call only these methods; the one
 * implementation that makes spans ({@code OtelTracing}) is loaded only when {@code
 * FlowClient.Builder.openTelemetry} or {@code Worker.Builder.openTelemetry} gave an {@code
 * OpenTelemetry}, so Flow runs without OpenTelemetry on its class path with {@link #NONE}. Public
 * only for {@code dev.flow.FlowClient}, {@code dev.flow.Worker} and the internal packages.
 */
public interface Tracing {
  /** Traces nothing, adds nothing to starts or answers, and calls SWF for nothing. */
  Tracing NONE = new Tracing() {};

  /**
   * The prefix of the tag a traced start adds (when the start has one of SWF's 5 tags free): {@code
   * flow.trace=<traceparent of the start's span>}, the parent of the run's span.
   */
  String START_TAG = "flow.trace=";

  /** The tracing of {@code openTelemetry}, an {@code io.opentelemetry.api.OpenTelemetry}. */
  static Tracing openTelemetry(Object openTelemetry) {
    return OtelTracing.create(openTelemetry);
  }

  /**
   * Starts the span of a client's StartWorkflowExecution ({@code StartWorkflow:<type>}), a child of
   * the caller's current span.
   */
  default Traced startWorkflow(
      String workflowType, String version, String workflowId, String taskList) {
    return Traced.NONE;
  }

  /**
   * Starts the span of a client's SignalWorkflowExecution ({@code SignalWorkflow:<type>}), a child
   * of the caller's current span, linked to the run's span when its trace is recorded (read with
   * {@code DescribeWorkflowExecution} on {@code swf} unless known here).
   */
  default Traced signalWorkflow(
      SwfClient swf, String domain, String workflowType, WorkflowExecution run, String signal) {
    return Traced.NONE;
  }

  /**
   * The tracing of one worker's tasks; it looks up what the events in hand do not say with {@code
   * DescribeWorkflowExecution} on {@code swf}.
   */
  default WorkerTracing worker(SwfClient swf, String domain) {
    return WorkerTracing.NONE;
  }
}
