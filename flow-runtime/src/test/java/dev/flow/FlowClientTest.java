package dev.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flow.internal.client.Engines;
import dev.flow.internal.client.Engines.Kind;
import dev.flow.internal.client.SwfCalls;
import dev.flow.spi.EngineProvider;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;

class FlowClientTest {
  @Test
  void create_keepsTheSwfClientDomainAndDefaultConverter_andLeavesTheSwfClientOpen() {
    FakeSwf swf = new FakeSwf();

    FlowClient flow = FlowClient.create(swf, "media");
    flow.close();

    assertThat(SwfCalls.unwrap(flow.swf())).isSameAs(swf);
    assertThat(flow.domain()).isEqualTo("media");
    assertThat(flow.dataConverter()).isSameAs(DataConverter.json());
    assertThat(flow.identity()).matches(".+:" + ProcessHandle.current().pid());
    assertThat(swf.isClosed()).isFalse();
  }

  @Test
  void builder_setsConverterAndIdentity() {
    DataConverter converter =
        new DataConverter() {
          @Override
          public String toData(Object value) {
            return "x";
          }

          @Override
          public Object fromData(String data, java.lang.reflect.Type type) {
            return null;
          }

          @Override
          public String toArguments(Object[] arguments) {
            return "[]";
          }

          @Override
          public Object[] fromArguments(String data, java.lang.reflect.Type[] types) {
            return new Object[0];
          }
        };

    FlowClient flow =
        FlowClient.builder()
            .swf(new FakeSwf())
            .domain("media")
            .dataConverter(converter)
            .identity("worker-7")
            .build();

    assertThat(flow.dataConverter()).isSameAs(converter);
    assertThat(flow.identity()).isEqualTo("worker-7");
  }

  @Test
  void builder_withoutDomain_isIllegalArgument() {
    assertThatThrownBy(() -> FlowClient.builder().swf(new FakeSwf()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a domain");
  }

  @Test
  void builder_withSwfAndEngine_isIllegalState() {
    assertThatThrownBy(
            () -> FlowClient.builder().swf(new FakeSwf()).engine("aws").domain("d").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not both");
  }

  @Test
  void connect_httpEndpoint_opensAnSwfClientOnIt_andCloseClosesIt() {
    FlowClient flow = FlowClient.connect("http://localhost:8642", "media");
    try {
      SwfClient swf = flow.swf();
      assertThat(swf.serviceClientConfiguration().endpointOverride())
          .contains(URI.create("http://localhost:8642"));
      assertThat(swf.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
      assertThat(flow.domain()).isEqualTo("media");
    } finally {
      flow.close();
      flow.close(); // idempotent
    }
  }

  @Test
  void parseEngine_acceptsEachForm() {
    assertThat(Engines.parse("embedded")).isEqualTo(new Engines.Engine(Kind.EMBEDDED, "", null));
    assertThat(Engines.parse("embedded:data/flow.db"))
        .isEqualTo(new Engines.Engine(Kind.EMBEDDED, "data/flow.db", null));
    assertThat(Engines.parse("http://localhost:8642").endpoint())
        .isEqualTo(URI.create("http://localhost:8642"));
    assertThat(Engines.parse("https://swf.example.com").kind()).isEqualTo(Kind.ENDPOINT);
    assertThat(Engines.parse("aws").kind()).isEqualTo(Kind.AWS);
    assertThat(Engines.parse("aws:eu-west-1"))
        .isEqualTo(new Engines.Engine(Kind.AWS, "eu-west-1", null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "embeded",
        "embedded:",
        "ftp://host:1",
        "http://",
        "AWS",
        "local",
        "aws:",
        "aws:Mars"
      })
  void connect_badEngine_isIllegalArgumentNamingTheAcceptedForms(String engine) {
    assertThatThrownBy(() -> FlowClient.connect(engine, "media"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad engine '" + engine + "'")
        .hasMessageContaining(
            "embedded, embedded:FILE, http://HOST:PORT, https://HOST:PORT, aws or aws:REGION");
  }

  @Test
  void connect_nullEngine_isIllegalArgument() {
    assertThatThrownBy(() -> FlowClient.connect(null, "media"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected embedded");
  }

  @Test
  void connect_embedded_withoutFlowEngineOnTheClassPath_namesTheArtifactToAdd() {
    assertThatThrownBy(() -> FlowClient.connect("embedded:flow.db", "media"))
        .isInstanceOf(FlowException.class)
        .hasMessageContaining("engine 'embedded:flow.db' needs the embedded engine")
        .hasMessageContaining("dev.flow:flow-engine");
  }

  /** Opened by {@link #connect_embedded_opensTheEngineProvidedThroughTheServiceLoader}. */
  public static final class RecordingProvider implements EngineProvider {
    static final List<String> OPENED = new ArrayList<>();
    static final List<FakeSwf> CLIENTS = new ArrayList<>();

    @Override
    public SwfClient open(String location) {
      if (location.endsWith(".locked")) {
        throw new IllegalStateException("database is locked");
      }
      OPENED.add(location);
      FakeSwf swf = new FakeSwf();
      CLIENTS.add(swf);
      return swf;
    }
  }

  @Test
  void connect_embedded_opensTheEngineProvidedThroughTheServiceLoader(@TempDir Path dir)
      throws Exception {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(EngineProvider.class.getName()), RecordingProvider.class.getName() + "\n");
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Thread.currentThread().setContextClassLoader(loader);
      RecordingProvider.OPENED.clear();
      RecordingProvider.CLIENTS.clear();

      FlowClient memory = FlowClient.connect("embedded", "media");
      FlowClient file = FlowClient.connect("embedded:flow.db", "media");
      memory.close();

      assertThat(RecordingProvider.OPENED).containsExactly("", "flow.db");
      assertThat(RecordingProvider.CLIENTS.get(0).isClosed()).isTrue();
      assertThat(RecordingProvider.CLIENTS.get(1).isClosed()).isFalse();
      assertThat(SwfCalls.unwrap(file.swf())).isSameAs(RecordingProvider.CLIENTS.get(1));
      assertThatThrownBy(() -> FlowClient.connect("embedded:flow.locked", "media"))
          .isInstanceOf(FlowException.class)
          .hasMessage("cannot open the embedded engine in flow.locked: database is locked");
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }
}
