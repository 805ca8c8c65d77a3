package dev.flow.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.NameAllocator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Every name the generated code declares, in one place. */
final class Names {
  private Names() {}

  static final String DISPATCHER_SUFFIX = "Dispatcher";
  static final String STUB_SUFFIX = "Stub";
  static final String DEFINITION_SUFFIX = "Definition";
  static final String WORKFLOW_CLIENT_SUFFIX = "WorkflowClient";
  static final String SELF_SUFFIX = "Self";
  static final String MANIFEST = "FlowManifest";
  static final String WORKER_MAIN = "FlowWorkerMain";
  static final String HANDLE = "Handle";
  static final String CHILD = "Child";
  static final String INSTANCE = "Instance";

  /** Dispatcher constant listing every spec. */
  static final String SPECS = "SPECS";

  /** Definition constant holding the workflow spec. */
  static final String SPEC = "SPEC";

  // Fields, parameters and locals of generated code; user parameter names are allocated around
  // them.
  static final String OPTIONS = "options";
  static final String FLOW = "flow";
  static final String IMPLEMENTATION = "implementation";
  static final String FACTORY = "factory";
  static final String WORKFLOW = "workflow";
  static final String HANDLE_FIELD = "handle";
  static final String ACTIVITY_NAME = "activityName";
  static final String SIGNAL_NAME = "signalName";
  static final String ARGUMENTS = "arguments";
  static final String WORKFLOW_ID = "workflowId";
  static final String RUN_ID = "runId";
  static final String TIMEOUT = "timeout";
  static final String REASON = "reason";

  /** The methods of a generated workflow handle ({@code WWorkflowClient.Handle}). */
  static final Set<String> HANDLE_METHODS =
      Set.of("workflowId", "runId", "result", "cancel", "terminate", "untyped");

  /** The methods of a generated child handle ({@code WStub.Child}). */
  static final Set<String> CHILD_METHODS = Set.of("workflowId", "result", "cancel");

  /**
   * The child stub method that starts a child and returns its handle; the entry method, which the
   * stub also declares, may not take this name.
   */
  static final String START = "start";

  /** The Java package option naming the package of the per-compilation types. */
  static final String PACKAGE_OPTION = "flow.package";

  static ClassName stub(ClassName iface) {
    return peer(iface, STUB_SUFFIX);
  }

  static ClassName dispatcher(ClassName iface) {
    return peer(iface, DISPATCHER_SUFFIX);
  }

  static ClassName definition(ClassName iface) {
    return peer(iface, DEFINITION_SUFFIX);
  }

  static ClassName self(ClassName iface) {
    return peer(iface, SELF_SUFFIX);
  }

  /**
   * {@code p.ProcessVideoWorkflowClient} for {@code p.ProcessVideo}; {@code p.OrderWorkflowClient}
   * (not {@code OrderWorkflowWorkflowClient}) for an interface already named {@code OrderWorkflow}.
   */
  static ClassName workflowClient(ClassName iface) {
    return iface.simpleName().endsWith("Workflow")
        ? peer(iface, "Client")
        : peer(iface, WORKFLOW_CLIENT_SUFFIX);
  }

  static ClassName handle(ClassName iface) {
    return workflowClient(iface).nestedClass(HANDLE);
  }

  static ClassName child(ClassName iface) {
    return stub(iface).nestedClass(CHILD);
  }

  static ClassName manifest(String packageName) {
    return ClassName.get(packageName, MANIFEST);
  }

  static ClassName workerMain(String packageName) {
    return ClassName.get(packageName, WORKER_MAIN);
  }

  /**
   * A top-level type beside {@code iface}: {@code p.MediaStub} for {@code p.Media}, {@code
   * p.Outer_MediaStub} for a nested {@code p.Outer.Media}.
   */
  private static ClassName peer(ClassName iface, String suffix) {
    return ClassName.get(iface.packageName(), String.join("_", iface.simpleNames()) + suffix);
  }

  /**
   * The dispatcher constant of each activity method, by method name: UPPER_SNAKE of the name, with
   * a {@code _} appended should two names (or {@link #SPECS}) meet.
   */
  static Map<String, String> activityConstants(List<ActivityMethod> methods) {
    NameAllocator names = new NameAllocator();
    names.newName(SPECS);
    Map<String, String> constants = new LinkedHashMap<>();
    for (ActivityMethod method : methods) {
      constants.put(method.methodName(), names.newName(constant(method.methodName())));
    }
    return constants;
  }

  /** {@code ENCODE_VIDEO} for {@code encodeVideo}, {@code PARSE_URL} for {@code parseURL}. */
  static String constant(String methodName) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < methodName.length(); i++) {
      char c = methodName.charAt(i);
      if (i > 0 && Character.isUpperCase(c)) {
        char before = methodName.charAt(i - 1);
        boolean nextLower =
            i + 1 < methodName.length() && Character.isLowerCase(methodName.charAt(i + 1));
        if (Character.isLowerCase(before)
            || Character.isDigit(before)
            || (Character.isUpperCase(before) && nextLower)) {
          s.append('_');
        }
      }
      s.append(c);
    }
    return s.toString().toUpperCase(Locale.ROOT);
  }
}
