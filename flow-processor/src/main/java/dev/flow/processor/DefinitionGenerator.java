package dev.flow.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/** Generates {@code WDefinition}: the workflow spec and what the decider calls on an instance. */
final class DefinitionGenerator {
  private DefinitionGenerator() {}

  static JavaFile definition(WorkflowInterface workflow) {
    ClassName definition = Names.definition(workflow.type());
    ClassName instance = definition.nestedClass(Names.INSTANCE);
    TypeName factory =
        ParameterizedTypeName.get(
            RuntimeTypes.SUPPLIER, WildcardTypeName.subtypeOf(workflow.type()));

    TypeSpec.Builder type =
        TypeSpec.classBuilder(definition)
            .addJavadoc(
                "What the decider runs for workflow {@link $T}: its spec and fresh instances.\n",
                workflow.type())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(RuntimeTypes.WORKFLOW_DEFINITION)
            .addField(
                FieldSpec.builder(
                        RuntimeTypes.WORKFLOW_SPEC,
                        Names.SPEC,
                        Modifier.PUBLIC,
                        Modifier.STATIC,
                        Modifier.FINAL)
                    .initializer(CodeSupport.onNextLine(spec(workflow)))
                    .build())
            .addField(factory, Names.FACTORY, Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(factory, Names.FACTORY)
                    .addStatement("this.$N = $N", Names.FACTORY, Names.FACTORY)
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("of")
                    .addJavadoc(
                        "A definition whose instances {@code $N} makes, a new one each time.\n",
                        Names.FACTORY)
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(definition)
                    .addParameter(factory, Names.FACTORY)
                    .addStatement(
                        "return new $T($Z$T.requireNonNull($N, $S))",
                        definition,
                        RuntimeTypes.OBJECTS,
                        Names.FACTORY,
                        Names.FACTORY)
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("spec")
                    .addAnnotation(RuntimeTypes.OVERRIDE)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(RuntimeTypes.WORKFLOW_SPEC)
                    .addStatement("return $N", Names.SPEC)
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("newInstance")
                    .addAnnotation(RuntimeTypes.OVERRIDE)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(RuntimeTypes.WORKFLOW_INSTANCE)
                    .addStatement(
                        "return new $T($T.requireNonNull($N.get(),$W$S))",
                        instance,
                        RuntimeTypes.OBJECTS,
                        Names.FACTORY,
                        "the factory of " + definition.simpleName() + " returned null")
                    .build())
            .addType(instance(workflow, instance));
    return JavaFile.builder(definition.packageName(), type.build()).build();
  }

  private static TypeSpec instance(WorkflowInterface workflow, ClassName instance) {
    EntryMethod entry = workflow.entry();
    MethodSpec.Builder execute =
        MethodSpec.methodBuilder("execute")
            .addAnnotation(RuntimeTypes.OVERRIDE)
            .addModifiers(Modifier.PUBLIC)
            .returns(Object.class)
            .addParameter(Object[].class, Names.ARGUMENTS);
    if (CodeSupport.anyGeneric(entry.params())) {
      execute.addAnnotation(CodeSupport.suppressUnchecked());
    }
    CodeBlock call =
        CodeBlock.of(
            "$N.$N($L)",
            Names.WORKFLOW,
            entry.methodName(),
            CodeSupport.castArguments(entry.params(), Names.ARGUMENTS));
    if (entry.resultType().equals(TypeName.VOID)) {
      execute.addStatement(call).addStatement("return null");
    } else {
      execute.addStatement("return $L", call);
    }

    MethodSpec.Builder signal =
        MethodSpec.methodBuilder("signal")
            .addAnnotation(RuntimeTypes.OVERRIDE)
            .addModifiers(Modifier.PUBLIC)
            .addParameter(String.class, Names.SIGNAL_NAME)
            .addParameter(Object[].class, Names.ARGUMENTS);
    if (workflow.signals().stream().anyMatch(s -> CodeSupport.anyGeneric(s.params()))) {
      signal.addAnnotation(CodeSupport.suppressUnchecked());
    }
    String known =
        workflow.signals().stream().map(SignalMethod::signalName).collect(Collectors.joining(", "));
    CodeBlock unknown =
        CodeBlock.of(
            "throw new $T($S + $N$W+ $L)",
            RuntimeTypes.ILLEGAL_ARGUMENT,
            "unknown signal ",
            Names.SIGNAL_NAME,
            CodeSupport.stringLiteral(
                "; workflow "
                    + workflow.name()
                    + " has "
                    + (known.isEmpty() ? "no signals" : "signals " + known)));
    if (workflow.signals().isEmpty()) {
      signal.addStatement(unknown);
    } else {
      signal.beginControlFlow("switch ($N)", Names.SIGNAL_NAME);
      for (SignalMethod s : workflow.signals()) {
        signal.addStatement(
            "case $S ->$W$N.$N($L)",
            s.signalName(),
            Names.WORKFLOW,
            s.methodName(),
            CodeSupport.castArguments(s.params(), Names.ARGUMENTS));
      }
      signal.addStatement("default -> $L", unknown).endControlFlow();
    }

    return TypeSpec.classBuilder(instance)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(RuntimeTypes.WORKFLOW_INSTANCE)
        .addField(workflow.type(), Names.WORKFLOW, Modifier.PRIVATE, Modifier.FINAL)
        .addMethod(
            MethodSpec.constructorBuilder()
                .addParameter(workflow.type(), Names.WORKFLOW)
                .addStatement("this.$N = $N", Names.WORKFLOW, Names.WORKFLOW)
                .build())
        .addMethod(execute.build())
        .addMethod(signal.build())
        .build();
  }

  private static CodeBlock spec(WorkflowInterface workflow) {
    EntryMethod entry = workflow.entry();
    CodeBlock.Builder code =
        CodeBlock.builder()
            .add(
                "$T.builder($S,$W$S)\n",
                RuntimeTypes.WORKFLOW_SPEC,
                workflow.name(),
                workflow.version())
            .indent()
            .indent()
            .add(".taskList($S)\n", workflow.taskList())
            .add(
                ".executionStartToCloseTimeoutSeconds($LL)\n",
                workflow.executionStartToCloseTimeoutSeconds())
            .add(
                ".taskStartToCloseTimeoutSeconds($LL)\n", workflow.taskStartToCloseTimeoutSeconds())
            .add(
                ".parameterTypes($L)\n",
                CodeSupport.typeLiterals(entry.params().stream().map(Param::type).toList()))
            .add(".resultType($L)\n", CodeSupport.typeLiteral(entry.resultType()));
    if (!workflow.signals().isEmpty()) {
      code.add(
          ".signals($L)\n",
          workflow.signals().stream()
              .map(
                  s ->
                      s.params().isEmpty()
                          ? CodeBlock.of("$T.of($S)", RuntimeTypes.SIGNAL_SPEC, s.signalName())
                          : CodeBlock.of(
                              "$T.of($S, $L)",
                              RuntimeTypes.SIGNAL_SPEC,
                              s.signalName(),
                              CodeSupport.typeLiterals(
                                  s.params().stream().map(Param::type).toList())))
              .collect(CodeBlock.joining(",$W")));
    }
    if (workflow.failOnNonDeterminism()) {
      code.add(".failOnNonDeterminism(true)\n");
    }
    if (workflow.retry() != null) {
      code.add(".retryPolicy($L)\n", DispatcherGenerator.retryPolicy(workflow.retry()));
    }
    return code.add(".build()").unindent().unindent().build();
  }
}
