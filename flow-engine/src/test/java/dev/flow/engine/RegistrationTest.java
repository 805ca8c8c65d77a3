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

@InBothModes
class RegistrationTest {
  private final LocalEngine engine = LocalEngine.inMemory();
  private final SwfClient swf = SwfMode.client(engine);

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void registerDomain_thenDescribe_returnsItsConfiguration() {
    swf.registerDomain(
        r -> r.name("d").description("desc").workflowExecutionRetentionPeriodInDays("7"));
    DescribeDomainResponse d = swf.describeDomain(r -> r.name("d"));
    assertThat(d.domainInfo().name()).isEqualTo("d");
    assertThat(d.domainInfo().statusAsString()).isEqualTo("REGISTERED");
    assertThat(d.domainInfo().description()).isEqualTo("desc");
    assertThat(d.configuration().workflowExecutionRetentionPeriodInDays()).isEqualTo("7");
  }

  @Test
  void registerDomain_twice_isDomainAlreadyExistsFault() {
    swf.registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1"));
    assertThatThrownBy(
            () -> swf.registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1")))
        .isInstanceOf(DomainAlreadyExistsException.class)
        .satisfies(
            e ->
                assertThat(((SwfException) e).awsErrorDetails().errorCode())
                    .isEqualTo("DomainAlreadyExistsFault"))
        .hasMessageContaining("d");
  }

  @Test
  void registerDomain_withoutRetention_isValidationException() {
    assertThatThrownBy(() -> swf.registerDomain(r -> r.name("d")))
        .isExactlyInstanceOf(SwfException.class)
        .hasMessageContaining("workflowExecutionRetentionPeriodInDays")
        .satisfies(
            e ->
                assertThat(((SwfException) e).awsErrorDetails().errorCode())
                    .isEqualTo("ValidationException"))
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
            () ->
                swf.describeActivityType(
                    r -> r.domain("d").activityType(a -> a.name("A").version("1"))))
        .isInstanceOf(UnknownResourceException.class)
        .hasMessageContaining("ActivityType=[name=A, version=1]");
    assertThatThrownBy(
            () ->
                swf.describeWorkflowType(
                    r -> r.domain("d").workflowType(a -> a.name("W").version("1"))))
        .isInstanceOf(UnknownResourceException.class);
  }

  @Test
  void registerType_withBadTimeout_isValidationException() {
    swf.registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1"));
    assertThatThrownBy(
            () ->
                swf.registerActivityType(
                    r ->
                        r.domain("d")
                            .name("A")
                            .version("1")
                            .defaultTaskStartToCloseTimeout("soon")))
        .isExactlyInstanceOf(SwfException.class)
        .hasMessageContaining("defaultTaskStartToCloseTimeout");
    assertThatThrownBy(() -> swf.registerWorkflowType(r -> r.domain("d").name("a:b").version("1")))
        .isExactlyInstanceOf(SwfException.class)
        .hasMessageContaining("name");
  }

  @Test
  void deprecateDomain_blocksNewWork_andUndeprecateRestoresIt() {
    swf.registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1"));
    swf.deprecateDomain(r -> r.name("d"));
    assertThat(swf.describeDomain(r -> r.name("d")).domainInfo().statusAsString())
        .isEqualTo("DEPRECATED");
    assertThatThrownBy(() -> swf.deprecateDomain(r -> r.name("d")))
        .isInstanceOf(software.amazon.awssdk.services.swf.model.DomainDeprecatedException.class);
    assertThatThrownBy(() -> swf.registerWorkflowType(r -> r.domain("d").name("W").version("1")))
        .isInstanceOf(UnknownResourceException.class)
        .hasMessageContaining("deprecated");
    swf.undeprecateDomain(r -> r.name("d"));
    assertThatThrownBy(() -> swf.undeprecateDomain(r -> r.name("d")))
        .isInstanceOf(DomainAlreadyExistsException.class);
    swf.registerWorkflowType(r -> r.domain("d").name("W").version("1"));
  }

  @Test
  void deprecateType_blocksStarts_andDeleteNeedsDeprecation() {
    swf.registerDomain(r -> r.name("d").workflowExecutionRetentionPeriodInDays("1"));
    swf.registerWorkflowType(
        r ->
            r.domain("d")
                .name("W")
                .version("1")
                .defaultTaskList(t -> t.name("tl"))
                .defaultExecutionStartToCloseTimeout("60")
                .defaultTaskStartToCloseTimeout("10")
                .defaultChildPolicy("TERMINATE"));
    assertThatThrownBy(
            () ->
                swf.deleteWorkflowType(
                    r -> r.domain("d").workflowType(t -> t.name("W").version("1"))))
        .isInstanceOf(software.amazon.awssdk.services.swf.model.TypeNotDeprecatedException.class);
    swf.deprecateWorkflowType(r -> r.domain("d").workflowType(t -> t.name("W").version("1")));
    DescribeWorkflowTypeResponse t =
        swf.describeWorkflowType(r -> r.domain("d").workflowType(w -> w.name("W").version("1")));
    assertThat(t.typeInfo().statusAsString()).isEqualTo("DEPRECATED");
    assertThat(t.typeInfo().deprecationDate()).isNotNull();
    assertThatThrownBy(
            () ->
                swf.startWorkflowExecution(
                    r -> r.domain("d").workflowId("x").workflowType(w -> w.name("W").version("1"))))
        .isInstanceOf(software.amazon.awssdk.services.swf.model.TypeDeprecatedException.class);
    assertThatThrownBy(
            () ->
                swf.deprecateWorkflowType(
                    r -> r.domain("d").workflowType(w -> w.name("W").version("1"))))
        .isInstanceOf(software.amazon.awssdk.services.swf.model.TypeDeprecatedException.class);
    swf.undeprecateWorkflowType(r -> r.domain("d").workflowType(w -> w.name("W").version("1")));
    swf.startWorkflowExecution(
        r -> r.domain("d").workflowId("x").workflowType(w -> w.name("W").version("1")));
    swf.deprecateWorkflowType(r -> r.domain("d").workflowType(w -> w.name("W").version("1")));
    swf.deleteWorkflowType(r -> r.domain("d").workflowType(w -> w.name("W").version("1")));
    assertThatThrownBy(
            () ->
                swf.describeWorkflowType(
                    r -> r.domain("d").workflowType(w -> w.name("W").version("1"))))
        .isInstanceOf(UnknownResourceException.class);
  }

  @Test
  void listDomainsAndTypes_byStatus_sortedByName_paged() {
    for (String n : new String[] {"b", "a", "c"}) {
      swf.registerDomain(r -> r.name(n).workflowExecutionRetentionPeriodInDays("1"));
    }
    swf.deprecateDomain(r -> r.name("c"));
    assertThat(swf.listDomains(r -> r.registrationStatus("REGISTERED")).domainInfos())
        .extracting(software.amazon.awssdk.services.swf.model.DomainInfo::name)
        .containsExactly("a", "b");
    var page =
        swf.listDomains(
            r -> r.registrationStatus("REGISTERED").maximumPageSize(1).reverseOrder(true));
    assertThat(page.domainInfos())
        .extracting(software.amazon.awssdk.services.swf.model.DomainInfo::name)
        .containsExactly("b");
    assertThat(
            swf.listDomains(
                    r ->
                        r.registrationStatus("REGISTERED")
                            .maximumPageSize(1)
                            .reverseOrder(true)
                            .nextPageToken(page.nextPageToken()))
                .domainInfos())
        .extracting(software.amazon.awssdk.services.swf.model.DomainInfo::name)
        .containsExactly("a");
    swf.registerActivityType(r -> r.domain("a").name("Y").version("1"));
    swf.registerActivityType(r -> r.domain("a").name("X").version("2"));
    swf.registerActivityType(r -> r.domain("a").name("X").version("1"));
    assertThat(
            swf.listActivityTypes(r -> r.domain("a").registrationStatus("REGISTERED")).typeInfos())
        .extracting(i -> i.activityType().name() + i.activityType().version())
        .containsExactly("X1", "X2", "Y1");
    assertThat(
            swf.listActivityTypes(r -> r.domain("a").name("X").registrationStatus("REGISTERED"))
                .typeInfos())
        .hasSize(2);
    swf.registerWorkflowType(r -> r.domain("a").name("W").version("1"));
    assertThat(
            swf.listWorkflowTypes(r -> r.domain("a").registrationStatus("REGISTERED")).typeInfos())
        .extracting(i -> i.workflowType().name())
        .containsExactly("W");
    assertThat(
            swf.listWorkflowTypes(r -> r.domain("a").registrationStatus("DEPRECATED")).typeInfos())
        .isEmpty();
  }

  @Test
  void domainTags_byArn() {
    swf.registerDomain(
        r ->
            r.name("d")
                .workflowExecutionRetentionPeriodInDays("1")
                .tags(t -> t.key("team").value("media")));
    String arn = swf.describeDomain(r -> r.name("d")).domainInfo().arn();
    assertThat(arn).endsWith(":/domain/d");
    swf.tagResource(r -> r.resourceArn(arn).tags(t -> t.key("env").value("dev")));
    assertThat(swf.listTagsForResource(r -> r.resourceArn(arn)).tags())
        .extracting(t -> t.key() + "=" + t.value())
        .containsExactly("env=dev", "team=media");
    swf.untagResource(r -> r.resourceArn(arn).tagKeys("team"));
    assertThat(swf.listTagsForResource(r -> r.resourceArn(arn)).tags()).hasSize(1);
    assertThatThrownBy(
            () -> swf.listTagsForResource(r -> r.resourceArn("arn:aws:swf:x:1:/domain/none")))
        .isInstanceOf(UnknownResourceException.class);
    java.util.List<software.amazon.awssdk.services.swf.model.ResourceTag> many =
        new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      many.add(
          software.amazon.awssdk.services.swf.model.ResourceTag.builder().key("k" + i).build());
    }
    assertThatThrownBy(() -> swf.tagResource(r -> r.resourceArn(arn).tags(many)))
        .isInstanceOf(software.amazon.awssdk.services.swf.model.TooManyTagsException.class);
    assertThat(swf.listTagsForResource(r -> r.resourceArn(arn)).tags()).hasSize(1);
  }
}
