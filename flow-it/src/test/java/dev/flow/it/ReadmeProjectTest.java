package dev.flow.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.engine.LocalEngine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Use Flow in your project" is a user's whole path: its pom, exactly as printed,
 * builds a fresh project (the archetype's workflow, activity and FlowExtension test, and {@code
 * src/it/readme-project}'s client) against this build's artifacts, and the worker jar it packages
 * runs that workflow against an engine server. Fails when the README and the build drift apart.
 */
class ReadmeProjectTest {
  private static final String SECTION = "## Use Flow in your project";

  @Test
  void readmePom_buildsAProjectWhoseWorkerJarRunsItsWorkflow() throws Exception {
    String pom = readmePom();
    assertThat(pom)
        .as("the README's pom names the version of this build")
        .contains("<flow.version>" + FreshProject.property("flow.version") + "</flow.version>");
    FreshProject project = FreshProject.copyOf("readme-project");
    project.addArchetypeExample("com.example.hello");
    project.write("pom.xml", pom);

    FreshProject.Run build = project.mvn("package");

    assertThat(build.exitCode()).as(build.describe()).isZero();
    assertThat(build.output())
        .as(build.describe())
        .contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0")
        .doesNotContain("SLF4J:");
    Path jar = project.dir.resolve("target/hello-flow-worker.jar");
    assertThat(jar).isRegularFile();

    try (LocalEngine engine = LocalEngine.inMemory();
        LocalEngine.Server server = engine.serve(new InetSocketAddress("127.0.0.1", 0))) {
      String endpoint = server.endpoint().toString();
      Process worker =
          Processes.java("-jar", jar.toString(), "--engine", endpoint, "--domain", "hello");
      try {
        assertThat(new Processes.Output(worker).line("Flow worker on ", 60))
            .startsWith(
                "Flow worker on " + endpoint + ", domain hello: decision task lists [hello]");

        Process client =
            Processes.java(
                "-cp", jar.toString(), "com.example.hello.StartHello", endpoint, "hello", "README");
        List<String> printed = new Processes.Output(client).all(60);

        assertThat(client.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(printed).containsExactly("Hello, README!");
        assertThat(client.exitValue()).isZero();
      } finally {
        worker.destroy();
        worker.waitFor(20, TimeUnit.SECONDS);
      }
    }
  }

  /** The first {@code xml} block of the README's section, as a user would copy it. */
  static String readmePom() throws IOException {
    String readme = Files.readString(Path.of(FreshProject.property("flow.readme")));
    int section = readme.indexOf(SECTION);
    assertThat(section).as("README.md has a section '" + SECTION + "'").isNotNegative();
    Matcher block =
        Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(section));
    assertThat(block.find()).as("an xml block in '" + SECTION + "'").isTrue();
    return block.group(1);
  }
}
