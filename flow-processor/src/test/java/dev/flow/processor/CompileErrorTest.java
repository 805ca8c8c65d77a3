package dev.flow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per compile error: exactly one error, its message (tag and text), and the line it points
 * at, which the source marks with {@code // <-- error}.
 */
class CompileErrorTest {
  private static final String MARK = "// <-- error";

  /** Compiles {@code p.<name>} (lines after the package and imports) and checks the one error. */
  private static Compilation assertOneError(
      String name, String expectedMessage, List<String> options, String... body) {
    List<String> lines = new ArrayList<>();
    lines.add("package p;");
    lines.add("");
    lines.add("import dev.flow.Promise;");
    lines.add("import dev.flow.annotations.*;");
    lines.add("import java.util.*;");
    lines.add("");
    lines.addAll(List.of(body));
    int line = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(MARK)) {
        line = i + 1;
      }
    }
    assertThat(line).as("the source marks the line of the error").isPositive();
    JavaFileObject source = Compilations.source("p." + name, lines.toArray(new String[0]));
    Compilation compilation = Compilations.compile(options, source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(expectedMessage).inFile(source).onLine(line);
    return compilation;
  }

  private static Compilation assertOneError(String name, String expectedMessage, String... body) {
    return assertOneError(name, expectedMessage, List.of(), body);
  }

  // ------------------------------------------------------------ the annotated type

  @Test
  void workflow_onClass_isError() {
    assertOneError(
        "Job",
        "[Flow:NotAnInterface] @Workflow must be on an interface, but p.Job is a class; declare"
            + " p.Job as a public interface",
        "@Workflow(version = \"1\")",
        "public class Job { " + MARK,
        "  public void run() {}",
        "}");
  }

  @Test
  void activity_onEnum_isError() {
    assertOneError(
        "Tasks",
        "[Flow:NotAnInterface] @Activity must be on an interface, but p.Tasks is an enum",
        "@Activity(version = \"1\")",
        "public enum Tasks { " + MARK,
        "  A",
        "}");
  }

  @Test
  void activity_onRecord_isError() {
    assertOneError(
        "Point",
        "[Flow:NotAnInterface] @Activity must be on an interface, but p.Point is a record",
        "@Activity(version = \"1\")",
        "public record Point(int x) {} " + MARK);
  }

  @Test
  void workflow_onAnnotationType_isError() {
    assertOneError(
        "Marker",
        "[Flow:NotAnInterface] @Workflow must be on an interface, but p.Marker is an annotation"
            + " type",
        "@Workflow(version = \"1\")",
        "public @interface Marker {} " + MARK);
  }

  @Test
  void activityInterface_notPublic_isError() {
    assertOneError(
        "Hidden",
        "[Flow:NotPublicInterface] @Activity interface p.Hidden is not public; make it (and every"
            + " type enclosing it) public",
        "@Activity(version = \"1\")",
        "interface Hidden { " + MARK,
        "  String work(String input);",
        "}");
  }

  @Test
  void activityInterface_nestedInNonPublicClass_isError() {
    assertOneError(
        "Holder",
        "[Flow:NotPublicInterface] @Activity interface p.Holder.Inner is not public",
        "class Holder {",
        "  @Activity(version = \"1\")",
        "  public interface Inner { " + MARK,
        "    String work(String input);",
        "  }",
        "}");
  }

  @Test
  void activityInterface_generic_isError() {
    assertOneError(
        "Generic",
        "[Flow:GenericInterface] @Activity interface p.Generic has type parameters; remove them",
        "@Activity(version = \"1\")",
        "public interface Generic<T> { " + MARK,
        "  T work(T input);",
        "}");
  }

  @Test
  void workflowAndActivity_onOneInterface_isError() {
    assertOneError(
        "Both",
        "[Flow:WorkflowAndActivity] p.Both is annotated both @Workflow and @Activity; keep one",
        "@Workflow(version = \"1\")",
        "@Activity(version = \"1\")",
        "public interface Both { " + MARK,
        "  String work(String input);",
        "}");
  }

  // ------------------------------------------------------------ methods

  @Test
  void activityMethod_generic_isError() {
    assertOneError(
        "Media",
        "[Flow:GenericMethod] Media.convert has type parameters; remove them",
        "@Activity(version = \"1\")",
        "public interface Media {",
        "  <T> T convert(T input); " + MARK,
        "}");
  }

  @Test
  void activityMethod_overloaded_isErrorOnTheSecond() {
    assertOneError(
        "Media",
        "[Flow:OverloadedMethod] p.Media declares more than one method named encode; give each"
            + " method its own name",
        "@Activity(version = \"1\")",
        "public interface Media {",
        "  String encode(String url);",
        "  String encode(String url, String format); " + MARK,
        "}");
  }

  @Test
  void activityMethod_takingPromise_isError() {
    assertOneError(
        "Media",
        "[Flow:PromiseParameter] parameter url of activity Media.encode is a Promise; declare the"
            + " plain value type",
        "@Activity(version = \"1\")",
        "public interface Media {",
        "  String encode(",
        "      Promise<String> url, " + MARK,
        "      String format);",
        "}");
  }

  @Test
  void activityMethod_returningPromise_isError() {
    assertOneError(
        "Media",
        "[Flow:PromiseResult] activity Media.encode returns a Promise; return the plain value",
        "@Activity(version = \"1\")",
        "public interface Media {",
        "  Promise<String> encode(String url); " + MARK,
        "}");
  }

  @Test
  void workflowEntryMethod_takingPromise_isError() {
    assertOneError(
        "Job",
        "[Flow:PromiseParameter] parameter input of workflow entry Job.run is a Promise",
        "@Workflow(version = \"1\")",
        "public interface Job {",
        "  String run(Promise<String> input); " + MARK,
        "}");
  }

  @Test
  void workflowMethod_declaringCheckedException_isError() {
    assertOneError(
        "Job",
        "[Flow:WorkflowCheckedException] workflow method Job.run declares checked exception"
            + " java.io.IOException",
        "@Workflow(version = \"1\")",
        "public interface Job {",
        "  String run(String input) throws java.io.IOException; " + MARK,
        "}");
  }

  @Test
  void inheritedMethodError_isReportedOnTheAnnotatedInterface() {
    assertOneError(
        "Media",
        "[Flow:PromiseResult] activity Media.encode returns a Promise",
        "interface Base {",
        "  Promise<String> encode(String url);",
        "}",
        "",
        "@Activity(version = \"1\")",
        "public interface Media extends Base { " + MARK,
        "}");
  }

  // ------------------------------------------------------------ workflows and signals

  @Test
  void workflow_withoutEntryMethod_isError() {
    assertOneError(
        "Job",
        "[Flow:NoEntryMethod] @Workflow interface p.Job has no entry method; declare exactly one"
            + " method without @Signal",
        "@Workflow(version = \"1\")",
        "public interface Job { " + MARK,
        "  @Signal",
        "  void poke();",
        "}");
  }

  @Test
  void workflow_withTwoEntryMethods_isErrorOnTheSecond() {
    assertOneError(
        "Job",
        "[Flow:MultipleEntryMethods] @Workflow interface p.Job has more than one entry method:"
            + " Job.other besides Job.run",
        "@Workflow(version = \"1\")",
        "public interface Job {",
        "  String run(String input);",
        "  String other(String input); " + MARK,
        "}");
  }

  @Test
  void signal_notReturningVoid_isError() {
    assertOneError(
        "Job",
        "[Flow:SignalNotVoid] @Signal method Job.poke returns java.lang.String; signal handlers"
            + " return void",
        "@Workflow(version = \"1\")",
        "public interface Job {",
        "  String run(String input);",
        "  @Signal",
        "  String poke(); " + MARK,
        "}");
  }

  @Test
  void signal_inActivityInterface_isError() {
    assertOneError(
        "Media",
        "[Flow:SignalOutsideWorkflow] @Signal method Media.poke is in p.Media, which is not a"
            + " @Workflow interface",
        "@Activity(version = \"1\")",
        "public interface Media {",
        "  @Signal",
        "  void poke(); " + MARK,
        "}");
  }

  @Test
  void signal_inheritedByActivityInterface_isErrorOnTheActivity() {
    assertOneError(
        "Media",
        "[Flow:SignalOutsideWorkflow] @Signal method Media.poke is in p.Media",
        "interface Pokeable {",
        "  @Signal",
        "  void poke();",
        "}",
        "",
        "@Activity(version = \"1\")",
        "public interface Media extends Pokeable {} " + MARK);
  }

  @Test
  void signal_inPlainClass_isError() {
    assertOneError(
        "Impl",
        "[Flow:SignalOutsideWorkflow] @Signal method Impl.poke is in p.Impl, which is not a"
            + " @Workflow interface",
        "public class Impl {",
        "  @Signal",
        "  public void poke() {} " + MARK,
        "}");
  }

  @Test
  void signal_inSuperinterfaceOfWorkflow_isAccepted() {
    Compilation compilation =
        Compilations.compile(
            Compilations.source(
                "p.Job",
                "package p;",
                "",
                "import dev.flow.annotations.*;",
                "",
                "interface Pokeable {",
                "  @Signal",
                "  void poke(String how);",
                "}",
                "",
                "@Workflow(version = \"1\")",
                "public interface Job extends Pokeable {",
                "  void run();",
                "}"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Compilations.flatSource(compilation, "p.JobDefinition"))
        .contains(".signals(SignalSpec.of(\"poke\", String.class))");
  }

  @Test
  void signal_onDefaultMethod_isError() {
    assertOneError(
        "Job",
        "[Flow:AnnotationOnNonAbstractMethod] @Signal on Job.poke has no effect: Flow ignores"
            + " static, default and private methods",
        "@Workflow(version = \"1\")",
        "public interface Job {",
        "  void run();",
        "  @Signal " + MARK,
        "  default void poke() {}",
        "}");
  }

  @Test
  void signal_duplicateName_isErrorOnTheSecond() {
    assertOneError(
        "Job",
        "[Flow:DuplicateSignal] @Signal method Job.resume has the signal name go, as Job.start"
            + " does",
        "@Workflow(version = \"1\")",
        "public interface Job {",
        "  void run();",
        "  @Signal(name = \"go\")",
        "  void start();",
        "  @Signal(name = \"go\")",
        "  void resume(); " + MARK,
        "}");
  }

  @Test
  void signal_namedLikeAHandleAndChildHandleMethod_isError() {
    assertOneError(
        "Job",
        "[Flow:ReservedSignalName] @Signal method Job.cancel has the name of a method of the"
            + " generated workflow handle JobWorkflowClient.Handle and child handle JobStub.Child"
            + " (cancel, result, runId, terminate, untyped, workflowId); rename the method",
        "@Workflow(version = \"1\")",
        "public interface Job {",
        "  void run();",
        "  @Signal",
        "  void cancel(); " + MARK,
        "}");
  }

  @Test
  void signal_namedLikeAWorkflowHandleOnlyMethod_isError() {
    assertOneError(
        "Job",
        "[Flow:ReservedSignalName] @Signal method Job.runId has the name of a method of the"
            + " generated workflow handle JobWorkflowClient.Handle (cancel, result, runId,"
            + " terminate, untyped, workflowId)",
        "@Workflow(version = \"1\")",
        "public interface Job {",
        "  void run();",
        "  @Signal(name = \"run-id\")",
        "  void runId(String id); " + MARK,
        "}");
  }

  @Test
  void workflowEntryMethod_namedStart_isError() {
    assertOneError(
        "Job",
        "[Flow:ReservedEntryName] workflow entry method Job.start is named start, as the method of"
            + " the generated child stub JobStub that starts a child and returns its handle; rename"
            + " the entry method",
        "@Workflow(version = \"1\")",
        "public interface Job {",
        "  String start(String input); " + MARK,
        "}");
  }

  @Test
  void activityOptions_onWorkflowMethod_isError() {
    assertOneError(
        "Job",
        "[Flow:ActivityAnnotationOutsideActivity] @Idempotent on Job.run has no effect",
        "@Workflow(version = \"1\")",
        "public interface Job {",
        "  @Idempotent " + MARK,
        "  void run();",
        "}");
  }

  @Test
  void retry_onMethodInheritedByWorkflow_isErrorOnTheWorkflow() {
    assertOneError(
        "Job",
        "[Flow:ActivityAnnotationOutsideActivity] @Retry on Job.run has no effect",
        "interface Runnable2 {",
        "  @Retry",
        "  void run();",
        "}",
        "",
        "@Workflow(version = \"1\")",
        "public interface Job extends Runnable2 {} " + MARK);
  }

  @Test
  void retry_onImplementationClassMethod_isError() {
    assertOneError(
        "MediaImpl",
        "[Flow:ActivityAnnotationOutsideActivity] @Retry on MediaImpl.encode has no effect",
        "public class MediaImpl {",
        "  @Retry(maximumAttempts = 2) " + MARK,
        "  public String encode(String url) { return url; }",
        "}");
  }

  @Test
  void activityOptions_inSuperinterfaceOfActivity_areApplied() throws Exception {
    Compilation compilation =
        Compilations.compile(
            Compilations.source(
                "p.Media",
                "package p;",
                "",
                "import dev.flow.annotations.*;",
                "",
                "interface Encoding {",
                "  @ActivityOptions(taskList = \"gpu\")",
                "  String encode(String url);",
                "}",
                "",
                "@Activity(version = \"1\")",
                "public interface Media extends Encoding {",
                "  String decode(String url);",
                "}"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(Compilations.flatSource(compilation, "p.MediaDispatcher"))
        .contains("ActivitySpec.builder(\"Media.encode\", \"1\") .taskList(\"gpu\")")
        .contains("ActivitySpec.builder(\"Media.decode\", \"1\") .taskList(\"Media\")");
  }

  // ------------------------------------------------------------ data binding

  @Test
  void parameter_withWildcard_isError() {
    assertOneError(
        "Media",
        "[Flow:WildcardType] parameter urls of Media.encode has type java.util.List<? extends"
            + " java.lang.String>, which has a wildcard",
        "@Activity(version = \"1\")",
        "public interface Media {",
        "  String encode(List<? extends String> urls); " + MARK,
        "}");
  }

  @Test
  void parameter_ofInterfaceType_isError() {
    assertOneError(
        "Media",
        "[Flow:AbstractType] parameter shape of Media.draw has type p.Shape, an interface or"
            + " abstract class that Jackson cannot build from JSON",
        "interface Shape {}",
        "",
        "@Activity(version = \"1\")",
        "public interface Media {",
        "  String draw(Shape shape); " + MARK,
        "}");
  }

  @Test
  void result_ofAbstractClassInCollection_isError() {
    assertOneError(
        "Media",
        "[Flow:AbstractType] the result of Media.shapes has type p.Shape in"
            + " java.util.List<p.Shape>, an interface or abstract class",
        "abstract class Shape {}",
        "",
        "@Activity(version = \"1\")",
        "public interface Media {",
        "  List<Shape> shapes(); " + MARK,
        "}");
  }

  @Test
  void parameter_optional_isError() {
    assertOneError(
        "Media",
        "[Flow:OptionalType] parameter format of Media.encode has type"
            + " java.util.Optional<java.lang.String>; use the plain type and null",
        "@Activity(version = \"1\")",
        "public interface Media {",
        "  String encode(Optional<String> format); " + MARK,
        "}");
  }

  @Test
  void parameter_withJsonTypeInfo_isError() {
    assertOneError(
        "Media",
        "[Flow:PolymorphicType] parameter shape of Media.draw has type p.Circle, which has"
            + " @JsonTypeInfo",
        "@com.fasterxml.jackson.annotation.JsonTypeInfo(",
        "    use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME)",
        "class Shape {}",
        "",
        "class Circle extends Shape {}",
        "",
        "@Activity(version = \"1\")",
        "public interface Media {",
        "  String draw(Circle shape); " + MARK,
        "}");
  }

  @Test
  void parameter_withoutNoArgConstructorOrCreator_isError() {
    assertOneError(
        "Media",
        "[Flow:NoCreator] parameter size of Media.resize has type p.Size, which has no public"
            + " no-argument constructor and no @JsonCreator",
        "class Size {",
        "  Size(int w) {}",
        "}",
        "",
        "@Activity(version = \"1\")",
        "public interface Media {",
        "  String resize(Size size); " + MARK,
        "}");
  }

  @Test
  void parameter_withAccessorStyleGettersOnly_isError() {
    assertOneError(
        "Media",
        "[Flow:NoProperties] parameter clip of Media.cut has type p.Clip, in which Jackson finds"
            + " no property to encode (no public getX() or isX() getter, no public field; url() is"
            + " not a getter to Jackson); make p.Clip a record, or give it getters such as"
            + " getUrl() and setters or a @JsonCreator constructor",
        "class Clip {",
        "  private String url;",
        "  public Clip() {}",
        "  public String url() { return url; }",
        "}",
        "",
        "@Activity(version = \"1\")",
        "public interface Media {",
        "  String cut(Clip clip); " + MARK,
        "}");
  }

  @Test
  void parameter_declaredObject_isWarning_namingWhatArrives() {
    JavaFileObject source =
        Compilations.source(
            "p.Media",
            "package p;",
            "",
            "import dev.flow.annotations.*;",
            "",
            "@Activity(version = \"1\")",
            "public interface Media {",
            "  String tag(Object value);",
            "}");
    Compilation compilation = Compilations.compile(List.of(), source);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining(
            "[Flow:ObjectPayload] parameter value of Media.tag is declared Object, so Flow decodes"
                + " it as plain JSON: a record or class passed here arrives as a LinkedHashMap, a"
                + " list as an ArrayList; declare the type that is passed")
        .inFile(source)
        .onLine(7);
  }

  @Test
  void parameter_innerClass_isError() {
    assertOneError(
        "Media",
        "[Flow:InnerClass] parameter size of Media.resize has type p.Outer.Size, an inner"
            + " (non-static) class",
        "class Outer {",
        "  public class Size {}",
        "}",
        "",
        "@Activity(version = \"1\")",
        "public interface Media {",
        "  String resize(Outer.Size size); " + MARK,
        "}");
  }

  @Test
  void parameter_jdkResourceType_isError() {
    assertOneError(
        "Media",
        "[Flow:JdkType] parameter in of Media.upload has type java.io.InputStream, a JDK type that"
            + " is not a value",
        "@Activity(version = \"1\")",
        "public interface Media {",
        "  String upload(java.io.InputStream in); " + MARK,
        "}");
  }

  @Test
  void result_thread_isError() {
    assertOneError(
        "Media",
        "[Flow:JdkType] the result of Media.worker has type java.lang.Thread",
        "@Activity(version = \"1\")",
        "public interface Media {",
        "  Thread worker(); " + MARK,
        "}");
  }

  @Test
  void parameter_mapWithStructuredKeys_isError() {
    assertOneError(
        "Media",
        "[Flow:MapKey] parameter index of Media.store has type"
            + " java.util.Map<java.util.List<java.lang.String>,java.lang.String>, whose keys of"
            + " type java.util.List<java.lang.String> cannot be JSON object keys",
        "@Activity(version = \"1\")",
        "public interface Media {",
        "  String store(Map<List<String>, String> index); " + MARK,
        "}");
  }

  // ------------------------------------------------------------ annotation values

  @Test
  void version_empty_isErrorOnTheValue() {
    assertOneError(
        "Media",
        "[Flow:EmptyVersion] @Activity on p.Media has an empty version",
        "@Activity(",
        "    version = \"\") " + MARK,
        "public interface Media {",
        "  String encode(String url);",
        "}");
  }

  @Test
  void taskList_withColon_isInvalidSwfName() {
    assertOneError(
        "Media",
        "[Flow:InvalidSwfName] @ActivityOptions(taskList = \"gpu:1\") contains ':', which SWF does"
            + " not accept",
        "@Activity(version = \"1\")",
        "public interface Media {",
        "  @ActivityOptions(taskList = \"gpu:1\") " + MARK,
        "  String encode(String url);",
        "}");
  }

  @Test
  void workflowTimeout_negative_isErrorOnTheValue() {
    assertOneError(
        "Job",
        "[Flow:NegativeTimeout] @Workflow(taskStartToCloseTimeoutSeconds = -5) is negative; give a"
            + " number of seconds, or 0 for no limit",
        "@Workflow(version = \"1\",",
        "    taskStartToCloseTimeoutSeconds = -5) " + MARK,
        "public interface Job {",
        "  void run();",
        "}");
  }

  @Test
  void executionTimeout_overOneYear_isError() {
    assertOneError(
        "Job",
        "[Flow:TimeoutTooLong] @Workflow(executionStartToCloseTimeoutSeconds = 40000000) is more"
            + " than SWF accepts; give at most 31536000 seconds",
        "@Workflow(version = \"1\",",
        "    executionStartToCloseTimeoutSeconds = 40_000_000) " + MARK,
        "public interface Job {",
        "  void run();",
        "}");
  }

  @Test
  void activityTimeout_inherit_isErrorOnTheInterface() {
    assertOneError(
        "Media",
        "[Flow:NegativeTimeout] @Activity(heartbeatTimeoutSeconds = -1) is negative",
        "@Activity(version = \"1\",",
        "    heartbeatTimeoutSeconds = -1) " + MARK,
        "public interface Media {",
        "  String encode(String url);",
        "}");
  }

  @Test
  void activityOptionsTimeout_negativeOtherThanInherit_isError() {
    assertOneError(
        "Media",
        "[Flow:NegativeTimeout] @ActivityOptions(startToCloseTimeoutSeconds = -2) is negative;"
            + " give a number of seconds, or 0 for no limit, or ActivityOptions.INHERIT",
        "@Activity(version = \"1\")",
        "public interface Media {",
        "  @ActivityOptions(",
        "      startToCloseTimeoutSeconds = -2) " + MARK,
        "  String encode(String url);",
        "  @ActivityOptions(startToCloseTimeoutSeconds = ActivityOptions.INHERIT)",
        "  String decode(String url);",
        "}");
  }

  @Test
  void retry_negativeMaximumAttempts_isError() {
    assertOneError(
        "Media",
        "[Flow:RetryMaximumAttempts] @Retry(maximumAttempts = -1) is negative",
        "@Activity(version = \"1\")",
        "public interface Media {",
        "  @Retry(maximumAttempts = -1) " + MARK,
        "  String encode(String url);",
        "}");
  }

  @Test
  void retry_backoffBelowOne_isError() {
    assertOneError(
        "Media",
        "[Flow:RetryBackoff] @Retry(backoffCoefficient = 0.5) is less than 1.0",
        "@Activity(version = \"1\")",
        "@Retry(backoffCoefficient = 0.5) " + MARK,
        "public interface Media {",
        "  String encode(String url);",
        "}");
  }

  @Test
  void retry_negativeInterval_isError() {
    assertOneError(
        "Media",
        "[Flow:RetryInterval] @Retry(initialIntervalSeconds = -3) is negative",
        "@Activity(version = \"1\")",
        "public interface Media {",
        "  @Retry(initialIntervalSeconds = -3) " + MARK,
        "  String encode(String url);",
        "}");
  }

  // ------------------------------------------------------------ the processor

  @Test
  void packageOption_invalid_isError() {
    Compilation compilation =
        Compilations.compile(
            List.of("-Aflow.package=not a package"), ManifestTest.activity("p.Media", "encode"));

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[Flow:InvalidPackageOption] -Aflow.package=not a package is not a Java package name");
  }

  @Test
  void unresolvedType_isReportedInTheLastRound() {
    Compilation compilation =
        Compilations.compile(
            Compilations.source(
                "p.Media",
                "package p;",
                "",
                "import dev.flow.annotations.Activity;",
                "",
                "@Activity(version = \"1\")",
                "public interface Media {",
                "  Missing encode(String url);",
                "}"));

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "[Flow:UnresolvedType] cannot generate code for p.Media: type Missing cannot be found")
        .inFile(compilation.sourceFiles().get(0))
        .onLine(6);
  }

  @Test
  void generatedTypeAlreadyDeclared_isWriteError() {
    Compilation compilation =
        Compilations.compile(
            ManifestTest.activity("p.Media", "encode"),
            Compilations.source("p.MediaStub", "package p;", "", "public class MediaStub {}"));

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("[Flow:WriteFailed] cannot write p.MediaStub")
        .inFile(compilation.sourceFiles().get(0))
        .onLine(6);
  }

  @Test
  void processorFailure_isReportedAsInternalErrorOnTheElement_withTheStackTrace() {
    // An @Activity without the timeouts the processor reads makes it fail.
    Compilation compilation =
        Compilations.compile(
            Compilations.source(
                "dev.flow.annotations.Activity",
                "package dev.flow.annotations;",
                "",
                "public @interface Activity {",
                "  String version();",
                "}"),
            Compilations.source(
                "p.Media",
                "package p;",
                "",
                "@dev.flow.annotations.Activity(version = \"1\")",
                "public interface Media {",
                "  String encode(String url);",
                "}"));

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Flow:InternalError] the Flow processor failed; please report this")
        .inFile(compilation.sourceFiles().get(1))
        .onLine(4);
    assertThat(compilation).hadErrorContaining("at dev.flow.processor.InterfaceParser");
  }

  @Test
  void everyProblemOfAnInterface_isReported() {
    Compilation compilation =
        Compilations.compile(
            Compilations.source(
                "p.Media",
                "package p;",
                "",
                "import dev.flow.Promise;",
                "import dev.flow.annotations.*;",
                "",
                "@Activity(version = \"\")",
                "public interface Media {",
                "  Promise<String> encode(Promise<String> url);",
                "  <T> T convert(T input);",
                "}"));

    assertThat(compilation).hadErrorCount(4);
  }
}
