package dev.flow;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@link Promise} is Flow's own: code of a user cannot implement it, javac says so. */
class PromiseSealedTest {
  private static final JavaFileObject MINE =
      JavaFileObjects.forSourceLines(
          "app.MyPromise",
          "package app;",
          "",
          "import dev.flow.Promise;",
          "",
          "abstract class MyPromise implements Promise<String> {",
          "  public String get() {",
          "    return \"x\";",
          "  }",
          "}");

  private static final JavaFileObject ANONYMOUS =
      JavaFileObjects.forSourceLines(
          "app.Anonymous",
          "package app;",
          "",
          "import dev.flow.Promise;",
          "",
          "abstract class Anonymous {",
          "  abstract Promise<String> make();",
          "",
          "  static Object foreign() {",
          "    return new Promise<String>() {};",
          "  }",
          "}");

  private static final JavaFileObject SETTABLE =
      JavaFileObjects.forSourceLines(
          "app.Uses",
          "package app;",
          "",
          "import dev.flow.Promise;",
          "import dev.flow.Settable;",
          "",
          "final class Uses {",
          "  static Promise<String> approval() {",
          "    Settable<String> approval = new Settable<>();",
          "    approval.set(\"yes\");",
          "    return approval.map(String::trim);",
          "  }",
          "}");

  @Test
  void userClass_implementingPromise_isASealedError() {
    Compilation compilation = javac().compile(MINE);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("is not allowed to extend sealed class")
        .inFile(MINE)
        .onLine(5);
    // (the type is named simply or qualified, as the JDK's javac formats it)
    assertThat(compilation).hadErrorContainingMatch("sealed class: (dev\\.flow\\.)?Promise ");
  }

  @Test
  void anonymousPromise_isASealedError() {
    Compilation compilation = javac().compile(ANONYMOUS);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("anonymous classes must not extend sealed classes")
        .inFile(ANONYMOUS)
        .onLine(9);
  }

  @Test
  void settable_isThePromiseUserCodeCompletes_andItsCallbackHookIsNotPublic() {
    assertThat(javac().compile(SETTABLE)).succeededWithoutWarnings();

    JavaFileObject hook =
        JavaFileObjects.forSourceLines(
            "app.Hook",
            "package app;",
            "",
            "import dev.flow.Settable;",
            "",
            "final class Hook {",
            "  static void hook(Settable<String> s) {",
            "    s.whenComplete(() -> {});",
            "  }",
            "}");
    Compilation compilation = javac().compile(hook);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("whenComplete(java.lang.Runnable) is not public in dev.flow.Settable")
        .inFile(hook)
        .onLine(7);
  }
}
