package dev.flow.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Reports calls in workflow code that would make a replay decide differently: the machine's clock,
 * randomness, sleeping, threads and executors, monitors, and file or network I/O. Workflow code is
 * every class that implements a {@code @Workflow} interface (directly or through other types), with
 * everything inside it: methods, lambdas, nested, local and anonymous classes. A class, method,
 * field or variable annotated {@code @SuppressWarnings("flow:determinism")} is skipped.
 *
 * <p>It reads javac's attributed trees (com.sun.source), after analysis of each class, so calls are
 * matched by the method they resolve to, whatever the imports. A compiler without that API
 * (Eclipse's) skips the check with a note.
 */
final class DeterminismChecker implements TaskListener {
  /** The {@code @SuppressWarnings} value that turns the check off for an element. */
  static final String SUPPRESSION = "flow:determinism";

  /** One kind of non-deterministic call: its tag, why it breaks replay, and what to use. */
  enum Rule {
    SLEEP(
        "NonDeterministicSleep",
        "blocks the workflow's thread instead of waiting durably",
        "use Workflow.sleep(duration) or Workflow.timer(duration)"),
    TIME(
        "NonDeterministicTime",
        "reads the machine's clock, which differs when the workflow replays",
        "use Workflow.now()"),
    RANDOM(
        "NonDeterministicRandom",
        "gives other values when the workflow replays",
        "use Workflow.random() or Workflow.randomUUID(), or record a value with"
            + " Workflow.sideEffect(...)"),
    THREAD(
        "NonDeterministicThread",
        "runs code on another thread, outside the order the workflow replays in",
        "run work concurrently as activities or child workflows through their stubs, which return"
            + " promises"),
    LOCK(
        "NonDeterministicLock",
        "locks or waits on a monitor, but workflow code runs one step at a time and can only stall",
        "wait for a condition with Workflow.await(condition)"),
    IO(
        "NonDeterministicIo",
        "does file or network I/O, whose result can differ when the workflow replays",
        "do the I/O in an activity and pass its result to the workflow");

    final String tag;
    final String why;
    final String fix;

    Rule(String tag, String why, String fix) {
      this.tag = tag;
      this.why = why;
      this.fix = fix;
    }

    /** The error for {@code what} (a call as a reader writes it) in workflow class {@code type}. */
    String message(String what, String type) {
      return "[Flow:"
          + tag
          + "] "
          + what
          + " in workflow code ("
          + type
          + ") "
          + why
          + "; "
          + fix
          + ". If this code never runs as part of a workflow, annotate it with"
          + " @SuppressWarnings(\""
          + SUPPRESSION
          + "\")";
    }
  }

  /** The runtime's {@code Workflow}, whose {@code sideEffect} records what it runs. */
  private static final String WORKFLOW_API = RuntimeTypes.FLOW + ".Workflow";

  /** Any method of the owner. */
  private static final String ANY = "*";

  /** Methods by declaring class, then name ({@link #ANY} for all of them). */
  private static final Map<String, Map<String, Rule>> METHODS = new HashMap<>();

  /** Constructors of these classes and their subclasses. */
  private static final Map<String, Rule> CONSTRUCTORS = new HashMap<>();

  static {
    methods(Rule.SLEEP, "java.lang.Thread", "sleep");
    methods(Rule.SLEEP, "java.util.concurrent.TimeUnit", "sleep");
    methods(Rule.TIME, "java.lang.System", "currentTimeMillis", "nanoTime");
    for (String type :
        List.of(
            "Instant",
            "LocalDate",
            "LocalDateTime",
            "LocalTime",
            "ZonedDateTime",
            "OffsetDateTime",
            "OffsetTime",
            "Year",
            "YearMonth",
            "MonthDay")) {
      methods(Rule.TIME, "java.time." + type, "now");
    }
    methods(Rule.TIME, "java.time.Clock", "systemUTC", "systemDefaultZone");
    methods(Rule.RANDOM, "java.lang.Math", "random");
    methods(Rule.RANDOM, "java.lang.StrictMath", "random");
    methods(Rule.RANDOM, "java.util.concurrent.ThreadLocalRandom", "current");
    methods(Rule.RANDOM, "java.util.UUID", "randomUUID");
    methods(Rule.THREAD, "java.lang.Thread", "start", "ofVirtual", "ofPlatform");
    methods(Rule.THREAD, "java.lang.Thread", "startVirtualThread");
    methods(Rule.THREAD, "java.util.concurrent.Executors", ANY);
    methods(Rule.THREAD, "java.util.concurrent.ForkJoinPool", "commonPool");
    methods(Rule.LOCK, "java.lang.Object", "wait", "notify", "notifyAll");
    methods(Rule.IO, "java.nio.file.Files", ANY);
    methods(Rule.IO, "java.nio.channels.FileChannel", "open");
    methods(Rule.IO, "java.net.URL", "openConnection", "openStream", "getContent");
    methods(Rule.IO, "java.net.http.HttpClient", "newHttpClient", "send", "sendAsync");
    methods(
        Rule.IO,
        "java.io.File",
        "exists",
        "isFile",
        "isDirectory",
        "length",
        "lastModified",
        "delete",
        "mkdir",
        "mkdirs",
        "list",
        "listFiles",
        "createNewFile",
        "renameTo",
        "canRead",
        "canWrite");

    CONSTRUCTORS.put("java.lang.Thread", Rule.THREAD);
    CONSTRUCTORS.put("java.util.concurrent.ExecutorService", Rule.THREAD);
    CONSTRUCTORS.put("java.util.Random", Rule.RANDOM);
    for (String type :
        List.of(
            "java.io.FileInputStream",
            "java.io.FileOutputStream",
            "java.io.FileReader",
            "java.io.FileWriter",
            "java.io.RandomAccessFile",
            "java.net.Socket",
            "java.net.ServerSocket",
            "java.net.DatagramSocket")) {
      CONSTRUCTORS.put(type, Rule.IO);
    }
  }

  private static void methods(Rule rule, String owner, String... names) {
    Map<String, Rule> byName = METHODS.computeIfAbsent(owner, o -> new HashMap<>());
    Arrays.stream(names).forEach(name -> byName.put(name, rule));
  }

  private final Trees trees;
  private final Types types;
  private final Elements elements;
  private final Map<TypeElement, Boolean> workflowTypes = new HashMap<>();

  private DeterminismChecker(Trees trees, Types types, Elements elements) {
    this.trees = trees;
    this.types = types;
    this.elements = elements;
  }

  /**
   * Checks every class javac analyses in this compilation from now on; on a compiler without
   * javac's tree API, says with a note that the check does not run.
   */
  static void register(ProcessingEnvironment env) {
    JavacTask task = javacTask(env);
    if (task == null) {
      env.getMessager()
          .printMessage(
              Diagnostic.Kind.NOTE,
              "Flow's determinism check needs javac's tree API (com.sun.source), which this"
                  + " compiler does not provide: workflow code is compiled without it. Compile"
                  + " with javac (Maven, Gradle) to have non-deterministic calls reported.");
      return;
    }
    task.addTaskListener(
        new DeterminismChecker(Trees.instance(env), env.getTypeUtils(), env.getElementUtils()));
  }

  /** javac's task, also behind a build tool's wrapper of the environment (Gradle's), or null. */
  private static JavacTask javacTask(ProcessingEnvironment env) {
    try {
      return JavacTask.instance(env);
    } catch (IllegalArgumentException | LinkageError notJavac) {
      for (Class<?> c = env.getClass(); c != null; c = c.getSuperclass()) {
        try {
          Field delegate = c.getDeclaredField("delegate");
          delegate.setAccessible(true);
          Object inner = delegate.get(env);
          return inner instanceof ProcessingEnvironment e && inner != env ? javacTask(e) : null;
        } catch (NoSuchFieldException e) {
          // look in the superclass
        } catch (ReflectiveOperationException | RuntimeException e) {
          return null;
        }
      }
      return null;
    }
  }

  @Override
  public void finished(TaskEvent event) {
    if (event.getKind() != TaskEvent.Kind.ANALYZE || event.getTypeElement() == null) {
      return;
    }
    TreePath path = trees.getPath(event.getTypeElement());
    if (path != null) {
      new Scanner(event.getCompilationUnit()).scan(path, null);
    }
  }

  /** Walks one top-level class; reports inside classes that implement a workflow interface. */
  private final class Scanner extends TreePathScanner<Void, Void> {
    private final CompilationUnitTree unit;

    /** The innermost workflow class the scan is in, or null outside workflow code. */
    private String workflowClass;

    Scanner(CompilationUnitTree unit) {
      this.unit = unit;
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      Element element = trees.getElement(getCurrentPath());
      if (suppressed(element)) {
        return null;
      }
      String outer = workflowClass;
      if (element instanceof TypeElement type && isWorkflowClass(type)) {
        workflowClass = displayName(type);
      }
      try {
        return super.visitClass(tree, null);
      } finally {
        workflowClass = outer;
      }
    }

    @Override
    public Void visitMethod(MethodTree tree, Void unused) {
      if (suppressed(trees.getElement(getCurrentPath()))) {
        return null;
      }
      if (workflowClass != null && tree.getModifiers().getFlags().contains(Modifier.SYNCHRONIZED)) {
        report(Rule.LOCK, "synchronized method " + tree.getName() + "(...)", tree);
      }
      return super.visitMethod(tree, null);
    }

    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
      if (suppressed(trees.getElement(getCurrentPath()))) {
        return null;
      }
      return super.visitVariable(tree, null);
    }

    @Override
    public Void visitSynchronized(SynchronizedTree tree, Void unused) {
      if (workflowClass != null) {
        report(Rule.LOCK, "synchronized block", tree);
      }
      return super.visitSynchronized(tree, null);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
      Element element = trees.getElement(getCurrentPath());
      if (workflowClass != null
          && element instanceof ExecutableElement method
          && method.getKind() != ElementKind.CONSTRUCTOR) { // super(...), this(...): see new
        if (isSideEffect(method)) {
          // What Workflow.sideEffect runs is recorded once and read back on replay.
          return scan(tree.getMethodSelect(), null);
        }
        check(method, "(...)", tree);
      }
      return super.visitMethodInvocation(tree, null);
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
      if (workflowClass != null
          && trees.getElement(getCurrentPath()) instanceof ExecutableElement method) {
        check(method, null, tree);
      }
      return super.visitMemberReference(tree, null);
    }

    /** Reports a call of {@code method}, shown as Owner.name + suffix or Owner::name. */
    private void check(ExecutableElement method, String suffix, Tree tree) {
      if (!(method.getEnclosingElement() instanceof TypeElement owner)) {
        return;
      }
      String ownerName = owner.getQualifiedName().toString();
      String name = method.getSimpleName().toString();
      Rule rule;
      if (method.getKind() == ElementKind.CONSTRUCTOR) {
        rule = constructorRule(owner.asType());
        name = "new";
      } else {
        Map<String, Rule> byName = METHODS.get(ownerName);
        rule = byName == null ? null : byName.getOrDefault(name, byName.get(ANY));
        if (rule == null
            && ownerName.equals("java.util.concurrent.CompletableFuture")
            && name.endsWith("Async")) {
          rule = Rule.THREAD;
        }
      }
      if (rule != null) {
        String shown =
            suffix == null
                ? owner.getSimpleName() + "::" + name
                : owner.getSimpleName() + "." + name + suffix;
        report(rule, shown, tree);
      }
    }

    @Override
    public Void visitNewClass(NewClassTree tree, Void unused) {
      if (workflowClass != null) {
        TypeMirror created =
            trees.getTypeMirror(new TreePath(getCurrentPath(), tree.getIdentifier()));
        if (created != null && created.getKind() == TypeKind.DECLARED) {
          String name =
              ((TypeElement) ((DeclaredType) created).asElement()).getQualifiedName().toString();
          Rule rule = constructorRule(created);
          if (rule == null && name.equals("java.util.Date") && tree.getArguments().isEmpty()) {
            rule = Rule.TIME;
          }
          if (rule != null) {
            report(rule, "new " + simpleName(name) + "(...)", tree);
          }
        }
      }
      return super.visitNewClass(tree, null);
    }

    private Rule constructorRule(TypeMirror created) {
      TypeMirror erased = types.erasure(created);
      for (Map.Entry<String, Rule> entry : CONSTRUCTORS.entrySet()) {
        TypeElement type = elements.getTypeElement(entry.getKey());
        if (type != null && types.isSubtype(erased, types.erasure(type.asType()))) {
          return entry.getValue();
        }
      }
      return null;
    }

    private void report(Rule rule, String what, Tree tree) {
      trees.printMessage(Diagnostic.Kind.ERROR, rule.message(what, workflowClass), tree, unit);
    }
  }

  private static boolean isSideEffect(ExecutableElement method) {
    return method.getSimpleName().contentEquals("sideEffect")
        && method.getEnclosingElement() instanceof TypeElement owner
        && owner.getQualifiedName().contentEquals(WORKFLOW_API);
  }

  /** Whether {@code type} implements a {@code @Workflow} interface, directly or not. */
  private boolean isWorkflowClass(TypeElement type) {
    if (type.getKind() == ElementKind.INTERFACE || type.getKind() == ElementKind.ANNOTATION_TYPE) {
      return false;
    }
    return implementsWorkflow(type);
  }

  private boolean implementsWorkflow(TypeElement type) {
    Boolean known = workflowTypes.get(type);
    if (known != null) {
      return known;
    }
    workflowTypes.put(type, false); // cycles in erroneous code end here
    boolean result = Annotations.mirror(type, RuntimeTypes.WORKFLOW) != null;
    for (TypeMirror supertype : types.directSupertypes(type.asType())) {
      if (!result
          && supertype.getKind() == TypeKind.DECLARED
          && ((DeclaredType) supertype).asElement() instanceof TypeElement parent) {
        result = implementsWorkflow(parent);
      }
    }
    workflowTypes.put(type, result);
    return result;
  }

  private static boolean suppressed(Element element) {
    if (element == null) {
      return false;
    }
    SuppressWarnings suppress = element.getAnnotation(SuppressWarnings.class);
    return suppress != null && Arrays.asList(suppress.value()).contains(SUPPRESSION);
  }

  private static String displayName(TypeElement type) {
    String name = type.getQualifiedName().toString();
    return name.isEmpty() ? "an anonymous class" : name;
  }

  private static String simpleName(String qualifiedName) {
    return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
  }
}
