package dev.flow.sample.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * An OpenTelemetry SDK exporting every span to memory as it ends, and what the tracing tests ask of
 * those spans.
 */
final class Traces implements AutoCloseable {
  static final AttributeKey<String> WORKFLOW_ID = AttributeKey.stringKey("flow.workflowId");
  static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("flow.runId");

  final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  final OpenTelemetrySdk otel =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                  .build())
          .build();

  /** The spans of run {@code runId} whose name passes {@code name}. */
  List<SpanData> spans(Predicate<String> name, String runId) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> name.test(s.getName()) && runId.equals(s.getAttributes().get(RUN_ID)))
        .toList();
  }

  List<SpanData> spans(String name, String runId) {
    return spans(name::equals, runId);
  }

  /** The one RunWorkflow span of the run. */
  SpanData runSpan(String type, String runId) {
    List<SpanData> found = spans("RunWorkflow:" + type, runId);
    assertThat(found).as("RunWorkflow:%s of run %s", type, runId).hasSize(1);
    return found.get(0);
  }

  /** The one span named {@code name} that passes {@code which}. */
  SpanData one(String name, Predicate<SpanData> which) {
    List<SpanData> found =
        exporter.getFinishedSpanItems().stream()
            .filter(s -> s.getName().equals(name) && which.test(s))
            .toList();
    assertThat(found).as(name).hasSize(1);
    return found.get(0);
  }

  /** The one span named {@code name} of workflow id {@code workflowId}. */
  SpanData of(String name, String workflowId) {
    return one(name, s -> workflowId.equals(s.getAttributes().get(WORKFLOW_ID)));
  }

  /**
   * Waits for the spans of a run: its RunWorkflow, its DecisionTask spans and its RunActivity spans
   * (the workers end them just after their answers, which the client may see first).
   */
  void awaitSpans(String runId, int decisionTasks, int activityAttempts) {
    await(
        () ->
            spans(n -> n.startsWith("RunWorkflow:"), runId).size() == 1
                && spans(n -> n.startsWith("DecisionTask:"), runId).size() >= decisionTasks
                && spans(n -> n.startsWith("RunActivity:"), runId).size() >= activityAttempts,
        "the spans of run " + runId);
  }

  /** Every span of the trace whose parent is a span names one the trace has. */
  void assertNoDanglingParent(String traceId) {
    List<SpanData> trace =
        exporter.getFinishedSpanItems().stream()
            .filter(s -> s.getTraceId().equals(traceId))
            .toList();
    Set<String> ids = new HashSet<>();
    trace.forEach(s -> ids.add(s.getSpanId()));
    assertThat(trace)
        .allSatisfy(
            s -> {
              if (s.getParentSpanContext().isValid()) {
                assertThat(ids).as("the parent of %s", s.getName()).contains(s.getParentSpanId());
              }
            });
  }

  /** Waits up to 20 s for {@code condition}. */
  void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("waited 20 s for " + what + "; spans: " + exporter.getFinishedSpanItems());
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** The DecisionTaskStarted ids of the decision tasks answered (those a span is made for). */
  static List<Long> decisionTasksStarted(List<HistoryEvent> history) {
    return history.stream()
        .filter(e -> e.eventType() == EventType.DECISION_TASK_COMPLETED)
        .map(e -> e.decisionTaskCompletedEventAttributes().startedEventId())
        .toList();
  }

  @Override
  public void close() {
    otel.close();
  }
}
