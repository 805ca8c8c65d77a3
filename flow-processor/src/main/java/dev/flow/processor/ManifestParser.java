package dev.flow.processor;

import com.palantir.javapoet.ClassName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Builds the manifest of a compilation from the names of its annotated interfaces and of its
 * classes. Interfaces are re-parsed silently ({@link FlowProcessor} reports their problems); an
 * interface with problems is left out, as its code was not generated.
 */
final class ManifestParser {
  /** Something still names a type that does not exist yet; try again next round. */
  static final class NotYet extends Exception {
    private static final long serialVersionUID = 1L;

    NotYet() {
      super(null, null, false, false);
    }
  }

  /** An implementation the manifest cannot create, for a warning on it. */
  record LeftOut(
      TypeElement implementation, TypeElement iface, boolean workflow, ClassName entry) {}

  /** What {@code @SuppressWarnings} on an implementation registered by hand says. */
  static final String SUPPRESS = "flow-manifest";

  private final Elements elements;
  private final Types types;
  private final InterfaceParser parser;
  private final List<LeftOut> leftOut = new ArrayList<>();

  ManifestParser(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
    this.parser = new InterfaceParser(elements, types, Diagnostics.silent());
  }

  /**
   * The manifest, or empty when no interface is valid.
   *
   * @param interfaceNames the annotated interfaces of the compilation, sorted by name
   * @param classNames the classes of the compilation, sorted by name
   * @param packageName the package of the manifest, or null to derive it
   * @param lastRound whether unresolved types can still appear (if not, they are left out)
   * @throws NotYet when an interface or constructor names a type not generated yet
   */
  Optional<ManifestModel> parse(
      Set<String> interfaceNames, Set<String> classNames, String packageName, boolean lastRound)
      throws NotYet {
    List<WorkflowInterface> workflows = new ArrayList<>();
    List<ActivityInterface> activities = new ArrayList<>();
    List<String> packages = new ArrayList<>();
    for (String name : interfaceNames) {
      TypeElement type = elements.getTypeElement(name);
      if (type == null) {
        continue;
      }
      packages.add(elements.getPackageOf(type).getQualifiedName().toString());
      boolean workflow = Annotations.mirror(type, RuntimeTypes.WORKFLOW) != null;
      boolean activity = Annotations.mirror(type, RuntimeTypes.ACTIVITY) != null;
      if (workflow == activity) {
        continue;
      }
      if (parser.unresolvedType(type) != null) {
        if (!lastRound) {
          throw new NotYet();
        }
        continue;
      }
      if (workflow) {
        parser.parseWorkflow(type).ifPresent(workflows::add);
      } else {
        parser.parseActivity(type).ifPresent(activities::add);
      }
    }
    if (workflows.isEmpty() && activities.isEmpty()) {
      return Optional.empty();
    }

    Set<ClassName> generatedStubs = new HashSet<>();
    Set<ClassName> definitions = new HashSet<>();
    Set<ClassName> dispatchers = new HashSet<>();
    workflows.forEach(
        w -> {
          generatedStubs.add(Names.stub(w.type()));
          generatedStubs.add(Names.self(w.type()));
          definitions.add(Names.definition(w.type()));
        });
    activities.forEach(
        a -> {
          generatedStubs.add(Names.stub(a.type()));
          dispatchers.add(Names.dispatcher(a.type()));
        });

    List<ManifestModel.WorkflowImplementation> workflowImplementations = new ArrayList<>();
    List<ManifestModel.ActivityImplementation> activityImplementations = new ArrayList<>();
    for (String name : classNames) {
      TypeElement type = elements.getTypeElement(name);
      if (type == null || !isInstantiable(type)) {
        continue;
      }
      ClassName implementation = ClassName.get(type);
      for (TypeElement iface : flowInterfaces(type)) {
        ClassName ifaceName = ClassName.get(iface);
        if (Annotations.mirror(iface, RuntimeTypes.WORKFLOW) != null) {
          ClassName definition = Names.definition(ifaceName);
          if (!definitions.contains(definition)
              && elements.getTypeElement(definition.canonicalName()) == null) {
            continue;
          }
          List<ClassName> stubs = stubConstructor(type, generatedStubs, lastRound);
          if (stubs != null) {
            workflowImplementations.add(
                new ManifestModel.WorkflowImplementation(type, implementation, definition, stubs));
          } else if (!suppressed(type) && !springComponent(type)) {
            leftOut.add(new LeftOut(type, iface, true, definition));
          }
        } else {
          ClassName dispatcher = Names.dispatcher(ifaceName);
          if (!dispatchers.contains(dispatcher)
              && elements.getTypeElement(dispatcher.canonicalName()) == null) {
            continue;
          }
          if (hasPublicNoArgConstructor(type)) {
            activityImplementations.add(
                new ManifestModel.ActivityImplementation(type, implementation, dispatcher));
          } else if (!suppressed(type) && !springComponent(type)) {
            leftOut.add(new LeftOut(type, iface, false, dispatcher));
          }
        }
      }
    }
    workflowImplementations.sort(
        Comparator.comparing(
                (ManifestModel.WorkflowImplementation i) -> i.implementation().canonicalName())
            .thenComparing(i -> i.definition().canonicalName()));
    activityImplementations.sort(
        Comparator.comparing(
                (ManifestModel.ActivityImplementation i) -> i.implementation().canonicalName())
            .thenComparing(i -> i.dispatcher().canonicalName()));
    String pkg = packageName != null ? packageName : commonPackage(packages);
    return Optional.of(
        new ManifestModel(
            pkg, workflows, activities, workflowImplementations, activityImplementations));
  }

  /**
   * The implementations of the last {@link #parse} that implement a Flow interface but that the
   * manifest cannot create (no usable public constructor), unless marked as registered by hand.
   */
  List<LeftOut> leftOut() {
    return List.copyOf(leftOut);
  }

  /** Whether {@code @SuppressWarnings("flow-manifest")} is on the type or a type enclosing it. */
  private static boolean suppressed(TypeElement type) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      SuppressWarnings s = e.getAnnotation(SuppressWarnings.class);
      if (s != null && Arrays.asList(s.value()).contains(SUPPRESS)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether Spring's {@code @Component}, or an annotation meta-annotated with it ({@code @Service},
   * ...), is on the type: such a class is a bean that Flow's Spring Boot starter hosts.
   */
  private static boolean springComponent(TypeElement type) {
    Set<String> seen = new HashSet<>();
    Deque<AnnotationMirror> pending = new ArrayDeque<>(type.getAnnotationMirrors());
    while (!pending.isEmpty()) {
      TypeElement annotation = (TypeElement) pending.removeFirst().getAnnotationType().asElement();
      String name = annotation.getQualifiedName().toString();
      if (name.equals(RuntimeTypes.SPRING_COMPONENT)) {
        return true;
      }
      if (seen.add(name)) {
        pending.addAll(annotation.getAnnotationMirrors());
      }
    }
    return false;
  }

  /** The longest common package prefix, else the package of the first interface by name. */
  static String commonPackage(List<String> packages) {
    String[] common = packages.get(0).split("\\.", -1);
    int length = common.length;
    for (String pkg : packages) {
      String[] parts = pkg.split("\\.", -1);
      int i = 0;
      while (i < length && i < parts.length && parts[i].equals(common[i])) {
        i++;
      }
      length = i;
    }
    if (length == 0 || common[0].isEmpty()) {
      return packages.get(0);
    }
    return String.join(".", java.util.Arrays.asList(common).subList(0, length));
  }

  /** A public, concrete, top-level or static nested class, enclosed only by public types. */
  private static boolean isInstantiable(TypeElement type) {
    if (type.getKind() != ElementKind.CLASS
        || type.getModifiers().contains(Modifier.ABSTRACT)
        || (type.getNestingKind() != NestingKind.TOP_LEVEL
            && type.getNestingKind() != NestingKind.MEMBER)) {
      return false;
    }
    if (type.getNestingKind() == NestingKind.MEMBER
        && !type.getModifiers().contains(Modifier.STATIC)) {
      return false;
    }
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  /** The @Workflow and @Activity interfaces the class implements, directly or not, by name. */
  private List<TypeElement> flowInterfaces(TypeElement type) {
    List<TypeElement> found = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Deque<TypeMirror> pending = new ArrayDeque<>(types.directSupertypes(type.asType()));
    while (!pending.isEmpty()) {
      TypeMirror next = pending.removeFirst();
      if (next.getKind() != TypeKind.DECLARED) {
        continue;
      }
      TypeElement element = (TypeElement) ((DeclaredType) next).asElement();
      if (!seen.add(element.getQualifiedName().toString())) {
        continue;
      }
      boolean workflow = Annotations.mirror(element, RuntimeTypes.WORKFLOW) != null;
      boolean activity = Annotations.mirror(element, RuntimeTypes.ACTIVITY) != null;
      if (element.getKind() == ElementKind.INTERFACE && workflow != activity) {
        found.add(element);
      }
      pending.addAll(types.directSupertypes(next));
    }
    found.sort(Comparator.comparing(e -> e.getQualifiedName().toString()));
    return found;
  }

  /**
   * The stubs to pass to the public constructor whose parameters are all generated stubs ({@code
   * XStub}, {@code WStub}, {@code WSelf}; the one with most parameters; a no-argument one
   * qualifies), or null if there is none.
   */
  private List<ClassName> stubConstructor(
      TypeElement type, Set<ClassName> generatedStubs, boolean lastRound) throws NotYet {
    List<ClassName> best = null;
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (!constructor.getModifiers().contains(Modifier.PUBLIC)) {
        continue;
      }
      List<ClassName> stubs = new ArrayList<>();
      for (VariableElement param : constructor.getParameters()) {
        TypeMirror paramType = param.asType();
        if (paramType.getKind() == TypeKind.ERROR && !lastRound) {
          throw new NotYet();
        }
        ClassName stub = stubType(paramType, generatedStubs);
        if (stub == null) {
          stubs = null;
          break;
        }
        stubs.add(stub);
      }
      if (stubs != null && (best == null || stubs.size() > best.size())) {
        best = stubs;
      }
    }
    return best;
  }

  /** The stub class the parameter type is, or null if it is none. */
  private ClassName stubType(TypeMirror type, Set<ClassName> generatedStubs) {
    if (type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    ClassName name = ClassName.get(element);
    if (generatedStubs.contains(name)) {
      return name;
    }
    // A stub generated in another compilation: p.XStub (or p.Outer_XStub) beside its interface,
    // or p.WSelf beside its @Workflow interface.
    String simple = name.simpleName();
    boolean self = simple.endsWith(Names.SELF_SUFFIX);
    if (name.enclosingClassName() != null || !(self || simple.endsWith(Names.STUB_SUFFIX))) {
      return null;
    }
    String suffix = self ? Names.SELF_SUFFIX : Names.STUB_SUFFIX;
    String base = simple.substring(0, simple.length() - suffix.length());
    // p.Order_ItemStub is the stub of p.Order_Item or of a nested p.Order.Item.
    for (String candidate : GeneratedNames.interfaceNames(name.packageName(), base)) {
      TypeElement iface = elements.getTypeElement(candidate);
      if (iface == null) {
        continue;
      }
      boolean workflow = Annotations.mirror(iface, RuntimeTypes.WORKFLOW) != null;
      boolean activity = Annotations.mirror(iface, RuntimeTypes.ACTIVITY) != null;
      ClassName expected =
          self ? Names.self(ClassName.get(iface)) : Names.stub(ClassName.get(iface));
      if ((self ? workflow : workflow || activity) && expected.equals(name)) {
        return name;
      }
    }
    return null;
  }

  private static boolean hasPublicNoArgConstructor(TypeElement type) {
    return ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
        .anyMatch(c -> c.getParameters().isEmpty() && c.getModifiers().contains(Modifier.PUBLIC));
  }
}
