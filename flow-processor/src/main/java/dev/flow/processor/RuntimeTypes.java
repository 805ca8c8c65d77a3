package dev.flow.processor;

import com.palantir.javapoet.ClassName;

/**
 * Every runtime and JDK type the generated code names, in one place. The processor does not depend
 * on flow-runtime, so these are names, not classes.
 */
final class RuntimeTypes {
  private RuntimeTypes() {}

  static final String FLOW = "dev.flow";
  static final String SPI = "dev.flow.spi";
  static final String ANNOTATIONS = "dev.flow.annotations";

  // The annotations, by name (read as mirrors; never as Class objects).
  static final String WORKFLOW = ANNOTATIONS + ".Workflow";
  static final String ACTIVITY = ANNOTATIONS + ".Activity";
  static final String SIGNAL = ANNOTATIONS + ".Signal";
  static final String ACTIVITY_OPTIONS = ANNOTATIONS + ".ActivityOptions";
  static final String IDEMPOTENT = ANNOTATIONS + ".Idempotent";
  static final String RETRY = ANNOTATIONS + ".Retry";

  // The user API.
  static final ClassName PROMISE = ClassName.get(FLOW, "Promise");
  static final ClassName CALL_OPTIONS = ClassName.get(FLOW, "CallOptions");
  static final ClassName START_OPTIONS = ClassName.get(FLOW, "StartOptions");
  static final ClassName CONTINUE_AS_NEW_OPTIONS = ClassName.get(FLOW, "ContinueAsNewOptions");
  static final ClassName RETRY_POLICY = ClassName.get(FLOW, "RetryPolicy");
  static final ClassName FLOW_CLIENT = ClassName.get(FLOW, "FlowClient");
  static final ClassName WORKFLOW_HANDLE = ClassName.get(FLOW, "WorkflowHandle");

  // The SPI for generated code.
  static final ClassName ACTIVITY_SPEC = ClassName.get(SPI, "ActivitySpec");
  static final ClassName WORKFLOW_SPEC = ClassName.get(SPI, "WorkflowSpec");
  static final ClassName SIGNAL_SPEC = ClassName.get(SPI, "SignalSpec");
  static final ClassName ACTIVITY_DISPATCHER = ClassName.get(SPI, "ActivityDispatcher");
  static final ClassName WORKFLOW_DEFINITION = ClassName.get(SPI, "WorkflowDefinition");
  static final ClassName WORKFLOW_INSTANCE = ClassName.get(SPI, "WorkflowInstance");
  static final ClassName MANIFEST = ClassName.get(SPI, "Manifest");
  static final ClassName ACTIVITY_BINDING = ClassName.get(SPI, "ActivityBinding");
  static final ClassName WORKFLOW_BINDING = ClassName.get(SPI, "WorkflowBinding");
  static final ClassName TYPES = ClassName.get(SPI, "Types");
  static final ClassName STUBS = ClassName.get(SPI, "Stubs");
  static final ClassName CHILD_HANDLE = ClassName.get(SPI, "ChildHandle");
  static final ClassName CLIENT_CALLS = ClassName.get(SPI, "ClientCalls");
  static final ClassName WORKER_MAIN = ClassName.get(SPI, "WorkerMain");

  // The JDK.
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  static final ClassName LIST = ClassName.get("java.util", "List");
  static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  static final ClassName SUPPLIER = ClassName.get("java.util.function", "Supplier");
  static final ClassName DURATION = ClassName.get("java.time", "Duration");
  static final ClassName STRING = ClassName.get("java.lang", "String");
  static final ClassName OVERRIDE = ClassName.get("java.lang", "Override");
  static final ClassName SUPPRESS_WARNINGS = ClassName.get("java.lang", "SuppressWarnings");
  static final ClassName ILLEGAL_ARGUMENT = ClassName.get("java.lang", "IllegalArgumentException");
  static final ClassName EXCEPTION = ClassName.get("java.lang", "Exception");

  // Jackson annotations that decide whether a type binds, by name: no Jackson dependency here.
  static final String JSON_TYPE_INFO = "com.fasterxml.jackson.annotation.JsonTypeInfo";
  static final String JSON_CREATOR = "com.fasterxml.jackson.annotation.JsonCreator";
  static final String JSON_PROPERTY = "com.fasterxml.jackson.annotation.JsonProperty";
  static final String JSON_VALUE = "com.fasterxml.jackson.annotation.JsonValue";
  static final String JSON_ANY_GETTER = "com.fasterxml.jackson.annotation.JsonAnyGetter";
  static final String JSON_SERIALIZE = "com.fasterxml.jackson.databind.annotation.JsonSerialize";
  static final String JSON_AUTO_DETECT = "com.fasterxml.jackson.annotation.JsonAutoDetect";
  static final String JSON_DESERIALIZE =
      "com.fasterxml.jackson.databind.annotation.JsonDeserialize";

  /**
   * Spring's stereotype, by name: the manifest does not warn about an implementation it cannot
   * create when it is a Spring bean, which Flow's Spring Boot starter hosts.
   */
  static final String SPRING_COMPONENT = "org.springframework.stereotype.Component";

  /** The service file listing the manifest of a compilation. */
  static final String MANIFEST_SERVICE_FILE = "META-INF/services/" + SPI + ".Manifest";
}
