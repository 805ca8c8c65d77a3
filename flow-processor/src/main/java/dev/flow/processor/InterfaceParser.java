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
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads {@code @Activity} and {@code @Workflow} interfaces into validated models. Reports every
 * problem it finds (it does not stop at the first) and returns a model only for an interface
 * without any.
 */
final class InterfaceParser {
  private static final long INHERIT = -1;

  private final Elements elements;
  private final Types types;
  private final Diagnostics diagnostics;
  private final BindingChecker binding;

  InterfaceParser(Elements elements, Types types, Diagnostics diagnostics) {
    this.elements = elements;
    this.types = types;
    this.diagnostics = diagnostics;
    this.binding = new BindingChecker(elements, types, diagnostics);
  }

  // ---------------------------------------------------------------- activities

  Optional<ActivityInterface> parseActivity(TypeElement type) {
    int errorsBefore = diagnostics.errorCount();
    if (!checkInterface(type, "Activity")) {
      return Optional.empty();
    }
    AnnotationMirror activity = mirror(type, RuntimeTypes.ACTIVITY);
    String prefix =
        orElse(checkName(type, activity, "Activity", "name"), type.getSimpleName().toString());
    String version = checkVersion(type, activity, "Activity");
    String taskList = orElse(checkName(type, activity, "Activity", "taskList"), prefix);
    long[] timeouts = new long[ACTIVITY_TIMEOUTS.size()];
    for (int i = 0; i < timeouts.length; i++) {
      timeouts[i] = checkTimeout(type, activity, "Activity", ACTIVITY_TIMEOUTS.get(i), false);
    }
    AnnotationMirror interfaceRetry = mirror(type, RuntimeTypes.RETRY);
    RetryModel defaultRetry = interfaceRetry == null ? null : retry(type, interfaceRetry);

    List<ExecutableElement> methods = methods(type);
    checkOverloads(type, methods);
    checkNonAbstractMethods(type);
    List<ActivityMethod> parsed = new ArrayList<>();
    for (ExecutableElement method : methods) {
      String shown = shown(type, method);
      if (BindingChecker.hasAnnotation(method, RuntimeTypes.SIGNAL)) {
        diagnostics.error(at(method, type), Messages.signalOutsideWorkflow(shown, name(type)));
      }
      boolean typesChecked = checkNotGeneric(type, method);
      if (typesChecked) {
        checkParams(type, method, "activity");
        TypeMirror result = returnType(type, method);
        if (isPromise(result)) {
          diagnostics.error(at(method, type), Messages.promiseResult(shown));
        } else if (result.getKind() != TypeKind.VOID) {
          binding.check(result, at(method, type), "the result of " + shown);
        }
      }

      AnnotationMirror options = mirror(method, RuntimeTypes.ACTIVITY_OPTIONS);
      String methodTaskList = taskList;
      long[] methodTimeouts = timeouts.clone();
      if (options != null) {
        methodTaskList =
            orElse(checkName(method, options, "ActivityOptions", "taskList"), taskList);
        for (int i = 0; i < timeouts.length; i++) {
          long value =
              checkTimeout(method, options, "ActivityOptions", ACTIVITY_TIMEOUTS.get(i), true);
          if (value != INHERIT) {
            methodTimeouts[i] = value;
          }
        }
      }
      AnnotationMirror methodRetry = mirror(method, RuntimeTypes.RETRY);
      RetryModel retry = methodRetry == null ? defaultRetry : retry(method, methodRetry);
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
              BindingChecker.hasAnnotation(method, RuntimeTypes.IDEMPOTENT),
              retry,
              params(type, method),
              TypeName.get(returnType(type, method))));
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
    AnnotationMirror workflow = mirror(type, RuntimeTypes.WORKFLOW);
    String name =
        orElse(checkName(type, workflow, "Workflow", "name"), type.getSimpleName().toString());
    String version = checkVersion(type, workflow, "Workflow");
    String taskList = orElse(checkName(type, workflow, "Workflow", "taskList"), name);
    long executionTimeout =
        checkTimeout(type, workflow, "Workflow", "executionStartToCloseTimeoutSeconds", false);
    long taskTimeout =
        checkTimeout(type, workflow, "Workflow", "taskStartToCloseTimeoutSeconds", false);
    AnnotationValue failOnNonDeterminismValue = values(workflow).get("failOnNonDeterminism");
    boolean failOnNonDeterminism =
        failOnNonDeterminismValue != null
            && Boolean.TRUE.equals(failOnNonDeterminismValue.getValue());

    List<ExecutableElement> methods = methods(type);
    checkOverloads(type, methods);
    checkNonAbstractMethods(type);
    AnnotationMirror retryMirror = mirror(type, RuntimeTypes.RETRY);
    RetryModel retry = retryMirror == null ? null : retry(type, retryMirror);
    for (ExecutableElement method : methods) {
      checkNoActivityAnnotations(
          method, at(method, type), shown(type, method), ACTIVITY_ANNOTATIONS);
    }
    List<ExecutableElement> entries = new ArrayList<>();
    List<SignalMethod> signals = new ArrayList<>();
    Map<String, String> signalNames = new LinkedHashMap<>();
    for (ExecutableElement method : methods) {
      String shown = shown(type, method);
      AnnotationMirror signal = mirror(method, RuntimeTypes.SIGNAL);
      if (signal == null) {
        entries.add(method);
        continue;
      }
      if (checkNotGeneric(type, method)) {
        checkParams(type, method, "signal");
      }
      TypeMirror returned = returnType(type, method);
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
      String signalName = orElse(checkName(method, signal, "Signal", "name"), methodName);
      String first = signalNames.putIfAbsent(signalName, shown);
      if (first != null) {
        diagnostics.error(at(method, type), Messages.duplicateSignal(shown, signalName, first));
      }
      signals.add(new SignalMethod(method, methodName, signalName, params(type, method)));
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
    TypeMirror result = returnType(type, method);
    TypeName resultType;
    if (isPromise(result)) {
      TypeMirror value = promisedType(result);
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
        params(type, method),
        TypeName.get(result),
        resultType);
  }

  /** R of a Promise<R> (or of the Promise a subtype extends); Object for a raw Promise. */
  private TypeMirror promisedType(TypeMirror promiseType) {
    java.util.Deque<TypeMirror> pending = new java.util.ArrayDeque<>(List.of(promiseType));
    while (!pending.isEmpty()) {
      TypeMirror next = pending.removeFirst();
      if (next.getKind() != TypeKind.DECLARED) {
        continue;
      }
      DeclaredType declared = (DeclaredType) next;
      TypeElement element = (TypeElement) declared.asElement();
      if (element.getQualifiedName().contentEquals(RuntimeTypes.PROMISE.canonicalName())) {
        if (!declared.getTypeArguments().isEmpty()) {
          return declared.getTypeArguments().get(0);
        }
        break;
      }
      pending.addAll(types.directSupertypes(next));
    }
    return elements.getTypeElement("java.lang.Object").asType();
  }

  /** Flow annotations on static, default or private methods, which Flow ignores, are errors. */
  private void checkNonAbstractMethods(TypeElement type) {
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (method.getModifiers().contains(Modifier.ABSTRACT)) {
        continue;
      }
      for (String name : METHOD_ANNOTATIONS) {
        AnnotationMirror mirror = mirror(method, name);
        if (mirror != null) {
          diagnostics.error(
              method,
              mirror,
              null,
              Messages.annotationOnNonAbstractMethod(simpleName(name), shown(type, method)));
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

  static final List<String> ACTIVITY_ANNOTATIONS =
      List.of(RuntimeTypes.ACTIVITY_OPTIONS, RuntimeTypes.IDEMPOTENT, RuntimeTypes.RETRY);

  /** Reports activity annotations on {@code annotated}, at the annotation if it is in reach. */
  private void checkNoActivityAnnotations(
      Element annotated, Element reportOn, String where, List<String> names) {
    for (String name : names) {
      AnnotationMirror mirror = mirror(annotated, name);
      if (mirror == null) {
        continue;
      }
      String message = Messages.activityAnnotationOutsideActivity(simpleName(name), where);
      if (reportOn == annotated) {
        diagnostics.error(annotated, mirror, null, message);
      } else {
        diagnostics.error(reportOn, message);
      }
    }
  }

  static String simpleName(String qualifiedName) {
    return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
  }

  // ---------------------------------------------------------------- shared checks

  /** The first type in the interface's signatures that does not exist (yet), or null. */
  String unresolvedType(TypeElement type) {
    if (type.getKind() != ElementKind.INTERFACE) {
      return null;
    }
    for (TypeMirror superinterface : type.getInterfaces()) {
      String missing = missing(superinterface);
      if (missing != null) {
        return missing;
      }
    }
    for (ExecutableElement method : methods(type)) {
      List<TypeMirror> mentioned = new ArrayList<>();
      mentioned.add(method.getReturnType());
      method.getParameters().forEach(p -> mentioned.add(p.asType()));
      if (missing(method.getReturnType()) == null) {
        ExecutableType resolved = signature(type, method);
        mentioned.add(resolved.getReturnType());
        mentioned.addAll(resolved.getParameterTypes());
      }
      mentioned.addAll(method.getThrownTypes());
      for (TypeMirror t : mentioned) {
        String missing = missing(t);
        if (missing != null) {
          return missing;
        }
      }
    }
    return null;
  }

  private static String missing(TypeMirror type) {
    switch (type.getKind()) {
      case ERROR:
        return type.toString();
      case ARRAY:
        return missing(((ArrayType) type).getComponentType());
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        TypeMirror bound =
            wildcard.getExtendsBound() != null
                ? wildcard.getExtendsBound()
                : wildcard.getSuperBound();
        return bound == null ? null : missing(bound);
      case DECLARED:
        for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
          String missing = missing(argument);
          if (missing != null) {
            return missing;
          }
        }
        return null;
      default:
        return null;
    }
  }

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
    switch (kind) {
      case ENUM:
        return "enum";
      case RECORD:
        return "record";
      case ANNOTATION_TYPE:
        return "annotation type";
      default:
        return "class";
    }
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
    List<? extends TypeMirror> paramTypes = signature(type, method).getParameterTypes();
    for (int i = 0; i < paramTypes.size(); i++) {
      VariableElement param = method.getParameters().get(i);
      String name = param.getSimpleName().toString();
      if (isPromise(paramTypes.get(i))) {
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

  private String checkVersion(TypeElement type, AnnotationMirror annotation, String name) {
    String version = stringValue(values(annotation), "version");
    if (version.isBlank()) {
      diagnostics.error(
          type,
          annotation,
          explicitValue(annotation, "version"),
          Messages.emptyVersion(name, name(type)));
    } else {
      checkName(type, annotation, name, "version");
    }
    return version;
  }

  /**
   * Reads a name attribute (empty: unset) and checks it against SWF's rules for names, versions,
   * task lists and signal names: at most 256 characters (64 for a version), no leading or trailing
   * whitespace, no ':', '/', '|' or control characters, and not "arn".
   */
  private String checkName(
      Element element, AnnotationMirror annotation, String annotationName, String attribute) {
    String value = stringValue(values(annotation), attribute);
    if (value.isEmpty()) {
      return value;
    }
    int limit = attribute.equals("version") ? 64 : 256;
    String problem = null;
    if (value.length() > limit) {
      problem = "is longer than " + limit + " characters";
    } else if (!value.strip().equals(value)) {
      problem = "starts or ends with whitespace";
    } else if (value.equals("arn")) {
      problem = "is the reserved word arn";
    } else {
      for (char c : value.toCharArray()) {
        if (c == ':' || c == '/' || c == '|' || c <= 0x1f || (c >= 0x7f && c <= 0x9f)) {
          problem =
              "contains '"
                  + (Character.isISOControl(c) ? "\\u" + String.format("%04x", (int) c) : c)
                  + "'";
          break;
        }
      }
    }
    if (problem != null) {
      diagnostics.error(
          element,
          annotation,
          explicitValue(annotation, attribute),
          Messages.invalidSwfName(annotationName, attribute, value, problem));
    }
    return value;
  }

  private long checkTimeout(
      Element element,
      AnnotationMirror annotation,
      String annotationName,
      String attribute,
      boolean inheritAllowed) {
    long value = ((Number) values(annotation).get(attribute).getValue()).longValue();
    if (value < 0 && !(inheritAllowed && value == INHERIT)) {
      diagnostics.error(
          element,
          annotation,
          explicitValue(annotation, attribute),
          Messages.negativeTimeout(annotationName, attribute, value, inheritAllowed));
    }
    long limit =
        attribute.equals("executionStartToCloseTimeoutSeconds")
            ? MAX_EXECUTION_SECONDS
            : MAX_TIMEOUT_SECONDS;
    if (value > limit) {
      diagnostics.error(
          element,
          annotation,
          explicitValue(annotation, attribute),
          Messages.timeoutTooLong(annotationName, attribute, value, limit));
    }
    return value;
  }

  /** SWF runs an execution for one year at most. */
  private static final long MAX_EXECUTION_SECONDS = 365L * 24 * 3600;

  /** SWF durations are strings of at most 8 digits. */
  private static final long MAX_TIMEOUT_SECONDS = 99_999_999L;

  private RetryModel retry(Element element, AnnotationMirror retry) {
    Map<String, AnnotationValue> values = values(retry);
    int maximumAttempts = ((Number) values.get("maximumAttempts").getValue()).intValue();
    long initialInterval = ((Number) values.get("initialIntervalSeconds").getValue()).longValue();
    double backoff = ((Number) values.get("backoffCoefficient").getValue()).doubleValue();
    long maximumInterval = ((Number) values.get("maximumIntervalSeconds").getValue()).longValue();
    if (maximumAttempts < 0) {
      diagnostics.error(
          element,
          retry,
          explicitValue(retry, "maximumAttempts"),
          Messages.retryMaximumAttempts(maximumAttempts));
    }
    if (!(backoff >= 1.0)) {
      diagnostics.error(
          element,
          retry,
          explicitValue(retry, "backoffCoefficient"),
          Messages.retryBackoff(backoff));
    }
    if (initialInterval < 0) {
      diagnostics.error(
          element,
          retry,
          explicitValue(retry, "initialIntervalSeconds"),
          Messages.retryInterval("initialIntervalSeconds", initialInterval));
    }
    if (maximumInterval < 0) {
      diagnostics.error(
          element,
          retry,
          explicitValue(retry, "maximumIntervalSeconds"),
          Messages.retryInterval("maximumIntervalSeconds", maximumInterval));
    }
    List<String> doNotRetry = new ArrayList<>();
    Object classes = values.get("doNotRetry").getValue();
    if (classes instanceof List<?> list) {
      for (Object item : list) {
        Object value = ((AnnotationValue) item).getValue();
        if (value instanceof DeclaredType declared) {
          doNotRetry.add(elements.getBinaryName((TypeElement) declared.asElement()).toString());
        }
      }
    }
    return new RetryModel(maximumAttempts, initialInterval, backoff, maximumInterval, doNotRetry);
  }

  // ---------------------------------------------------------------- methods and parameters

  /**
   * The abstract methods of the interface and its superinterfaces, declared ones first, in source
   * order; static, default and private methods are not activities, and redeclared Object methods
   * are skipped.
   */
  List<ExecutableElement> methods(TypeElement type) {
    List<ExecutableElement> result = new ArrayList<>();
    collectMethods(type, type, result, new HashSet<>());
    return result;
  }

  private void collectMethods(
      TypeElement current, TypeElement root, List<ExecutableElement> result, Set<String> visited) {
    if (!visited.add(current.getQualifiedName().toString())) {
      return;
    }
    for (ExecutableElement method : ElementFilter.methodsIn(current.getEnclosedElements())) {
      if (!method.getModifiers().contains(Modifier.ABSTRACT) || isObjectMethod(method)) {
        continue;
      }
      boolean overridden = false;
      for (ExecutableElement known : result) {
        if (elements.overrides(known, method, root)) {
          overridden = true;
          break;
        }
      }
      if (!overridden) {
        result.add(method);
      }
    }
    for (TypeMirror superinterface : current.getInterfaces()) {
      if (superinterface.getKind() == TypeKind.DECLARED) {
        collectMethods(
            (TypeElement) ((DeclaredType) superinterface).asElement(), root, result, visited);
      }
    }
  }

  private static boolean isObjectMethod(ExecutableElement method) {
    String name = method.getSimpleName().toString();
    int arity = method.getParameters().size();
    return (name.equals("equals") && arity == 1)
        || (name.equals("hashCode") && arity == 0)
        || (name.equals("toString") && arity == 0);
  }

  /** The parameters, with their types as members of {@code type} (Base<String>'s T is String). */
  private List<Param> params(TypeElement type, ExecutableElement method) {
    List<? extends TypeMirror> types = signature(type, method).getParameterTypes();
    List<Param> params = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      VariableElement param = method.getParameters().get(i);
      params.add(new Param(param, param.getSimpleName().toString(), TypeName.get(types.get(i))));
    }
    return params;
  }

  /** The method's signature as a member of {@code type}: inherited type variables substituted. */
  private ExecutableType signature(TypeElement type, ExecutableElement method) {
    return (ExecutableType) types.asMemberOf((DeclaredType) type.asType(), method);
  }

  private TypeMirror returnType(TypeElement type, ExecutableElement method) {
    return signature(type, method).getReturnType();
  }

  boolean isPromise(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    TypeElement promise = elements.getTypeElement(RuntimeTypes.PROMISE.canonicalName());
    if (promise == null) {
      return ((TypeElement) ((DeclaredType) type).asElement())
          .getQualifiedName()
          .contentEquals(RuntimeTypes.PROMISE.canonicalName());
    }
    return types.isSubtype(types.erasure(type), types.erasure(promise.asType()));
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

  static AnnotationMirror mirror(Element element, String annotationName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(annotationName)) {
        return mirror;
      }
    }
    return null;
  }

  private Map<String, AnnotationValue> values(AnnotationMirror mirror) {
    Map<String, AnnotationValue> values = new LinkedHashMap<>();
    elements
        .getElementValuesWithDefaults(mirror)
        .forEach((k, v) -> values.put(k.getSimpleName().toString(), v));
    return values;
  }

  private static String stringValue(Map<String, AnnotationValue> values, String name) {
    AnnotationValue value = values.get(name);
    return value == null || !(value.getValue() instanceof String s) ? "" : s;
  }

  /** The value as written, for pointing at it; null when the attribute has its default. */
  private static AnnotationValue explicitValue(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return e.getValue();
      }
    }
    return null;
  }
}
