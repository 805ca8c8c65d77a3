package dev.flow.internal.worker;

import static dev.flow.internal.worker.ActivityWorkerTest.spec;
import static dev.flow.internal.worker.ActivityWorkerTest.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flow.ActivityCanceledException;
import dev.flow.ActivityContext;
import dev.flow.FakeSwf;
import dev.flow.FlowClient;
import dev.flow.FlowException;
import dev.flow.Worker;
import dev.flow.internal.worker.ActivityWorkerTest.Dispatcher;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.Types;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryRequest;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskRequest;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.RecordActivityTaskHeartbeatRequest;
import software.amazon.awssdk.services.swf.model.RecordActivityTaskHeartbeatResponse;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskCanceledRequest;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskCompletedRequest;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskFailedRequest;
import software.amazon.awssdk.services.swf.model.SwfException;

/** What activity code sees of its task: attempts, cancellation, retried details, completion. */
class ActivityContextTest {
  final FakeSwf swf = new FakeSwf();
  final FlowClient flow = FlowClient.builder().swf(swf).domain("media").identity("test").build();
  final Dispatcher media = new Dispatcher();
  Worker worker;

  void start() {
    worker =
        Worker.builder(flow)
            .activities(media)
            .activityPollers(1)
            .shutdownGracePeriod(Duration.ofSeconds(5))
            .pollRetryBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
            .build()
            .start();
  }

  @AfterEach
  void close() {
    if (worker != null) {
      worker.close();
    }
  }

  static AwsServiceException throttled() {
    return SwfException.builder()
        .message("Rate exceeded")
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode("ThrottlingException")
                .errorMessage("Rate exceeded")
                .build())
        .statusCode(400)
        .build();
  }

  static AwsServiceException serverError() {
    return SwfException.builder()
        .message("Service unavailable")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalFailure").build())
        .statusCode(503)
        .build();
  }

  /** A task of {@code Media.encode} with the activity id {@code activityId}. */
  static PollForActivityTaskResponse taskWithId(String token, String activityId) {
    return task(token, "Media.encode", "[\"u\",1]").toBuilder().activityId(activityId).build();
  }

  @Test
  void attempt_isOne_withoutSuffix_andTheSuffixOfRetriedIds() {
    assertThat(ActivityTaskContext.attempt("Media.encode-3")).isEqualTo(1);
    assertThat(ActivityTaskContext.attempt("Media.encode-3@2")).isEqualTo(2);
    assertThat(ActivityTaskContext.attempt("Media.encode-3@17")).isEqualTo(17);
    assertThat(ActivityTaskContext.attempt("a@b-3")).isEqualTo(1);
    assertThat(ActivityTaskContext.attempt("x-3@")).isEqualTo(1);
    assertThat(ActivityTaskContext.previousAttemptId("Media.encode-3@2", 2))
        .isEqualTo("Media.encode-3");
    assertThat(ActivityTaskContext.previousAttemptId("Media.encode-3@5", 5))
        .isEqualTo("Media.encode-3@4");
  }

  @Test
  void activityContext_reportsTheAttemptOfTheRunningTask() throws Exception {
    List<Integer> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();
    media.add(
        spec("encode"),
        args -> {
          attempts.add(ActivityContext.current().attempt());
          return null;
        });
    start();

    swf.activityTasks.add(taskWithId("t1", "Media.encode-3"));
    swf.activityTasks.add(taskWithId("t2", "Media.encode-3@3"));
    swf.nextCall(RespondActivityTaskCompletedRequest.class);
    swf.nextCall(RespondActivityTaskCompletedRequest.class);

    assertThat(attempts).containsExactly(1, 3);
  }

  @Test
  void heartbeat_whenCancellationIsRequested_throwsActivityCanceled_andTheTaskIsReportedCanceled()
      throws Exception {
    swf.on(
        RecordActivityTaskHeartbeatRequest.class,
        r -> RecordActivityTaskHeartbeatResponse.builder().cancelRequested(true).build());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicInteger heartbeatsReturned = new AtomicInteger();
    media.add(
        spec("encode"),
        args -> {
          ActivityContext c = ActivityContext.current();
          try {
            c.heartbeat(1);
            heartbeatsReturned.incrementAndGet();
          } catch (ActivityCanceledException e) {
            thrown.set(e);
            assertThat(c.isCancelRequested()).isTrue();
            throw e;
          }
          return null;
        });
    start();

    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));

    RespondActivityTaskCanceledRequest canceled =
        swf.nextCall(RespondActivityTaskCanceledRequest.class);
    assertThat(canceled.taskToken()).isEqualTo("t1");
    assertThat(heartbeatsReturned).hasValue(0);
    assertThat(thrown.get())
        .isInstanceOf(ActivityCanceledException.class)
        .hasMessageContaining("Media.encode-1");
    assertThat(swf.requests(RespondActivityTaskFailedRequest.class)).isEmpty();
  }

  @Test
  void heartbeat_afterAThrottledHeartbeatLearnedOfTheCancellation_throwsActivityCanceled()
      throws Exception {
    AtomicInteger sent = new AtomicInteger();
    swf.on(
        RecordActivityTaskHeartbeatRequest.class,
        r ->
            RecordActivityTaskHeartbeatResponse.builder()
                .cancelRequested(sent.incrementAndGet() > 1)
                .build());
    AtomicInteger returned = new AtomicInteger();
    media.add(
        spec("encode"),
        args -> {
          ActivityContext c = ActivityContext.current();
          c.heartbeat(1); // sent at once: not canceled
          returned.incrementAndGet();
          c.heartbeat(2); // throttled: sent at the end of the interval (0.5 s), learns it
          returned.incrementAndGet();
          Thread.sleep(800);
          c.heartbeat(3); // throws, without sending
          returned.incrementAndGet();
          return null;
        });
    start();

    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));

    assertThat(swf.nextCall(RespondActivityTaskCanceledRequest.class).taskToken()).isEqualTo("t1");
    assertThat(returned).hasValue(2);
    assertThat(swf.requests(RecordActivityTaskHeartbeatRequest.class))
        .extracting(RecordActivityTaskHeartbeatRequest::details)
        .containsExactly("1", "2");
  }

  @Test
  void heartbeat_throttleFollowsTheHeartbeatTimeoutTheCallScheduledWith_notTheDeclaredOne()
      throws Exception {
    // Declared: no heartbeat timeout (a 5 s throttle); the call's options gave 1 s (0.5 s).
    swf.on(
        GetWorkflowExecutionHistoryRequest.class,
        r ->
            GetWorkflowExecutionHistoryResponse.builder()
                .events(
                    event(8, EventType.ACTIVITY_TASK_STARTED, Instant.EPOCH),
                    event(7, EventType.ACTIVITY_TASK_SCHEDULED, Instant.EPOCH).toBuilder()
                        .activityTaskScheduledEventAttributes(
                            a -> a.activityId("Media.encode-1").heartbeatTimeout("1"))
                        .build())
                .build());
    media.add(
        ActivitySpec.builder("Media.encode", "1.0")
            .taskList("media")
            .parameterTypes(String.class, int.class)
            .resultType(Types.parameterized(List.class, String.class))
            .build(),
        args -> {
          ActivityContext c = ActivityContext.current();
          c.heartbeat(1); // sent at once
          c.heartbeat(2); // sent at the end of the interval
          Thread.sleep(1_500);
          return null;
        });
    start();

    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));

    swf.nextCall(RespondActivityTaskCompletedRequest.class);
    assertThat(swf.requests(RecordActivityTaskHeartbeatRequest.class))
        .extracting(RecordActivityTaskHeartbeatRequest::details)
        .containsExactly("1", "2");
  }

  @Test
  void heartbeat_withoutCancellation_returnsNormally_evenWhenThrottled() throws Exception {
    swf.on(RecordActivityTaskHeartbeatRequest.class, r -> throttled());
    media.add(
        spec("encode"),
        args -> {
          ActivityContext.current().heartbeat("p");
          return List.of("ok");
        });
    start();

    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));

    assertThat(swf.nextCall(RespondActivityTaskCompletedRequest.class).result())
        .isEqualTo("[\"ok\"]");
  }

  /** Newest first, in two pages: the retry's events, then the first attempt's. */
  void historyOfARetriedActivity(String timedOutDetails) {
    Instant t = Instant.parse("2026-01-01T10:00:00Z");
    List<HistoryEvent> newest =
        List.of(
            event(12, EventType.ACTIVITY_TASK_STARTED, t),
            event(11, EventType.ACTIVITY_TASK_SCHEDULED, t).toBuilder()
                .activityTaskScheduledEventAttributes(
                    a -> a.activityId("Media.encode-1@2").activityType(x -> x.name("Media.encode")))
                .build(),
            event(9, EventType.TIMER_FIRED, t),
            event(8, EventType.ACTIVITY_TASK_TIMED_OUT, t).toBuilder()
                .activityTaskTimedOutEventAttributes(
                    a ->
                        a.scheduledEventId(5L)
                            .startedEventId(6L)
                            .timeoutType("HEARTBEAT")
                            .details(timedOutDetails))
                .build());
    List<HistoryEvent> older =
        List.of(
            event(6, EventType.ACTIVITY_TASK_STARTED, t),
            event(5, EventType.ACTIVITY_TASK_SCHEDULED, t).toBuilder()
                .activityTaskScheduledEventAttributes(
                    a -> a.activityId("Media.encode-1").activityType(x -> x.name("Media.encode")))
                .build(),
            event(1, EventType.WORKFLOW_EXECUTION_STARTED, t));
    swf.on(
        GetWorkflowExecutionHistoryRequest.class,
        r ->
            r.nextPageToken() == null
                ? GetWorkflowExecutionHistoryResponse.builder()
                    .events(newest)
                    .nextPageToken("page2")
                    .build()
                : GetWorkflowExecutionHistoryResponse.builder().events(older).build());
  }

  static HistoryEvent event(long id, EventType type, Instant t) {
    return HistoryEvent.builder().eventId(id).eventType(type).eventTimestamp(t).build();
  }

  @Test
  void lastHeartbeatDetails_onARetry_areThoseThePreviousAttemptTimedOutWith() throws Exception {
    historyOfARetriedActivity("41");
    BlockingQueue<Optional<Integer>> seen = new ArrayBlockingQueue<>(2);
    media.add(
        spec("encode"),
        args -> {
          ActivityContext c = ActivityContext.current();
          seen.add(c.lastHeartbeatDetails(Integer.class));
          seen.add(c.lastHeartbeatDetails(Integer.class)); // read once
          return null;
        });
    start();

    swf.activityTasks.add(taskWithId("t2", "Media.encode-1@2"));
    swf.nextCall(RespondActivityTaskCompletedRequest.class);

    assertThat(seen).containsExactly(Optional.of(41), Optional.of(41));
    List<GetWorkflowExecutionHistoryRequest> reads =
        swf.requests(GetWorkflowExecutionHistoryRequest.class);
    assertThat(reads).hasSize(2);
    assertThat(reads.get(0).reverseOrder()).isTrue();
    assertThat(reads.get(0).domain()).isEqualTo("media");
    assertThat(reads.get(0).execution().workflowId()).isEqualTo("video-42");
    assertThat(reads.get(1).nextPageToken()).isEqualTo("page2");
  }

  @Test
  void lastHeartbeatDetails_onTheFirstAttempt_isEmpty_withoutReadingTheHistory() throws Exception {
    BlockingQueue<Optional<String>> seen = new ArrayBlockingQueue<>(1);
    media.add(
        spec("encode"),
        args -> {
          seen.add(ActivityContext.current().lastHeartbeatDetails(String.class));
          return null;
        });
    start();

    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));
    swf.nextCall(RespondActivityTaskCompletedRequest.class);

    assertThat(seen.poll(5, TimeUnit.SECONDS)).isEmpty();
    assertThat(swf.requests(GetWorkflowExecutionHistoryRequest.class)).isEmpty();
  }

  @Test
  void lastHeartbeatDetails_whenThePreviousAttemptRecordedNone_isEmpty() throws Exception {
    historyOfARetriedActivity(null);
    BlockingQueue<Optional<Integer>> seen = new ArrayBlockingQueue<>(1);
    media.add(
        spec("encode"),
        args -> {
          seen.add(ActivityContext.current().lastHeartbeatDetails(Integer.class));
          return null;
        });
    start();

    swf.activityTasks.add(taskWithId("t2", "Media.encode-1@2"));
    swf.nextCall(RespondActivityTaskCompletedRequest.class);

    assertThat(seen.poll(5, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void doNotCompleteOnReturn_leavesTheTaskOpen_andTheClientCompletesItByToken() throws Exception {
    BlockingQueue<String> tokens = new ArrayBlockingQueue<>(1);
    media.add(
        spec("encode"),
        args -> {
          ActivityContext c = ActivityContext.current();
          c.doNotCompleteOnReturn();
          tokens.add(c.taskToken());
          return List.of("ignored");
        });
    start();

    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));
    String token = tokens.poll(5, TimeUnit.SECONDS);
    Thread.sleep(100);
    assertThat(swf.requests(RespondActivityTaskCompletedRequest.class)).isEmpty();

    FlowClient elsewhere = FlowClient.builder().swf(swf).domain("media").build();
    elsewhere.completeActivity(token, List.of("approved"));

    RespondActivityTaskCompletedRequest done =
        swf.nextCall(RespondActivityTaskCompletedRequest.class);
    assertThat(done.taskToken()).isEqualTo("t1");
    assertThat(done.result()).isEqualTo("[\"approved\"]");
  }

  @Test
  void doNotCompleteOnReturn_andThrowing_stillFailsTheTask() throws Exception {
    media.add(
        spec("encode"),
        args -> {
          ActivityContext.current().doNotCompleteOnReturn();
          throw new IOException("no");
        });
    start();

    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));

    assertThat(swf.nextCall(RespondActivityTaskFailedRequest.class).reason())
        .isEqualTo("java.io.IOException");
  }

  @Test
  void failActivity_andReportActivityCanceled_answerByToken() throws Exception {
    flow.failActivity("t1", new IllegalStateException("rejected by a human"));
    flow.reportActivityCanceled("t2", "withdrawn");

    RespondActivityTaskFailedRequest failed = swf.nextCall(RespondActivityTaskFailedRequest.class);
    assertThat(failed.taskToken()).isEqualTo("t1");
    assertThat(failed.reason()).isEqualTo("java.lang.IllegalStateException");
    assertThat(failed.details()).contains("\"message\":\"rejected by a human\"");
    RespondActivityTaskCanceledRequest canceled =
        swf.nextCall(RespondActivityTaskCanceledRequest.class);
    assertThat(canceled.taskToken()).isEqualTo("t2");
    assertThat(canceled.details()).isEqualTo("\"withdrawn\"");
  }

  @Test
  void completeActivity_ofATaskNoLongerOpen_isAFlowExceptionSayingSo() {
    swf.on(
        RespondActivityTaskCompletedRequest.class,
        r -> FakeSwf.fault("UnknownResourceFault", "Unknown activity task"));

    assertThatThrownBy(() -> flow.completeActivity("gone", "x"))
        .isInstanceOf(FlowException.class)
        .hasMessageContaining("no longer open")
        .hasMessageContaining("Unknown activity task");
    assertThatThrownBy(() -> flow.completeActivity("", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task token");
  }

  @Test
  void completeActivity_throttled_isRetriedUntilItPasses() {
    AtomicInteger calls = new AtomicInteger();
    swf.on(
        RespondActivityTaskCompletedRequest.class,
        r -> calls.incrementAndGet() <= 2 ? throttled() : null);

    flow.completeActivity("t1", 7);

    assertThat(calls).hasValue(3);
  }

  @Test
  void answers_throttledOrServerErrors_areRetriedWithBackoff_thenSucceed() throws Exception {
    List<Integer> seen = new ArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    swf.on(
        RespondActivityTaskCompletedRequest.class,
        r -> {
          int n = calls.incrementAndGet();
          synchronized (seen) {
            seen.add(n);
          }
          return n == 1 ? throttled() : n == 2 ? serverError() : null;
        });
    media.add(spec("encode"), args -> List.of("ok"));
    start();

    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));
    for (int i = 0; i < 3; i++) {
      assertThat(swf.nextCall(RespondActivityTaskCompletedRequest.class).result())
          .isEqualTo("[\"ok\"]");
    }
    Thread.sleep(50);
    assertThat(calls).hasValue(3);
  }

  @Test
  void answers_alwaysThrottled_areRetriedABoundedNumberOfTimes_andTheWorkerGoesOn()
      throws Exception {
    swf.on(
        RespondActivityTaskFailedRequest.class, r -> throttled()); // every failure report refused
    media.add(
        spec("encode"),
        args -> {
          if (args[1].equals(1)) {
            throw new IOException("first fails");
          }
          return List.of("second");
        });
    start();

    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));
    swf.activityTasks.add(task("t2", "Media.encode", "[\"u\",2]"));

    assertThat(swf.nextCall(RespondActivityTaskCompletedRequest.class).taskToken()).isEqualTo("t2");
    assertThat(swf.requests(RespondActivityTaskFailedRequest.class))
        .hasSize(TaskServices.CALL_ATTEMPTS);
  }

  @Test
  void answers_refusedByAFault_areNotRetried() throws Exception {
    swf.on(
        RespondActivityTaskCompletedRequest.class,
        r -> FakeSwf.fault("UnknownResourceFault", "Unknown activity task"));
    media.add(spec("encode"), args -> List.of("ok"));
    start();

    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));
    swf.nextCall(RespondActivityTaskCompletedRequest.class);
    Thread.sleep(100);

    assertThat(swf.requests(RespondActivityTaskCompletedRequest.class)).hasSize(1);
  }

  @Test
  void close_letsTheRunningActivityFinish_andItsThrottledAnswerIsStillRetried() throws Exception {
    AtomicInteger answers = new AtomicInteger();
    swf.on(
        RespondActivityTaskCompletedRequest.class,
        r -> answers.incrementAndGet() == 1 ? throttled() : null);
    CountDownLatch running = new CountDownLatch(1);
    media.add(
        spec("encode"),
        args -> {
          running.countDown();
          Thread.sleep(200);
          return List.of("finished");
        });
    start();
    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

    worker.close();

    assertThat(answers).hasValue(2);
    assertThat(swf.requests(RespondActivityTaskCompletedRequest.class))
        .extracting(RespondActivityTaskCompletedRequest::result)
        .containsExactly("[\"finished\"]", "[\"finished\"]");
    int polls = swf.requests(PollForActivityTaskRequest.class).size();
    Thread.sleep(100);
    assertThat(swf.requests(PollForActivityTaskRequest.class)).hasSize(polls);
  }
}
