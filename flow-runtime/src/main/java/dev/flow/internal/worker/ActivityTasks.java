package dev.flow.internal.worker;

import dev.flow.FlowException;
import dev.flow.internal.Failures;
import dev.flow.internal.SwfLimits;
import dev.flow.internal.tracing.Traced;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskRequest;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.TaskList;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * Activity tasks of one task list: decodes the input, dispatches to the implementation and reports
 * the result or the failure (unless the activity asked to complete it later). Whatever goes wrong
 * fails that one task, never the worker. Answers refused transiently (throttling, 5xx, network) are
 * retried a few times with backoff; an answer that still fails is logged, and the task times out.
 */
final class ActivityTasks implements PollLoop.TaskSource<PollForActivityTaskResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(ActivityTasks.class);

  private final TaskServices services;
  private final Map<TypeKey, HostedActivity> activities;
  private final ScheduledExecutorService heartbeats;
  private final PollForActivityTaskRequest poll;

  /**
   * @param heartbeats where the tasks' contexts send the heartbeats they held back (throttled)
   */
  ActivityTasks(
      TaskServices services,
      Map<TypeKey, HostedActivity> activities,
      String taskList,
      ScheduledExecutorService heartbeats) {
    this.services = services;
    this.activities = activities;
    this.heartbeats = heartbeats;
    this.poll =
        PollForActivityTaskRequest.builder()
            .domain(services.domain())
            .taskList(TaskList.builder().name(taskList).build())
            .identity(services.identity())
            .build();
  }

  @Override
  public PollForActivityTaskResponse poll() {
    PollForActivityTaskResponse task = services.swf().pollForActivityTask(poll);
    return task == null || task.taskToken() == null || task.taskToken().isEmpty() ? null : task;
  }

  @Override
  public void handle(PollForActivityTaskResponse task) {
    long start = System.nanoTime();
    String taskList = poll.taskList().name();
    try (Mdc mdc = Mdc.activityTask(task, taskList)) {
      Traced span =
          services
              .tracing()
              .activityTask(task, taskList, ActivityTaskContext.attempt(task.activityId()));
      String outcome = "failed";
      try (Traced.Scope scope = span.makeCurrent()) {
        outcome = run(task, span);
      } finally {
        span.attribute("flow.outcome", outcome);
        span.end();
      }
      services.metrics().activity(task.activityType().name(), outcome, System.nanoTime() - start);
    }
  }

  /**
   * Runs the task and answers, recording a failure on {@code span}; says how it ended: completed,
   * failed, canceled or left open.
   */
  private String run(PollForActivityTaskResponse task, Traced span) {
    TypeKey type = new TypeKey(task.activityType().name(), task.activityType().version());
    String what = "activity " + type + " (id " + task.activityId() + ")";
    HostedActivity hosted = activities.get(type);
    if (hosted == null) {
      fail(
          task,
          span,
          new FlowException(
              "no implementation of activity type "
                  + type
                  + " on worker "
                  + services.identity()
                  + " (it hosts "
                  + activities.keySet()
                  + "): deploy a worker hosting it on task list "
                  + poll.taskList().name()));
      return "failed";
    }
    Object[] arguments;
    try {
      arguments =
          services
              .converter()
              .fromArguments(task.input(), hosted.spec().parameterTypes().toArray(new Type[0]));
    } catch (RuntimeException e) {
      fail(
          task,
          span,
          new FlowException("cannot decode the input of " + what + ": " + e.getMessage(), e));
      return "failed";
    }
    ActivityTaskContext context =
        new ActivityTaskContext(services, heartbeats, hosted.spec(), task);
    Object result = null;
    Throwable failure = null;
    CurrentActivity.set(context);
    try {
      result = hosted.dispatcher().dispatch(type.name(), arguments);
    } catch (Throwable e) {
      failure = unwrap(e);
    } finally {
      CurrentActivity.clear();
    }
    if (failure != null || context.completesOnReturn()) {
      context.finish(); // else a context the activity kept may still heartbeat the open task
    }
    // The SDK refuses calls from an interrupted thread; the poller thread's interrupts belong to
    // the worker (close() stops it through its running flag), so an activity's is dropped here.
    Thread.interrupted();
    if (failure instanceof CancellationException && context.isCancelRequested()) {
      canceled(task, failure);
      return "canceled";
    } else if (failure != null) {
      fail(task, span, failure);
      return "failed";
    } else if (context.completesOnReturn()) {
      return complete(task, span, what, result) ? "completed" : "failed";
    } else {
      LOG.debug("{} returned; its task is left open to be completed by its token", what);
      return "left-open";
    }
  }

  /** Reports the result; false when it could not be encoded and the task was failed instead. */
  private boolean complete(
      PollForActivityTaskResponse task, Traced span, String what, Object result) {
    String data;
    try {
      data = services.converter().toData(result);
    } catch (RuntimeException e) {
      fail(
          task,
          span,
          new FlowException("cannot encode the result of " + what + ": " + e.getMessage(), e));
      return false;
    }
    if (data != null && data.length() > SwfLimits.MAX_DATA) {
      fail(
          task,
          span,
          new FlowException(
              "the result of "
                  + what
                  + " is "
                  + data.length()
                  + " characters once encoded; SWF carries at most "
                  + SwfLimits.MAX_DATA
                  + ": return a reference (a URL, a key) instead of the data, or store large"
                  + " payloads in a blob store (FlowClient.builder().blobStore(...))"));
      return false;
    }
    try {
      services.call(
          () ->
              services
                  .swf()
                  .respondActivityTaskCompleted(r -> r.taskToken(task.taskToken()).result(data)));
    } catch (UnknownResourceException e) {
      LOG.warn(
          "{} completed, but its task was no longer open (timed out or canceled): {}",
          what,
          e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("cannot report the completion of " + what, e);
    }
    return true;
  }

  private void fail(PollForActivityTaskResponse task, Traced span, Throwable failure) {
    span.failed(failure);
    String what = "activity " + task.activityType().name() + " (id " + task.activityId() + ")";
    WorkflowExecution run = task.workflowExecution();
    LOG.info(
        "{} of workflow {} (run {}) failed: {}",
        what,
        run == null ? "?" : run.workflowId(),
        run == null ? "?" : run.runId(),
        String.valueOf(failure));
    try {
      String reason = Failures.reason(failure);
      String details = Failures.details(failure);
      services.call(
          () ->
              services
                  .swf()
                  .respondActivityTaskFailed(
                      r -> r.taskToken(task.taskToken()).reason(reason).details(details)));
    } catch (UnknownResourceException e) {
      LOG.warn(
          "{} failed, but its task was no longer open (timed out or canceled): {}",
          what,
          e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("cannot report the failure of " + what, e);
    }
  }

  private void canceled(PollForActivityTaskResponse task, Throwable cancellation) {
    try {
      String details = Failures.details(cancellation);
      services.call(
          () ->
              services
                  .swf()
                  .respondActivityTaskCanceled(
                      r -> r.taskToken(task.taskToken()).details(details)));
    } catch (RuntimeException e) {
      LOG.warn("cannot report the cancellation of activity " + task.activityId(), e);
    }
  }

  /** The exception a reflective or proxy wrapper carries. */
  static Throwable unwrap(Throwable e) {
    Throwable t = e;
    for (int i = 0; i < 10; i++) {
      Throwable cause = null;
      if (t instanceof InvocationTargetException ite) {
        cause = ite.getTargetException();
      } else if (t instanceof UndeclaredThrowableException ute) {
        cause = ute.getUndeclaredThrowable();
      }
      if (cause == null) {
        return t;
      }
      t = cause;
    }
    return t;
  }
}
