package dev.flow.engine;

import java.util.function.Consumer;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.RecordActivityTaskHeartbeatRequest;
import software.amazon.awssdk.services.swf.model.RecordActivityTaskHeartbeatResponse;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskCanceledRequest;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskCompletedRequest;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskFailedRequest;

/**
 * What an activity worker does with a started task: RespondActivityTaskCompleted, -Failed,
 * -Canceled and RecordActivityTaskHeartbeat, each by the task's token.
 */
final class ActivityWorkerRequests {
  private final Engine engine;

  ActivityWorkerRequests(Engine engine) {
    this.engine = engine;
  }

  void respondActivityTaskCompleted(RespondActivityTaskCompletedRequest r) {
    Check.data(r.result(), "result");
    close(
        r.taskToken(),
        EventType.ACTIVITY_TASK_COMPLETED,
        "completed",
        (a, b) ->
            b.activityTaskCompletedEventAttributes(
                x ->
                    x.result(r.result())
                        .scheduledEventId(a.scheduledId)
                        .startedEventId(a.startedId)));
  }

  void respondActivityTaskFailed(RespondActivityTaskFailedRequest r) {
    Check.reason(r.reason(), "reason");
    Check.data(r.details(), "details");
    close(
        r.taskToken(),
        EventType.ACTIVITY_TASK_FAILED,
        "failed",
        (a, b) ->
            b.activityTaskFailedEventAttributes(
                x ->
                    x.reason(r.reason())
                        .details(r.details())
                        .scheduledEventId(a.scheduledId)
                        .startedEventId(a.startedId)));
  }

  void respondActivityTaskCanceled(RespondActivityTaskCanceledRequest r) {
    Check.data(r.details(), "details");
    close(
        r.taskToken(),
        EventType.ACTIVITY_TASK_CANCELED,
        "canceled",
        (a, b) ->
            b.activityTaskCanceledEventAttributes(
                x ->
                    x.details(r.details())
                        .scheduledEventId(a.scheduledId)
                        .startedEventId(a.startedId)
                        .latestCancelRequestedEventId(
                            a.cancelRequestedId == 0 ? null : a.cancelRequestedId)));
  }

  /** The attributes of the event that closes a task. */
  private interface Outcome {
    void attributes(ActivityTask task, HistoryEvent.Builder event);
  }

  /** Records the started task's outcome, closes it and tells the decider. */
  private void close(String token, EventType type, String metric, Outcome outcome) {
    engine.tx(
        tx -> {
          ActivityTask a = startedTask(tx, token);
          Run run = tx.run(a.runId);
          Consumer<HistoryEvent.Builder> attributes = b -> outcome.attributes(a, b);
          engine.events.append(tx, run, type, attributes);
          engine.runs.closeActivity(tx, run, a);
          tx.afterCommit(() -> engine.metrics.taskClosed("activity", a.taskList, metric));
          engine.decisionTasks.activityClosed(tx, run);
          return null;
        });
  }

  RecordActivityTaskHeartbeatResponse recordActivityTaskHeartbeat(
      RecordActivityTaskHeartbeatRequest r) {
    Check.length(r.details(), 0, 2048, "details");
    return engine.tx(
        tx -> {
          ActivityTask a = startedTask(tx, r.taskToken());
          a.heartbeatDetails = r.details();
          tx.activities().save(a);
          long hb = Check.seconds(a.heartbeat, true, "heartbeatTimeout");
          if (hb != Check.NONE) {
            engine.deadlines.arm(tx, a.runId, DeadlineKind.ACTIVITY_HEARTBEAT, a.scheduledId, hb);
          }
          return RecordActivityTaskHeartbeatResponse.builder()
              .cancelRequested(a.cancelRequestedId != 0)
              .build();
        });
  }

  /** The started activity task the token names, or UnknownResourceFault. */
  private ActivityTask startedTask(Tx tx, String token) {
    Check.required(token, "taskToken");
    String[] t = engine.tokens.decode(token, "a", 4);
    ActivityTask a = t == null ? null : tx.activities().byScheduledId(t[1], Tokens.number(t[2]));
    if (a == null || a.state != ActivityTask.State.STARTED || a.startedId != Tokens.number(t[3])) {
      throw SwfFaults.unknownResource(
          "Unknown activity task token: the task was already completed, failed, canceled or timed"
              + " out, or its execution is closed");
    }
    return a;
  }
}
