package dev.flow.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code mvn archetype:generate} with {@code flow-archetype} gives a project that builds, passes
 * its FlowExtension test, and packages a runnable worker jar; all against this build's artifacts.
 */
class ArchetypeProjectTest {
  @Test
  void generatedProject_buildsPassesItsTestAndPackagesARunnableWorker() throws Exception {
    FreshProject parent = FreshProject.emptyDirectory("archetype-generated");

    FreshProject.Run generate =
        FreshProject.mvn(
            parent.dir,
            FreshProject.property("flow.it.archetypePlugin") + ":generate",
            "-DinteractiveMode=false",
            "-DarchetypeGroupId=dev.flow",
            "-DarchetypeArtifactId=flow-archetype",
            "-DarchetypeVersion=" + FreshProject.property("flow.version"),
            "-DgroupId=com.acme",
            "-DartifactId=shipping",
            "-Dversion=1.0-SNAPSHOT",
            "-Dpackage=com.acme.shipping");
    assertThat(generate.exitCode()).as(generate.describe()).isZero();
    Path project = parent.dir.resolve("shipping");
    assertThat(Files.readString(project.resolve("pom.xml")))
        .contains("<flow.version>" + FreshProject.property("flow.version") + "</flow.version>")
        .contains("<version>${flow.version}</version>")
        .contains("<mainClass>com.acme.shipping.FlowWorkerMain</mainClass>");
    assertThat(project.resolve("src/main/java/com/acme/shipping/HelloImpl.java")).isRegularFile();
    assertThat(project.resolve("src/test/java/com/acme/shipping/HelloTest.java")).isRegularFile();

    FreshProject.Run build = FreshProject.mvn(project, "package");

    assertThat(build.exitCode()).as(build.describe()).isZero();
    assertThat(build.output())
        .as(build.describe())
        .contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0");
    Process help =
        Processes.java("-jar", project.resolve("target/shipping-worker.jar").toString(), "--help");
    List<String> usage = new Processes.Output(help).all(60);
    assertThat(help.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(help.exitValue()).isZero();
    assertThat(usage).first().asString().startsWith("usage: <worker main> [--engine ENGINE]");
  }
}
