package dev.flow.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.DataConverter;
import dev.flow.FlowClient;
import dev.flow.StartOptions;
import dev.flow.Worker;
import dev.flow.spring.app.GreetingsImpl;
import dev.flow.spring.app.GreetingsStub;
import dev.flow.spring.app.Salutation;
import dev.flow.spring.app.WelcomeImpl;
import dev.flow.spring.app.WelcomeWorkflowClient;
import dev.flow.spring.hold.HoldStub;
import dev.flow.spring.hold.HoldingSelf;
import dev.flow.spring.hold.HoldingStub;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;

/** What the auto-configuration makes of properties and beans, one small context per case. */
class FlowAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(FlowAutoConfiguration.class))
          .withPropertyValues("flow.engine=embedded", "flow.domain=auto");

  /** The application's beans: the activity with its dependency, the workflow as a prototype. */
  @Configuration(proxyBeanMethods = false)
  static class Beans {
    @Bean
    Salutation salutation() {
      return new Salutation("Hi");
    }

    @Bean
    GreetingsImpl greetings(Salutation salutation) {
      return new GreetingsImpl(salutation);
    }

    @Bean
    @Scope("prototype")
    WelcomeImpl welcome(GreetingsStub greetings) {
      return new WelcomeImpl(greetings);
    }
  }

  @Test
  void properties_bindAndReachTheClientAndTheWorker() {
    runner
        .withUserConfiguration(Beans.class)
        .withPropertyValues(
            "flow.domain=bound",
            "flow.identity=spring-test",
            "flow.worker.task-list=solo",
            "flow.worker.sticky-cache-size=0",
            "flow.worker.decision-pollers=1",
            "flow.worker.activity-pollers=3",
            "flow.worker.shutdown-grace-period=3s",
            "flow.worker.poll-retry-initial=50ms",
            "flow.worker.poll-retry-max=2s")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              FlowProperties properties = context.getBean(FlowProperties.class);
              assertThat(properties.getEngine()).isEqualTo("embedded");
              assertThat(properties.getWorker().getActivityPollers()).isEqualTo(3);
              assertThat(properties.getWorker().getShutdownGracePeriod())
                  .isEqualTo(Duration.ofSeconds(3));
              assertThat(properties.getWorker().getPollRetryInitial())
                  .isEqualTo(Duration.ofMillis(50));
              FlowClient flow = context.getBean(FlowClient.class);
              assertThat(flow.domain()).isEqualTo("bound");
              assertThat(flow.identity()).isEqualTo("spring-test");
              Worker worker = context.getBean(Worker.class);
              assertThat(worker.decisionTaskLists()).containsExactly("solo");
              assertThat(worker.activityTaskLists()).containsExactly("solo");
              assertThat(worker.stickyTaskList()).isNull();
            });
  }

  @Test
  void defaults_pollTheDeclaredTaskLists_withStickyExecution() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(FlowAutoConfiguration.class))
        .withPropertyValues("flow.engine=embedded")
        .withUserConfiguration(Beans.class)
        .run(
            context -> {
              FlowProperties properties = context.getBean(FlowProperties.class);
              assertThat(properties.getDomain()).isEqualTo("default");
              assertThat(properties.getWorker().isEnabled()).isTrue();
              assertThat(properties.getWorker().getDecisionPollers()).isEqualTo(2);
              assertThat(properties.getWorker().getActivityPollers()).isEqualTo(4);
              assertThat(context.getBean(FlowClient.class).domain()).isEqualTo("default");
              Worker worker = context.getBean(Worker.class);
              assertThat(worker.decisionTaskLists()).contains("spring-welcome", "spring-holding");
              assertThat(worker.activityTaskLists()).contains("spring-greetings");
              assertThat(worker.stickyTaskList()).startsWith("spring-");
              assertThat(context.getBean(FlowWorkerLifecycle.class).isRunning()).isTrue();
            });
  }

  @Test
  void everyGeneratedStubAndClient_isABean() {
    runner
        .withUserConfiguration(Beans.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(GreetingsStub.class);
              assertThat(context).hasSingleBean(WelcomeWorkflowClient.class);
              assertThat(context).hasSingleBean(HoldStub.class);
              assertThat(context).hasSingleBean(HoldingStub.class);
              assertThat(context).hasSingleBean(HoldingSelf.class);
            });
  }

  /** A workflow client of the application's own, with options. */
  @Configuration(proxyBeanMethods = false)
  static class CustomClient {
    @Bean
    WelcomeWorkflowClient customWelcome(FlowClient flow) {
      return WelcomeWorkflowClient.create(flow)
          .withOptions(StartOptions.builder().tags("custom").build());
    }
  }

  @Test
  void aClientOfTheApplication_winsOverTheGeneratedOne() {
    runner
        .withUserConfiguration(Beans.class, CustomClient.class)
        .run(
            context ->
                assertThat(context.getBean(WelcomeWorkflowClient.class))
                    .isSameAs(context.getBean("customWelcome")));
  }

  /** A workflow bean left a singleton: the mistake the starter catches. */
  @Configuration(proxyBeanMethods = false)
  static class SingletonWorkflowBean {
    @Bean
    WelcomeImpl singletonWelcome(GreetingsStub greetings) {
      return new WelcomeImpl(greetings);
    }
  }

  @Test
  void singletonWorkflowBean_failsTheStart_namingTheBeanAndTheFix() {
    runner
        .withBean(Salutation.class, () -> new Salutation("Hi"))
        .withBean(GreetingsImpl.class)
        .withUserConfiguration(SingletonWorkflowBean.class)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage(
                        "workflow bean 'singletonWelcome' (dev.flow.spring.app.WelcomeImpl,"
                            + " implementing @Workflow dev.flow.spring.app.Welcome) is not of"
                            + " prototype scope, but every workflow run needs an instance of its"
                            + " own (it holds the run's state): annotate it @Scope(\"prototype\")"
                            + " (or its @Bean method), or declare a WorkflowDefinition bean"
                            + " instead, such as WelcomeDefinition.of(() -> new"
                            + " WelcomeImpl(...))"));
  }

  @Test
  void twoBeansImplementingOneActivity_failTheStart_namingBoth() {
    runner
        .withUserConfiguration(Beans.class)
        .withBean(
            "otherGreetings", GreetingsImpl.class, () -> new GreetingsImpl(new Salutation("Yo")))
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessage(
                        "beans 'greetings', 'otherGreetings' implement @Activity"
                            + " dev.flow.spring.app.Greetings, but a worker hosts one"
                            + " implementation per interface: leave one of them a bean (or host"
                            + " one through an ActivityDispatcher bean of your own, the others"
                            + " no beans)"));
  }

  @Test
  void typesNoBeanImplements_runTheManifestsImplementation_unlessTurnedOff() {
    runner
        .withBean(Salutation.class, () -> new Salutation("Hey"))
        .withBean(GreetingsImpl.class)
        .run(
            context -> {
              // No Welcome bean: the manifest's new WelcomeImpl(new GreetingsStub()) runs it.
              assertThat(context.getBean(Worker.class).decisionTaskLists())
                  .contains("spring-welcome");
              assertThat(context.getBean(WelcomeWorkflowClient.class).execute("Bo"))
                  .isEqualTo("Hey, Bo!");
            });
    runner
        .withBean(Salutation.class, () -> new Salutation("Hey"))
        .withBean(GreetingsImpl.class)
        .withPropertyValues("flow.worker.manifest-implementations=false")
        .run(
            context -> {
              Worker worker = context.getBean(Worker.class);
              assertThat(worker.decisionTaskLists()).doesNotContain("spring-welcome");
              assertThat(worker.activityTaskLists()).containsExactly("spring-greetings");
            });
  }

  @Test
  void workerDisabled_leavesTheClientAndTheGeneratedBeans() {
    runner
        .withPropertyValues("flow.worker.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(Worker.class);
              assertThat(context).doesNotHaveBean(FlowWorkerLifecycle.class);
              assertThat(context).hasSingleBean(FlowClient.class);
              assertThat(context).hasSingleBean(WelcomeWorkflowClient.class);
              Health health = context.getBean(FlowHealthIndicator.class).health();
              assertThat(health.getDetails()).containsEntry("worker", "disabled");
            });
  }

  @Test
  void nothingToHost_failsTheStart_sayingHowToRunWithoutAWorker() {
    runner
        .withPropertyValues("flow.worker.manifest-implementations=false")
        .run(
            context -> {
              assertThat(context)
                  .getFailure()
                  .hasStackTraceContaining(
                      "flow.worker.enabled is true, but the worker has nothing to host: no"
                          + " FlowManifest on the class path creates an implementation, and no bean"
                          + " implements an @Activity or @Workflow interface. Set"
                          + " flow.worker.enabled=false in an application that only starts"
                          + " workflows");
              assertThat(context)
                  .getFailure()
                  .rootCause()
                  .hasMessageStartingWith("a Worker needs something to host");
            });
  }

  @Test
  void badEngine_failsTheStart_namingTheProperty() {
    runner
        .withPropertyValues("flow.engine=sqlite:flow.db", "flow.worker.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining(
                        "cannot make the FlowClient of flow.engine=sqlite:flow.db,"
                            + " flow.domain=auto: bad engine 'sqlite:flow.db'"));
  }

  @Test
  void dataConverterBean_isTheClients() {
    DataConverter converter = DataConverter.json();
    runner
        .withPropertyValues("flow.worker.enabled=false")
        .withBean(DataConverter.class, () -> converter)
        .run(
            context ->
                assertThat(context.getBean(FlowClient.class).dataConverter()).isSameAs(converter));
  }

  @Test
  void health_isDown_whenTheEngineCannotBeReached() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    runner
        .withPropertyValues(
            "flow.engine=http://127.0.0.1:" + closedPort, "flow.worker.enabled=false")
        .run(
            context -> {
              Health health = context.getBean(FlowHealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              assertThat(health.getDetails()).containsEntry("worker", "disabled");
              assertThat(health.getDetails().get("engine").toString()).startsWith("unreachable: ");
            });
  }

  @Test
  void health_isDown_whenTheDomainIsUnknown() {
    runner
        .withPropertyValues("flow.domain=never-registered", "flow.worker.enabled=false")
        .run(
            context -> {
              Health health = context.getBean(FlowHealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              assertThat(health.getDetails())
                  .containsEntry("engine", "reachable")
                  .containsEntry("domainStatus", "UNKNOWN");
            });
  }

  @Test
  void withoutMicrometerOrTheActuator_theWorkerStillRuns() {
    runner
        .withUserConfiguration(Beans.class)
        .withClassLoader(new FilteredClassLoader(MeterRegistry.class, HealthIndicator.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(FlowHealthIndicator.class);
              assertThat(context).doesNotHaveBean(FlowWorkerCustomizer.class);
              assertThat(context.getBean(WelcomeWorkflowClient.class).execute("Cy"))
                  .isEqualTo("Hi, Cy!");
            });
  }

  @Test
  void customizers_adjustTheWorker_afterTheProperties() {
    runner
        .withUserConfiguration(Beans.class)
        .withPropertyValues("flow.worker.task-list=from-properties")
        .withBean(FlowWorkerCustomizer.class, () -> worker -> worker.taskList("from-customizer"))
        .run(
            context ->
                assertThat(context.getBean(Worker.class).decisionTaskLists())
                    .containsExactly("from-customizer"));
  }
}
