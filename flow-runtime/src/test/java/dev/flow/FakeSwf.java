package dev.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.DescribeDomainRequest;
import software.amazon.awssdk.services.swf.model.DescribeDomainResponse;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowExecutionResponse;
import software.amazon.awssdk.services.swf.model.DomainAlreadyExistsException;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryRequest;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.ListOpenWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ListOpenWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskRequest;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskRequest;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.RecordActivityTaskHeartbeatRequest;
import software.amazon.awssdk.services.swf.model.RecordActivityTaskHeartbeatResponse;
import software.amazon.awssdk.services.swf.model.RegisterActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.RegisterActivityTypeResponse;
import software.amazon.awssdk.services.swf.model.RegisterDomainRequest;
import software.amazon.awssdk.services.swf.model.RegisterDomainResponse;
import software.amazon.awssdk.services.swf.model.RegisterWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.RegisterWorkflowTypeResponse;
import software.amazon.awssdk.services.swf.model.RequestCancelWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.RequestCancelWorkflowExecutionResponse;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskCanceledRequest;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskCanceledResponse;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskCompletedRequest;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskCompletedResponse;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskFailedRequest;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskFailedResponse;
import software.amazon.awssdk.services.swf.model.RespondDecisionTaskCompletedRequest;
import software.amazon.awssdk.services.swf.model.RespondDecisionTaskCompletedResponse;
import software.amazon.awssdk.services.swf.model.SignalWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.SignalWorkflowExecutionResponse;
import software.amazon.awssdk.services.swf.model.StartWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.StartWorkflowExecutionResponse;
import software.amazon.awssdk.services.swf.model.SwfException;
import software.amazon.awssdk.services.swf.model.SwfRequest;
import software.amazon.awssdk.services.swf.model.TerminateWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.TerminateWorkflowExecutionResponse;
import software.amazon.awssdk.services.swf.model.TypeAlreadyExistsException;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionAlreadyStartedException;

/**
 * A fake {@link SwfClient} for tests: every call is recorded; answers come from handlers set per
 * request type (default: an empty response); polls take tasks from queues, waiting briefly, as a
 * short long poll. A queued {@link RuntimeException} is thrown by the poll that takes it.
 */
public final class FakeSwf implements SwfClient {
  public final BlockingQueue<Object> activityTasks = new LinkedBlockingQueue<>();
  public final BlockingQueue<Object> decisionTasks = new LinkedBlockingQueue<>();

  /** Every request that is not a poll, in order, as it arrives. */
  public final BlockingQueue<SwfRequest> calls = new LinkedBlockingQueue<>();

  private final List<SwfRequest> all = new ArrayList<>();
  private final Map<Class<?>, Function<SwfRequest, Object>> handlers = new HashMap<>();
  private volatile long pollWaitMillis = 20;
  private volatile boolean closed;

  public <Q extends SwfRequest> FakeSwf on(Class<Q> type, Function<Q, Object> handler) {
    synchronized (handlers) {
      @SuppressWarnings("unchecked")
      Function<SwfRequest, Object> h = (Function<SwfRequest, Object>) handler;
      handlers.put(type, h);
    }
    return this;
  }

  /** All requests so far, polls included. */
  public List<SwfRequest> requests() {
    synchronized (all) {
      return new ArrayList<>(all);
    }
  }

  private List<SwfRequest> nonPolls() {
    List<SwfRequest> out = new ArrayList<>();
    for (SwfRequest r : requests()) {
      if (!(r instanceof PollForActivityTaskRequest)
          && !(r instanceof PollForDecisionTaskRequest p && p.nextPageToken() == null)) {
        out.add(r);
      }
    }
    return out;
  }

  public <Q extends SwfRequest> List<Q> requests(Class<Q> type) {
    List<Q> out = new ArrayList<>();
    for (SwfRequest r : requests()) {
      if (type.isInstance(r)) {
        out.add(type.cast(r));
      }
    }
    return out;
  }

  /** The next non-poll request, waiting up to 5 s. */
  public SwfRequest nextCall() throws InterruptedException {
    SwfRequest r = calls.poll(5, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no call within 5 s; calls so far: " + nonPolls());
    }
    return r;
  }

  /** The next non-poll request of {@code type}, skipping others, waiting up to 5 s. */
  public <Q extends SwfRequest> Q nextCall(Class<Q> type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      SwfRequest r = calls.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (r == null) {
        throw new AssertionError(
            "no " + type.getSimpleName() + " within 5 s; calls so far: " + nonPolls());
      }
      if (type.isInstance(r)) {
        return type.cast(r);
      }
    }
  }

  public boolean isClosed() {
    return closed;
  }

  public static AwsServiceException fault(String code, String message) {
    AwsServiceException.Builder b;
    switch (code) {
      case "UnknownResourceFault":
        b = UnknownResourceException.builder();
        break;
      case "TypeAlreadyExistsFault":
        b = TypeAlreadyExistsException.builder();
        break;
      case "DomainAlreadyExistsFault":
        b = DomainAlreadyExistsException.builder();
        break;
      case "WorkflowExecutionAlreadyStartedFault":
        b = WorkflowExecutionAlreadyStartedException.builder();
        break;
      default:
        b = SwfException.builder();
    }
    return b.message(message)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
        .statusCode(400)
        .build();
  }

  @SuppressWarnings("unchecked")
  private <R> R call(SwfRequest request, Class<R> responseType) {
    synchronized (all) {
      all.add(request);
    }
    Function<SwfRequest, Object> handler;
    synchronized (handlers) {
      handler = handlers.get(request.getClass());
      if (handler == null) {
        for (Map.Entry<Class<?>, Function<SwfRequest, Object>> e : handlers.entrySet()) {
          if (e.getKey().isInstance(request)) {
            handler = e.getValue();
          }
        }
      }
    }
    boolean longPoll =
        request instanceof PollForActivityTaskRequest
            || (request instanceof PollForDecisionTaskRequest p && p.nextPageToken() == null);
    if (!longPoll) {
      calls.add(request);
    }
    Object answer = handler != null ? handler.apply(request) : null;
    if (answer instanceof RuntimeException e) {
      throw e;
    }
    if (answer == null) {
      try {
        Object builder = responseType.getMethod("builder").invoke(null);
        return (R) ((software.amazon.awssdk.core.SdkResponse.Builder) builder).build();
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    return (R) answer;
  }

  private Object take(BlockingQueue<Object> queue) {
    try {
      Object task = queue.poll(pollWaitMillis, TimeUnit.MILLISECONDS);
      if (task instanceof RuntimeException e) {
        throw e;
      }
      return task;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException("poll interrupted", e);
    }
  }

  @Override
  public PollForActivityTaskResponse pollForActivityTask(PollForActivityTaskRequest request) {
    synchronized (all) {
      all.add(request);
    }
    Object task = take(activityTasks);
    return task != null
        ? (PollForActivityTaskResponse) task
        : PollForActivityTaskResponse.builder().build();
  }

  @Override
  public PollForDecisionTaskResponse pollForDecisionTask(PollForDecisionTaskRequest request) {
    if (request.nextPageToken() != null) {
      return call(request, PollForDecisionTaskResponse.class);
    }
    synchronized (all) {
      all.add(request);
    }
    Object task = take(decisionTasks);
    return task != null
        ? (PollForDecisionTaskResponse) task
        : PollForDecisionTaskResponse.builder().build();
  }

  @Override
  public StartWorkflowExecutionResponse startWorkflowExecution(StartWorkflowExecutionRequest r) {
    return call(r, StartWorkflowExecutionResponse.class);
  }

  @Override
  public GetWorkflowExecutionHistoryResponse getWorkflowExecutionHistory(
      GetWorkflowExecutionHistoryRequest r) {
    return call(r, GetWorkflowExecutionHistoryResponse.class);
  }

  @Override
  public DescribeWorkflowExecutionResponse describeWorkflowExecution(
      DescribeWorkflowExecutionRequest r) {
    return call(r, DescribeWorkflowExecutionResponse.class);
  }

  @Override
  public SignalWorkflowExecutionResponse signalWorkflowExecution(SignalWorkflowExecutionRequest r) {
    return call(r, SignalWorkflowExecutionResponse.class);
  }

  @Override
  public RequestCancelWorkflowExecutionResponse requestCancelWorkflowExecution(
      RequestCancelWorkflowExecutionRequest r) {
    return call(r, RequestCancelWorkflowExecutionResponse.class);
  }

  @Override
  public TerminateWorkflowExecutionResponse terminateWorkflowExecution(
      TerminateWorkflowExecutionRequest r) {
    return call(r, TerminateWorkflowExecutionResponse.class);
  }

  @Override
  public ListOpenWorkflowExecutionsResponse listOpenWorkflowExecutions(
      ListOpenWorkflowExecutionsRequest r) {
    return call(r, ListOpenWorkflowExecutionsResponse.class);
  }

  @Override
  public ListClosedWorkflowExecutionsResponse listClosedWorkflowExecutions(
      ListClosedWorkflowExecutionsRequest r) {
    return call(r, ListClosedWorkflowExecutionsResponse.class);
  }

  @Override
  public DescribeDomainResponse describeDomain(DescribeDomainRequest r) {
    return call(r, DescribeDomainResponse.class);
  }

  @Override
  public RegisterDomainResponse registerDomain(RegisterDomainRequest r) {
    return call(r, RegisterDomainResponse.class);
  }

  @Override
  public RegisterWorkflowTypeResponse registerWorkflowType(RegisterWorkflowTypeRequest r) {
    return call(r, RegisterWorkflowTypeResponse.class);
  }

  @Override
  public RegisterActivityTypeResponse registerActivityType(RegisterActivityTypeRequest r) {
    return call(r, RegisterActivityTypeResponse.class);
  }

  @Override
  public RespondActivityTaskCompletedResponse respondActivityTaskCompleted(
      RespondActivityTaskCompletedRequest r) {
    return call(r, RespondActivityTaskCompletedResponse.class);
  }

  @Override
  public RespondActivityTaskFailedResponse respondActivityTaskFailed(
      RespondActivityTaskFailedRequest r) {
    return call(r, RespondActivityTaskFailedResponse.class);
  }

  @Override
  public RespondActivityTaskCanceledResponse respondActivityTaskCanceled(
      RespondActivityTaskCanceledRequest r) {
    return call(r, RespondActivityTaskCanceledResponse.class);
  }

  @Override
  public RecordActivityTaskHeartbeatResponse recordActivityTaskHeartbeat(
      RecordActivityTaskHeartbeatRequest r) {
    return call(r, RecordActivityTaskHeartbeatResponse.class);
  }

  @Override
  public RespondDecisionTaskCompletedResponse respondDecisionTaskCompleted(
      RespondDecisionTaskCompletedRequest r) {
    return call(r, RespondDecisionTaskCompletedResponse.class);
  }

  @Override
  public String serviceName() {
    return "swf";
  }

  @Override
  public void close() {
    closed = true;
  }
}
