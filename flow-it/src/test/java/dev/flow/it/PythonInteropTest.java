package dev.flow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flow.FlowClient;
import dev.flow.Worker;
import dev.flow.engine.LocalEngine;
import dev.flow.it.interop.GreeterDispatcher;
import dev.flow.it.interop.GreeterImpl;
import dev.flow.it.interop.PricingStub;
import dev.flow.it.interop.QuoteDefinition;
import dev.flow.it.interop.QuoteImpl;
import dev.flow.it.interop.QuoteWorkflowClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Workers in another language on the same engine, through the payload format of
 * docs/payload-format.md: a Flow workflow calls an activity done by a plain Python SWF worker
 * (boto3), including its failure, and a plain Python decider calls a Flow Java activity. Skipped
 * where {@code /usr/bin/python3} cannot import boto3 (Debian's python3-boto3).
 */
class PythonInteropTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  @Test
  void flowAndPythonWorkers_callEachOthersActivities() throws Exception {
    assumeTrue(boto3IsInstalled(), "/usr/bin/python3 cannot import boto3 (python3-boto3)");
    Path script = Path.of(getClass().getResource("/interop.py").toURI());
    try (LocalEngine engine = LocalEngine.inMemory();
        LocalEngine.Server server =
            engine.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        FlowClient flow = FlowClient.connect(server.endpoint().toString(), "interop");
        Worker worker =
            Worker.builder(flow)
                .workflow(QuoteDefinition.of(() -> new QuoteImpl(new PricingStub())))
                .activities(new GreeterDispatcher(new GreeterImpl()))
                .build()
                .start()) {
      ProcessBuilder builder =
          new ProcessBuilder(
                  PYTHON.toString(), script.toString(), server.endpoint().toString(), "interop")
              .redirectErrorStream(true);
      builder.environment().put("AWS_ACCESS_KEY_ID", "interop");
      builder.environment().put("AWS_SECRET_ACCESS_KEY", "interop");
      Process python = builder.start();
      try {
        Processes.Output output = new Processes.Output(python);
        output.line("ready", 60);

        QuoteWorkflowClient quotes = QuoteWorkflowClient.create(flow);
        assertThat(quotes.execute("book")).isEqualTo("book costs 12.50");
        assertThat(quotes.execute("unknown"))
            .isEqualTo("failed: PricingError: no price for unknown");

        assertThat(output.line("py-greeting ", 60)).isEqualTo("py-greeting COMPLETED Hello, Ann!");
        assertThat(output.line("activity Pricing.quote book", 10)).isNotNull();
      } finally {
        python.destroy();
        python.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static boolean boto3IsInstalled() throws Exception {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    Process p =
        new ProcessBuilder(PYTHON.toString(), "-c", "import boto3")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } finally {
      p.destroyForcibly();
    }
  }
}
