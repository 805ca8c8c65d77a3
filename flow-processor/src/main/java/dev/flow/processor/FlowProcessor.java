package dev.flow.processor;

import com.google.auto.service.AutoService;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Generates the per-interface code of Flow: for each {@code @Activity} interface X, {@code XStub}
 * and {@code XDispatcher}; for each {@code @Workflow} interface W, {@code WDefinition}, {@code
 * WWorkflowClient}, {@code WStub} and {@code WSelf}. Each generated file has exactly one
 * originating element, its interface, so this processor is isolating for Gradle. The
 * per-compilation manifest and worker main come from {@link FlowManifestProcessor}, which shares
 * the parser.
 *
 * <p>It also registers the {@link DeterminismChecker} with javac, which reports non-deterministic
 * calls in workflow code once each class is analysed.
 *
 * <p>An interface whose signatures name a type that does not exist yet (another processor may
 * generate it) is deferred by name to the next round, and reported only in the last one.
 */
@AutoService(Processor.class)
public final class FlowProcessor extends AbstractProcessor {
  /** Interfaces deferred to the next round, by qualified name. */
  private final Set<String> deferred = new TreeSet<>();

  /** The types generated so far, to report two interfaces that would write the same one. */
  private final GeneratedNames generatedNames = new GeneratedNames();

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    DeterminismChecker.register(processingEnv);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(
        RuntimeTypes.WORKFLOW,
        RuntimeTypes.ACTIVITY,
        RuntimeTypes.SIGNAL,
        RuntimeTypes.ACTIVITY_OPTIONS,
        RuntimeTypes.IDEMPOTENT,
        RuntimeTypes.RETRY);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Diagnostics diagnostics = Diagnostics.reporting(processingEnv.getMessager());
    try {
      Elements elements = processingEnv.getElementUtils();
      Types types = processingEnv.getTypeUtils();
      InterfaceParser parser = new InterfaceParser(elements, types, diagnostics);
      SourceWriter writer =
          new SourceWriter(processingEnv.getFiler(), elements, diagnostics, FlowProcessor.class);

      Map<String, TypeElement> candidates = new TreeMap<>();
      for (String annotation : List.of(RuntimeTypes.WORKFLOW, RuntimeTypes.ACTIVITY)) {
        for (Element element : annotated(round, annotation)) {
          TypeElement type = (TypeElement) element;
          candidates.put(type.getQualifiedName().toString(), type);
        }
      }
      for (String name : deferred) {
        TypeElement type = elements.getTypeElement(name);
        if (type != null) {
          candidates.putIfAbsent(name, type);
        }
      }
      deferred.clear();
      for (TypeElement type : candidates.values()) {
        try {
          generate(type, parser, writer, diagnostics, round.processingOver());
        } catch (RuntimeException | Error e) {
          diagnostics.internalError(type, e);
        }
      }
      checkSignals(round, types, diagnostics);
      checkActivityAnnotations(round, types, diagnostics);
    } catch (RuntimeException | Error e) {
      diagnostics.internalError(null, e);
    }
    return false;
  }

  private void generate(
      TypeElement type,
      InterfaceParser parser,
      SourceWriter writer,
      Diagnostics diagnostics,
      boolean lastRound) {
    boolean workflow = Annotations.mirror(type, RuntimeTypes.WORKFLOW) != null;
    boolean activity = Annotations.mirror(type, RuntimeTypes.ACTIVITY) != null;
    if (workflow && activity) {
      diagnostics.error(type, Messages.workflowAndActivity(type.getQualifiedName().toString()));
      return;
    }
    String missing = parser.unresolvedType(type);
    if (missing != null) {
      if (lastRound) {
        diagnostics.error(
            type, Messages.unresolvedType(type.getQualifiedName().toString(), missing));
      } else {
        deferred.add(type.getQualifiedName().toString());
      }
      return;
    }
    List<TypeElement> origin = List.of(type);
    if (activity) {
      parser
          .parseActivity(type)
          .ifPresent(
              model -> {
                if (!generatedNames.claim(type, false, diagnostics)) {
                  return;
                }
                writer.write(StubGenerator.activityStub(model), origin);
                writer.write(DispatcherGenerator.dispatcher(model), origin);
              });
    } else {
      parser
          .parseWorkflow(type)
          .ifPresent(
              model -> {
                if (!generatedNames.claim(type, true, diagnostics)) {
                  return;
                }
                writer.write(DefinitionGenerator.definition(model), origin);
                writer.write(WorkflowClientGenerator.client(model), origin);
                writer.write(StubGenerator.childStub(model), origin);
                writer.write(StubGenerator.selfStub(model), origin);
              });
    }
  }

  /**
   * Reports {@code @Signal} methods outside workflow interfaces. Those in (or inherited by)
   * {@code @Activity} interfaces are the parser's; those in an interface that a {@code @Workflow}
   * interface of this round extends are inherited signals, and fine.
   */
  private void checkSignals(RoundEnvironment round, Types types, Diagnostics diagnostics) {
    // An @Activity interface's parser reports signals it inherits; a workflow may inherit them.
    Set<Element> flowInterfaces = new HashSet<>(annotated(round, RuntimeTypes.ACTIVITY));
    flowInterfaces.addAll(annotated(round, RuntimeTypes.WORKFLOW));
    for (Element element : annotated(round, RuntimeTypes.SIGNAL)) {
      Element enclosing = element.getEnclosingElement();
      if (!(enclosing instanceof TypeElement type)
          || Annotations.mirror(type, RuntimeTypes.WORKFLOW) != null
          || Annotations.mirror(type, RuntimeTypes.ACTIVITY) != null) {
        continue;
      }
      boolean inherited =
          type.getKind() == ElementKind.INTERFACE
              && flowInterfaces.stream()
                  .anyMatch(
                      w ->
                          types.isSubtype(types.erasure(w.asType()), types.erasure(type.asType())));
      if (!inherited) {
        diagnostics.error(
            element,
            Messages.signalOutsideWorkflow(
                type.getSimpleName() + "." + ((ExecutableElement) element).getSimpleName(),
                type.getQualifiedName().toString()));
      }
    }
  }

  /**
   * Reports activity options outside activity interfaces (those in workflow interfaces, and in
   * interfaces that a Flow interface of this round extends, are the parser's).
   */
  private void checkActivityAnnotations(
      RoundEnvironment round, Types types, Diagnostics diagnostics) {
    // Interfaces that a Flow interface extends are checked by the parser of that interface.
    Set<Element> flowInterfaces = new HashSet<>(annotated(round, RuntimeTypes.ACTIVITY));
    flowInterfaces.addAll(annotated(round, RuntimeTypes.WORKFLOW));
    for (String annotation : Annotations.ACTIVITY_ANNOTATIONS) {
      for (Element element : annotated(round, annotation)) {
        TypeElement type =
            element instanceof TypeElement t ? t : (TypeElement) element.getEnclosingElement();
        if (Annotations.mirror(type, RuntimeTypes.WORKFLOW) != null
            || Annotations.mirror(type, RuntimeTypes.ACTIVITY) != null) {
          continue;
        }
        boolean inherited =
            element != type
                && type.getKind() == ElementKind.INTERFACE
                && flowInterfaces.stream()
                    .anyMatch(
                        a ->
                            types.isSubtype(
                                types.erasure(a.asType()), types.erasure(type.asType())));
        if (!inherited) {
          String where =
              element == type
                  ? type.getQualifiedName().toString()
                  : type.getSimpleName() + "." + element.getSimpleName();
          diagnostics.error(
              element,
              Annotations.mirror(element, annotation),
              null,
              Messages.activityAnnotationOutsideActivity(
                  Annotations.simpleName(annotation), where));
        }
      }
    }
  }

  private Set<? extends Element> annotated(RoundEnvironment round, String annotation) {
    TypeElement type = processingEnv.getElementUtils().getTypeElement(annotation);
    return type == null ? Set.of() : round.getElementsAnnotatedWith(type);
  }
}
