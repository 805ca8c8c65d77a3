/**
 * Tracing of workflow runs, decision tasks, activity attempts and client calls, behind {@link
 * dev.flow.internal.tracing.Tracing}. Its one implementation that makes spans, {@code OtelTracing},
 * is the only class of the runtime touching OpenTelemetry; it is loaded only when an {@code
 * OpenTelemetry} was given, so Flow runs without {@code opentelemetry-api} on the class path with
 * {@link dev.flow.internal.tracing.Tracing#NONE}.
 *
 * <p>How a run's spans find their parent (docs/history-format.md, "Tracing", says it for readers of
 * histories): the worker that takes a run's first decision task while tracing starts the run's span
 * and keeps it until it answers the decision that closes the run; every answer of a tracing worker
 * carries the run span's W3C {@code traceparent} in its {@code executionContext}, which SWF records
 * in the {@code DecisionTaskCompleted} event (later decision tasks read it from the events they are
 * given) and shows as {@code DescribeWorkflowExecution}'s {@code latestExecutionContext} (activity
 * workers, child runs and signals read it there, once per run and worker, cached). Replay never
 * reads it.
 */
package dev.flow.internal.tracing;
