package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.FlowClient;
import dev.flow.testing.FlowExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HelloTest {
  @RegisterExtension
  static FlowExtension flow = FlowExtension.builder().manifest(new FlowManifest()).build();

  @Test
  void hello_greetsThroughTheActivity(FlowClient client) {
    assertEquals("Hello, test!", HelloWorkflowClient.create(client).execute("test"));
  }
}
