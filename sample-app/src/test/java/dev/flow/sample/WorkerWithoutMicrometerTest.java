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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Micrometer is optional: run by the {@code without-micrometer} Surefire execution, with no
 * Micrometer jar on the class path, a worker and a served engine work as ever.
 */
class WorkerWithoutMicrometerTest {
  @TempDir Path workDir;

  @Test
  void aWorkerAndAServedEngine_runWithoutMicrometer() throws Exception {
    assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry"))
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
      VideoResult result =
          ProcessVideoWorkflowClient.create(flow).execute(inputs.video(), inputs.subtitles());
      assertThat(result.thumbnails()).hasSize(3);

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
