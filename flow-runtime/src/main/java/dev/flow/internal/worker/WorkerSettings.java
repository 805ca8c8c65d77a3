package dev.flow.internal.worker;

import dev.flow.spi.ActivityDispatcher;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowSpec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a worker hosts and how it polls; built by {@code dev.flow.Worker.Builder}, which checks them
 * for its users first. Public only for {@code Worker}.
 *
 * @param services what the worker's task handlers use (SWF, converter, metrics, tracing, backoff)
 * @param workflows hosted workflow implementations (one per type)
 * @param activities hosted activity implementations (one per type)
 * @param manifestWorkflows hosted for the types {@code workflows} do not cover (from manifests)
 * @param manifestActivities hosted for the types {@code activities} do not cover
 * @param alsoRegisterWorkflows types to register without hosting them (from a manifest)
 * @param alsoRegisterActivities types to register without hosting them (from a manifest)
 * @param taskList the one task list to poll for every hosted type, or null for the declared ones
 * @param decisionPollers threads per decision task list, each polling and deciding in turn
 * @param activityPollers threads per activity task list, each polling and running one task
 * @param shutdownGrace how long {@code close()} waits for running tasks
 * @param stickyCacheSize how many executions stay parked for sticky execution (0: none, every
 *     decision task replays the whole history)
 */
public record WorkerSettings(
    TaskServices services,
    List<WorkflowDefinition> workflows,
    List<ActivityDispatcher> activities,
    List<WorkflowDefinition> manifestWorkflows,
    List<ActivityDispatcher> manifestActivities,
    List<WorkflowSpec> alsoRegisterWorkflows,
    List<ActivitySpec> alsoRegisterActivities,
    String taskList,
    int decisionPollers,
    int activityPollers,
    Duration shutdownGrace,
    int stickyCacheSize) {
  public WorkerSettings {
    Objects.requireNonNull(services, "services");
    workflows = List.copyOf(workflows);
    activities = List.copyOf(activities);
    manifestWorkflows = List.copyOf(manifestWorkflows);
    manifestActivities = List.copyOf(manifestActivities);
    alsoRegisterWorkflows = List.copyOf(alsoRegisterWorkflows);
    alsoRegisterActivities = List.copyOf(alsoRegisterActivities);
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (decisionPollers < 1 || activityPollers < 1) {
      throw new IllegalArgumentException(
          "pollers must be at least 1, were decision "
              + decisionPollers
              + " and activity "
              + activityPollers);
    }
    if (stickyCacheSize < 0) {
      throw new IllegalArgumentException(
          "stickyCacheSize must be 0 (off) or more, was " + stickyCacheSize);
    }
  }
}
