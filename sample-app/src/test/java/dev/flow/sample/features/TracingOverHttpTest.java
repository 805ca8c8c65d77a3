package dev.flow.sample.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.FlowClient;
import dev.flow.Worker;
import dev.flow.engine.LocalEngine;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Tracing through the AWS SDK's SWF client, to the engine served over HTTP: the executionContext,
 * the start's tag and DescribeWorkflowExecution's latestExecutionContext cross the SWF JSON
 * protocol as they do in process (run once; the sticky variants of the end-to-end suites run {@link
 * TracingEndToEndTest}).
 */
class TracingOverHttpTest {
  @Test
  void throughTheAwsSdk_toAServedEngine_theRunsSpansJoinTheSameWay() throws Exception {
    try (Traces traces = new Traces();
        LocalEngine served = LocalEngine.inMemory();
        LocalEngine.Server server =
            served.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        FlowClient workers = overHttp(server, traces);
        FlowClient activities = overHttp(server, traces);
        FlowClient starts = overHttp(server, traces);
        Worker decider =
            Worker.builder(workers)
                .workflow(GreeterDefinition.of(GreeterImpl::new))
                .shutdownGracePeriod(Duration.ofSeconds(1))
                .build()
                .start();
        Worker steps =
            Worker.builder(activities)
                .activities(new StepsDispatcher(new StepsImpl()))
                .shutdownGracePeriod(Duration.ofSeconds(1))
                .build()
                .start()) {
      GreeterWorkflowClient.Handle run = GreeterWorkflowClient.create(starts).start("sdk", false);
      assertThat(run.result()).isEqualTo("hello sdk");
      int decided = Traces.decisionTasksStarted(run.untyped().history()).size();
      traces.awaitSpans(run.runId(), decided, 1);

      SpanData start = traces.of("StartWorkflow:Greeter", run.workflowId());
      SpanData runSpan = traces.runSpan("Greeter", run.runId());
      assertThat(runSpan.getParentSpanId()).isEqualTo(start.getSpanId());
      assertThat(traces.spans("DecisionTask:Greeter", run.runId()))
          .hasSize(decided)
          .allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(runSpan.getSpanId()));
      assertThat(traces.spans("RunActivity:Steps.echo", run.runId()))
          .singleElement()
          .satisfies(s -> assertThat(s.getParentSpanId()).isEqualTo(runSpan.getSpanId()));
      traces.assertNoDanglingParent(runSpan.getTraceId());
    } finally {
      StepsImpl.reset();
    }
  }

  /** A FlowClient of its own over HTTP (the AWS SDK's SWF client), tracing with {@code traces}. */
  static FlowClient overHttp(LocalEngine.Server server, Traces traces) {
    return FlowClient.builder()
        .engine(server.endpoint().toString())
        .domain("tracing-http")
        .openTelemetry(traces.otel)
        .build();
  }
}
