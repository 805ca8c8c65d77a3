package dev.flow.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flow.ActivityContext;
import dev.flow.FakeSwf;
import dev.flow.FlowClient;
import dev.flow.Worker;
import dev.flow.spi.ActivityDispatcher;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.Types;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.swf.model.DescribeDomainRequest;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskRequest;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.RecordActivityTaskHeartbeatRequest;
import software.amazon.awssdk.services.swf.model.RecordActivityTaskHeartbeatResponse;
import software.amazon.awssdk.services.swf.model.RegisterActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.RegisterDomainRequest;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskCanceledRequest;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskCompletedRequest;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskFailedRequest;

class ActivityWorkerTest {
  /** An activity body over decoded arguments. */
  interface Body {
    Object run(Object[] args) throws Exception;
  }

  /** A dispatcher like the generated ones, over lambdas. */
  static final class Dispatcher implements ActivityDispatcher {
    final Map<String, ActivitySpec> specs = new LinkedHashMap<>();
    final Map<String, Body> bodies = new LinkedHashMap<>();

    Dispatcher add(ActivitySpec spec, Body body) {
      specs.put(spec.name(), spec);
      bodies.put(spec.name(), body);
      return this;
    }

    @Override
    public List<ActivitySpec> activities() {
      return List.copyOf(specs.values());
    }

    @Override
    public Object dispatch(String activityName, Object[] arguments) throws Exception {
      Body body = bodies.get(activityName);
      if (body == null) {
        throw new IllegalArgumentException("no activity " + activityName);
      }
      return body.run(arguments);
    }
  }

  static ActivitySpec spec(String method) {
    return ActivitySpec.builder("Media." + method, "1.0")
        .taskList("media")
        .heartbeatTimeoutSeconds(1)
        .parameterTypes(String.class, int.class)
        .resultType(Types.parameterized(List.class, String.class))
        .build();
  }

  static PollForActivityTaskResponse task(String token, String type, String input) {
    return PollForActivityTaskResponse.builder()
        .taskToken(token)
        .activityId(type + "-1")
        .startedEventId(7L)
        .activityType(t -> t.name(type).version("1.0"))
        .workflowExecution(e -> e.workflowId("video-42").runId("run-1"))
        .input(input)
        .build();
  }

  static final ObjectMapper JSON = new ObjectMapper();

  final FakeSwf swf = new FakeSwf();
  final FlowClient flow = FlowClient.builder().swf(swf).domain("media").identity("test").build();
  final Dispatcher media = new Dispatcher();
  Worker worker;

  Worker start(Dispatcher dispatcher, int pollers) {
    worker =
        Worker.builder(flow)
            .activities(dispatcher)
            .activityPollers(pollers)
            .shutdownGracePeriod(Duration.ofSeconds(5))
            .pollRetryBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
            .build()
            .start();
    return worker;
  }

  @AfterEach
  void close() {
    if (worker != null) {
      worker.close();
    }
  }

  @Test
  void start_registersAnUnknownDomainAndEveryHostedActivityType() throws Exception {
    swf.on(
        DescribeDomainRequest.class, r -> FakeSwf.fault("UnknownResourceFault", "Unknown domain"));
    media.add(spec("encode"), args -> null);

    start(media, 1);

    RegisterDomainRequest domain = swf.nextCall(RegisterDomainRequest.class);
    assertThat(domain.name()).isEqualTo("media");
    assertThat(domain.workflowExecutionRetentionPeriodInDays()).isEqualTo("1");
    RegisterActivityTypeRequest type = swf.nextCall(RegisterActivityTypeRequest.class);
    assertThat(type.domain()).isEqualTo("media");
    assertThat(type.name()).isEqualTo("Media.encode");
    assertThat(type.version()).isEqualTo("1.0");
    assertThat(type.defaultTaskList().name()).isEqualTo("media");
    assertThat(type.defaultTaskStartToCloseTimeout()).isEqualTo("300");
    assertThat(type.defaultTaskScheduleToStartTimeout()).isEqualTo("NONE");
    assertThat(type.defaultTaskScheduleToCloseTimeout()).isEqualTo("NONE");
    assertThat(type.defaultTaskHeartbeatTimeout()).isEqualTo("1");
    assertThat(worker.activityTaskLists()).containsExactly("media");
  }

  @Test
  void start_knownDomainAndTypesAlreadyRegistered_goesOnPolling() throws Exception {
    swf.on(
        RegisterActivityTypeRequest.class,
        r -> FakeSwf.fault("TypeAlreadyExistsFault", "Type already exists"));
    media.add(spec("encode"), args -> List.of("ok"));

    start(media, 1);
    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));

    assertThat(swf.nextCall(RespondActivityTaskCompletedRequest.class).taskToken()).isEqualTo("t1");
    assertThat(swf.requests(RegisterDomainRequest.class)).isEmpty();
  }

  @Test
  void activity_isDecodedDispatchedAndItsEncodedResultReported() throws Exception {
    media.add(spec("encode"), args -> List.of(args[0] + ".webm", "n=" + args[1]));
    start(media, 2);

    swf.activityTasks.add(task("t1", "Media.encode", "[\"video\",3]"));

    RespondActivityTaskCompletedRequest done =
        swf.nextCall(RespondActivityTaskCompletedRequest.class);
    assertThat(done.taskToken()).isEqualTo("t1");
    assertThat(done.result()).isEqualTo("[\"video.webm\",\"n=3\"]");
    PollForActivityTaskRequest poll = swf.requests(PollForActivityTaskRequest.class).get(0);
    assertThat(poll.domain()).isEqualTo("media");
    assertThat(poll.taskList().name()).isEqualTo("media");
    assertThat(poll.identity()).isEqualTo("test");
  }

  @Test
  void activity_throwing_reportsItsClassAsReasonAndJsonDetails() throws Exception {
    media.add(
        spec("encode"),
        args -> {
          throw new IOException("disk full", new IllegalStateException("quota"));
        });
    start(media, 1);

    swf.activityTasks.add(task("t1", "Media.encode", "[\"video\",3]"));

    RespondActivityTaskFailedRequest failed = swf.nextCall(RespondActivityTaskFailedRequest.class);
    assertThat(failed.taskToken()).isEqualTo("t1");
    assertThat(failed.reason()).isEqualTo("java.io.IOException");
    JsonNode details = JSON.readTree(failed.details());
    assertThat(details.get("type").asText()).isEqualTo("java.io.IOException");
    assertThat(details.get("message").asText()).isEqualTo("disk full");
    assertThat(details.get("stackTrace").asText()).contains("ActivityWorkerTest");
    assertThat(details.get("cause").get("type").asText())
        .isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void unknownActivityType_failsThatTask_andTheWorkerGoesOn() throws Exception {
    media.add(spec("encode"), args -> List.of("ok"));
    start(media, 1);

    swf.activityTasks.add(task("t1", "Media.decode", "[]"));
    swf.activityTasks.add(task("t2", "Media.encode", "[\"u\",1]"));

    RespondActivityTaskFailedRequest failed = swf.nextCall(RespondActivityTaskFailedRequest.class);
    assertThat(failed.taskToken()).isEqualTo("t1");
    assertThat(failed.reason()).isEqualTo("dev.flow.FlowException");
    assertThat(JSON.readTree(failed.details()).get("message").asText())
        .contains("no implementation of activity type Media.decode 1.0 on worker test")
        .contains("[Media.encode 1.0]");
    assertThat(swf.nextCall(RespondActivityTaskCompletedRequest.class).taskToken()).isEqualTo("t2");
  }

  @Test
  void undecodableInput_failsThatTask_andTheWorkerGoesOn() throws Exception {
    media.add(spec("encode"), args -> List.of("ok"));
    start(media, 1);

    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",\"three\"]"));
    swf.activityTasks.add(task("t2", "Media.encode", "not json"));
    swf.activityTasks.add(task("t3", "Media.encode", "[\"u\",3]"));

    RespondActivityTaskFailedRequest first = swf.nextCall(RespondActivityTaskFailedRequest.class);
    assertThat(first.taskToken()).isEqualTo("t1");
    assertThat(JSON.readTree(first.details()).get("message").asText())
        .startsWith("cannot decode the input of activity Media.encode 1.0 (id Media.encode-1)")
        .contains("argument 1");
    assertThat(swf.nextCall(RespondActivityTaskFailedRequest.class).taskToken()).isEqualTo("t2");
    assertThat(swf.nextCall(RespondActivityTaskCompletedRequest.class).taskToken()).isEqualTo("t3");
  }

  @Test
  void resultOverSwfLimit_failsTheTaskSayingSo() throws Exception {
    media.add(spec("encode"), args -> List.of("x".repeat(40_000)));
    start(media, 1);

    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));

    RespondActivityTaskFailedRequest failed = swf.nextCall(RespondActivityTaskFailedRequest.class);
    assertThat(JSON.readTree(failed.details()).get("message").asText())
        .contains("characters once encoded; SWF carries at most 32768");
  }

  @Test
  void pollErrors_areRetried() throws Exception {
    media.add(spec("encode"), args -> List.of("ok"));
    swf.activityTasks.add(new RuntimeException("throttled"));
    swf.activityTasks.add(new RuntimeException("connection reset"));
    swf.activityTasks.add(new RuntimeException("connection reset"));
    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));

    start(media, 1);

    assertThat(swf.nextCall(RespondActivityTaskCompletedRequest.class).taskToken()).isEqualTo("t1");
    assertThat(swf.requests(PollForActivityTaskRequest.class).size()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void busyWorker_doesNotPoll() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    media.add(
        spec("encode"),
        args -> {
          running.countDown();
          release.await();
          return List.of("ok");
        });
    start(media, 1);
    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

    int polls = swf.requests(PollForActivityTaskRequest.class).size();
    Thread.sleep(200);
    assertThat(swf.requests(PollForActivityTaskRequest.class)).hasSize(polls);
    release.countDown();
    swf.nextCall(RespondActivityTaskCompletedRequest.class);
  }

  @Test
  void close_stopsPolling_andWaitsForTheRunningTask() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    media.add(
        spec("encode"),
        args -> {
          running.countDown();
          Thread.sleep(300);
          return List.of("late");
        });
    start(media, 2);
    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

    worker.close();

    assertThat(swf.requests(RespondActivityTaskCompletedRequest.class))
        .singleElement()
        .satisfies(r -> assertThat(r.result()).isEqualTo("[\"late\"]"));
    int polls = swf.requests(PollForActivityTaskRequest.class).size();
    Thread.sleep(100);
    assertThat(swf.requests(PollForActivityTaskRequest.class)).hasSize(polls);
  }

  @Test
  void close_afterTheGracePeriod_interruptsTheTask() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    media.add(
        spec("encode"),
        args -> {
          running.countDown();
          Thread.sleep(60_000);
          return null;
        });
    worker =
        Worker.builder(flow)
            .activities(media)
            .shutdownGracePeriod(Duration.ofMillis(100))
            .build()
            .start();
    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    worker.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(swf.nextCall(RespondActivityTaskFailedRequest.class).reason())
        .isEqualTo("java.lang.InterruptedException");
  }

  @Test
  void activityLeavingItsThreadInterrupted_isAnswered_andTheWorkerGoesOn() throws Exception {
    List<Boolean> answeredInterrupted = new java.util.concurrent.CopyOnWriteArrayList<>();
    swf.on(
        RespondActivityTaskCompletedRequest.class,
        r -> {
          answeredInterrupted.add(Thread.currentThread().isInterrupted());
          return null;
        });
    media.add(
        spec("encode"),
        args -> {
          Thread.currentThread().interrupt();
          return List.of("x");
        });
    start(media, 1);

    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));
    swf.activityTasks.add(task("t2", "Media.encode", "[\"u\",1]"));
    swf.nextCall(RespondActivityTaskCompletedRequest.class);
    swf.nextCall(RespondActivityTaskCompletedRequest.class);
    for (int i = 0; i < 500 && answeredInterrupted.size() < 2; i++) {
      Thread.sleep(10); // the fake records a call before it answers it
    }

    assertThat(answeredInterrupted).containsExactly(false, false);
  }

  @Test
  void activityContext_describesTheTaskBeingRun() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    media.add(
        spec("encode"),
        args -> {
          ActivityContext c = ActivityContext.current();
          seen.set(
              String.join(
                  " ",
                  c.taskToken(),
                  c.activityId(),
                  c.activityType(),
                  c.activityVersion(),
                  c.workflowId(),
                  c.runId()));
          return null;
        });
    start(media, 1);

    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));
    swf.nextCall(RespondActivityTaskCompletedRequest.class);

    assertThat(seen.get()).isEqualTo("t1 Media.encode-1 Media.encode 1.0 video-42 run-1");
  }

  @Test
  void activityContext_outsideAnActivity_isIllegalState() {
    assertThatThrownBy(ActivityContext::current)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only available in the thread that runs an activity task");
  }

  @Test
  void heartbeat_isThrottled_andTheLatestDetailsAreSentAtTheEndOfTheInterval() throws Exception {
    media.add(
        spec("encode"),
        args -> {
          ActivityContext c = ActivityContext.current();
          c.heartbeat(1); // sent at once
          c.heartbeat(2); // superseded
          c.heartbeat(3); // sent when the interval (0.5 s) ends
          Thread.sleep(900);
          return null;
        });
    start(media, 1);

    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));
    swf.nextCall(RespondActivityTaskCompletedRequest.class);

    assertThat(swf.requests(RecordActivityTaskHeartbeatRequest.class))
        .extracting(RecordActivityTaskHeartbeatRequest::details)
        .containsExactly("1", "3");
    assertThat(swf.requests(RecordActivityTaskHeartbeatRequest.class).get(0).taskToken())
        .isEqualTo("t1");
  }

  @Test
  void heartbeat_failing_isLogged_andTheActivityGoesOn() throws Exception {
    swf.on(RecordActivityTaskHeartbeatRequest.class, r -> new RuntimeException("network down"));
    media.add(
        spec("encode"),
        args -> {
          ActivityContext.current().heartbeat("progress");
          return List.of("done");
        });
    start(media, 1);

    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));

    assertThat(swf.nextCall(RespondActivityTaskCompletedRequest.class).result())
        .isEqualTo("[\"done\"]");
  }

  @Test
  void cancellationRequested_andCancellationException_reportsTheTaskCanceled() throws Exception {
    swf.on(
        RecordActivityTaskHeartbeatRequest.class,
        r -> RecordActivityTaskHeartbeatResponse.builder().cancelRequested(true).build());
    media.add(
        spec("encode"),
        args -> {
          ActivityContext c = ActivityContext.current();
          c.heartbeat(null);
          if (c.isCancelRequested()) {
            throw new CancellationException("stopped");
          }
          return null;
        });
    start(media, 1);

    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));

    assertThat(swf.nextCall(RespondActivityTaskCanceledRequest.class).taskToken()).isEqualTo("t1");
  }

  @Test
  void build_withNothingHosted_isIllegalState() {
    assertThatThrownBy(() -> Worker.builder(flow).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs something to host");
  }

  @Test
  void build_withAnActivityTypeHostedTwice_isIllegalArgument() {
    media.add(spec("encode"), args -> null);
    Dispatcher other = new Dispatcher().add(spec("encode"), args -> null);

    assertThatThrownBy(() -> Worker.builder(flow).activities(media).activities(other).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("activity type Media.encode 1.0 is hosted twice");
  }

  @Test
  void explicitActivities_winOverTheManifests_forTheTypesTheyServe() throws Exception {
    Dispatcher fromManifest =
        new Dispatcher()
            .add(spec("encode"), args -> List.of("manifest"))
            .add(spec("decode"), args -> List.of("manifest"));
    Dispatcher configured = new Dispatcher().add(spec("encode"), args -> List.of("configured"));
    dev.flow.spi.Manifest manifest =
        new dev.flow.spi.Manifest() {
          @Override
          public List<dev.flow.spi.WorkflowSpec> workflowTypes() {
            return List.of();
          }

          @Override
          public List<ActivitySpec> activityTypes() {
            return fromManifest.activities();
          }

          @Override
          public List<dev.flow.spi.WorkflowDefinition> workflowImplementations() {
            return List.of();
          }

          @Override
          public List<ActivityDispatcher> activityImplementations() {
            return List.of(fromManifest);
          }
        };
    worker = Worker.builder(flow).activities(configured).manifest(manifest).build().start();

    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));
    assertThat(swf.nextCall(RespondActivityTaskCompletedRequest.class).result())
        .isEqualTo("[\"configured\"]");
    swf.activityTasks.add(task("t2", "Media.decode", "[\"u\",1]"));
    assertThat(swf.nextCall(RespondActivityTaskCompletedRequest.class).result())
        .isEqualTo("[\"manifest\"]");
  }

  @Test
  @Timeout(30)
  void pollsFailingForWantOfCredentials_stopAfterTenInARow_insteadOfRetryingForever()
      throws Exception {
    int stopAfter = PollLoop.MAX_CONFIGURATION_FAILURES;
    for (int i = 0; i < 2 * stopAfter; i++) {
      swf.activityTasks.add(
          SdkClientException.create(
              "Unable to load credentials from any of the providers in the chain"
                  + " AwsCredentialsProviderChain(credentialsProviders=[...])"));
    }
    media.add(spec("encode"), args -> null);

    start(media, 1);
    while (swf.requests(PollForActivityTaskRequest.class).size() < stopAfter
        || activityPollerAlive()) {
      Thread.sleep(10);
    }

    assertThat(swf.requests(PollForActivityTaskRequest.class)).hasSize(stopAfter);
    assertThat(swf.activityTasks).hasSize(stopAfter); // the rest was never polled for
  }

  private static boolean activityPollerAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().startsWith("flow-activity-media-") && t.isAlive());
  }

  @Test
  void start_warnsOfRegisteredTaskListsNoHostedTypePolls() throws Exception {
    ActivitySpec gpu =
        ActivitySpec.builder("Media.upscale", "1.0")
            .taskList("gpu")
            .parameterTypes(String.class, int.class)
            .resultType(Types.parameterized(List.class, String.class))
            .build();
    media.add(spec("encode"), args -> null);
    dev.flow.spi.Manifest manifest =
        new dev.flow.spi.Manifest() {
          @Override
          public List<dev.flow.spi.WorkflowSpec> workflowTypes() {
            return List.of();
          }

          @Override
          public List<ActivitySpec> activityTypes() {
            return List.of(spec("encode"), gpu);
          }

          @Override
          public List<dev.flow.spi.WorkflowDefinition> workflowImplementations() {
            return List.of();
          }

          @Override
          public List<ActivityDispatcher> activityImplementations() {
            return List.of(media);
          }
        };
    List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Logger log = java.util.logging.Logger.getLogger(WorkerHost.class.getName());
    java.util.logging.Handler handler =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
              // SLF4J (to java.util.logging) hands over the message already formatted
              warnings.add(
                  r.getParameters() == null
                      ? r.getMessage()
                      : java.text.MessageFormat.format(r.getMessage(), r.getParameters()));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    log.addHandler(handler);
    try {
      worker = Worker.builder(flow).manifest(manifest).build().start();
    } finally {
      log.removeHandler(handler);
    }

    assertThat(warnings)
        .containsExactly(
            "Flow worker test registers activity type Media.upscale 1.0 with task list 'gpu', which"
                + " it does not poll: its tasks wait for a worker that hosts an implementation."
                + " Host one here (Worker.builder(flow).activities(...), or a public no-argument"
                + " constructor so that FlowManifest lists it) or run a worker that does");
  }

  @Test
  void taskListOverride_isPolledInsteadOfTheDeclaredOne() throws Exception {
    media.add(spec("encode"), args -> null);
    worker = Worker.builder(flow).activities(media).taskList("gpu").build().start();

    swf.activityTasks.add(task("t1", "Media.encode", "[\"u\",1]"));
    swf.nextCall(RespondActivityTaskCompletedRequest.class);

    assertThat(worker.activityTaskLists()).containsExactly("gpu");
    assertThat(swf.requests(PollForActivityTaskRequest.class))
        .allSatisfy(r -> assertThat(r.taskList().name()).isEqualTo("gpu"));
  }
}
