package dev.flow.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flow.FlowClient;
import dev.flow.Worker;
import dev.flow.engine.LocalEngine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * The OpenTelemetry API is optional: run by the {@code without-optional-dependencies} Surefire
 * execution, with no OpenTelemetry jar on the class path, a client and a worker work as ever, and
 * record nothing of tracing in the history.
 */
class WorkerWithoutOpenTelemetryTest {
  @TempDir Path workDir;

  @Test
  void aClientAndAWorker_runWithoutOpenTelemetry_andRecordNoTrace() throws Exception {
    assertThatThrownBy(() -> Class.forName("io.opentelemetry.api.OpenTelemetry"))
        .isInstanceOf(ClassNotFoundException.class);
    SampleMain.Inputs inputs = SampleMain.Inputs.write(workDir);
    try (LocalEngine engine = LocalEngine.inMemory();
        FlowClient flow =
            FlowClient.builder().swf(engine.client()).domain("no-opentelemetry").build();
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
    }
  }
}
