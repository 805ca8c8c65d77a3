package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flow.spi.EngineProvider;
import dev.flow.spi.InProcessSwf;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.SwfException;

class EmbeddedEngineProviderTest {
  @TempDir Path dir;

  private static EngineProvider provider() {
    List<EngineProvider> providers =
        ServiceLoader.load(EngineProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .collect(Collectors.toList());
    assertThat(providers).hasSize(1).first().isInstanceOf(EmbeddedEngineProvider.class);
    return providers.get(0);
  }

  @Test
  void serviceLoader_findsTheProvider_andAnEmptyLocationIsInMemory() {
    try (SwfClient swf = provider().open("")) {
      assertThat(swf.serviceName()).isEqualTo("swf");
      assertThat(swf).as("Flow sends it no HTTP settings").isInstanceOf(InProcessSwf.class);
      swf.registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1"));
      assertThat(swf.describeDomain(r -> r.name("d")).domainInfo().name()).isEqualTo("d");
    }
  }

  @Test
  void fileLocation_isDurable_andClosingTheClientClosesTheEngine() {
    String file = dir.resolve("p.db").toString();
    SwfClient swf = provider().open(file);
    swf.registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1"));
    swf.close();
    assertThatThrownBy(() -> swf.describeDomain(r -> r.name("d")))
        .isInstanceOf(SwfException.class)
        .hasMessageContaining("closed");
    try (SwfClient again = provider().open(file)) {
      assertThat(again.describeDomain(r -> r.name("d")).domainInfo().name()).isEqualTo("d");
    }
  }

  @Test
  void engineClient_closeDoesNotCloseTheEngine() {
    try (LocalEngine engine = LocalEngine.inMemory()) {
      engine.client().registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1"));
      engine.client().close();

      assertThat(engine.client().describeDomain(r -> r.name("d")).domainInfo().name())
          .isEqualTo("d");
      engine.client().registerDomain(r -> r.name("e").workflowExecutionRetentionPeriodInDays("1"));
      assertThat(engine.client().listDomains(r -> r.registrationStatus("REGISTERED")).domainInfos())
          .extracting(d -> d.name())
          .containsExactlyInAnyOrder("d", "e");
    }
  }

  @Test
  void embeddedPrefixAndMemoryLocation_areAccepted() {
    String file = dir.resolve("q.db").toString();
    try (SwfClient swf = provider().open("embedded:" + file)) {
      swf.registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1"));
    }
    assertThat(java.nio.file.Files.exists(dir.resolve("q.db"))).isTrue();
    try (SwfClient swf = provider().open(":memory:")) {
      assertThat(swf.listDomains(r -> r.registrationStatus("REGISTERED")).domainInfos()).isEmpty();
    }
  }

  @Test
  void sameLocation_sharesOneEngine_untilTheLastClientCloses() {
    String file = dir.resolve("shared.db").toString();
    SwfClient first = provider().open(file);
    SwfClient second = provider().open("embedded:" + dir.resolve(".").resolve("shared.db"));
    first.registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1"));
    assertThat(second.describeDomain(r -> r.name("d")).domainInfo().name()).isEqualTo("d");
    first.close();
    first.close(); // once only
    assertThat(second.describeDomain(r -> r.name("d")).domainInfo().name()).isEqualTo("d");
    second.close();
    assertThatThrownBy(() -> second.describeDomain(r -> r.name("d")))
        .isInstanceOf(SwfException.class)
        .hasMessageContaining("closed");
    try (SwfClient again = provider().open(file)) {
      assertThat(again.describeDomain(r -> r.name("d")).domainInfo().name()).isEqualTo("d");
    }
  }
}
