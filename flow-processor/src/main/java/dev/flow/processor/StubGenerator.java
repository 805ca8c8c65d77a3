package dev.flow.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Generates the workflow-side stubs: {@code XStub} for an activity interface (schedules activities)
 * and {@code WStub} for a workflow (starts child workflows).
 */
final class StubGenerator {
  private StubGenerator() {}

  static JavaFile activityStub(ActivityInterface activity) {
    ClassName stub = Names.stub(activity.type());
    ClassName dispatcher = Names.dispatcher(activity.type());
    TypeSpec.Builder type =
        skeleton(stub, RuntimeTypes.CALL_OPTIONS)
            .addJavadoc(
                "Calls the activities of {@link $T} from workflow code: each method schedules the"
                    + " activity\nand returns its {@link $T} at once, and takes a promise for any"
                    + " argument.\n",
                activity.type(),
                RuntimeTypes.PROMISE);
    Map<String, String> constants = Names.activityConstants(activity.methods());
    for (ActivityMethod method : activity.methods()) {
      String constant = constants.get(method.methodName());
      type.addMethods(
          CodeSupport.valueOrPromiseOverloads(
              method.methodName(),
              method.params(),
              method.element().isVarArgs(),
              method.returnType(),
              arguments ->
                  CodeBlock.of(
                      "$T.activity($T.$N,$W$N$L)",
                      RuntimeTypes.STUBS,
                      dispatcher,
                      constant,
                      Names.OPTIONS,
                      prefixed(arguments)),
              Names.OPTIONS));
    }
    return JavaFile.builder(stub.packageName(), type.build()).build();
  }

  static JavaFile childStub(WorkflowInterface workflow) {
    ClassName stub = Names.stub(workflow.type());
    ClassName definition = Names.definition(workflow.type());
    EntryMethod entry = workflow.entry();
    TypeSpec.Builder type =
        skeleton(stub, RuntimeTypes.START_OPTIONS)
            .addJavadoc(
                "Starts {@link $T} as a child workflow from workflow code: the entry method"
                    + " returns a\n{@link $T} of the child's result at once, and takes a promise"
                    + " for any argument.\n",
                workflow.type(),
                RuntimeTypes.PROMISE)
            .addMethods(
                CodeSupport.valueOrPromiseOverloads(
                    entry.methodName(),
                    entry.params(),
                    entry.element().isVarArgs(),
                    entry.resultType(),
                    arguments ->
                        CodeBlock.of(
                            "$T.childWorkflow($T.$N,$W$N$L)",
                            RuntimeTypes.STUBS,
                            definition,
                            Names.SPEC,
                            Names.OPTIONS,
                            prefixed(arguments)),
                    Names.OPTIONS));
    return JavaFile.builder(stub.packageName(), type.build()).build();
  }

  /** The class, its options field, its constructors and {@code withOptions}. */
  private static TypeSpec.Builder skeleton(ClassName stub, ClassName options) {
    return TypeSpec.classBuilder(stub)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addField(
            FieldSpec.builder(options, Names.OPTIONS, Modifier.PRIVATE, Modifier.FINAL).build())
        .addMethod(
            MethodSpec.constructorBuilder()
                .addJavadoc("A stub with the declared options.\n")
                .addModifiers(Modifier.PUBLIC)
                .addStatement("this($T.DEFAULT)", options)
                .build())
        .addMethod(
            MethodSpec.constructorBuilder()
                .addJavadoc(
                    "A stub whose calls override the declared options with {@code $N}.\n",
                    Names.OPTIONS)
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

  /** {@code , a, b} (or nothing) after the leading arguments. */
  static CodeBlock prefixed(CodeBlock arguments) {
    return arguments.isEmpty() ? arguments : CodeBlock.of(",$W$L", arguments);
  }
}
