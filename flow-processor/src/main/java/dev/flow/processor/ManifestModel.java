package dev.flow.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/** What one compilation declared and implemented, sorted by name. */
record ManifestModel(
    String packageName,
    List<WorkflowInterface> workflows,
    List<ActivityInterface> activities,
    List<WorkflowImplementation> workflowImplementations,
    List<ActivityImplementation> activityImplementations) {

  ManifestModel {
    workflows = List.copyOf(workflows);
    activities = List.copyOf(activities);
    workflowImplementations = List.copyOf(workflowImplementations);
    activityImplementations = List.copyOf(activityImplementations);
  }

  /**
   * Class {@code implementation} of a workflow, built with one new stub per constructor argument.
   */
  record WorkflowImplementation(
      TypeElement element, ClassName implementation, ClassName definition, List<ClassName> stubs) {
    WorkflowImplementation {
      stubs = List.copyOf(stubs);
    }
  }

  /**
   * Class {@code implementation} of an activity interface, built with its no-argument constructor.
   */
  record ActivityImplementation(
      TypeElement element, ClassName implementation, ClassName dispatcher) {}
}
