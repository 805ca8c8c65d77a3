package dev.flow.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/** Generates the per-compilation {@code FlowManifest} and {@code FlowWorkerMain}. */
final class ManifestGenerator {
  private ManifestGenerator() {}

  static JavaFile manifest(ManifestModel model) {
    ClassName manifest = Names.manifest(model.packageName());

    List<CodeBlock> workflowTypes = new ArrayList<>();
    for (WorkflowInterface workflow : model.workflows()) {
      workflowTypes.add(CodeBlock.of("$T.$N", Names.definition(workflow.type()), Names.SPEC));
    }
    List<CodeBlock> activityTypes = new ArrayList<>();
    for (ActivityInterface activity : model.activities()) {
      Map<String, String> constants = Names.activityConstants(activity.methods());
      for (ActivityMethod method : activity.methods()) {
        activityTypes.add(
            CodeBlock.of(
                "$T.$N", Names.dispatcher(activity.type()), constants.get(method.methodName())));
      }
    }
    List<CodeBlock> workflowImplementations = new ArrayList<>();
    for (ManifestModel.WorkflowImplementation implementation : model.workflowImplementations()) {
      CodeBlock stubs =
          implementation.stubs().stream()
              .map(stub -> CodeBlock.of("new $T()", stub))
              .collect(CodeBlock.joining(",$W"));
      workflowImplementations.add(
          CodeBlock.of(
              "$T.of($Z() -> new $T($Z$L))",
              implementation.definition(),
              implementation.implementation(),
              stubs));
    }
    List<CodeBlock> activityImplementations = new ArrayList<>();
    for (ManifestModel.ActivityImplementation implementation : model.activityImplementations()) {
      activityImplementations.add(
          CodeBlock.of(
              "new $T($Znew $T())", implementation.dispatcher(), implementation.implementation()));
    }

    List<CodeBlock> activityBindings = new ArrayList<>();
    for (ActivityInterface activity : model.activities()) {
      activityBindings.add(
          CodeBlock.of(
              "$T.of($T.class,$W$T::new)\n$>$>.stub($T.class,$W$T::new)$<$<",
              RuntimeTypes.ACTIVITY_BINDING,
              activity.type(),
              Names.dispatcher(activity.type()),
              Names.stub(activity.type()),
              Names.stub(activity.type())));
    }
    List<CodeBlock> workflowBindings = new ArrayList<>();
    for (WorkflowInterface workflow : model.workflows()) {
      ClassName client = Names.workflowClient(workflow.type());
      ClassName stub = Names.stub(workflow.type());
      ClassName self = Names.self(workflow.type());
      workflowBindings.add(
          CodeBlock.of(
              "$T.of($T.class,$W$T::of)\n$>$>.client($T.class,$W$T::create)\n"
                  + ".stub($T.class,$W$T::new)\n.stub($T.class,$W$T::new)$<$<",
              RuntimeTypes.WORKFLOW_BINDING,
              workflow.type(),
              Names.definition(workflow.type()),
              client,
              client,
              stub,
              stub,
              self,
              self));
    }

    TypeSpec type =
        TypeSpec.classBuilder(manifest)
            .addJavadoc(
                "The workflow and activity types this compilation declares, and the"
                    + " implementations it holds\nthat a worker can host as they are. Listed in"
                    + " {@code $L}.\n",
                RuntimeTypes.MANIFEST_SERVICE_FILE)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(RuntimeTypes.MANIFEST)
            .addMethod(list("workflowTypes", RuntimeTypes.WORKFLOW_SPEC, workflowTypes))
            .addMethod(list("activityTypes", RuntimeTypes.ACTIVITY_SPEC, activityTypes))
            .addMethod(
                list(
                    "workflowImplementations",
                    RuntimeTypes.WORKFLOW_DEFINITION,
                    workflowImplementations))
            .addMethod(
                list(
                    "activityImplementations",
                    RuntimeTypes.ACTIVITY_DISPATCHER,
                    activityImplementations))
            .addMethod(
                list("activityBindings", anyOf(RuntimeTypes.ACTIVITY_BINDING), activityBindings))
            .addMethod(
                list("workflowBindings", anyOf(RuntimeTypes.WORKFLOW_BINDING), workflowBindings))
            .build();
    return JavaFile.builder(model.packageName(), type).build();
  }

  private static MethodSpec list(String name, TypeName element, List<CodeBlock> items) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(name)
            .addAnnotation(RuntimeTypes.OVERRIDE)
            .addModifiers(Modifier.PUBLIC)
            .returns(ParameterizedTypeName.get(RuntimeTypes.LIST, element));
    if (items.isEmpty()) {
      return method.addStatement("return $T.of()", RuntimeTypes.LIST).build();
    }
    CodeBlock.Builder code =
        CodeBlock.builder().add("return $T.of(\n", RuntimeTypes.LIST).indent().indent();
    for (int i = 0; i < items.size(); i++) {
      code.add(i + 1 < items.size() ? "$L,\n" : "$L);\n", items.get(i));
    }
    code.unindent().unindent();
    return method.addCode(code.build()).build();
  }

  /** {@code Binding<?>}. */
  private static TypeName anyOf(ClassName generic) {
    return ParameterizedTypeName.get(generic, WildcardTypeName.subtypeOf(Object.class));
  }

  static JavaFile workerMain(String packageName) {
    ClassName main = Names.workerMain(packageName);
    TypeSpec type =
        TypeSpec.classBuilder(main)
            .addJavadoc(
                "Hosts the workflow and activity implementations of {@link $T} until stopped. See"
                    + " {@code $T} for the arguments.\n",
                Names.manifest(packageName),
                RuntimeTypes.WORKER_MAIN)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
            .addMethod(
                MethodSpec.methodBuilder("main")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .addParameter(String[].class, "args")
                    .addException(RuntimeTypes.EXCEPTION)
                    .addStatement(
                        "$T.run(new $T(), args)",
                        RuntimeTypes.WORKER_MAIN,
                        Names.manifest(packageName))
                    .build())
            .build();
    return JavaFile.builder(packageName, type).build();
  }

  /** The service file listing the manifest. */
  static String serviceFile(String packageName) {
    return Names.manifest(packageName).reflectionName() + "\n";
  }
}
