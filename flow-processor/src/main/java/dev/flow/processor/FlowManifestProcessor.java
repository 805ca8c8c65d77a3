package dev.flow.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Generates the per-compilation {@code FlowManifest} (with its {@code META-INF/services} entry) and
 * {@code FlowWorkerMain}. These merge every interface and implementation of the compilation, so
 * this processor is aggregating for Gradle, apart from the isolating {@link FlowProcessor} whose
 * parser it shares.
 *
 * <p>It writes once, in the first round after the one that saw the annotated interfaces, when the
 * stubs that implementation constructors take exist; a constructor still naming a missing type
 * defers it one more round.
 */
@AutoService(Processor.class)
public final class FlowManifestProcessor extends AbstractProcessor {
  private final Set<String> interfaces = new TreeSet<>();
  private final Set<String> classes = new TreeSet<>();
  private boolean done;

  /**
   * Every type, annotated or not ({@code *}), and it claims none: implementations carry no Flow
   * annotation, and Gradle hands an aggregating processor again, in an incremental build, only the
   * types it saw through its supported annotations; with {@code *}, that is every type of the
   * previous compilation, so the unchanged implementations are still among the root elements and
   * the manifest is the one a full build writes.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(Names.PACKAGE_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (done) {
      return false;
    }
    Diagnostics diagnostics = Diagnostics.reporting(processingEnv.getMessager());
    try {
      Elements elements = processingEnv.getElementUtils();
      boolean newInterfaces = false;
      for (String annotation : List.of(RuntimeTypes.WORKFLOW, RuntimeTypes.ACTIVITY)) {
        TypeElement type = elements.getTypeElement(annotation);
        if (type == null) {
          continue;
        }
        for (Element element : round.getElementsAnnotatedWith(type)) {
          newInterfaces |= interfaces.add(((TypeElement) element).getQualifiedName().toString());
        }
      }
      collectClasses(round.getRootElements());
      if (interfaces.isEmpty() || (newInterfaces && !round.processingOver())) {
        return false;
      }
      if (round.processingOver() && round.errorRaised()) {
        // javac skips to the last round after an error; the compilation fails anyway.
        return false;
      }
      String packageName = processingEnv.getOptions().get(Names.PACKAGE_OPTION);
      if (packageName != null && !SourceVersion.isName(packageName)) {
        diagnostics.error(Messages.invalidPackageOption(packageName));
        done = true;
        return false;
      }
      ManifestParser parser = new ManifestParser(elements, processingEnv.getTypeUtils());
      Optional<ManifestModel> model;
      try {
        model = parser.parse(interfaces, classes, packageName, round.processingOver());
      } catch (ManifestParser.NotYet e) {
        return false;
      }
      done = true;
      model.ifPresent(m -> write(m, diagnostics, elements));
      for (ManifestParser.LeftOut l : parser.leftOut()) {
        diagnostics.warning(
            l.implementation(),
            Messages.notInManifest(
                l.implementation().getQualifiedName().toString(),
                ClassName.get(l.implementation()),
                l.iface().getQualifiedName().toString(),
                l.workflow(),
                l.entry()));
      }
    } catch (RuntimeException | Error e) {
      done = true;
      diagnostics.internalError(null, e);
    }
    return false;
  }

  private void write(ManifestModel model, Diagnostics diagnostics, Elements elements) {
    List<Element> origin = new ArrayList<>();
    model.workflows().forEach(w -> origin.add(w.element()));
    model.activities().forEach(a -> origin.add(a.element()));
    model.workflowImplementations().forEach(i -> origin.add(i.element()));
    model.activityImplementations().forEach(i -> origin.add(i.element()));
    SourceWriter writer =
        new SourceWriter(
            processingEnv.getFiler(), elements, diagnostics, FlowManifestProcessor.class);
    writer.write(ManifestGenerator.manifest(model), origin);
    writer.write(ManifestGenerator.workerMain(model.packageName()), origin);
    writer.writeResource(
        RuntimeTypes.MANIFEST_SERVICE_FILE,
        ManifestGenerator.serviceFile(model.packageName()),
        origin);
  }

  /** Remembers every class of the round, nested ones included, by name. */
  private void collectClasses(Set<? extends Element> roots) {
    List<TypeElement> pending = new ArrayList<>(ElementFilter.typesIn(roots));
    while (!pending.isEmpty()) {
      TypeElement type = pending.remove(pending.size() - 1);
      if (type.getKind() == ElementKind.CLASS) {
        classes.add(type.getQualifiedName().toString());
      }
      pending.addAll(ElementFilter.typesIn(type.getEnclosedElements()));
    }
  }
}
