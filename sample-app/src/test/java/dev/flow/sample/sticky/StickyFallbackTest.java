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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.swf.model.DecisionTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * A worker that kept an execution parked goes away (a restart): its sticky task list is not polled,
 * the engine moves the decision task back to the execution's own task list after the sticky
 * schedule-to-start timeout (5 s), and another worker replays the history from the start.
 */
class StickyFallbackTest {
  @TempDir Path work;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void workerGone_stickyTaskTimesOut_andAnotherWorkerReplaysFromTheStart() throws Exception {
    String[] inputs = SampleInputs.write(work);
    try (FlowClient flow = FlowClient.connect("embedded:" + work.resolve("flow.db"), "fallback")) {
      Worker first = Worker.builder(flow).manifest(new FlowManifest()).build().start();
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
      first.close(); // its parked execution is unwound; its sticky list is polled no more

      try (Worker second =
          Worker.builder(flow)
              .manifest(new FlowManifest())
              .activities(new MediaDispatcher(new MediaImpl(work)))
              .build()
              .start()) {
        assertThat(handle.result().format()).isEqualTo("webm");
        List<HistoryEvent> events = StickyEndToEndTest.history(flow, run.workflowId(), run.runId());
        HistoryEvent timedOut =
            events.stream()
                .filter(e -> e.eventType() == EventType.DECISION_TASK_TIMED_OUT)
                .findFirst()
                .orElseThrow();
        assertThat(timedOut.decisionTaskTimedOutEventAttributes().timeoutType())
            .isEqualTo(DecisionTaskTimeoutType.SCHEDULE_TO_START);
        HistoryEvent before =
            events.get(
                (int) (long) timedOut.decisionTaskTimedOutEventAttributes().scheduledEventId() - 1);
        assertThat(before.decisionTaskScheduledEventAttributes().taskList().name())
            .isEqualTo(firstSticky);
        HistoryEvent after = events.get(timedOut.eventId().intValue());
        assertThat(after.eventType()).isEqualTo(EventType.DECISION_TASK_SCHEDULED);
        assertThat(after.decisionTaskScheduledEventAttributes().taskList().name())
            .isEqualTo("video");
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

  private static List<EventType> types(FlowClient flow, WorkflowExecution run) {
    return StickyEndToEndTest.history(flow, run.workflowId(), run.runId()).stream()
        .map(HistoryEvent::eventType)
        .toList();
  }
}
