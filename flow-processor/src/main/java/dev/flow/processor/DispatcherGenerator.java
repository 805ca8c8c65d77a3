package dev.flow.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code XDispatcher}: the activity specs of X and a switch calling an implementation.
 */
final class DispatcherGenerator {
  private DispatcherGenerator() {}

  static JavaFile dispatcher(ActivityInterface activity) {
    ClassName dispatcher = Names.dispatcher(activity.type());
    TypeName specList = ParameterizedTypeName.get(RuntimeTypes.LIST, RuntimeTypes.ACTIVITY_SPEC);
    Map<String, String> constants = Names.activityConstants(activity.methods());

    TypeSpec.Builder type =
        TypeSpec.classBuilder(dispatcher)
            .addJavadoc(
                "Calls an implementation of {@link $T} for activity workers, and declares its"
                    + " activity types.\n",
                activity.type())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(RuntimeTypes.ACTIVITY_DISPATCHER);
    for (ActivityMethod method : activity.methods()) {
      type.addField(
          FieldSpec.builder(
                  RuntimeTypes.ACTIVITY_SPEC,
                  constants.get(method.methodName()),
                  Modifier.PUBLIC,
                  Modifier.STATIC,
                  Modifier.FINAL)
              .initializer(CodeSupport.onNextLine(spec(method)))
              .build());
    }
    type.addField(
        FieldSpec.builder(specList, Names.SPECS, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .initializer(
                "$T.of($Z$L)",
                RuntimeTypes.LIST,
                activity.methods().stream()
                    .map(m -> CodeBlock.of("$N", constants.get(m.methodName())))
                    .collect(CodeBlock.joining(",$W")))
            .build());
    type.addField(activity.type(), Names.IMPLEMENTATION, Modifier.PRIVATE, Modifier.FINAL);
    type.addMethod(
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addParameter(activity.type(), Names.IMPLEMENTATION)
            .addStatement(
                "this.$N = $T.requireNonNull($N, $S)",
                Names.IMPLEMENTATION,
                RuntimeTypes.OBJECTS,
                Names.IMPLEMENTATION,
                Names.IMPLEMENTATION)
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("activities")
            .addAnnotation(RuntimeTypes.OVERRIDE)
            .addModifiers(Modifier.PUBLIC)
            .returns(specList)
            .addStatement("return $N", Names.SPECS)
            .build());
    type.addMethod(dispatch(activity, dispatcher));
    return JavaFile.builder(dispatcher.packageName(), type.build()).build();
  }

  private static MethodSpec dispatch(ActivityInterface activity, ClassName dispatcher) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("dispatch")
            .addAnnotation(RuntimeTypes.OVERRIDE)
            .addModifiers(Modifier.PUBLIC)
            .returns(Object.class)
            .addParameter(String.class, Names.ACTIVITY_NAME)
            .addParameter(Object[].class, Names.ARGUMENTS)
            .addException(RuntimeTypes.EXCEPTION);
    if (activity.methods().stream().anyMatch(m -> CodeSupport.anyGeneric(m.params()))) {
      method.addAnnotation(CodeSupport.suppressUnchecked());
    }
    String served =
        activity.methods().isEmpty()
            ? "none"
            : activity.methods().stream()
                .map(ActivityMethod::activityName)
                .collect(Collectors.joining(", "));
    CodeBlock unknown =
        CodeBlock.of(
            "throw new $T($S + $N$W+ $L)",
            RuntimeTypes.ILLEGAL_ARGUMENT,
            "unknown activity type ",
            Names.ACTIVITY_NAME,
            CodeSupport.stringLiteral("; " + dispatcher.simpleName() + " serves " + served));
    if (activity.methods().isEmpty()) {
      return method.addStatement(unknown).build();
    }
    method.addCode("return switch ($N) {\n$>", Names.ACTIVITY_NAME);
    for (ActivityMethod m : activity.methods()) {
      CodeBlock call =
          CodeBlock.of(
              "$N.$N($L)",
              Names.IMPLEMENTATION,
              m.methodName(),
              CodeSupport.castArguments(m.params(), Names.ARGUMENTS));
      if (m.returnType().equals(TypeName.VOID)) {
        method
            .addCode("case $S -> {\n$>", m.activityName())
            .addStatement(call)
            .addStatement("yield null")
            .addCode("$<}\n");
      } else {
        method.addStatement("case $S ->$W$L", m.activityName(), call);
      }
    }
    method.addStatement("default -> $L", unknown);
    return method.addCode("$<};\n").build();
  }

  /** The {@code ActivitySpec.builder(...)...build()} expression of one method. */
  private static CodeBlock spec(ActivityMethod method) {
    CodeBlock.Builder code =
        CodeBlock.builder()
            .add(
                "$T.builder($S,$W$S)\n",
                RuntimeTypes.ACTIVITY_SPEC,
                method.activityName(),
                method.version())
            .indent()
            .indent()
            .add(".taskList($S)\n", method.taskList())
            .add(".scheduleToStartTimeoutSeconds($LL)\n", method.scheduleToStartTimeoutSeconds())
            .add(".startToCloseTimeoutSeconds($LL)\n", method.startToCloseTimeoutSeconds())
            .add(".scheduleToCloseTimeoutSeconds($LL)\n", method.scheduleToCloseTimeoutSeconds())
            .add(".heartbeatTimeoutSeconds($LL)\n", method.heartbeatTimeoutSeconds());
    if (method.idempotent()) {
      code.add(".idempotent(true)\n");
    }
    if (method.retry() != null) {
      code.add(".retryPolicy($L)\n", retryPolicy(method.retry()));
    }
    code.add(
            ".parameterTypes($L)\n",
            CodeSupport.typeLiterals(method.params().stream().map(Param::type).toList()))
        .add(".resultType($L)\n", CodeSupport.typeLiteral(method.returnType()))
        .add(".build()")
        .unindent()
        .unindent();
    return code.build();
  }

  /** {@code RetryPolicy.builder()...build()} for {@code retry}. */
  static CodeBlock retryPolicy(RetryModel retry) {
    CodeBlock.Builder code =
        CodeBlock.builder()
            .add("\n")
            .indent()
            .indent()
            .add("$T.builder()\n", RuntimeTypes.RETRY_POLICY)
            .indent()
            .indent()
            .add(".maximumAttempts($L)\n", retry.maximumAttempts())
            .add(
                ".initialInterval($T.ofSeconds($LL))\n",
                RuntimeTypes.DURATION,
                retry.initialIntervalSeconds())
            .add(".backoffCoefficient($L)\n", retry.backoffCoefficient());
    if (retry.maximumIntervalSeconds() > 0) {
      code.add(
          ".maximumInterval($T.ofSeconds($LL))\n",
          RuntimeTypes.DURATION,
          retry.maximumIntervalSeconds());
    }
    if (!retry.doNotRetry().isEmpty()) {
      code.add(
          ".doNotRetry($L)\n",
          retry.doNotRetry().stream()
              .map(n -> CodeBlock.of("$S", n))
              .collect(CodeBlock.joining(",$W")));
    }
    return code.add(".build()").unindent().unindent().unindent().unindent().build();
  }
}
