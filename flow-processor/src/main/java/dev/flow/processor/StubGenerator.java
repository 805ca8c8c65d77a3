package dev.flow.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Generates the workflow-side stubs: {@code XStub} for an activity interface (schedules activities)
 * and {@code WStub} for a workflow (starts child workflows, and hands out typed {@code WStub.Child}
 * handles on them).
 */
final class StubGenerator {
  private StubGenerator() {}

  static JavaFile activityStub(ActivityInterface activity) {
    ClassName stub = Names.stub(activity.type());
    ClassName dispatcher = Names.dispatcher(activity.type());
    TypeSpec.Builder type =
        skeleton(stub, RuntimeTypes.CALL_OPTIONS, DECLARED)
            .addJavadoc(
                "Calls the activities of {@link $T} from workflow code: each method schedules the"
                    + " activity\nand returns its {@link $T} at once.\n\n<p>",
                activity.type(),
                RuntimeTypes.PROMISE)
            .addJavadoc(PROMISED_ARGUMENTS);
    Map<String, String> constants = Names.activityConstants(activity.methods());
    for (ActivityMethod method : activity.methods()) {
      String constant = constants.get(method.methodName());
      CodeBlock link =
          CodeSupport.methodLink(activity.type(), method.methodName(), method.params());
      type.addMethods(
          CodeSupport.valueOrPromiseOverloads(
              method.methodName(),
              method.params(),
              method.element().isVarArgs(),
              CodeSupport.promiseOf(method.returnType()),
              arguments ->
                  CodeBlock.of(
                      "$T.activity($Z$T.$N,$W$N$L)",
                      RuntimeTypes.STUBS,
                      dispatcher,
                      constant,
                      Names.OPTIONS,
                      prefixed(arguments)),
              promised ->
                  CodeBlock.of(
                      "Schedules $L$L; $L, or an {@code ActivityFailure}$L.\n",
                      link,
                      CodeSupport.onceReady(promised),
                      carries(method.returnType()),
                      orFailureOf(promised, "the activity is not scheduled")),
              Names.OPTIONS));
    }
    return JavaFile.builder(stub.packageName(), type.build()).build();
  }

  static JavaFile childStub(WorkflowInterface workflow) {
    ClassName stub = Names.stub(workflow.type());
    ClassName definition = Names.definition(workflow.type());
    ClassName child = Names.child(workflow.type());
    EntryMethod entry = workflow.entry();
    CodeBlock link = CodeSupport.methodLink(workflow.type(), entry.methodName(), entry.params());
    TypeSpec.Builder type =
        skeleton(stub, RuntimeTypes.START_OPTIONS, DECLARED)
            .addJavadoc(
                "Starts {@link $T} as a child workflow from workflow code.\n\n<p>The entry method"
                    + " returns a {@link $T} of the child's result at once; {@code $N}\nreturns a"
                    + " {@link $T}: the child's id and result, its signals and cancel.\n\n<p>",
                workflow.type(),
                RuntimeTypes.PROMISE,
                Names.START,
                child)
            .addJavadoc(PROMISED_ARGUMENTS)
            .addMethods(
                CodeSupport.valueOrPromiseOverloads(
                    entry.methodName(),
                    entry.params(),
                    entry.element().isVarArgs(),
                    CodeSupport.promiseOf(entry.resultType()),
                    arguments ->
                        CodeBlock.of(
                            "$T.childWorkflow($T.$N,$W$N$L)",
                            RuntimeTypes.STUBS,
                            definition,
                            Names.SPEC,
                            Names.OPTIONS,
                            prefixed(arguments)),
                    promised ->
                        CodeBlock.of(
                            "Starts $L as a child workflow$L; $L, or a {@code"
                                + " ChildWorkflowFailure}$L.\n",
                            link,
                            CodeSupport.onceReady(promised),
                            carries(entry.resultType()),
                            orFailureOf(promised, "the child is not started")),
                    Names.OPTIONS))
            .addMethods(
                CodeSupport.valueOrPromiseOverloads(
                    Names.START,
                    entry.params(),
                    entry.element().isVarArgs(),
                    child,
                    arguments ->
                        CodeBlock.of(
                            "new $T($T.startChild($T.$N,$W$N$L))",
                            child,
                            RuntimeTypes.STUBS,
                            definition,
                            Names.SPEC,
                            Names.OPTIONS,
                            prefixed(arguments)),
                    promised ->
                        CodeBlock.of(
                            "Starts $L as a child workflow$L, and returns its handle at once: its"
                                + " workflow id, its result (which can also be $L), its signals"
                                + " and cancel.\n",
                            link,
                            CodeSupport.onceReady(promised),
                            promised.isEmpty()
                                ? "a {@code ChildWorkflowFailure}"
                                : "a {@code ChildWorkflowFailure}, or "
                                    + CodeSupport.failureOf(promised)
                                    + " when the child is not started"),
                    Names.OPTIONS))
            .addType(child(workflow, child));
    return JavaFile.builder(stub.packageName(), type.build()).build();
  }

  /**
   * {@code WSelf}: the entry method, same signature, continuing the execution as new. {@code
   * Stubs.continueAsNew} never returns; it is typed as a promise of the result, so a
   * value-returning entry method returns its {@code get()}, and nothing follows the call.
   */
  static JavaFile selfStub(WorkflowInterface workflow) {
    ClassName self = Names.self(workflow.type());
    ClassName definition = Names.definition(workflow.type());
    EntryMethod entry = workflow.entry();
    Map<Param, String> names = CodeSupport.parameterNames(entry.params(), Names.OPTIONS);
    List<String> ordered = new ArrayList<>(names.values());
    List<TypeName> types = entry.params().stream().map(Param::type).toList();
    boolean returnsValue =
        !entry.returnType().equals(TypeName.VOID)
            && !(entry.returnType() instanceof ParameterizedTypeName p
                && p.rawType().equals(RuntimeTypes.PROMISE));
    CodeBlock call =
        CodeBlock.of(
            "$T.$LcontinueAsNew($Z$T.$N,$W$N$L)",
            RuntimeTypes.STUBS,
            returnsValue
                ? CodeBlock.of("<$T>", CodeSupport.boxed(entry.resultType()))
                : CodeBlock.of(""),
            definition,
            Names.SPEC,
            Names.OPTIONS,
            prefixed(CodeSupport.varargs(ordered, types)));
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(entry.methodName())
            .addJavadoc(
                "Ends this run and continues the execution as a new run of $L with these"
                    + " arguments. Never returns.\n",
                CodeSupport.methodLink(workflow.type(), entry.methodName(), entry.params()))
            .addModifiers(Modifier.PUBLIC)
            .returns(entry.returnType())
            .varargs(entry.element().isVarArgs());
    for (int i = 0; i < types.size(); i++) {
      method.addParameter(types.get(i), ordered.get(i));
    }
    if (entry.returnType().equals(TypeName.VOID)) {
      method.addStatement(call);
    } else {
      method.addStatement(returnsValue ? "return $L.get()" : "return $L", call);
    }
    TypeSpec type =
        skeleton(self, RuntimeTypes.CONTINUE_AS_NEW_OPTIONS, THIS_RUNS)
            .addJavadoc(
                "Continues {@link $T} as new, from its own workflow code:\n{@code $N(...)} ends"
                    + " this run and starts the next run of the same workflow id with the\n"
                    + "arguments given; it never returns. Call it last, when the history has grown"
                    + " long:\n\n<pre>{@code\nif (Workflow.isContinueAsNewSuggested()) {\n"
                    + "  return self.$N(...);\n}\n}</pre>\n\n<p>It is {@code"
                    + " Workflow.continueAsNew} with the typed parameters of the entry method."
                    + " What the\noptions of this stub leave unset (task list, timeouts, tags,"
                    + " priority) is carried over\nfrom this run; the version of the next run is"
                    + " the one {@link $T} declares,\nunless the options name another.\n",
                workflow.type(),
                entry.methodName(),
                entry.methodName(),
                definition)
            .addMethod(method.build())
            .build();
    return JavaFile.builder(self.packageName(), type).build();
  }

  /** {@code WStub.Child}: a started child, typed: its id, its result, its signals, cancel. */
  private static TypeSpec child(WorkflowInterface workflow, ClassName child) {
    TypeName result = CodeSupport.promiseOf(workflow.entry().resultType());
    TypeName handle =
        ParameterizedTypeName.get(
            RuntimeTypes.CHILD_HANDLE, CodeSupport.boxed(workflow.entry().resultType()));
    TypeSpec.Builder type =
        TypeSpec.classBuilder(child)
            .addJavadoc(
                "A child execution of {@link $T} started from workflow code, typed.\n",
                workflow.type())
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addField(handle, Names.HANDLE_FIELD, Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(handle, Names.HANDLE_FIELD)
                    .addStatement("this.$N = $N", Names.HANDLE_FIELD, Names.HANDLE_FIELD)
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("workflowId")
                    .addJavadoc(
                        "The child's workflow id, ready once the child started; failed as the"
                            + " result is when it\ncould not start.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(CodeSupport.promiseOf(ClassName.get(String.class)))
                    .addStatement("return $N.workflowId()", Names.HANDLE_FIELD)
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("result")
                    .addJavadoc(
                        "The child's result; fails with a {@code ChildWorkflowFailure} when the"
                            + " child failed, timed\nout, was canceled or terminated, or could not"
                            + " start.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(result)
                    .addStatement("return $N.result()", Names.HANDLE_FIELD)
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("cancel")
                    .addJavadoc(
                        "Asks the child to cancel itself; {@link #result()} then fails once the"
                            + " child closed as\ncanceled.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .addStatement("$N.cancel()", Names.HANDLE_FIELD)
                    .build());
    for (SignalMethod signal : workflow.signals()) {
      CodeBlock link =
          CodeSupport.methodLink(workflow.type(), signal.methodName(), signal.params());
      type.addMethods(
          CodeSupport.valueOrPromiseOverloads(
              signal.methodName(),
              signal.params(),
              signal.element().isVarArgs(),
              CodeSupport.promiseOf(TypeName.VOID),
              arguments ->
                  CodeBlock.of(
                      "$N.signal($S$L)",
                      Names.HANDLE_FIELD,
                      signal.signalName(),
                      prefixed(arguments)),
              promised ->
                  CodeBlock.of(
                      "Sends signal {@code $L} ($L) once the child started$L; the promise carries"
                          + " {@code null} once it was delivered, or why it could not be$L.\n",
                      signal.signalName(),
                      link,
                      promised.isEmpty()
                          ? ""
                          : CodeSupport.onceReady(promised).replaceFirst("^ once", " and"),
                      orFailureOf(promised, "the signal is not sent")),
              Names.HANDLE_FIELD));
    }
    return type.build();
  }

  private static final String DECLARED = "the declared options";
  private static final String THIS_RUNS = "the options of this run";

  /**
   * The class, its options field, its constructors and {@code withOptions}.
   *
   * @param defaults what applies where the options leave a value unset, for the Javadoc
   */
  private static TypeSpec.Builder skeleton(ClassName stub, ClassName options, String defaults) {
    return TypeSpec.classBuilder(stub)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addField(
            FieldSpec.builder(options, Names.OPTIONS, Modifier.PRIVATE, Modifier.FINAL).build())
        .addMethod(
            MethodSpec.constructorBuilder()
                .addJavadoc("A stub with $L.\n", defaults)
                .addModifiers(Modifier.PUBLIC)
                .addStatement("this($T.DEFAULT)", options)
                .build())
        .addMethod(
            MethodSpec.constructorBuilder()
                .addJavadoc(
                    "A stub whose calls override $L with {@code $N}.\n", defaults, Names.OPTIONS)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(options, Names.OPTIONS)
                .addStatement(
                    "this.$N = $T.requireNonNull($N, $S)",
                    Names.OPTIONS,
                    RuntimeTypes.OBJECTS,
                    Names.OPTIONS,
                    Names.OPTIONS)
                .build())
        .addMethod(
            MethodSpec.methodBuilder("withOptions")
                .addJavadoc("A stub like this one, with {@code $N} instead.\n", Names.OPTIONS)
                .addModifiers(Modifier.PUBLIC)
                .returns(stub)
                .addParameter(options, Names.OPTIONS)
                .addStatement("return new $T($N)", stub, Names.OPTIONS)
                .build());
  }

  /** How a stub takes promised arguments: the last paragraph of its Javadoc. */
  private static final CodeBlock PROMISED_ARGUMENTS =
      CodeBlock.of(
          "Each method takes its arguments as values or as promises ({@link $T}): the call is then"
              + " issued once they are ready, and a failed one fails the call's promise instead."
              + " Methods of up to $L parameters take any mix of values and promises; for longer"
              + " ones, make a promise of a value with {@link $T#value $T.value(x)}.\n",
          RuntimeTypes.PROMISE,
          CodeSupport.MIXED_OVERLOADS_MAX_PARAMETERS,
          RuntimeTypes.PROMISE,
          RuntimeTypes.PROMISE);

  /**
   * What a call's promise carries, for its Javadoc: "the promise carries the <code>String</code> it
   * returns", or for void "the promise carries <code>null</code> once it completed".
   */
  private static CodeBlock carries(TypeName result) {
    return result.equals(TypeName.VOID)
        ? CodeBlock.of("the promise carries {@code null} once it completed")
        : CodeBlock.of("the promise carries the {@code $T} it returns", result);
  }

  /** ", or the failure of <code>url</code> (then {@code what})", or nothing with no promises. */
  private static String orFailureOf(List<String> promised, String what) {
    return promised.isEmpty()
        ? ""
        : ", or " + CodeSupport.failureOf(promised) + " (then " + what + ")";
  }

  /** {@code , a, b} (or nothing) after the leading arguments. */
  static CodeBlock prefixed(CodeBlock arguments) {
    return arguments.isEmpty() ? arguments : CodeBlock.of(",$W$L", arguments);
  }
}
