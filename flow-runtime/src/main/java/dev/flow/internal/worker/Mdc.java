package dev.flow.internal.worker;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * The SLF4J MDC keys a worker thread carries while it handles a task, so that every line logged
 * meanwhile (by Flow or by the activity's own code) says which execution it is about: {@value
 * #WORKFLOW_ID}, {@value #RUN_ID}, {@value #TASK_LIST}, and for activities {@value #ACTIVITY_ID}
 * and {@value #ATTEMPT}. Closing removes them.
 */
final class Mdc implements AutoCloseable {
  static final String WORKFLOW_ID = "flow.workflowId";
  static final String RUN_ID = "flow.runId";
  static final String ACTIVITY_ID = "flow.activityId";
  static final String TASK_LIST = "flow.taskList";
  static final String ATTEMPT = "flow.attempt";

  private final List<String> keys = new ArrayList<>(5);

  private Mdc() {}

  static Mdc decisionTask(WorkflowExecution execution, String taskList) {
    Mdc mdc = new Mdc();
    if (execution != null) {
      mdc.put(WORKFLOW_ID, execution.workflowId());
      mdc.put(RUN_ID, execution.runId());
    }
    mdc.put(TASK_LIST, taskList);
    return mdc;
  }

  static Mdc activityTask(PollForActivityTaskResponse task, String taskList) {
    Mdc mdc = decisionTask(task.workflowExecution(), taskList);
    mdc.put(ACTIVITY_ID, task.activityId());
    if (task.activityId() != null) {
      mdc.put(ATTEMPT, Integer.toString(ActivityTaskContext.attempt(task.activityId())));
    }
    return mdc;
  }

  private void put(String key, String value) {
    if (value != null) {
      MDC.put(key, value);
      keys.add(key);
    }
  }

  @Override
  public void close() {
    keys.forEach(MDC::remove);
  }
}
