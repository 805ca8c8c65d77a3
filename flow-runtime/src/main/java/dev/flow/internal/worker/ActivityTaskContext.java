package dev.flow.internal.worker;

import dev.flow.ActivityCanceledException;
import dev.flow.ActivityContext;
import dev.flow.FlowException;
import dev.flow.spi.ActivitySpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryRequest;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.RecordActivityTaskHeartbeatResponse;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;

/**
 * The context of one running activity task. Heartbeats are throttled: one is sent at once when the
 * interval since the last has passed (half the heartbeat timeout the task was scheduled with, read
 * from the history at the first heartbeat, at most 5 s), otherwise the latest details are sent when
 * it has. The previous attempt's heartbeat details are read from the history only when asked for:
 * most activities never ask, and the task itself does not carry them.
 */
final class ActivityTaskContext implements ActivityContext {
  private static final Logger LOG = LoggerFactory.getLogger(ActivityTaskContext.class);

  /** SWF's limit on heartbeat details. */
  static final int MAX_DETAILS = 2_048;

  static final long MAX_INTERVAL_MILLIS = 5_000;

  private final TaskServices services;
  private final PollForActivityTaskResponse task;
  private final ScheduledExecutorService scheduler;
  private volatile long intervalNanos;

  /**
   * Whether the heartbeat timeout the task was scheduled with was looked up (on first heartbeat).
   */
  private boolean intervalLearned;

  // guarded by this
  private boolean finished;
  private boolean sentOnce;
  private long lastSent;
  private boolean flushScheduled;
  private ScheduledFuture<?> scheduledFlush; // canceled when the task finishes
  private boolean hasPending;
  private String pending;

  private volatile boolean cancelRequested;
  private volatile boolean doNotCompleteOnReturn;

  // guarded by previousLock (not this: reading the history must not hold up heartbeats)
  private final Object previousLock = new Object();
  private boolean previousDetailsRead;
  private String previousDetails;

  /**
   * @param scheduler where heartbeats held back by the throttle are sent at the end of their
   *     interval
   */
  ActivityTaskContext(
      TaskServices services,
      ScheduledExecutorService scheduler,
      ActivitySpec spec,
      PollForActivityTaskResponse task) {
    this.services = services;
    this.task = task;
    this.scheduler = scheduler;
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
  public int attempt() {
    return attempt(task.activityId());
  }

  /** The attempt an activity id names: {@code n} for {@code name-seq@n}, else 1. */
  static int attempt(String activityId) {
    int at = activityId == null ? -1 : activityId.lastIndexOf('@');
    if (at < 0 || at == activityId.length() - 1 || activityId.length() - at > 10) {
      return 1;
    }
    for (int i = at + 1; i < activityId.length(); i++) {
      if (activityId.charAt(i) < '0' || activityId.charAt(i) > '9') {
        return 1;
      }
    }
    return Math.max(1, Integer.parseInt(activityId.substring(at + 1)));
  }

  /** The id of the attempt before {@code attempt} (at least 2) of {@code activityId}. */
  static String previousAttemptId(String activityId, int attempt) {
    String base = activityId.substring(0, activityId.lastIndexOf('@'));
    return attempt == 2 ? base : base + "@" + (attempt - 1);
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
  public void doNotCompleteOnReturn() {
    doNotCompleteOnReturn = true;
  }

  /** Whether the worker reports the outcome when the activity method returns. */
  boolean completesOnReturn() {
    return !doNotCompleteOnReturn;
  }

  @Override
  public <T> Optional<T> lastHeartbeatDetails(Class<T> type) {
    String details = previousDetails();
    if (details == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(type.cast(services.converter().fromData(details, type)));
    } catch (RuntimeException e) {
      throw new FlowException(
          "cannot decode the last heartbeat details of the previous attempt of activity "
              + task.activityId()
              + " as "
              + type.getName()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * The details of the ActivityTaskTimedOut event of the previous attempt, or null: the history is
   * read newest first until the previous attempt's ActivityTaskScheduled event.
   */
  private String previousDetails() {
    synchronized (previousLock) {
      if (previousDetailsRead) {
        return previousDetails;
      }
      int attempt = attempt();
      if (attempt > 1) {
        previousDetails = readPreviousDetails(previousAttemptId(task.activityId(), attempt));
      }
      previousDetailsRead = true;
      return previousDetails;
    }
  }

  private String readPreviousDetails(String previousId) {
    Map<Long, String> timedOut = new HashMap<>(); // by scheduled event id
    String[] found = new String[1];
    readNewestFirst(
        "the last heartbeat details of activity " + previousId,
        e -> {
          return switch (e.eventType()) {
            case ACTIVITY_TASK_TIMED_OUT -> {
              var a = e.activityTaskTimedOutEventAttributes();
              if (a != null && a.scheduledEventId() != null) {
                timedOut.putIfAbsent(a.scheduledEventId(), a.details());
              }
              yield false;
            }
            case ACTIVITY_TASK_SCHEDULED -> {
              var a = e.activityTaskScheduledEventAttributes();
              if (a != null && previousId.equals(a.activityId())) {
                found[0] = timedOut.get(e.eventId());
                yield true;
              }
              yield false;
            }
            default -> false;
          };
        });
    return found[0];
  }

  /**
   * The heartbeat timeout this task was scheduled with, which a call's options may have set (the
   * task itself does not carry it), in seconds; null when the history does not say.
   */
  private Long scheduledHeartbeatTimeout() {
    Long[] seconds = new Long[1];
    readNewestFirst(
        "the heartbeat timeout of activity " + task.activityId(),
        e -> {
          if (e.eventType() != EventType.ACTIVITY_TASK_SCHEDULED
              || e.activityTaskScheduledEventAttributes() == null
              || !task.activityId().equals(e.activityTaskScheduledEventAttributes().activityId())) {
            return false;
          }
          String timeout = e.activityTaskScheduledEventAttributes().heartbeatTimeout();
          if (timeout != null && !timeout.equals("NONE")) {
            try {
              seconds[0] = Long.parseLong(timeout);
            } catch (NumberFormatException x) {
              // not a number: keep the declared one
            }
          } else if (timeout != null) {
            seconds[0] = 0L;
          }
          return true;
        });
    return seconds[0];
  }

  /** Reads this task's history newest first until {@code visit} returns true or it ends. */
  private void readNewestFirst(String what, Predicate<HistoryEvent> visit) {
    GetWorkflowExecutionHistoryRequest request =
        GetWorkflowExecutionHistoryRequest.builder()
            .domain(services.domain())
            .execution(task.workflowExecution())
            .reverseOrder(true)
            .build();
    while (true) {
      GetWorkflowExecutionHistoryRequest page = request;
      GetWorkflowExecutionHistoryResponse response;
      try {
        response = services.call(() -> services.swf().getWorkflowExecutionHistory(page));
      } catch (SdkException e) {
        throw new FlowException(
            "cannot read the history of workflow "
                + workflowId()
                + " (run "
                + runId()
                + ") for "
                + what
                + ": "
                + e.getMessage(),
            e);
      }
      for (HistoryEvent e : response.events()) {
        if (visit.test(e)) {
          return;
        }
      }
      String next = response.nextPageToken();
      if (next == null || next.isEmpty()) {
        return;
      }
      request = request.toBuilder().nextPageToken(next).build();
    }
  }

  @Override
  public void heartbeat(Object details) {
    if (cancelRequested) {
      throw new ActivityCanceledException(task.activityId());
    }
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
      learnInterval();
      if (cancelRequested) {
        throw new ActivityCanceledException(task.activityId());
      }
      return;
    }
    try {
      ScheduledFuture<?> flush =
          scheduler.schedule(this::flushScheduled, wait, TimeUnit.NANOSECONDS);
      synchronized (this) {
        if (finished) {
          flush.cancel(false);
        } else {
          scheduledFlush = flush;
        }
      }
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        flushScheduled = false;
      }
      flush(); // the worker is closing: send now rather than never
    }
  }

  /**
   * At the first heartbeat, sets the throttle from the heartbeat timeout the task was scheduled
   * with: a call's options may give a shorter one than the declared one the throttle starts with.
   */
  private void learnInterval() {
    synchronized (this) {
      if (intervalLearned) {
        return;
      }
      intervalLearned = true;
    }
    Long seconds;
    try {
      seconds = scheduledHeartbeatTimeout();
    } catch (FlowException e) {
      LOG.debug("heartbeat of activity {}: {}", task.activityId(), e.getMessage());
      return;
    }
    if (seconds != null) {
      intervalNanos = TimeUnit.MILLISECONDS.toNanos(interval(seconds));
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
          services
              .swf()
              .recordActivityTaskHeartbeat(r -> r.taskToken(task.taskToken()).details(details));
      if (Boolean.TRUE.equals(response.cancelRequested())) {
        cancelRequested = true;
      }
    } catch (UnknownResourceException e) {
      LOG.debug(
          "heartbeat of activity {}: the task is no longer open (timed out or canceled)",
          task.activityId());
    } catch (RuntimeException e) {
      LOG.warn(
          "heartbeat of activity " + task.activityId() + " failed (the activity goes on): " + e);
    }
  }

  private String encode(Object details) {
    if (details == null) {
      return null;
    }
    String encoded;
    try {
      encoded = services.converter().toData(details);
    } catch (RuntimeException e) {
      LOG.warn(
          "heartbeat of activity "
              + task.activityId()
              + ": cannot encode its details, sending"
              + " none: "
              + e.getMessage());
      return null;
    }
    if (encoded != null && encoded.length() > MAX_DETAILS) {
      LOG.warn(
          "heartbeat of activity {}: details of {} characters are over SWF's {}; sending none",
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
    if (scheduledFlush != null) {
      scheduledFlush.cancel(false); // nothing more to send: the scheduler need not wait for it
      scheduledFlush = null;
    }
  }
}
