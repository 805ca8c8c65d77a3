package dev.flow.internal.worker;

import dev.flow.ActivityContext;
import dev.flow.internal.worker.WorkerHost.Settings;
import dev.flow.spi.ActivitySpec;
import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.RecordActivityTaskHeartbeatResponse;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;

/**
 * The context of one running activity task. Heartbeats are throttled: one is sent at once when the
 * interval since the last has passed, otherwise the latest details are sent when it has.
 */
final class ActivityTaskContext implements ActivityContext {
  private static final System.Logger LOG = System.getLogger(ActivityTaskContext.class.getName());

  /** SWF's limit on heartbeat details. */
  static final int MAX_DETAILS = 2_048;

  static final long MAX_INTERVAL_MILLIS = 5_000;

  private final Settings settings;
  private final PollForActivityTaskResponse task;
  private final ScheduledExecutorService scheduler;
  private final long intervalNanos;

  // guarded by this
  private boolean finished;
  private boolean sentOnce;
  private long lastSent;
  private boolean flushScheduled;
  private boolean hasPending;
  private String pending;

  private volatile boolean cancelRequested;

  ActivityTaskContext(
      WorkerHost host, Settings settings, ActivitySpec spec, PollForActivityTaskResponse task) {
    this.settings = settings;
    this.task = task;
    this.scheduler = host.heartbeats();
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(interval(spec.heartbeatTimeoutSeconds()));
  }

  /** Half the heartbeat timeout, at most 5 s. */
  static long interval(long heartbeatTimeoutSeconds) {
    if (heartbeatTimeoutSeconds <= 0) {
      return MAX_INTERVAL_MILLIS;
    }
    return Math.min(MAX_INTERVAL_MILLIS, heartbeatTimeoutSeconds * 1000 / 2);
  }

  @Override
  public String taskToken() {
    return task.taskToken();
  }

  @Override
  public String activityId() {
    return task.activityId();
  }

  @Override
  public String activityType() {
    return task.activityType().name();
  }

  @Override
  public String activityVersion() {
    return task.activityType().version();
  }

  @Override
  public String workflowId() {
    return task.workflowExecution().workflowId();
  }

  @Override
  public String runId() {
    return task.workflowExecution().runId();
  }

  @Override
  public boolean isCancelRequested() {
    return cancelRequested;
  }

  @Override
  public void heartbeat(Object details) {
    String encoded = encode(details);
    long wait;
    synchronized (this) {
      if (finished) {
        return;
      }
      pending = encoded;
      hasPending = true;
      if (flushScheduled) {
        return; // the scheduled flush sends these latest details
      }
      wait = sentOnce ? lastSent + intervalNanos - System.nanoTime() : 0;
      if (wait > 0) {
        flushScheduled = true;
      }
    }
    if (wait <= 0) {
      flush();
      return;
    }
    try {
      scheduler.schedule(this::flushScheduled, wait, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        flushScheduled = false;
      }
      flush(); // the worker is closing: send now rather than never
    }
  }

  private void flushScheduled() {
    synchronized (this) {
      flushScheduled = false;
    }
    flush();
  }

  private void flush() {
    String details;
    synchronized (this) {
      if (finished || !hasPending) {
        return;
      }
      details = pending;
      hasPending = false;
      pending = null;
      sentOnce = true;
      lastSent = System.nanoTime();
    }
    send(details);
  }

  private void send(String details) {
    try {
      RecordActivityTaskHeartbeatResponse response =
          settings
              .swf()
              .recordActivityTaskHeartbeat(r -> r.taskToken(task.taskToken()).details(details));
      if (Boolean.TRUE.equals(response.cancelRequested())) {
        cancelRequested = true;
      }
    } catch (UnknownResourceException e) {
      LOG.log(
          Level.DEBUG,
          "heartbeat of activity {0}: the task is no longer open (timed out or canceled)",
          task.activityId());
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "heartbeat of activity " + task.activityId() + " failed (the activity goes on): " + e);
    }
  }

  private String encode(Object details) {
    if (details == null) {
      return null;
    }
    String encoded;
    try {
      encoded = settings.converter().toData(details);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "heartbeat of activity "
              + task.activityId()
              + ": cannot encode its details, sending"
              + " none: "
              + e.getMessage());
      return null;
    }
    if (encoded != null && encoded.length() > MAX_DETAILS) {
      LOG.log(
          Level.WARNING,
          "heartbeat of activity {0}: details of {1} characters are over SWF''s {2}; sending none",
          task.activityId(),
          encoded.length(),
          MAX_DETAILS);
      return null;
    }
    return encoded;
  }

  /** The task ended: nothing more is sent. */
  synchronized void finish() {
    finished = true;
  }
}
