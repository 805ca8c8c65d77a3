package dev.flow.internal.worker;

import dev.flow.spi.ActivityDispatcher;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowSpec;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The workflow and activity types a worker hosts, each with its one implementation (those given
 * first, then the manifests' for the types not given), and the task lists they are polled on.
 */
final class HostedTypes {
  private final Map<TypeKey, WorkflowDefinition> workflows;
  private final Map<TypeKey, HostedActivity> activities;
  private final String taskList;

  /**
   * The types {@code settings} host.
   *
   * @throws IllegalArgumentException when a workflow or activity type is hosted twice
   */
  HostedTypes(WorkerSettings settings) {
    this.workflows = workflowsByType(settings.workflows(), "");
    workflowsByType(settings.manifestWorkflows(), " in the manifests")
        .forEach(workflows::putIfAbsent);
    this.activities = activitiesByType(settings.activities(), "");
    activitiesByType(settings.manifestActivities(), " in the manifests")
        .forEach(activities::putIfAbsent);
    this.taskList = settings.taskList();
  }

  /** The hosted workflow definitions by type. */
  Map<TypeKey, WorkflowDefinition> workflows() {
    return workflows;
  }

  /** The hosted activities by type. */
  Map<TypeKey, HostedActivity> activities() {
    return activities;
  }

  /** The decision task lists polled: the override, else those the hosted workflows declare. */
  List<String> decisionTaskLists() {
    Set<String> lists = new LinkedHashSet<>();
    for (WorkflowDefinition d : workflows.values()) {
      lists.add(taskList != null ? taskList : d.spec().taskList());
    }
    return List.copyOf(lists);
  }

  /** The activity task lists polled: the override, else those the hosted activities declare. */
  List<String> activityTaskLists() {
    Set<String> lists = new LinkedHashSet<>();
    for (HostedActivity a : activities.values()) {
      lists.add(taskList != null ? taskList : a.spec().taskList());
    }
    return List.copyOf(lists);
  }

  private static Map<TypeKey, WorkflowDefinition> workflowsByType(
      List<WorkflowDefinition> definitions, String where) {
    Map<TypeKey, WorkflowDefinition> byType = new LinkedHashMap<>();
    for (WorkflowDefinition d : definitions) {
      WorkflowSpec spec = d.spec();
      WorkflowDefinition previous = byType.put(new TypeKey(spec.name(), spec.version()), d);
      if (previous != null && previous != d) {
        throw hostedTwice("workflow", spec.name(), spec.version(), where, previous, d);
      }
    }
    return byType;
  }

  private static Map<TypeKey, HostedActivity> activitiesByType(
      List<ActivityDispatcher> dispatchers, String where) {
    Map<TypeKey, HostedActivity> byType = new LinkedHashMap<>();
    for (ActivityDispatcher dispatcher : dispatchers) {
      for (ActivitySpec spec : dispatcher.activities()) {
        HostedActivity previous =
            byType.put(
                new TypeKey(spec.name(), spec.version()), new HostedActivity(spec, dispatcher));
        if (previous != null && previous.dispatcher() != dispatcher) {
          throw hostedTwice(
              "activity", spec.name(), spec.version(), where, previous.dispatcher(), dispatcher);
        }
      }
    }
    return byType;
  }

  private static IllegalArgumentException hostedTwice(
      String kind, String name, String version, String where, Object first, Object second) {
    return new IllegalArgumentException(
        kind
            + " type "
            + name
            + " "
            + version
            + " is hosted twice"
            + where
            + " (by "
            + first
            + " and "
            + second
            + "): host one implementation per type");
  }
}
