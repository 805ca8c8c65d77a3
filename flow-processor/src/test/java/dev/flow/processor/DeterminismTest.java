package dev.flow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The determinism check: each non-deterministic call in workflow code is one error, with its tag,
 * the call, the replacement, and the line of the call; what is not workflow code, or opts out with
 * {@code @SuppressWarnings("flow:determinism")}, compiles.
 */
class DeterminismTest {
  private static final String MARK = "// <-- error";

  private static final JavaFileObject COUNTER =
      Compilations.source(
          "p.Counter",
          "package p;",
          "",
          "import dev.flow.annotations.Workflow;",
          "",
          "@Workflow(version = \"1.0\", taskList = \"counting\")",
          "public interface Counter {",
          "  long count(String from);",
          "}");

  /** Compiles {@code p.<name>} (lines after the imports) beside {@code Counter}. */
  private static Compilation compile(String name, String... body) {
    List<String> lines = new ArrayList<>();
    lines.add("package p;");
    lines.add("");
    lines.add("import dev.flow.Workflow;");
    lines.add("import java.io.*;");
    lines.add("import java.net.*;");
    lines.add("import java.net.http.*;");
    lines.add("import java.nio.file.*;");
    lines.add("import java.time.*;");
    lines.add("import java.util.*;");
    lines.add("import java.util.concurrent.*;");
    lines.add("");
    lines.addAll(List.of(body));
    return Compilations.compile(
        List.of("-Xlint:-deprecation"),
        COUNTER,
        Compilations.source("p." + name, lines.toArray(new String[0])));
  }

  /** Checks the one error: its message and the line that the source marks. */
  private static Compilation assertOneError(String expectedMessage, String name, String... body) {
    int line = -1;
    for (int i = 0; i < body.length; i++) {
      if (body[i].contains(MARK)) {
        line = i + 12; // the package, blank, 8 imports and a blank line come first
      }
    }
    Compilation compilation = compile(name, body);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(expectedMessage)
        .inFile(source(compilation, name))
        .onLine(line);
    return compilation;
  }

  private static JavaFileObject source(Compilation compilation, String name) {
    return compilation.sourceFiles().stream()
        .filter(f -> f.getName().endsWith("p/" + name + ".java"))
        .findFirst()
        .orElseThrow();
  }

  /** A workflow implementation whose method runs {@code statement} on the marked line. */
  private static String[] counterWith(String statement) {
    return counterWith(List.of(statement));
  }

  /** A workflow implementation whose method runs each statement on a line of its own. */
  private static String[] counterWith(List<String> statements) {
    List<String> body = new ArrayList<>();
    body.add("public final class CounterImpl implements Counter {");
    body.add("  @Override");
    body.add("  public long count(String from) {");
    for (String statement : statements) {
      body.add(
          "    try { "
              + statement
              + "; } catch (Exception e) { throw new RuntimeException(e); } "
              + MARK);
    }
    body.add("    return 0;");
    body.add("  }");
    body.add("}");
    return body.toArray(new String[0]);
  }

  /** A statement, and the call as the error message shows it. */
  private record Call(String statement, String shown) {}

  private static Call call(String statement, String shown) {
    return new Call(statement, shown);
  }

  /**
   * Compiles a workflow implementation that runs each call on a line of its own, and checks one
   * error per line, each with {@code tag} and {@code fix}.
   */
  private static void assertErrorOnEachLine(String tag, String fix, Call... calls) {
    List<String> statements = new ArrayList<>();
    for (Call c : calls) {
      statements.add(c.statement());
    }
    Compilation compilation = compile("CounterImpl", counterWith(statements));
    assertThat(compilation).hadErrorCount(statements.size());
    JavaFileObject source = source(compilation, "CounterImpl");
    for (int i = 0; i < calls.length; i++) {
      int line = 15 + i; // after the package, imports, class, @Override and method lines
      assertThat(compilation)
          .hadErrorContaining(
              "[Flow:" + tag + "] " + calls[i].shown() + " in workflow code (p.CounterImpl)")
          .inFile(source)
          .onLine(line);
    }
    assertThat(compilation).hadErrorContaining(fix);
  }

  @Test
  void sleeping_inWorkflowCode_isError() {
    assertErrorOnEachLine(
        "NonDeterministicSleep",
        "; use Workflow.sleep(duration) or Workflow.timer(duration).",
        call("Thread.sleep(10)", "Thread.sleep(...)"),
        call("TimeUnit.SECONDS.sleep(1)", "TimeUnit.sleep(...)"));
  }

  @Test
  void readingTheClock_inWorkflowCode_isError() {
    assertErrorOnEachLine(
        "NonDeterministicTime",
        "; use Workflow.now().",
        call("System.currentTimeMillis()", "System.currentTimeMillis(...)"),
        call("System.nanoTime()", "System.nanoTime(...)"),
        call("Instant.now()", "Instant.now(...)"),
        call("LocalDate.now()", "LocalDate.now(...)"),
        call("LocalDateTime.now()", "LocalDateTime.now(...)"),
        call("ZonedDateTime.now()", "ZonedDateTime.now(...)"),
        call("OffsetDateTime.now()", "OffsetDateTime.now(...)"),
        call("Clock.systemUTC()", "Clock.systemUTC(...)"),
        call("new Date()", "new Date(...)"));
  }

  @Test
  void randomness_inWorkflowCode_isError() {
    assertErrorOnEachLine(
        "NonDeterministicRandom",
        "; use Workflow.random() or Workflow.randomUUID(), or record a value with"
            + " Workflow.sideEffect(...).",
        call("new Random()", "new Random(...)"),
        call("new java.security.SecureRandom()", "new SecureRandom(...)"),
        call("Math.random()", "Math.random(...)"),
        call("ThreadLocalRandom.current()", "ThreadLocalRandom.current(...)"),
        call("UUID.randomUUID()", "UUID.randomUUID(...)"));
  }

  @Test
  void threadsAndExecutors_inWorkflowCode_areError() {
    assertErrorOnEachLine(
        "NonDeterministicThread",
        "; run work concurrently as activities or child workflows through their stubs, which"
            + " return promises.",
        call("new Thread(() -> {})", "new Thread(...)"),
        call("new Thread() {}", "new Thread(...)"),
        call("Executors.newFixedThreadPool(2)", "Executors.newFixedThreadPool(...)"),
        call("new ForkJoinPool()", "new ForkJoinPool(...)"),
        call("CompletableFuture.supplyAsync(() -> 1)", "CompletableFuture.supplyAsync(...)"),
        call(
            "CompletableFuture.completedFuture(1).thenApplyAsync(i -> i)",
            "CompletableFuture.thenApplyAsync(...)"));
  }

  @Test
  void monitors_inWorkflowCode_areError() {
    assertErrorOnEachLine(
        "NonDeterministicLock",
        "; wait for a condition with Workflow.await(condition).",
        call("synchronized (this) { from.length(); }", "synchronized block"),
        call("wait(10)", "Object.wait(...)"),
        call("this.notifyAll()", "Object.notifyAll(...)"));
  }

  @Test
  void fileAndNetworkIo_inWorkflowCode_isError() {
    assertErrorOnEachLine(
        "NonDeterministicIo",
        "; do the I/O in an activity and pass its result to the workflow.",
        call("Files.readString(Path.of(from))", "Files.readString(...)"),
        call("new File(from).exists()", "File.exists(...)"),
        call("new FileInputStream(from).close()", "new FileInputStream(...)"),
        call("new FileWriter(from).close()", "new FileWriter(...)"),
        call("new Socket().close()", "new Socket(...)"),
        call("new URL(from).openStream().close()", "URL.openStream(...)"),
        call("HttpClient.newHttpClient()", "HttpClient.newHttpClient(...)"));
  }

  @Test
  void message_namesTheReplacementAndTheOptOut() {
    assertOneError(
        "[Flow:NonDeterministicTime] System.currentTimeMillis(...) in workflow code"
            + " (p.CounterImpl) reads the machine's clock, which differs when the workflow"
            + " replays; use Workflow.now(). If this code never runs as part of a workflow,"
            + " annotate it with @SuppressWarnings(\"flow:determinism\")",
        "CounterImpl",
        counterWith("System.currentTimeMillis()"));
  }

  @Test
  void synchronizedMethod_inWorkflowCode_isErrorOnTheMethod() {
    assertOneError(
        "[Flow:NonDeterministicLock] synchronized method count(...) in workflow code"
            + " (p.CounterImpl)",
        "CounterImpl",
        "public final class CounterImpl implements Counter {",
        "  @Override",
        "  public synchronized long count(String from) { " + MARK,
        "    return from.length();",
        "  }",
        "}");
  }

  @Test
  void call_inLambdaLocalAndNestedClassOfAWorkflow_isError() {
    Compilation compilation =
        compile(
            "CounterImpl",
            "public final class CounterImpl implements Counter {",
            "  @Override",
            "  public long count(String from) {",
            "    java.util.function.LongSupplier clock = () -> System.nanoTime();",
            "    class Local { long at() { return System.currentTimeMillis(); } }",
            "    return clock.getAsLong() + new Local().at() + Nested.at();",
            "  }",
            "  static final class Nested {",
            "    static long at() { return Instant.now().toEpochMilli(); }",
            "  }",
            "}");
    assertThat(compilation).hadErrorCount(3);
    JavaFileObject source = source(compilation, "CounterImpl");
    assertThat(compilation).hadErrorContaining("System.nanoTime(...)").inFile(source).onLine(15);
    assertThat(compilation)
        .hadErrorContaining("System.currentTimeMillis(...)")
        .inFile(source)
        .onLine(16);
    assertThat(compilation).hadErrorContaining("Instant.now(...)").inFile(source).onLine(20);
  }

  @Test
  void methodReference_inWorkflowCode_isError() {
    assertOneError(
        "[Flow:NonDeterministicTime] System::currentTimeMillis in workflow code (p.CounterImpl)",
        "CounterImpl",
        "public final class CounterImpl implements Counter {",
        "  @Override",
        "  public long count(String from) {",
        "    java.util.function.LongSupplier clock = System::currentTimeMillis; " + MARK,
        "    return clock.getAsLong();",
        "  }",
        "}");
  }

  @Test
  void sideEffect_mayRunNonDeterministicCode() {
    Compilation compilation =
        compile(
            "CounterImpl",
            "public final class CounterImpl implements Counter {",
            "  @Override",
            "  public long count(String from) {",
            "    String id = Workflow.sideEffect(String.class, () ->"
                + " UUID.randomUUID().toString());",
            "    return id.length() + Workflow.sideEffect(Long.class, System::nanoTime);",
            "  }",
            "}");
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void call_inClassImplementingTheWorkflowThroughABaseClass_isError() {
    assertOneError(
        "[Flow:NonDeterministicRandom] UUID.randomUUID(...) in workflow code (p.CounterImpl)",
        "CounterImpl",
        "abstract class Base implements Counter {}",
        "public final class CounterImpl extends Base {",
        "  @Override",
        "  public long count(String from) {",
        "    return UUID.randomUUID().getMostSignificantBits(); " + MARK,
        "  }",
        "}");
  }

  @Test
  void suppressWarnings_onTheMethod_optsOut() {
    Compilation compilation =
        compile(
            "CounterImpl",
            "public final class CounterImpl implements Counter {",
            "  @Override",
            "  public long count(String from) {",
            "    return startedAt() + Workflow.now().toEpochMilli();",
            "  }",
            "  @SuppressWarnings(\"flow:determinism\")",
            "  static long startedAt() {",
            "    return System.currentTimeMillis();",
            "  }",
            "}");
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void suppressWarnings_onTheClass_optsOut() {
    Compilation compilation =
        compile(
            "CounterImpl",
            "@SuppressWarnings({\"unused\", \"flow:determinism\"})",
            "public final class CounterImpl implements Counter {",
            "  @Override",
            "  public synchronized long count(String from) {",
            "    return System.currentTimeMillis() + new Random().nextInt();",
            "  }",
            "}");
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void sameCalls_outsideWorkflowCode_compile() {
    Compilation compilation =
        compile(
            "Clocks",
            "public final class Clocks {",
            "  public static long now() throws Exception {",
            "    Thread.sleep(1);",
            "    return System.currentTimeMillis() + new Random().nextInt()"
                + " + Files.size(Path.of(\"x\"));",
            "  }",
            "}");
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void workflowsOwnReplacements_compile() {
    Compilation compilation =
        compile(
            "CounterImpl",
            "public final class CounterImpl implements Counter {",
            "  @Override",
            "  public long count(String from) {",
            "    Workflow.sleep(Duration.ofSeconds(1));",
            "    UUID id = Workflow.randomUUID();",
            "    return Workflow.now().toEpochMilli() + Workflow.random().nextInt(10)"
                + " + id.version();",
            "  }",
            "}");
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void compilerWithoutTheTreeApi_skipsTheCheckWithANote() {
    List<String> printed = new ArrayList<>();
    Messager messager =
        proxy(
            Messager.class,
            (name, args) -> {
              printed.add(args[0] + ": " + args[1]);
              return null;
            });
    ProcessingEnvironment eclipseLike =
        proxy(
            ProcessingEnvironment.class,
            (name, args) -> name.equals("getMessager") ? messager : null);

    DeterminismChecker.register(eclipseLike);

    assertThat(printed)
        .containsExactly(
            "NOTE: Flow's determinism check needs javac's tree API (com.sun.source), which this"
                + " compiler does not provide: workflow code is compiled without it. Compile"
                + " with javac (Maven, Gradle) to have non-deterministic calls reported.");
  }

  private static <T> T proxy(Class<T> type, BiFunction<String, Object[], Object> answer) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> answer.apply(method.getName(), args)));
  }
}
