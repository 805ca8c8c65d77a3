package dev.flow.internal.replay;

import dev.flow.CanceledFailure;
import dev.flow.ContinueAsNewOptions;
import dev.flow.DataConverter;
import dev.flow.FlowException;
import dev.flow.internal.Failures;
import dev.flow.internal.SwfLimits;
import dev.flow.spi.WorkflowSpec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;

/** The decisions that close a run: completed, failed, canceled, continued as new. */
final class CloseDecisions {
  private CloseDecisions() {}

  /**
   * CompleteWorkflowExecution with {@code result}, encoded; a result that does not encode, or is
   * too long for SWF, fails the workflow instead.
   */
  static Decision completed(Object result, DataConverter converter, boolean cancelRequested) {
    String data;
    try {
      data = converter.toData(result);
    } catch (RuntimeException e) {
      return failed(e, cancelRequested);
    }
    if (data != null && data.length() > SwfLimits.MAX_DATA) {
      return failed(
          new FlowException(
              "the workflow result is "
                  + data.length()
                  + " characters long once encoded; SWF"
                  + " accepts at most "
                  + SwfLimits.MAX_DATA),
          cancelRequested);
    }
    return Decision.builder()
        .decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
        .completeWorkflowExecutionDecisionAttributes(a -> a.result(data))
        .build();
  }

  /**
   * The close over {@code failure} escaping workflow code: CancelWorkflowExecution when it is a
   * {@link CanceledFailure} and cancellation was requested; else FailWorkflowExecution.
   */
  static Decision failed(Throwable failure, boolean cancelRequested) {
    if (failure instanceof CanceledFailure && cancelRequested) {
      String details = failure.getMessage();
      return Decision.builder()
          .decisionType(DecisionType.CANCEL_WORKFLOW_EXECUTION)
          .cancelWorkflowExecutionDecisionAttributes(
              a ->
                  a.details(
                      details == null || details.length() <= SwfLimits.MAX_DATA
                          ? details
                          : details.substring(0, SwfLimits.MAX_DATA)))
          .build();
    }
    return Decision.builder()
        .decisionType(DecisionType.FAIL_WORKFLOW_EXECUTION)
        .failWorkflowExecutionDecisionAttributes(
            a -> a.reason(Failures.reason(failure)).details(Failures.details(failure)))
        .build();
  }

  /**
   * ContinueAsNewWorkflowExecution of {@code next} (null: {@code spec}; its version may differ)
   * over {@code args} (values or ready promises), encoded; the version is the options' if they name
   * one, else {@code next}'s; what else {@code options} leaves unset is carried over from the run
   * of {@code facts}, with the run number one more.
   *
   * @throws IllegalArgumentException when {@code next} is of another workflow type
   */
  static Decision continuedAsNew(
      WorkflowSpec spec,
      WorkflowSpec next,
      ContinueAsNewOptions options,
      Object[] args,
      Calls calls,
      RunFacts facts) {
    WorkflowSpec target = next == null ? spec : next;
    if (!target.name().equals(spec.name())) {
      throw new IllegalArgumentException(
          "continue-as-new keeps the workflow type: this is "
              + spec.name()
              + ", not "
              + target.name()
              + "; start another type as a child workflow instead");
    }
    ContinueAsNewOptions o = options == null ? ContinueAsNewOptions.DEFAULT : options;
    String version = o.version() != null ? o.version() : target.version();
    Object[] values = PromisedArguments.values(args == null ? new Object[0] : args);
    String input = calls.encodeInput(values, "continue-as-new of ", target.name());
    var s = facts.started;
    String taskList =
        o.taskList() != null ? o.taskList() : s.taskList() == null ? null : s.taskList().name();
    String executionTimeout =
        o.executionStartToCloseTimeout() != null
            ? Commands.timeout(o.executionStartToCloseTimeout(), 0)
            : s.executionStartToCloseTimeout();
    String taskTimeout =
        o.taskStartToCloseTimeout() != null
            ? Commands.timeout(o.taskStartToCloseTimeout(), 0)
            : s.taskStartToCloseTimeout();
    List<String> tags = new ArrayList<>(o.tags().isEmpty() ? facts.userTags() : o.tags());
    if (tags.size() < 5) {
      tags.add(RunFacts.ATTEMPT_TAG + (facts.attempt() + 1));
    }
    String priority = o.priority() != null ? o.priority().toString() : s.taskPriority();
    return Decision.builder()
        .decisionType(DecisionType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION)
        .continueAsNewWorkflowExecutionDecisionAttributes(
            a ->
                a.input(input)
                    .workflowTypeVersion(version)
                    .taskList(taskList == null ? null : t -> t.name(taskList))
                    .taskPriority(priority)
                    .executionStartToCloseTimeout(executionTimeout)
                    .taskStartToCloseTimeout(taskTimeout)
                    .childPolicy(s.childPolicy())
                    .lambdaRole(s.lambdaRole())
                    .tagList(tags.isEmpty() ? null : tags))
        .build();
  }
}
