package dev.flow.sample.sticky;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.FlowClient;
import dev.flow.Worker;
import dev.flow.sample.FlowManifest;
import dev.flow.sample.MediaDispatcher;
import dev.flow.sample.MediaImpl;
import dev.flow.sample.SampleInputs;
import dev.flow.sample.TranscodeWorkflowClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * A worker that kept an execution parked closes (a restart): the engine sees its sticky task list
 * deserted (the worker's long polls on it ended as it closed, and none came since), so the
 * execution's next decision task goes to its own task list at once, not after the sticky
 * schedule-to-start timeout (5 s), and another worker replays the history from the start.
 */
class StickyFallbackTest {
  @TempDir Path work;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void workerClosed_nextDecisionGoesToTheOwnListAtOnce_andAnotherWorkerReplaysFromTheStart()
      throws Exception {
    String[] inputs = SampleInputs.write(work);
    try (FlowClient flow = FlowClient.connect("embedded:" + work.resolve("flow.db"), "fallback")) {
      Worker first =
          Worker.builder(flow).manifest(new FlowManifest()).stickyCacheSize(10).build().start();
      var handle =
          TranscodeWorkflowClient.create(flow).start(inputs[0], List.of("av1", "hevc", "webm"));
      WorkflowExecution run =
          WorkflowExecution.builder().workflowId(handle.workflowId()).runId(handle.runId()).build();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (types(flow, run).stream().noneMatch(t -> t == EventType.DECISION_TASK_COMPLETED)
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      String firstSticky = first.stickyTaskList();
      List<HistoryEvent> before = StickyEndToEndTest.history(flow, run.workflowId(), run.runId());
      HistoryEvent answered = before.get(indexOf(before, EventType.DECISION_TASK_COMPLETED, 0));
      assertThat(answered.decisionTaskCompletedEventAttributes().taskList().name())
          .as("the run is parked on the first worker, its next decision affine to it")
          .isEqualTo(firstSticky);
      first.close(); // its parked execution is unwound; its sticky list is polled no more

      try (Worker second =
          Worker.builder(flow)
              .manifest(new FlowManifest())
              .activities(new MediaDispatcher(new MediaImpl(work)))
              .stickyCacheSize(10)
              .build()
              .start()) {
        assertThat(handle.result().format()).isEqualTo("webm");
        List<HistoryEvent> events = StickyEndToEndTest.history(flow, run.workflowId(), run.runId());
        assertThat(events).noneMatch(e -> e.eventType() == EventType.DECISION_TASK_TIMED_OUT);
        // The decision task after the first worker's answer (for the activity the second worker
        // ran): on the run's own list, with no schedule-to-start timeout, started at once.
        int completed = indexOf(events, EventType.DECISION_TASK_COMPLETED, 0);
        int scheduled = indexOf(events, EventType.DECISION_TASK_SCHEDULED, completed);
        HistoryEvent next = events.get(scheduled);
        assertThat(next.decisionTaskScheduledEventAttributes().taskList().name())
            .isEqualTo("video");
        assertThat(next.decisionTaskScheduledEventAttributes().scheduleToStartTimeout()).isNull();
        HistoryEvent started =
            events.get(indexOf(events, EventType.DECISION_TASK_STARTED, scheduled));
        assertThat(started.decisionTaskStartedEventAttributes().scheduledEventId())
            .isEqualTo(next.eventId());
        assertThat(Duration.between(next.eventTimestamp(), started.eventTimestamp()))
            .isLessThan(Duration.ofSeconds(5));
        assertThat(events)
            .noneMatch(
                e ->
                    e.eventType() == EventType.DECISION_TASK_SCHEDULED
                        && e.eventId() > next.eventId()
                        && e.decisionTaskScheduledEventAttributes()
                            .taskList()
                            .name()
                            .equals(firstSticky));
        // The second worker replayed the run and keeps it now.
        assertThat(events)
            .anySatisfy(
                e ->
                    assertThat(
                            e.eventType() == EventType.DECISION_TASK_SCHEDULED
                                && e.decisionTaskScheduledEventAttributes()
                                    .taskList()
                                    .name()
                                    .equals(second.stickyTaskList()))
                        .isTrue());
      }
    }
  }

  /** The index of the first event of {@code type} at or after {@code from}. */
  private static int indexOf(List<HistoryEvent> events, EventType type, int from) {
    for (int i = from; i < events.size(); i++) {
      if (events.get(i).eventType() == type) {
        return i;
      }
    }
    throw new AssertionError("no " + type + " from index " + from + " in " + events);
  }

  private static List<EventType> types(FlowClient flow, WorkflowExecution run) {
    return StickyEndToEndTest.history(flow, run.workflowId(), run.runId()).stream()
        .map(HistoryEvent::eventType)
        .toList();
  }
}
