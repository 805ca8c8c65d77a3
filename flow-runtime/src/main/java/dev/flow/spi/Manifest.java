package dev.flow.spi;

import java.util.List;

/**
 * What one compilation declared and implemented: every workflow and activity type (to register
 * them), and the implementations found in it that a worker can host without more configuration.
 * Generated once per compilation as {@code <package>.FlowManifest} and listed in {@code
 * META-INF/services/dev.flow.spi.Manifest}.
 */
public interface Manifest {
  /** Every {@code @Workflow} type declared in the compilation. */
  List<WorkflowSpec> workflowTypes();

  /** Every activity type declared by the {@code @Activity} interfaces of the compilation. */
  List<ActivitySpec> activityTypes();

  /** A definition for each workflow implementation class found in the compilation. */
  List<WorkflowDefinition> workflowImplementations();

  /** A dispatcher for each activity implementation class with a public no-argument constructor. */
  List<ActivityDispatcher> activityImplementations();

  /**
   * Each {@code @Activity} interface declared in the compilation, with how to host any
   * implementation of it and its stub: for containers that create implementations themselves. Empty
   * for manifests generated before bindings existed.
   */
  default List<ActivityBinding<?>> activityBindings() {
    return List.of();
  }

  /**
   * Each {@code @Workflow} interface declared in the compilation, with how to host any factory of
   * implementations, its client and its stubs: for containers that create implementations
   * themselves. Empty for manifests generated before bindings existed.
   */
  default List<WorkflowBinding<?>> workflowBindings() {
    return List.of();
  }
}
