package dev.flow.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads {@code @Activity} and {@code @Workflow} interfaces into validated models. Reports every
 * problem it finds (it does not stop at the first) and returns a model only for an interface
 * without any.
 */
final class InterfaceParser {
  private final Elements elements;
  private final Types types;
  private final Diagnostics diagnostics;
  private final BindingChecker binding;
  private final OptionsParser options;
  private final InterfaceMembers members;

  InterfaceParser(Elements elements, Types types, Diagnostics diagnostics) {
    this.elements = elements;
    this.types = types;
    this.diagnostics = diagnostics;
    this.binding = new BindingChecker(elements, types, diagnostics);
    this.options = new OptionsParser(elements, diagnostics);
    this.members = new InterfaceMembers(elements, types);
  }

  /** The first type in the interface's signatures that does not exist (yet), or null. */
  String unresolvedType(TypeElement type) {
    return members.unresolvedType(type);
  }

  // ---------------------------------------------------------------- activities

  Optional<ActivityInterface> parseActivity(TypeElement type) {
    int errorsBefore = diagnostics.errorCount();
    if (!checkInterface(type, "Activity")) {
      return Optional.empty();
    }
    AnnotationMirror activity = Annotations.mirror(type, RuntimeTypes.ACTIVITY);
    String prefix =
        orElse(
            options.checkName(type, activity, "Activity", "name"), type.getSimpleName().toString());
    String version = options.checkVersion(type, activity, "Activity");
    String taskList = orElse(options.checkName(type, activity, "Activity", "taskList"), prefix);
    long[] timeouts = new long[ACTIVITY_TIMEOUTS.size()];
    for (int i = 0; i < timeouts.length; i++) {
      timeouts[i] =
          options.checkTimeout(type, activity, "Activity", ACTIVITY_TIMEOUTS.get(i), false);
    }
    AnnotationMirror interfaceRetry = Annotations.mirror(type, RuntimeTypes.RETRY);
    RetryModel defaultRetry = interfaceRetry == null ? null : options.retry(type, interfaceRetry);

    List<ExecutableElement> methods = members.methods(type);
    checkOverloads(type, methods);
    checkNonAbstractMethods(type);
    List<ActivityMethod> parsed = new ArrayList<>();
    for (ExecutableElement method : methods) {
      String shown = shown(type, method);
      if (Annotations.has(method, RuntimeTypes.SIGNAL)) {
        diagnostics.error(at(method, type), Messages.signalOutsideWorkflow(shown, name(type)));
      }
      boolean typesChecked = checkNotGeneric(type, method);
      if (typesChecked) {
        checkParams(type, method, "activity");
        TypeMirror result = members.returnType(type, method);
        if (members.isPromise(result)) {
          diagnostics.error(at(method, type), Messages.promiseResult(shown));
        } else if (result.getKind() != TypeKind.VOID) {
          binding.check(result, at(method, type), "the result of " + shown);
        }
      }

      AnnotationMirror methodOptions = Annotations.mirror(method, RuntimeTypes.ACTIVITY_OPTIONS);
      String methodTaskList = taskList;
      long[] methodTimeouts = timeouts.clone();
      if (methodOptions != null) {
        methodTaskList =
            orElse(
                options.checkName(method, methodOptions, "ActivityOptions", "taskList"), taskList);
        for (int i = 0; i < timeouts.length; i++) {
          long value =
              options.checkTimeout(
                  method, methodOptions, "ActivityOptions", ACTIVITY_TIMEOUTS.get(i), true);
          if (value != OptionsParser.INHERIT) {
            methodTimeouts[i] = value;
          }
        }
      }
      AnnotationMirror methodRetry = Annotations.mirror(method, RuntimeTypes.RETRY);
      RetryModel retry = methodRetry == null ? defaultRetry : options.retry(method, methodRetry);
      String methodName = method.getSimpleName().toString();
      parsed.add(
          new ActivityMethod(
              method,
              methodName,
              prefix + "." + methodName,
              version,
              methodTaskList,
              methodTimeouts[0],
              methodTimeouts[1],
              methodTimeouts[2],
              methodTimeouts[3],
              Annotations.has(method, RuntimeTypes.IDEMPOTENT),
              retry,
              members.params(type, method),
              TypeName.get(members.returnType(type, method))));
    }
    if (diagnostics.errorCount() != errorsBefore) {
      return Optional.empty();
    }
    parsed.sort(Comparator.comparing(ActivityMethod::methodName));
    return Optional.of(new ActivityInterface(type, ClassName.get(type), parsed));
  }

  private static final List<String> ACTIVITY_TIMEOUTS =
      List.of(
          "scheduleToStartTimeoutSeconds",
          "startToCloseTimeoutSeconds",
          "scheduleToCloseTimeoutSeconds",
          "heartbeatTimeoutSeconds");

  // ---------------------------------------------------------------- workflows

  Optional<WorkflowInterface> parseWorkflow(TypeElement type) {
    int errorsBefore = diagnostics.errorCount();
    if (!checkInterface(type, "Workflow")) {
      return Optional.empty();
    }
    AnnotationMirror workflow = Annotations.mirror(type, RuntimeTypes.WORKFLOW);
    String name =
        orElse(
            options.checkName(type, workflow, "Workflow", "name"), type.getSimpleName().toString());
    String version = options.checkVersion(type, workflow, "Workflow");
    String taskList = orElse(options.checkName(type, workflow, "Workflow", "taskList"), name);
    long executionTimeout =
        options.checkTimeout(
            type, workflow, "Workflow", "executionStartToCloseTimeoutSeconds", false);
    long taskTimeout =
        options.checkTimeout(type, workflow, "Workflow", "taskStartToCloseTimeoutSeconds", false);
    AnnotationValue failOnNonDeterminismValue =
        options.values(workflow).get("failOnNonDeterminism");
    boolean failOnNonDeterminism =
        failOnNonDeterminismValue != null
            && Boolean.TRUE.equals(failOnNonDeterminismValue.getValue());

    List<ExecutableElement> methods = members.methods(type);
    checkOverloads(type, methods);
    checkNonAbstractMethods(type);
    AnnotationMirror retryMirror = Annotations.mirror(type, RuntimeTypes.RETRY);
    RetryModel retry = retryMirror == null ? null : options.retry(type, retryMirror);
    for (ExecutableElement method : methods) {
      checkNoActivityAnnotations(
          method, at(method, type), shown(type, method), Annotations.ACTIVITY_ANNOTATIONS);
    }
    List<ExecutableElement> entries = new ArrayList<>();
    List<SignalMethod> signals = new ArrayList<>();
    Map<String, String> signalNames = new LinkedHashMap<>();
    for (ExecutableElement method : methods) {
      String shown = shown(type, method);
      AnnotationMirror signal = Annotations.mirror(method, RuntimeTypes.SIGNAL);
      if (signal == null) {
        entries.add(method);
        continue;
      }
      if (checkNotGeneric(type, method)) {
        checkParams(type, method, "signal");
      }
      TypeMirror returned = members.returnType(type, method);
      if (returned.getKind() != TypeKind.VOID) {
        diagnostics.error(at(method, type), Messages.signalNotVoid(shown, returned.toString()));
      }
      String methodName = method.getSimpleName().toString();
      if (Names.HANDLE_METHODS.contains(methodName) || Names.CHILD_METHODS.contains(methodName)) {
        ClassName iface = ClassName.get(type);
        List<String> handles = new ArrayList<>();
        Set<String> clashing = new TreeSet<>();
        if (Names.HANDLE_METHODS.contains(methodName)) {
          handles.add("workflow handle " + simpleNames(Names.handle(iface)));
          clashing.addAll(Names.HANDLE_METHODS);
        }
        if (Names.CHILD_METHODS.contains(methodName)) {
          handles.add("child handle " + simpleNames(Names.child(iface)));
          clashing.addAll(Names.CHILD_METHODS);
        }
        diagnostics.error(
            at(method, type),
            Messages.reservedSignalName(shown, String.join(" and ", handles), clashing));
      }
      checkUnchecked(type, method);
      String signalName = orElse(options.checkName(method, signal, "Signal", "name"), methodName);
      String first = signalNames.putIfAbsent(signalName, shown);
      if (first != null) {
        diagnostics.error(at(method, type), Messages.duplicateSignal(shown, signalName, first));
      }
      signals.add(new SignalMethod(method, methodName, signalName, members.params(type, method)));
    }

    EntryMethod entry = null;
    if (entries.isEmpty()) {
      diagnostics.error(type, Messages.noEntryMethod(name(type)));
    } else {
      String first = shown(type, entries.get(0));
      for (ExecutableElement extra : entries.subList(1, entries.size())) {
        diagnostics.error(
            at(extra, type), Messages.multipleEntryMethods(name(type), shown(type, extra), first));
      }
      entry = entry(type, entries.get(0));
      if (entry.methodName().equals(Names.START)) {
        diagnostics.error(
            at(entry.element(), type),
            Messages.reservedEntryName(
                shown(type, entry.element()), simpleNames(Names.stub(ClassName.get(type)))));
      }
    }
    if (diagnostics.errorCount() != errorsBefore) {
      return Optional.empty();
    }
    signals.sort(Comparator.comparing(SignalMethod::methodName));
    return Optional.of(
        new WorkflowInterface(
            type,
            ClassName.get(type),
            name,
            version,
            taskList,
            executionTimeout,
            taskTimeout,
            failOnNonDeterminism,
            retry,
            entry,
            signals));
  }

  private EntryMethod entry(TypeElement type, ExecutableElement method) {
    String shown = shown(type, method);
    TypeMirror result = members.returnType(type, method);
    TypeName resultType;
    if (members.isPromise(result)) {
      TypeMirror value = members.promisedType(result);
      resultType = TypeName.get(value);
      if (checkNotGeneric(type, method)) {
        checkParams(type, method, "workflow entry");
        binding.check(value, at(method, type), "the result of " + shown);
      }
    } else {
      resultType = TypeName.get(result);
      if (checkNotGeneric(type, method)) {
        checkParams(type, method, "workflow entry");
        if (result.getKind() != TypeKind.VOID) {
          binding.check(result, at(method, type), "the result of " + shown);
        }
      }
    }
    checkUnchecked(type, method);
    return new EntryMethod(
        method,
        method.getSimpleName().toString(),
        members.params(type, method),
        TypeName.get(result),
        resultType);
  }

  /** Flow annotations on static, default or private methods, which Flow ignores, are errors. */
  private void checkNonAbstractMethods(TypeElement type) {
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (method.getModifiers().contains(Modifier.ABSTRACT)) {
        continue;
      }
      for (String name : METHOD_ANNOTATIONS) {
        AnnotationMirror mirror = Annotations.mirror(method, name);
        if (mirror != null) {
          diagnostics.error(
              method,
              mirror,
              null,
              Messages.annotationOnNonAbstractMethod(
                  Annotations.simpleName(name), shown(type, method)));
        }
      }
    }
  }

  private static final List<String> METHOD_ANNOTATIONS =
      List.of(
          RuntimeTypes.SIGNAL,
          RuntimeTypes.ACTIVITY_OPTIONS,
          RuntimeTypes.IDEMPOTENT,
          RuntimeTypes.RETRY);

  /** Reports activity annotations on {@code annotated}, at the annotation if it is in reach. */
  private void checkNoActivityAnnotations(
      Element annotated, Element reportOn, String where, List<String> names) {
    for (String name : names) {
      AnnotationMirror mirror = Annotations.mirror(annotated, name);
      if (mirror == null) {
        continue;
      }
      String message =
          Messages.activityAnnotationOutsideActivity(Annotations.simpleName(name), where);
      if (reportOn == annotated) {
        diagnostics.error(annotated, mirror, null, message);
      } else {
        diagnostics.error(reportOn, message);
      }
    }
  }

  // ---------------------------------------------------------------- shared checks

  private boolean checkInterface(TypeElement type, String annotation) {
    if (type.getKind() != ElementKind.INTERFACE) {
      diagnostics.error(
          type, Messages.notAnInterface(annotation, kindName(type.getKind()), name(type)));
      return false;
    }
    if (!isEffectivelyPublic(type)) {
      diagnostics.error(type, Messages.notPublic(annotation, name(type)));
    }
    if (!type.getTypeParameters().isEmpty()) {
      diagnostics.error(type, Messages.genericInterface(annotation, name(type)));
    }
    return true;
  }

  private static String kindName(ElementKind kind) {
    return switch (kind) {
      case ENUM -> "enum";
      case RECORD -> "record";
      case ANNOTATION_TYPE -> "annotation type";
      default -> "class";
    };
  }

  private static boolean isEffectivelyPublic(TypeElement type) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  private void checkOverloads(TypeElement type, List<ExecutableElement> methods) {
    Set<String> seen = new HashSet<>();
    for (ExecutableElement method : methods) {
      String name = method.getSimpleName().toString();
      if (!seen.add(name)) {
        diagnostics.error(at(method, type), Messages.overloadedMethod(name(type), name));
      }
    }
  }

  /** Reports a generic method; returns whether its types can be checked. */
  private boolean checkNotGeneric(TypeElement type, ExecutableElement method) {
    if (!method.getTypeParameters().isEmpty()) {
      diagnostics.error(at(method, type), Messages.genericMethod(shown(type, method)));
      return false;
    }
    return true;
  }

  private void checkParams(TypeElement type, ExecutableElement method, String kind) {
    String shown = shown(type, method);
    List<? extends TypeMirror> paramTypes = members.signature(type, method).getParameterTypes();
    for (int i = 0; i < paramTypes.size(); i++) {
      VariableElement param = method.getParameters().get(i);
      String name = param.getSimpleName().toString();
      if (members.isPromise(paramTypes.get(i))) {
        diagnostics.error(at(param, type), Messages.promiseParameter(shown, name, kind));
      } else {
        binding.check(paramTypes.get(i), at(param, type), "parameter " + name + " of " + shown);
      }
    }
  }

  /** Workflow code cannot throw checked exceptions: WorkflowInstance does not declare them. */
  private void checkUnchecked(TypeElement type, ExecutableElement method) {
    TypeMirror runtime = elements.getTypeElement("java.lang.RuntimeException").asType();
    TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
    for (TypeMirror thrown : method.getThrownTypes()) {
      if (!types.isSubtype(thrown, runtime) && !types.isSubtype(thrown, error)) {
        diagnostics.error(
            at(method, type), Messages.checkedException(shown(type, method), thrown.toString()));
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Where to report on a member: itself if the interface declares it, else the interface. */
  private static Element at(Element member, TypeElement type) {
    Element method = member instanceof ExecutableElement ? member : member.getEnclosingElement();
    return method.getEnclosingElement().equals(type) ? member : type;
  }

  /** {@code Media.encodeVideo}. */
  private static String shown(TypeElement type, ExecutableElement method) {
    return type.getSimpleName() + "." + method.getSimpleName();
  }

  /** {@code ProcessVideoWorkflowClient.Handle}. */
  private static String simpleNames(ClassName name) {
    return String.join(".", name.simpleNames());
  }

  private static String name(TypeElement type) {
    return type.getQualifiedName().toString();
  }

  private static String orElse(String value, String fallback) {
    return value.isEmpty() ? fallback : value;
  }
}
