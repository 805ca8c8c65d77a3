package dev.flow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Two interfaces that would generate the same type are a compile error, not a failed write. */
class GeneratedNamesTest {
  @Test
  void workflowsNamedOrderAndOrderWorkflow_inOnePackage_isErrorOnTheSecond() throws Exception {
    JavaFileObject order =
        Compilations.source(
            "p.Order",
            "package p;",
            "",
            "import dev.flow.annotations.Workflow;",
            "",
            "@Workflow(version = \"1\")",
            "public interface Order {",
            "  String place(String item);",
            "}");
    JavaFileObject orderWorkflow =
        Compilations.source(
            "p.OrderWorkflow",
            "package p;",
            "",
            "import dev.flow.annotations.Workflow;",
            "",
            "@Workflow(version = \"1\")",
            "public interface OrderWorkflow {",
            "  String place(String item);",
            "}");

    Compilation compilation = Compilations.compile(order, orderWorkflow);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[Flow:GeneratedNameClash] p.OrderWorkflow and p.Order would both generate"
                + " p.OrderWorkflowClient; rename one of the two interfaces, or move it to another"
                + " package")
        .inFile(orderWorkflow)
        .onLine(6);
    // Order's code is written; OrderWorkflow, with its error, writes nothing.
    assertThat(Compilations.generatedNamesOfFailingCompilation(order, orderWorkflow))
        .containsExactly(
            "p/OrderDefinition.java",
            "p/OrderSelf.java",
            "p/OrderStub.java",
            "p/OrderWorkflowClient.java");
  }

  @Test
  void nestedAndTopLevelInterfaces_withTheSameFlatName_isError() {
    JavaFileObject outer =
        Compilations.source(
            "p.Outer",
            "package p;",
            "",
            "import dev.flow.annotations.Activity;",
            "",
            "public interface Outer {",
            "  @Activity(version = \"1\")",
            "  interface Media {",
            "    String encode(String url);",
            "  }",
            "}");
    JavaFileObject flat =
        Compilations.source(
            "p.Outer_Media",
            "package p;",
            "",
            "import dev.flow.annotations.Activity;",
            "",
            "@Activity(version = \"1\")",
            "public interface Outer_Media {",
            "  String encode(String url);",
            "}");

    Compilation compilation = Compilations.compile(outer, flat);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[Flow:GeneratedNameClash] p.Outer_Media and p.Outer.Media would both generate"
                + " p.Outer_MediaStub")
        .inFile(flat)
        .onLine(6);
  }

  @Test
  void interfaceNames_readEachUnderscoreBothWays_theNameAsWrittenFirst() {
    assertThat(GeneratedNames.interfaceNames("p", "Order_Item"))
        .containsExactly("p.Order_Item", "p.Order.Item");
    assertThat(GeneratedNames.interfaceNames("", "A_B_C"))
        .containsExactly("A_B_C", "A_B.C", "A.B_C", "A.B.C");
    assertThat(GeneratedNames.interfaceNames("p", "Media")).containsExactly("p.Media");
  }
}
