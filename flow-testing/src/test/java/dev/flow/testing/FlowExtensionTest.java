package dev.flow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.FlowClient;
import dev.flow.engine.LocalEngine;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.swf.SwfClient;

/** The extension without a worker: a fresh engine per test, handed out as parameters too. */
class FlowExtensionTest {
  @RegisterExtension static FlowExtension flow = FlowExtension.builder().domain("ext").build();

  @Test
  void parameters_areTheRunningTestsClientAndEngine(
      FlowClient client, LocalEngine engine, SwfClient swf) {
    assertThat(client).isSameAs(flow.client());
    assertThat(engine).isSameAs(flow.engine());
    assertThat(swf).isSameAs(client.swf());
    assertThat(client.domain()).isEqualTo("ext");
    assertThat(flow.worker()).isNull();
  }

  @RepeatedTest(2)
  void eachTest_getsAFreshEngine() {
    SwfClient swf = flow.client().swf();
    assertThat(swf.listDomains(r -> r.registrationStatus("REGISTERED")).domainInfos()).isEmpty();
    swf.registerDomain(r -> r.name("ext").workflowExecutionRetentionPeriodInDays("1"));
  }
}
