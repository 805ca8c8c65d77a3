package dev.flow.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/** Generates {@code WWorkflowClient}: starts executions and hands out typed handles. */
final class WorkflowClientGenerator {
  private WorkflowClientGenerator() {}

  static JavaFile client(WorkflowInterface workflow) {
    ClassName client = Names.workflowClient(workflow.type());
    ClassName handle = Names.handle(workflow.type());
    ClassName definition = Names.definition(workflow.type());
    EntryMethod entry = workflow.entry();
    TypeName result = entry.resultType();
    TypeName boxedResult = CodeSupport.boxed(result);

    Map<Param, String> names =
        CodeSupport.parameterNames(entry.params(), Names.FLOW, Names.OPTIONS);
    List<String> ordered = new ArrayList<>(names.values());
    List<TypeName> types = entry.params().stream().map(Param::type).toList();
    CodeBlock arguments = CodeSupport.varargs(ordered, types);
    CodeBlock passOn =
        ordered.stream().map(n -> CodeBlock.of("$N", n)).collect(CodeBlock.joining(",$W"));

    MethodSpec.Builder start =
        MethodSpec.methodBuilder("start")
            .addJavadoc("Starts an execution, and returns a handle on it at once.\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(handle)
            .addStatement(
                "return new $T($T.start($N,$W$T.$N,$W$N$L))",
                handle,
                RuntimeTypes.CLIENT_CALLS,
                Names.FLOW,
                definition,
                Names.SPEC,
                Names.OPTIONS,
                StubGenerator.prefixed(arguments));
    MethodSpec.Builder execute =
        MethodSpec.methodBuilder("execute")
            .addJavadoc("Starts an execution and waits for its result.\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(result);
    for (int i = 0; i < entry.params().size(); i++) {
      start.addParameter(types.get(i), ordered.get(i));
      execute.addParameter(types.get(i), ordered.get(i));
    }
    if (entry.element().isVarArgs()) {
      start.varargs(true);
      execute.varargs(true);
    }
    if (result.equals(TypeName.VOID)) {
      execute.addStatement("start($L).result()", passOn);
    } else {
      execute.addStatement("return start($L).result()", passOn);
    }

    TypeSpec type =
        TypeSpec.classBuilder(client)
            .addJavadoc(
                "Starts executions of workflow {@link $T} and hands out typed handles on them.\n",
                workflow.type())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addField(RuntimeTypes.FLOW_CLIENT, Names.FLOW, Modifier.PRIVATE, Modifier.FINAL)
            .addField(RuntimeTypes.START_OPTIONS, Names.OPTIONS, Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(RuntimeTypes.FLOW_CLIENT, Names.FLOW)
                    .addParameter(RuntimeTypes.START_OPTIONS, Names.OPTIONS)
                    .addStatement("this.$N = $N", Names.FLOW, Names.FLOW)
                    .addStatement("this.$N = $N", Names.OPTIONS, Names.OPTIONS)
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("create")
                    .addJavadoc("A client starting executions through {@code $N}.\n", Names.FLOW)
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(client)
                    .addParameter(RuntimeTypes.FLOW_CLIENT, Names.FLOW)
                    .addStatement(
                        "return new $T($Z$T.requireNonNull($N, $S),$W$T.DEFAULT)",
                        client,
                        RuntimeTypes.OBJECTS,
                        Names.FLOW,
                        Names.FLOW,
                        RuntimeTypes.START_OPTIONS)
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("withOptions")
                    .addJavadoc(
                        "A client like this one, starting executions with {@code $N}.\n",
                        Names.OPTIONS)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(client)
                    .addParameter(RuntimeTypes.START_OPTIONS, Names.OPTIONS)
                    .addStatement(
                        "return new $T($Z$N,$W$T.requireNonNull($N, $S))",
                        client,
                        Names.FLOW,
                        RuntimeTypes.OBJECTS,
                        Names.OPTIONS,
                        Names.OPTIONS)
                    .build())
            .addMethod(start.build())
            .addMethod(execute.build())
            .addMethod(
                MethodSpec.methodBuilder("handle")
                    .addJavadoc(
                        "A handle on the latest run of execution {@code $N}.\n", Names.WORKFLOW_ID)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(handle)
                    .addParameter(String.class, Names.WORKFLOW_ID)
                    .addStatement("return handle($N, null)", Names.WORKFLOW_ID)
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("handle")
                    .addJavadoc(
                        "A handle on run {@code $N} of execution {@code $N}.\n",
                        Names.RUN_ID,
                        Names.WORKFLOW_ID)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(handle)
                    .addParameter(String.class, Names.WORKFLOW_ID)
                    .addParameter(String.class, Names.RUN_ID)
                    .addStatement(
                        "return new $T($T.handle($N,$W$T.$N,$W$N,$W$N))",
                        handle,
                        RuntimeTypes.CLIENT_CALLS,
                        Names.FLOW,
                        definition,
                        Names.SPEC,
                        Names.WORKFLOW_ID,
                        Names.RUN_ID)
                    .build())
            .addType(handle(workflow, handle, boxedResult))
            .build();
    return JavaFile.builder(client.packageName(), type).build();
  }

  private static TypeSpec handle(WorkflowInterface workflow, ClassName handle, TypeName result) {
    TypeName untyped = ParameterizedTypeName.get(RuntimeTypes.WORKFLOW_HANDLE, result);
    TypeSpec.Builder type =
        TypeSpec.classBuilder(handle)
            .addJavadoc("A typed handle on one execution of {@link $T}.\n", workflow.type())
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addField(untyped, Names.HANDLE_FIELD, Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(untyped, Names.HANDLE_FIELD)
                    .addStatement("this.$N = $N", Names.HANDLE_FIELD, Names.HANDLE_FIELD)
                    .build())
            .addMethod(delegate("workflowId", ClassName.get(String.class)).build())
            .addMethod(delegate("runId", ClassName.get(String.class)).build())
            .addMethod(
                delegate("result", result)
                    .addJavadoc("Waits for the execution to close and returns its result.\n")
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("result")
                    .addJavadoc("Waits at most {@code $N} for the result.\n", Names.TIMEOUT)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(result)
                    .addParameter(RuntimeTypes.DURATION, Names.TIMEOUT)
                    .addStatement("return $N.result($N)", Names.HANDLE_FIELD, Names.TIMEOUT)
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("cancel")
                    .addJavadoc("Asks the execution to cancel itself.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .addStatement("$N.cancel()", Names.HANDLE_FIELD)
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("terminate")
                    .addJavadoc("Ends the execution at once, recording {@code $N}.\n", Names.REASON)
                    .addModifiers(Modifier.PUBLIC)
                    .addParameter(String.class, Names.REASON)
                    .addStatement("$N.terminate($N)", Names.HANDLE_FIELD, Names.REASON)
                    .build());
    for (SignalMethod signal : workflow.signals()) {
      Map<Param, String> names = CodeSupport.parameterNames(signal.params(), Names.HANDLE_FIELD);
      List<String> ordered = new ArrayList<>(names.values());
      List<TypeName> types = signal.params().stream().map(Param::type).toList();
      MethodSpec.Builder method =
          MethodSpec.methodBuilder(signal.methodName())
              .addJavadoc("Sends signal {@code $L}.\n", signal.signalName())
              .addModifiers(Modifier.PUBLIC)
              .varargs(signal.element().isVarArgs());
      for (int i = 0; i < types.size(); i++) {
        method.addParameter(types.get(i), ordered.get(i));
      }
      method.addStatement(
          "$N.signal($S$L)",
          Names.HANDLE_FIELD,
          signal.signalName(),
          StubGenerator.prefixed(CodeSupport.varargs(ordered, types)));
      type.addMethod(method.build());
    }
    type.addMethod(
        MethodSpec.methodBuilder("untyped")
            .addJavadoc("The untyped handle this one wraps.\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(untyped)
            .addStatement("return $N", Names.HANDLE_FIELD)
            .build());
    return type.build();
  }

  private static MethodSpec.Builder delegate(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns)
        .addStatement("return $N.$N()", Names.HANDLE_FIELD, name);
  }
}
