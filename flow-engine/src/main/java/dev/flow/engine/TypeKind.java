package dev.flow.engine;

/** A registered type's kind; stored in {@code types.kind} as {@link #stored}. */
enum TypeKind {
  WORKFLOW("W", "WorkflowType", "workflowType"),
  ACTIVITY("A", "ActivityType", "activityType");

  /** The value in the store. */
  final String stored;

  /** SWF's name of the kind, as faults say it ({@code WorkflowType=[name=..., version=...]}). */
  final String swfName;

  /** The request member that names a type of this kind. */
  final String member;

  TypeKind(String stored, String swfName, String member) {
    this.stored = stored;
    this.swfName = swfName;
    this.member = member;
  }

  /** How faults name a type: {@code WorkflowType=[name=n, version=v]}. */
  String describe(String name, String version) {
    return swfName + "=[name=" + name + ", version=" + version + "]";
  }
}
