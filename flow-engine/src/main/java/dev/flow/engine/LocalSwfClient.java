package dev.flow.engine;

import dev.flow.spi.InProcessSwf;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.CountClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.CountClosedWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.CountOpenWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.CountOpenWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.CountPendingActivityTasksRequest;
import software.amazon.awssdk.services.swf.model.CountPendingActivityTasksResponse;
import software.amazon.awssdk.services.swf.model.CountPendingDecisionTasksRequest;
import software.amazon.awssdk.services.swf.model.CountPendingDecisionTasksResponse;
import software.amazon.awssdk.services.swf.model.DeleteActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.DeleteActivityTypeResponse;
import software.amazon.awssdk.services.swf.model.DeleteWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.DeleteWorkflowTypeResponse;
import software.amazon.awssdk.services.swf.model.DeprecateActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.DeprecateActivityTypeResponse;
import software.amazon.awssdk.services.swf.model.DeprecateDomainRequest;
import software.amazon.awssdk.services.swf.model.DeprecateDomainResponse;
import software.amazon.awssdk.services.swf.model.DeprecateWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.DeprecateWorkflowTypeResponse;
import software.amazon.awssdk.services.swf.model.DescribeActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.DescribeActivityTypeResponse;
import software.amazon.awssdk.services.swf.model.DescribeDomainRequest;
import software.amazon.awssdk.services.swf.model.DescribeDomainResponse;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowExecutionResponse;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowTypeResponse;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryRequest;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.ListActivityTypesRequest;
import software.amazon.awssdk.services.swf.model.ListActivityTypesResponse;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.ListDomainsRequest;
import software.amazon.awssdk.services.swf.model.ListDomainsResponse;
import software.amazon.awssdk.services.swf.model.ListOpenWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ListOpenWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.swf.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.swf.model.ListWorkflowTypesRequest;
import software.amazon.awssdk.services.swf.model.ListWorkflowTypesResponse;
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
import software.amazon.awssdk.services.swf.model.TagResourceRequest;
import software.amazon.awssdk.services.swf.model.TagResourceResponse;
import software.amazon.awssdk.services.swf.model.TerminateWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.TerminateWorkflowExecutionResponse;
import software.amazon.awssdk.services.swf.model.UndeprecateActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.UndeprecateActivityTypeResponse;
import software.amazon.awssdk.services.swf.model.UndeprecateDomainRequest;
import software.amazon.awssdk.services.swf.model.UndeprecateDomainResponse;
import software.amazon.awssdk.services.swf.model.UndeprecateWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.UndeprecateWorkflowTypeResponse;
import software.amazon.awssdk.services.swf.model.UntagResourceRequest;
import software.amazon.awssdk.services.swf.model.UntagResourceResponse;

/**
 * The in-process {@link SwfClient}: each action validates, runs in one engine transaction and
 * answers exactly as SWF would (same response shapes, same fault classes and codes). Anything
 * unexpected becomes an InternalFailure {@code SwfException} with nothing of the request kept. All
 * 39 SWF actions are served. It is {@link InProcessSwf}: Flow's calls come without HTTP settings.
 */
final class LocalSwfClient implements SwfClient, InProcessSwf {
  private static final System.Logger LOG = System.getLogger(LocalSwfClient.class.getName());

  private final Engine engine;
  private final Requests requests;
  private final Runnable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();

  LocalSwfClient(Engine engine, Requests requests, Runnable onClose) {
    this.engine = engine;
    this.requests = requests;
    this.onClose = onClose;
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  /** Runs the close action given by the engine (nothing for {@link LocalEngine#client()}), once. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      onClose.run();
    }
  }

  private <T> T call(String action, Object request, Supplier<T> body) {
    if (request == null) {
      throw SwfFaults.validation(action + " needs a request");
    }
    Check.values((SdkPojo) request);
    boolean changes = !isReadOnly(action);
    if (changes) {
      engine.calls.starts();
    }
    try {
      return body.get();
    } catch (AwsServiceException e) {
      throw e;
    } catch (RuntimeException e) {
      // A bug of the engine: the detail is for its log, the caller learns what failed.
      LOG.log(System.Logger.Level.ERROR, action + " failed inside the embedded engine", e);
      throw SwfFaults.internal(
          action
              + " failed inside the engine; nothing of the request was kept. The engine's log has"
              + " the details.",
          e);
    } finally {
      if (changes) {
        engine.calls.ends();
      }
    }
  }

  /** Actions that change nothing (time skipping ignores them). */
  private static boolean isReadOnly(String action) {
    return action.startsWith("Describe")
        || action.startsWith("List")
        || action.startsWith("Count")
        || action.startsWith("Get");
  }

  @Override
  public RegisterDomainResponse registerDomain(RegisterDomainRequest r) {
    return call(
        "RegisterDomain",
        r,
        () -> {
          requests.domains().registerDomain(r);
          return RegisterDomainResponse.builder().build();
        });
  }

  @Override
  public DescribeDomainResponse describeDomain(DescribeDomainRequest r) {
    return call("DescribeDomain", r, () -> requests.domains().describeDomain(r));
  }

  @Override
  public RegisterWorkflowTypeResponse registerWorkflowType(RegisterWorkflowTypeRequest r) {
    return call(
        "RegisterWorkflowType",
        r,
        () -> {
          requests.types().registerWorkflowType(r);
          return RegisterWorkflowTypeResponse.builder().build();
        });
  }

  @Override
  public DescribeWorkflowTypeResponse describeWorkflowType(DescribeWorkflowTypeRequest r) {
    return call("DescribeWorkflowType", r, () -> requests.types().describeWorkflowType(r));
  }

  @Override
  public RegisterActivityTypeResponse registerActivityType(RegisterActivityTypeRequest r) {
    return call(
        "RegisterActivityType",
        r,
        () -> {
          requests.types().registerActivityType(r);
          return RegisterActivityTypeResponse.builder().build();
        });
  }

  @Override
  public DescribeActivityTypeResponse describeActivityType(DescribeActivityTypeRequest r) {
    return call("DescribeActivityType", r, () -> requests.types().describeActivityType(r));
  }

  @Override
  public StartWorkflowExecutionResponse startWorkflowExecution(StartWorkflowExecutionRequest r) {
    return call("StartWorkflowExecution", r, () -> requests.executions().startWorkflowExecution(r));
  }

  @Override
  public SignalWorkflowExecutionResponse signalWorkflowExecution(SignalWorkflowExecutionRequest r) {
    return call(
        "SignalWorkflowExecution",
        r,
        () -> {
          requests.executions().signalWorkflowExecution(r);
          return SignalWorkflowExecutionResponse.builder().build();
        });
  }

  @Override
  public RequestCancelWorkflowExecutionResponse requestCancelWorkflowExecution(
      RequestCancelWorkflowExecutionRequest r) {
    return call(
        "RequestCancelWorkflowExecution",
        r,
        () -> {
          requests.executions().requestCancelWorkflowExecution(r);
          return RequestCancelWorkflowExecutionResponse.builder().build();
        });
  }

  @Override
  public TerminateWorkflowExecutionResponse terminateWorkflowExecution(
      TerminateWorkflowExecutionRequest r) {
    return call(
        "TerminateWorkflowExecution",
        r,
        () -> {
          requests.executions().terminateWorkflowExecution(r);
          return TerminateWorkflowExecutionResponse.builder().build();
        });
  }

  @Override
  public GetWorkflowExecutionHistoryResponse getWorkflowExecutionHistory(
      GetWorkflowExecutionHistoryRequest r) {
    return call(
        "GetWorkflowExecutionHistory",
        r,
        () -> requests.visibility().getWorkflowExecutionHistory(r));
  }

  @Override
  public DescribeWorkflowExecutionResponse describeWorkflowExecution(
      DescribeWorkflowExecutionRequest r) {
    return call(
        "DescribeWorkflowExecution", r, () -> requests.visibility().describeWorkflowExecution(r));
  }

  @Override
  public ListOpenWorkflowExecutionsResponse listOpenWorkflowExecutions(
      ListOpenWorkflowExecutionsRequest r) {
    return call(
        "ListOpenWorkflowExecutions", r, () -> requests.visibility().listOpenWorkflowExecutions(r));
  }

  @Override
  public ListClosedWorkflowExecutionsResponse listClosedWorkflowExecutions(
      ListClosedWorkflowExecutionsRequest r) {
    return call(
        "ListClosedWorkflowExecutions",
        r,
        () -> requests.visibility().listClosedWorkflowExecutions(r));
  }

  @Override
  public CountOpenWorkflowExecutionsResponse countOpenWorkflowExecutions(
      CountOpenWorkflowExecutionsRequest r) {
    return call(
        "CountOpenWorkflowExecutions",
        r,
        () -> requests.visibility().countOpenWorkflowExecutions(r));
  }

  @Override
  public CountClosedWorkflowExecutionsResponse countClosedWorkflowExecutions(
      CountClosedWorkflowExecutionsRequest r) {
    return call(
        "CountClosedWorkflowExecutions",
        r,
        () -> requests.visibility().countClosedWorkflowExecutions(r));
  }

  @Override
  public CountPendingActivityTasksResponse countPendingActivityTasks(
      CountPendingActivityTasksRequest r) {
    return call(
        "CountPendingActivityTasks", r, () -> requests.visibility().countPendingActivityTasks(r));
  }

  @Override
  public CountPendingDecisionTasksResponse countPendingDecisionTasks(
      CountPendingDecisionTasksRequest r) {
    return call(
        "CountPendingDecisionTasks", r, () -> requests.visibility().countPendingDecisionTasks(r));
  }

  @Override
  public PollForDecisionTaskResponse pollForDecisionTask(PollForDecisionTaskRequest r) {
    return call("PollForDecisionTask", r, () -> requests.polls().pollForDecisionTask(r));
  }

  @Override
  public RespondDecisionTaskCompletedResponse respondDecisionTaskCompleted(
      RespondDecisionTaskCompletedRequest r) {
    return call(
        "RespondDecisionTaskCompleted",
        r,
        () -> {
          requests.decisionTasks().respondDecisionTaskCompleted(r);
          return RespondDecisionTaskCompletedResponse.builder().build();
        });
  }

  @Override
  public PollForActivityTaskResponse pollForActivityTask(PollForActivityTaskRequest r) {
    return call("PollForActivityTask", r, () -> requests.polls().pollForActivityTask(r));
  }

  /**
   * A poll's answer that could not reach its poller (its connection closed before the answer was
   * written): the task it started, if any, is timed out now rather than at its start-to-close
   * timeout, since nobody can answer it.
   */
  void undelivered(SdkPojo pollAnswer) {
    String token =
        pollAnswer instanceof PollForDecisionTaskResponse d
            ? d.taskToken()
            : pollAnswer instanceof PollForActivityTaskResponse a ? a.taskToken() : null;
    if (token == null || token.isEmpty() || closed.get()) {
      return;
    }
    engine.calls.starts();
    try {
      requests.polls().undelivered(token);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot hand back an undelivered task", e);
    } finally {
      engine.calls.ends();
    }
  }

  @Override
  public RespondActivityTaskCompletedResponse respondActivityTaskCompleted(
      RespondActivityTaskCompletedRequest r) {
    return call(
        "RespondActivityTaskCompleted",
        r,
        () -> {
          requests.activityWorkers().respondActivityTaskCompleted(r);
          return RespondActivityTaskCompletedResponse.builder().build();
        });
  }

  @Override
  public RespondActivityTaskFailedResponse respondActivityTaskFailed(
      RespondActivityTaskFailedRequest r) {
    return call(
        "RespondActivityTaskFailed",
        r,
        () -> {
          requests.activityWorkers().respondActivityTaskFailed(r);
          return RespondActivityTaskFailedResponse.builder().build();
        });
  }

  @Override
  public RespondActivityTaskCanceledResponse respondActivityTaskCanceled(
      RespondActivityTaskCanceledRequest r) {
    return call(
        "RespondActivityTaskCanceled",
        r,
        () -> {
          requests.activityWorkers().respondActivityTaskCanceled(r);
          return RespondActivityTaskCanceledResponse.builder().build();
        });
  }

  @Override
  public RecordActivityTaskHeartbeatResponse recordActivityTaskHeartbeat(
      RecordActivityTaskHeartbeatRequest r) {
    return call(
        "RecordActivityTaskHeartbeat",
        r,
        () -> requests.activityWorkers().recordActivityTaskHeartbeat(r));
  }

  @Override
  public DeprecateDomainResponse deprecateDomain(DeprecateDomainRequest r) {
    return call(
        "DeprecateDomain",
        r,
        () -> {
          requests.domains().deprecateDomain(r);
          return DeprecateDomainResponse.builder().build();
        });
  }

  @Override
  public UndeprecateDomainResponse undeprecateDomain(UndeprecateDomainRequest r) {
    return call(
        "UndeprecateDomain",
        r,
        () -> {
          requests.domains().undeprecateDomain(r);
          return UndeprecateDomainResponse.builder().build();
        });
  }

  @Override
  public DeprecateWorkflowTypeResponse deprecateWorkflowType(DeprecateWorkflowTypeRequest r) {
    return call(
        "DeprecateWorkflowType",
        r,
        () -> {
          requests.types().deprecateWorkflowType(r);
          return DeprecateWorkflowTypeResponse.builder().build();
        });
  }

  @Override
  public UndeprecateWorkflowTypeResponse undeprecateWorkflowType(UndeprecateWorkflowTypeRequest r) {
    return call(
        "UndeprecateWorkflowType",
        r,
        () -> {
          requests.types().undeprecateWorkflowType(r);
          return UndeprecateWorkflowTypeResponse.builder().build();
        });
  }

  @Override
  public DeleteWorkflowTypeResponse deleteWorkflowType(DeleteWorkflowTypeRequest r) {
    return call(
        "DeleteWorkflowType",
        r,
        () -> {
          requests.types().deleteWorkflowType(r);
          return DeleteWorkflowTypeResponse.builder().build();
        });
  }

  @Override
  public DeprecateActivityTypeResponse deprecateActivityType(DeprecateActivityTypeRequest r) {
    return call(
        "DeprecateActivityType",
        r,
        () -> {
          requests.types().deprecateActivityType(r);
          return DeprecateActivityTypeResponse.builder().build();
        });
  }

  @Override
  public UndeprecateActivityTypeResponse undeprecateActivityType(UndeprecateActivityTypeRequest r) {
    return call(
        "UndeprecateActivityType",
        r,
        () -> {
          requests.types().undeprecateActivityType(r);
          return UndeprecateActivityTypeResponse.builder().build();
        });
  }

  @Override
  public DeleteActivityTypeResponse deleteActivityType(DeleteActivityTypeRequest r) {
    return call(
        "DeleteActivityType",
        r,
        () -> {
          requests.types().deleteActivityType(r);
          return DeleteActivityTypeResponse.builder().build();
        });
  }

  @Override
  public ListDomainsResponse listDomains(ListDomainsRequest r) {
    return call("ListDomains", r, () -> requests.domains().listDomains(r));
  }

  @Override
  public ListWorkflowTypesResponse listWorkflowTypes(ListWorkflowTypesRequest r) {
    return call("ListWorkflowTypes", r, () -> requests.types().listWorkflowTypes(r));
  }

  @Override
  public ListActivityTypesResponse listActivityTypes(ListActivityTypesRequest r) {
    return call("ListActivityTypes", r, () -> requests.types().listActivityTypes(r));
  }

  @Override
  public TagResourceResponse tagResource(TagResourceRequest r) {
    return call(
        "TagResource",
        r,
        () -> {
          requests.domains().tagResource(r);
          return TagResourceResponse.builder().build();
        });
  }

  @Override
  public UntagResourceResponse untagResource(UntagResourceRequest r) {
    return call(
        "UntagResource",
        r,
        () -> {
          requests.domains().untagResource(r);
          return UntagResourceResponse.builder().build();
        });
  }

  @Override
  public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest r) {
    return call("ListTagsForResource", r, () -> requests.domains().listTagsForResource(r));
  }
}
