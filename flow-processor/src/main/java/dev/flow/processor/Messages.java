package dev.flow.processor;

import com.palantir.javapoet.ClassName;
import java.util.Set;

/**
 * Every text the processor shows a user. Each starts with a stable tag ({@code [Flow:...]}) that
 * tests and search engines can rely on, says what is wrong, names the types, and says how to fix
 * it.
 *
 * <p>The data binding rule (what a parameter or result may be) is checked on the declared type and
 * its type arguments, not on the fields of your classes, and is this: Flow encodes every argument
 * and result as JSON with Jackson, by its declared type, so a type must be one Jackson can build
 * back from JSON without being told which class to make:
 *
 * <ul>
 *   <li>primitives, their boxes, {@code String}, {@code Object}, {@code Number}, {@code
 *       BigDecimal}, {@code BigInteger}, {@code UUID}, {@code URI}, {@code URL}, {@code File},
 *       {@code Path}, {@code Locale}, {@code Currency}, {@code Date}, the {@code java.time} value
 *       types, and enums;
 *   <li>the {@code java.util} collection and map interfaces ({@code List}, {@code Set}, {@code
 *       Map}, ...) and concrete JDK collections and maps with a public no-argument constructor,
 *       over bindable elements; map keys must be scalars (String, a boxed primitive, an enum,
 *       {@code UUID}, a {@code java.time} type, ...), as JSON object keys are strings;
 *   <li>arrays of bindable types;
 *   <li>your records and enums, your classes with a public no-argument constructor or a
 *       {@code @JsonCreator}, and any type annotated {@code @JsonDeserialize}.
 * </ul>
 *
 * Not bindable: type variables and wildcards (the type must be known at compile time), other
 * interfaces and abstract classes (Jackson cannot choose a class), {@code Optional} (use a nullable
 * value), types with {@code @JsonTypeInfo} (Flow encodes by declared type; polymorphic type ids are
 * not supported), non-static inner classes, and the rest of the JDK ({@code Thread}, {@code
 * InputStream}, {@code Runnable}, ...: pass the data, not the resource).
 */
final class Messages {
  private Messages() {}

  // --- The annotated type.

  static String notAnInterface(String annotation, String kind, String type) {
    return "[Flow:NotAnInterface] @"
        + annotation
        + " must be on an interface, but "
        + type
        + " is "
        + article(kind)
        + " "
        + kind
        + "; declare "
        + type
        + " as a public interface and implement it in a class";
  }

  static String generatedNameClash(String type, String other, String generated) {
    return "[Flow:GeneratedNameClash] "
        + type
        + " and "
        + other
        + " would both generate "
        + generated
        + "; rename one of the two interfaces, or move it to another package";
  }

  static String notPublic(String annotation, String type) {
    return "[Flow:NotPublicInterface] @"
        + annotation
        + " interface "
        + type
        + " is not public; make it (and every type enclosing it) public, so that generated code"
        + " and workers can use it";
  }

  static String genericInterface(String annotation, String type) {
    return "[Flow:GenericInterface] @"
        + annotation
        + " interface "
        + type
        + " has type parameters; remove them and use concrete types, because the types of"
        + " arguments and results must be known to encode them";
  }

  static String workflowAndActivity(String type) {
    return "[Flow:WorkflowAndActivity] "
        + type
        + " is annotated both @Workflow and @Activity;"
        + " keep one, and move the other's methods to an interface of their own";
  }

  // --- Methods.

  static String genericMethod(String method) {
    return "[Flow:GenericMethod] "
        + method
        + " has type parameters; remove them and use concrete"
        + " types, because the types of arguments and results must be known to encode them";
  }

  static String overloadedMethod(String type, String name) {
    return "[Flow:OverloadedMethod] "
        + type
        + " declares more than one method named "
        + name
        + "; give each method its own name, because activity types, workflow entries and signals"
        + " are named by method";
  }

  static String promiseParameter(String method, String parameter, String kind) {
    return "[Flow:PromiseParameter] parameter "
        + parameter
        + " of "
        + kind
        + " "
        + method
        + " is a Promise; declare the plain value type: the generated stub already accepts a"
        + " Promise for every parameter and waits for it";
  }

  static String promiseResult(String method) {
    return "[Flow:PromiseResult] activity "
        + method
        + " returns a Promise; return the plain"
        + " value: activities run outside workflow code, and the generated stub returns the"
        + " Promise";
  }

  static String checkedException(String method, String exception) {
    return "[Flow:WorkflowCheckedException] workflow method "
        + method
        + " declares checked"
        + " exception "
        + exception
        + "; workflow code cannot throw checked exceptions: remove"
        + " the throws clause and throw an unchecked exception (for example a FlowException)";
  }

  // --- Workflows and signals.

  static String noEntryMethod(String type) {
    return "[Flow:NoEntryMethod] @Workflow interface "
        + type
        + " has no entry method; declare"
        + " exactly one method without @Signal, the one an execution runs";
  }

  static String multipleEntryMethods(String type, String method, String first) {
    return "[Flow:MultipleEntryMethods] @Workflow interface "
        + type
        + " has more than one entry"
        + " method: "
        + method
        + " besides "
        + first
        + "; keep one entry method, and annotate"
        + " the others @Signal or move them to another workflow";
  }

  static String signalNotVoid(String method, String returnType) {
    return "[Flow:SignalNotVoid] @Signal method "
        + method
        + " returns "
        + returnType
        + "; signal handlers return void, because a signal is delivered, not called: store what"
        + " it brings in a field (or a Settable) for the entry method to use";
  }

  static String signalOutsideWorkflow(String method, String type) {
    return "[Flow:SignalOutsideWorkflow] @Signal method "
        + method
        + " is in "
        + type
        + ", which is not a @Workflow interface; declare signals on the @Workflow interface"
        + " (its implementation inherits them)";
  }

  static String duplicateSignal(String method, String signal, String first) {
    return "[Flow:DuplicateSignal] @Signal method "
        + method
        + " has the signal name "
        + signal
        + ", as "
        + first
        + " does; give each signal its own name";
  }

  static String reservedSignalName(String method, String handles, Set<String> methods) {
    return "[Flow:ReservedSignalName] @Signal method "
        + method
        + " has the name of a method of the generated "
        + handles
        + " ("
        + String.join(", ", methods.stream().sorted().toList())
        + "); rename the method (@Signal(name = ...) keeps the signal"
        + " name)";
  }

  static String reservedEntryName(String method, String stub) {
    return "[Flow:ReservedEntryName] workflow entry method "
        + method
        + " is named "
        + Names.START
        + ", as the method of the generated child stub "
        + stub
        + " that starts a child and returns its handle; rename the entry method (the workflow"
        + " type keeps its name)";
  }

  static String annotationOnNonAbstractMethod(String annotation, String method) {
    return "[Flow:AnnotationOnNonAbstractMethod] @"
        + annotation
        + " on "
        + method
        + " has no effect: Flow ignores static, default and private methods of its interfaces;"
        + " declare the method without a body (and implement it in the implementation class)";
  }

  static String activityAnnotationOutsideActivity(String annotation, String where) {
    return "[Flow:ActivityAnnotationOutsideActivity] @"
        + annotation
        + " on "
        + where
        + " has no effect: @ActivityOptions, @Idempotent and @Retry apply to the methods of"
        + " @Activity interfaces (and @Retry to an @Activity interface too); move it to an"
        + " activity method, or remove it";
  }

  // --- Data binding.

  static String wildcard(String what, String type) {
    return "[Flow:WildcardType] "
        + what
        + " has type "
        + type
        + ", which has a wildcard; use"
        + " concrete type arguments (List<Item>, not List<? extends Item>), because the type of"
        + " a value must be known to decode it";
  }

  static String abstractType(String what, String type, String name) {
    return "[Flow:AbstractType] "
        + what
        + " has type "
        + type
        + ", an interface or abstract"
        + " class that Jackson cannot build from JSON; use a concrete class, a record, or"
        + " annotate "
        + name
        + " with @JsonDeserialize(as = ...)";
  }

  static String optionalType(String what, String type) {
    return "[Flow:OptionalType] "
        + what
        + " has type "
        + type
        + "; use the plain type and null"
        + " for no value";
  }

  static String polymorphicType(String what, String type) {
    return "[Flow:PolymorphicType] "
        + what
        + " has type "
        + type
        + ", which has @JsonTypeInfo;"
        + " Flow encodes values by their declared type and does not support polymorphic type"
        + " ids: use a concrete type, or a field that says which kind of value it is";
  }

  static String noCreator(String what, String type, String name) {
    return "[Flow:NoCreator] "
        + what
        + " has type "
        + type
        + ", which has no public"
        + " no-argument constructor and no @JsonCreator, so Jackson cannot build it; add one, or"
        + " make "
        + name
        + " a record";
  }

  static String noProperties(String what, String type, String name, String accessor) {
    String getter =
        accessor == null
            ? "getX()"
            : "get" + Character.toUpperCase(accessor.charAt(0)) + accessor.substring(1) + "()";
    return "[Flow:NoProperties] "
        + what
        + " has type "
        + type
        + ", in which Jackson finds no property to encode (no public getX() or isX() getter, no"
        + " public field"
        + (accessor == null ? "" : "; " + accessor + "() is not a getter to Jackson")
        + "); make "
        + name
        + " a record, or give it getters such as "
        + getter
        + " and setters or a @JsonCreator constructor";
  }

  static String objectPayload(String what) {
    return "[Flow:ObjectPayload] "
        + what
        + " is declared Object, so Flow decodes it as plain JSON: a record or class passed here"
        + " arrives as a LinkedHashMap, a list as an ArrayList; declare the type that is passed";
  }

  static String innerClass(String what, String type) {
    return "[Flow:InnerClass] "
        + what
        + " has type "
        + type
        + ", an inner (non-static) class"
        + " that Jackson cannot build; declare it static";
  }

  static String jdkType(String what, String type) {
    return "[Flow:JdkType] "
        + what
        + " has type "
        + type
        + ", a JDK type that is not a value"
        + " Jackson can encode; pass its data instead (a String, a record, a collection)";
  }

  static String mapKey(String what, String type, String key) {
    return "[Flow:MapKey] "
        + what
        + " has type "
        + type
        + ", whose keys of type "
        + key
        + " cannot be JSON object keys; use String, a boxed primitive, an enum, UUID or a"
        + " java.time type as the key";
  }

  // --- Annotation values.

  static String emptyVersion(String annotation, String type) {
    return "[Flow:EmptyVersion] @"
        + annotation
        + " on "
        + type
        + " has an empty version; give"
        + " a version such as \"1.0\" (it is part of the SWF type)";
  }

  static String invalidSwfName(String annotation, String attribute, String value, String problem) {
    return "[Flow:InvalidSwfName] @"
        + annotation
        + "("
        + attribute
        + " = \""
        + value
        + "\") "
        + problem
        + ", which SWF does not accept; use at most 256 characters (64 for a version),"
        + " without ':', '/', '|', control characters or surrounding whitespace";
  }

  static String negativeTimeout(String annotation, String attribute, long value, boolean inherit) {
    return "[Flow:NegativeTimeout] @"
        + annotation
        + "("
        + attribute
        + " = "
        + value
        + ") is negative; give a number of seconds, or 0 for no limit"
        + (inherit ? ", or ActivityOptions.INHERIT to keep the interface's" : "");
  }

  static String timeoutTooLong(String annotation, String attribute, long value, long limit) {
    return "[Flow:TimeoutTooLong] @"
        + annotation
        + "("
        + attribute
        + " = "
        + value
        + ") is more than SWF accepts; give at most "
        + limit
        + " seconds";
  }

  static String retryMaximumAttempts(int value) {
    return "[Flow:RetryMaximumAttempts] @Retry(maximumAttempts = "
        + value
        + ") is negative; give"
        + " the number of attempts, the first included, or 0 for no limit";
  }

  static String retryBackoff(double value) {
    return "[Flow:RetryBackoff] @Retry(backoffCoefficient = "
        + value
        + ") is less than 1.0;"
        + " give 1.0 for equal waits, or more for growing waits";
  }

  static String retryInterval(String attribute, long value) {
    return "[Flow:RetryInterval] @Retry("
        + attribute
        + " = "
        + value
        + ") is negative; give a"
        + " number of seconds";
  }

  // --- The processor itself.

  static String unresolvedType(String type, String missing) {
    return "[Flow:UnresolvedType] cannot generate code for "
        + type
        + ": type "
        + missing
        + " cannot be found; fix or import it (if another annotation processor generates it,"
        + " make sure that processor runs too)";
  }

  /**
   * @param entry the dispatcher (activity) or definition (workflow) to register it by hand with
   */
  static String notInManifest(
      String implementation, ClassName name, String iface, boolean workflow, ClassName entry) {
    String simple = String.join(".", name.simpleNames());
    String what =
        workflow
            ? "public constructor taking nothing or only generated stubs (XStub, XSelf)"
            : "public no-argument constructor";
    String byHand =
        workflow
            ? "Worker.builder(flow).workflow("
                + entry.simpleName()
                + ".of(() -> new "
                + simple
                + "(...)))"
            : "Worker.builder(flow).activities(new "
                + entry.simpleName()
                + "(new "
                + simple
                + "(...)))";
    return "[Flow:NotInManifest] "
        + implementation
        + " implements @"
        + (workflow ? "Workflow " : "Activity ")
        + iface
        + " but has no "
        + what
        + ", so FlowManifest leaves it out and no worker built from the manifest runs it: add "
        + (workflow ? "such a constructor" : "a public no-argument constructor")
        + ", or register it by hand ("
        + byHand
        + ") and mark the class @SuppressWarnings(\""
        + ManifestParser.SUPPRESS
        + "\")";
  }

  static String invalidPackageOption(String value) {
    return "[Flow:InvalidPackageOption] -A"
        + Names.PACKAGE_OPTION
        + "="
        + value
        + " is not a Java package name; give one such as com.example.app";
  }

  static String writeFailed(String file, String reason) {
    return "[Flow:WriteFailed] cannot write "
        + file
        + ": "
        + reason
        + "; make sure no other source declares that type";
  }

  static String internalError(String stackTrace) {
    return "[Flow:InternalError] the Flow processor failed; please report this with the stack"
        + " trace: "
        + stackTrace;
  }

  private static String article(String word) {
    return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }
}
