package dev.flow.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.CountClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.CountOpenWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.CountPendingActivityTasksRequest;
import software.amazon.awssdk.services.swf.model.CountPendingDecisionTasksRequest;
import software.amazon.awssdk.services.swf.model.DeleteActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.DeleteWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.DeprecateActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.DeprecateDomainRequest;
import software.amazon.awssdk.services.swf.model.DeprecateWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.DescribeActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.DescribeDomainRequest;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryRequest;
import software.amazon.awssdk.services.swf.model.ListActivityTypesRequest;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ListDomainsRequest;
import software.amazon.awssdk.services.swf.model.ListOpenWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.swf.model.ListWorkflowTypesRequest;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskRequest;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskRequest;
import software.amazon.awssdk.services.swf.model.RecordActivityTaskHeartbeatRequest;
import software.amazon.awssdk.services.swf.model.RegisterActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.RegisterDomainRequest;
import software.amazon.awssdk.services.swf.model.RegisterWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.RequestCancelWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskCanceledRequest;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskCompletedRequest;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskFailedRequest;
import software.amazon.awssdk.services.swf.model.RespondDecisionTaskCompletedRequest;
import software.amazon.awssdk.services.swf.model.SignalWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.StartWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.TagResourceRequest;
import software.amazon.awssdk.services.swf.model.TerminateWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.UndeprecateActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.UndeprecateDomainRequest;
import software.amazon.awssdk.services.swf.model.UndeprecateWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.UntagResourceRequest;

/**
 * The 39 actions of the SWF API, by the name in {@code X-Amz-Target:
 * SimpleWorkflowService.<Action>}: for each, how to build its request and which {@link SwfClient}
 * method answers it.
 */
final class SwfActions {
  /** One action: a fresh request builder, and the call that answers the built request. */
  record Action(Supplier<? extends SdkPojo> requestBuilder, Function<Object, Object> call) {}

  private SwfActions() {}

  static Map<String, Action> of(SwfClient client) {
    Map<String, Action> actions = new HashMap<>();
    SwfActions.<CountClosedWorkflowExecutionsRequest>add(
        actions,
        "CountClosedWorkflowExecutions",
        CountClosedWorkflowExecutionsRequest::builder,
        client::countClosedWorkflowExecutions);
    SwfActions.<CountOpenWorkflowExecutionsRequest>add(
        actions,
        "CountOpenWorkflowExecutions",
        CountOpenWorkflowExecutionsRequest::builder,
        client::countOpenWorkflowExecutions);
    SwfActions.<CountPendingActivityTasksRequest>add(
        actions,
        "CountPendingActivityTasks",
        CountPendingActivityTasksRequest::builder,
        client::countPendingActivityTasks);
    SwfActions.<CountPendingDecisionTasksRequest>add(
        actions,
        "CountPendingDecisionTasks",
        CountPendingDecisionTasksRequest::builder,
        client::countPendingDecisionTasks);
    SwfActions.<DeleteActivityTypeRequest>add(
        actions,
        "DeleteActivityType",
        DeleteActivityTypeRequest::builder,
        client::deleteActivityType);
    SwfActions.<DeleteWorkflowTypeRequest>add(
        actions,
        "DeleteWorkflowType",
        DeleteWorkflowTypeRequest::builder,
        client::deleteWorkflowType);
    SwfActions.<DeprecateActivityTypeRequest>add(
        actions,
        "DeprecateActivityType",
        DeprecateActivityTypeRequest::builder,
        client::deprecateActivityType);
    SwfActions.<DeprecateDomainRequest>add(
        actions, "DeprecateDomain", DeprecateDomainRequest::builder, client::deprecateDomain);
    SwfActions.<DeprecateWorkflowTypeRequest>add(
        actions,
        "DeprecateWorkflowType",
        DeprecateWorkflowTypeRequest::builder,
        client::deprecateWorkflowType);
    SwfActions.<DescribeActivityTypeRequest>add(
        actions,
        "DescribeActivityType",
        DescribeActivityTypeRequest::builder,
        client::describeActivityType);
    SwfActions.<DescribeDomainRequest>add(
        actions, "DescribeDomain", DescribeDomainRequest::builder, client::describeDomain);
    SwfActions.<DescribeWorkflowExecutionRequest>add(
        actions,
        "DescribeWorkflowExecution",
        DescribeWorkflowExecutionRequest::builder,
        client::describeWorkflowExecution);
    SwfActions.<DescribeWorkflowTypeRequest>add(
        actions,
        "DescribeWorkflowType",
        DescribeWorkflowTypeRequest::builder,
        client::describeWorkflowType);
    SwfActions.<GetWorkflowExecutionHistoryRequest>add(
        actions,
        "GetWorkflowExecutionHistory",
        GetWorkflowExecutionHistoryRequest::builder,
        client::getWorkflowExecutionHistory);
    SwfActions.<ListActivityTypesRequest>add(
        actions, "ListActivityTypes", ListActivityTypesRequest::builder, client::listActivityTypes);
    SwfActions.<ListClosedWorkflowExecutionsRequest>add(
        actions,
        "ListClosedWorkflowExecutions",
        ListClosedWorkflowExecutionsRequest::builder,
        client::listClosedWorkflowExecutions);
    SwfActions.<ListDomainsRequest>add(
        actions, "ListDomains", ListDomainsRequest::builder, client::listDomains);
    SwfActions.<ListOpenWorkflowExecutionsRequest>add(
        actions,
        "ListOpenWorkflowExecutions",
        ListOpenWorkflowExecutionsRequest::builder,
        client::listOpenWorkflowExecutions);
    SwfActions.<ListTagsForResourceRequest>add(
        actions,
        "ListTagsForResource",
        ListTagsForResourceRequest::builder,
        client::listTagsForResource);
    SwfActions.<ListWorkflowTypesRequest>add(
        actions, "ListWorkflowTypes", ListWorkflowTypesRequest::builder, client::listWorkflowTypes);
    SwfActions.<PollForActivityTaskRequest>add(
        actions,
        "PollForActivityTask",
        PollForActivityTaskRequest::builder,
        client::pollForActivityTask);
    SwfActions.<PollForDecisionTaskRequest>add(
        actions,
        "PollForDecisionTask",
        PollForDecisionTaskRequest::builder,
        client::pollForDecisionTask);
    SwfActions.<RecordActivityTaskHeartbeatRequest>add(
        actions,
        "RecordActivityTaskHeartbeat",
        RecordActivityTaskHeartbeatRequest::builder,
        client::recordActivityTaskHeartbeat);
    SwfActions.<RegisterActivityTypeRequest>add(
        actions,
        "RegisterActivityType",
        RegisterActivityTypeRequest::builder,
        client::registerActivityType);
    SwfActions.<RegisterDomainRequest>add(
        actions, "RegisterDomain", RegisterDomainRequest::builder, client::registerDomain);
    SwfActions.<RegisterWorkflowTypeRequest>add(
        actions,
        "RegisterWorkflowType",
        RegisterWorkflowTypeRequest::builder,
        client::registerWorkflowType);
    SwfActions.<RequestCancelWorkflowExecutionRequest>add(
        actions,
        "RequestCancelWorkflowExecution",
        RequestCancelWorkflowExecutionRequest::builder,
        client::requestCancelWorkflowExecution);
    SwfActions.<RespondActivityTaskCanceledRequest>add(
        actions,
        "RespondActivityTaskCanceled",
        RespondActivityTaskCanceledRequest::builder,
        client::respondActivityTaskCanceled);
    SwfActions.<RespondActivityTaskCompletedRequest>add(
        actions,
        "RespondActivityTaskCompleted",
        RespondActivityTaskCompletedRequest::builder,
        client::respondActivityTaskCompleted);
    SwfActions.<RespondActivityTaskFailedRequest>add(
        actions,
        "RespondActivityTaskFailed",
        RespondActivityTaskFailedRequest::builder,
        client::respondActivityTaskFailed);
    SwfActions.<RespondDecisionTaskCompletedRequest>add(
        actions,
        "RespondDecisionTaskCompleted",
        RespondDecisionTaskCompletedRequest::builder,
        client::respondDecisionTaskCompleted);
    SwfActions.<SignalWorkflowExecutionRequest>add(
        actions,
        "SignalWorkflowExecution",
        SignalWorkflowExecutionRequest::builder,
        client::signalWorkflowExecution);
    SwfActions.<StartWorkflowExecutionRequest>add(
        actions,
        "StartWorkflowExecution",
        StartWorkflowExecutionRequest::builder,
        client::startWorkflowExecution);
    SwfActions.<TagResourceRequest>add(
        actions, "TagResource", TagResourceRequest::builder, client::tagResource);
    SwfActions.<TerminateWorkflowExecutionRequest>add(
        actions,
        "TerminateWorkflowExecution",
        TerminateWorkflowExecutionRequest::builder,
        client::terminateWorkflowExecution);
    SwfActions.<UndeprecateActivityTypeRequest>add(
        actions,
        "UndeprecateActivityType",
        UndeprecateActivityTypeRequest::builder,
        client::undeprecateActivityType);
    SwfActions.<UndeprecateDomainRequest>add(
        actions, "UndeprecateDomain", UndeprecateDomainRequest::builder, client::undeprecateDomain);
    SwfActions.<UndeprecateWorkflowTypeRequest>add(
        actions,
        "UndeprecateWorkflowType",
        UndeprecateWorkflowTypeRequest::builder,
        client::undeprecateWorkflowType);
    SwfActions.<UntagResourceRequest>add(
        actions, "UntagResource", UntagResourceRequest::builder, client::untagResource);
    return Map.copyOf(actions);
  }

  @SuppressWarnings("unchecked")
  private static <Q> void add(
      Map<String, Action> actions,
      String name,
      Supplier<? extends SdkPojo> requestBuilder,
      Function<Q, ?> call) {
    actions.put(name, new Action(requestBuilder, request -> call.apply((Q) request)));
  }
}
