package dev.flow.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flow.FlowClient;
import dev.flow.Worker;
import dev.flow.engine.LocalEngine;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * Micrometer and OpenTelemetry are optional: run by the {@code without-optional-dependencies}
 * Surefire execution, with neither on the class path, a client, a worker and a served engine work
 * as ever, and the history records nothing of tracing.
 */
class WorkerWithoutOptionalDependenciesTest {
  @TempDir Path workDir;

  @Test
  void aClientAWorkerAndAServedEngine_runWithoutMicrometerOrOpenTelemetry() throws Exception {
    assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("io.opentelemetry.api.OpenTelemetry"))
        .isInstanceOf(ClassNotFoundException.class);
    SampleMain.Inputs inputs = SampleMain.Inputs.write(workDir);
    try (LocalEngine engine = LocalEngine.open(workDir.resolve("flow.db"));
        LocalEngine.Server server =
            engine.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        FlowClient flow =
            FlowClient.builder().swf(engine.client()).domain("no-micrometer").build();
        Worker worker =
            Worker.builder(flow)
                .manifest(new FlowManifest())
                .activities(new MediaDispatcher(new MediaImpl(workDir)))
                .build()
                .start()) {
      ProcessVideoWorkflowClient.Handle run =
          ProcessVideoWorkflowClient.create(flow).start(inputs.video(), inputs.subtitles());
      assertThat(run.result().thumbnails()).hasSize(3);
      List<HistoryEvent> history = run.untyped().history();
      assertThat(history.get(0).workflowExecutionStartedEventAttributes().tagList()).isEmpty();
      assertThat(history)
          .filteredOn(e -> e.eventType() == EventType.DECISION_TASK_COMPLETED)
          .hasSizeGreaterThanOrEqualTo(2)
          .allSatisfy(
              e ->
                  assertThat(e.decisionTaskCompletedEventAttributes().executionContext()).isNull());

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(server.endpoint().resolve("/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"storeWritable\" : true");
      HttpResponse<String> metrics =
          http.send(
              HttpRequest.newBuilder(server.endpoint().resolve("/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(404);
      assertThat(metrics.body()).contains("metrics are off");
    }
  }
}
