package dev.flow.internal.replay;

import dev.flow.WorkflowInfo;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionStartedEventAttributes;

/**
 * What the code may know about its run ({@code Workflow.info()}), from the execution's ids and its
 * WorkflowExecutionStarted event; continue-as-new carries the run number over in a tag.
 */
final class RunFacts {
  /** The tag that carries the run number over continue-as-new: {@code flow.attempt=<n>}. */
  static final String ATTEMPT_TAG = "flow.attempt=";

  final String workflowId;
  final String runId;
  final WorkflowExecutionStartedEventAttributes started;

  RunFacts(String workflowId, String runId, WorkflowExecutionStartedEventAttributes started) {
    this.workflowId = workflowId;
    this.runId = runId;
    this.started = started;
  }

  /** {@code Workflow.info()}, for a history of {@code historyLength} events as of the code. */
  WorkflowInfo info(long historyLength) {
    var s = started;
    return new WorkflowInfo(
        workflowId,
        runId,
        s.workflowType().name(),
        s.workflowType().version(),
        s.taskList() == null ? null : s.taskList().name(),
        userTags(),
        attempt(),
        historyLength,
        s.parentWorkflowExecution() == null ? null : s.parentWorkflowExecution().workflowId(),
        s.continuedExecutionRunId());
  }

  /** The execution's tags, but the one carrying the run number. */
  List<String> userTags() {
    if (!started.hasTagList()) {
      return List.of();
    }
    List<String> tags = new ArrayList<>(started.tagList().size());
    for (String tag : started.tagList()) {
      if (!tag.startsWith(ATTEMPT_TAG)) {
        tags.add(tag);
      }
    }
    return tags;
  }

  /** 1, or the run number carried over continue-as-new in the {@link #ATTEMPT_TAG} tag. */
  int attempt() {
    if (started.hasTagList()) {
      for (String tag : started.tagList()) {
        if (tag.startsWith(ATTEMPT_TAG)) {
          try {
            return Math.max(1, Integer.parseInt(tag.substring(ATTEMPT_TAG.length())));
          } catch (NumberFormatException e) {
            break;
          }
        }
      }
    }
    return started.continuedExecutionRunId() == null ? 1 : 2;
  }
}
