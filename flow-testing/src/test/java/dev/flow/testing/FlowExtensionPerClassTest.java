package dev.flow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.engine.LocalEngine;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.swf.SwfClient;

/** {@link FlowExtension.Builder#perClass()}: the tests of a class share one engine. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlowExtensionPerClassTest {
  @RegisterExtension
  static FlowExtension flow = FlowExtension.builder().domain("shared").perClass().build();

  private static LocalEngine first;

  @Test
  @Order(1)
  void firstTest_getsTheExtensionsFreshEngine_andRegistersADomain(
      LocalEngine engine, SwfClient swf) {
    first = engine;
    assertThat(engine).isSameAs(flow.engine());
    assertThat(flow.client().domain()).isEqualTo("shared");
    assertThat(swf.listDomains(r -> r.registrationStatus("REGISTERED")).domainInfos()).isEmpty();

    swf.registerDomain(r -> r.name("shared").workflowExecutionRetentionPeriodInDays("1"));

    assertThat(
            swf.describeDomain(r -> r.name("shared"))
                .configuration()
                .workflowExecutionRetentionPeriodInDays())
        .isEqualTo("1");
  }

  @Test
  @Order(2)
  void secondTest_seesTheSameEngine(LocalEngine engine, SwfClient swf) {
    assertThat(engine).isSameAs(first);
    assertThat(swf.describeDomain(r -> r.name("shared")).domainInfo().name()).isEqualTo("shared");
  }
}
