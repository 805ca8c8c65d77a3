package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.DescribeActivityTypeResponse;
import software.amazon.awssdk.services.swf.model.DescribeDomainResponse;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowTypeResponse;
import software.amazon.awssdk.services.swf.model.DomainAlreadyExistsException;
import software.amazon.awssdk.services.swf.model.SwfException;
import software.amazon.awssdk.services.swf.model.TypeAlreadyExistsException;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;

class RegistrationTest {
  private final LocalEngine engine = LocalEngine.inMemory();
  private final SwfClient swf = engine.client();

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void registerDomain_thenDescribe_returnsItsConfiguration() {
    swf.registerDomain(r -> r.name("d").description("desc").workflowExecutionRetentionPeriodInDays("7"));
    DescribeDomainResponse d = swf.describeDomain(r -> r.name("d"));
    assertThat(d.domainInfo().name()).isEqualTo("d");
    assertThat(d.domainInfo().statusAsString()).isEqualTo("REGISTERED");
    assertThat(d.domainInfo().description()).isEqualTo("desc");
    assertThat(d.configuration().workflowExecutionRetentionPeriodInDays()).isEqualTo("7");
  }

  @Test
  void registerDomain_twice_isDomainAlreadyExistsFault() {
    swf.registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1"));
    assertThatThrownBy(() -> swf.registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1")))
        .isInstanceOf(DomainAlreadyExistsException.class)
        .satisfies(e -> assertThat(((SwfException) e).awsErrorDetails().errorCode()).isEqualTo("DomainAlreadyExistsFault"))
        .hasMessageContaining("d");
  }

  @Test
  void registerDomain_withoutRetention_isValidationException() {
    assertThatThrownBy(() -> swf.registerDomain(r -> r.name("d")))
        .isExactlyInstanceOf(SwfException.class)
        .hasMessageContaining("workflowExecutionRetentionPeriodInDays")
        .satisfies(e -> assertThat(((SwfException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
        .satisfies(e -> assertThat(((SwfException) e).statusCode()).isEqualTo(400));
  }

  @Test
  void describeDomain_unknown_isUnknownResourceFault() {
    assertThatThrownBy(() -> swf.describeDomain(r -> r.name("nope")))
        .isInstanceOf(UnknownResourceException.class)
        .hasMessageContaining("Unknown domain: nope");
  }

  @Test
  void registerWorkflowType_thenDescribe_returnsDefaults() {
    swf.registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1"));
    swf.registerWorkflowType(
        r ->
            r.domain("d")
                .name("W")
                .version("1")
                .description("w")
                .defaultTaskList(t -> t.name("tl"))
                .defaultExecutionStartToCloseTimeout("100")
                .defaultTaskStartToCloseTimeout("NONE")
                .defaultChildPolicy("ABANDON")
                .defaultTaskPriority("5"));
    DescribeWorkflowTypeResponse t =
        swf.describeWorkflowType(r -> r.domain("d").workflowType(w -> w.name("W").version("1")));
    assertThat(t.typeInfo().workflowType().name()).isEqualTo("W");
    assertThat(t.typeInfo().statusAsString()).isEqualTo("REGISTERED");
    assertThat(t.typeInfo().description()).isEqualTo("w");
    assertThat(t.typeInfo().creationDate()).isNotNull();
    assertThat(t.configuration().defaultTaskList().name()).isEqualTo("tl");
    assertThat(t.configuration().defaultExecutionStartToCloseTimeout()).isEqualTo("100");
    assertThat(t.configuration().defaultTaskStartToCloseTimeout()).isEqualTo("NONE");
    assertThat(t.configuration().defaultChildPolicyAsString()).isEqualTo("ABANDON");
    assertThat(t.configuration().defaultTaskPriority()).isEqualTo("5");
  }

  @Test
  void registerWorkflowType_twice_isTypeAlreadyExistsFault() {
    swf.registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1"));
    swf.registerWorkflowType(r -> r.domain("d").name("W").version("1"));
    assertThatThrownBy(() -> swf.registerWorkflowType(r -> r.domain("d").name("W").version("1")))
        .isInstanceOf(TypeAlreadyExistsException.class)
        .hasMessageContaining("WorkflowType=[name=W, version=1]");
  }

  @Test
  void registerType_inUnknownDomain_isUnknownResourceFault() {
    assertThatThrownBy(() -> swf.registerWorkflowType(r -> r.domain("x").name("W").version("1")))
        .isInstanceOf(UnknownResourceException.class);
    assertThatThrownBy(() -> swf.registerActivityType(r -> r.domain("x").name("A").version("1")))
        .isInstanceOf(UnknownResourceException.class);
  }

  @Test
  void registerActivityType_thenDescribe_returnsDefaults() {
    swf.registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1"));
    swf.registerActivityType(
        r ->
            r.domain("d")
                .name("A")
                .version("2")
                .defaultTaskList(t -> t.name("tl"))
                .defaultTaskHeartbeatTimeout("30")
                .defaultTaskScheduleToStartTimeout("NONE")
                .defaultTaskScheduleToCloseTimeout("600")
                .defaultTaskStartToCloseTimeout("300"));
    DescribeActivityTypeResponse t =
        swf.describeActivityType(r -> r.domain("d").activityType(a -> a.name("A").version("2")));
    assertThat(t.typeInfo().activityType().version()).isEqualTo("2");
    assertThat(t.configuration().defaultTaskHeartbeatTimeout()).isEqualTo("30");
    assertThat(t.configuration().defaultTaskScheduleToStartTimeout()).isEqualTo("NONE");
    assertThat(t.configuration().defaultTaskScheduleToCloseTimeout()).isEqualTo("600");
    assertThat(t.configuration().defaultTaskStartToCloseTimeout()).isEqualTo("300");
    assertThatThrownBy(() -> swf.registerActivityType(r -> r.domain("d").name("A").version("2")))
        .isInstanceOf(TypeAlreadyExistsException.class)
        .hasMessageContaining("ActivityType=[name=A, version=2]");
  }

  @Test
  void describeType_unknown_isUnknownResourceFault() {
    swf.registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1"));
    assertThatThrownBy(
            () -> swf.describeActivityType(r -> r.domain("d").activityType(a -> a.name("A").version("1"))))
        .isInstanceOf(UnknownResourceException.class)
        .hasMessageContaining("ActivityType=[name=A, version=1]");
    assertThatThrownBy(
            () -> swf.describeWorkflowType(r -> r.domain("d").workflowType(a -> a.name("W").version("1"))))
        .isInstanceOf(UnknownResourceException.class);
  }

  @Test
  void registerType_withBadTimeout_isValidationException() {
    swf.registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1"));
    assertThatThrownBy(
            () -> swf.registerActivityType(r -> r.domain("d").name("A").version("1").defaultTaskStartToCloseTimeout("soon")))
        .isExactlyInstanceOf(SwfException.class)
        .hasMessageContaining("defaultTaskStartToCloseTimeout");
    assertThatThrownBy(
            () -> swf.registerWorkflowType(r -> r.domain("d").name("a:b").version("1")))
        .isExactlyInstanceOf(SwfException.class)
        .hasMessageContaining("name");
  }
}
