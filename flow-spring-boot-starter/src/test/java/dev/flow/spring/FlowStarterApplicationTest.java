package dev.flow.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.spring.app.FlowTestApplication;
import dev.flow.spring.app.WelcomeWorkflowClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A Spring Boot application as a user writes it ({@link FlowTestApplication}): an activity bean
 * with an injected dependency, a prototype workflow bean taking its generated stub, the generated
 * client injected; on the embedded engine, with the actuator.
 */
@SpringBootTest(
    classes = FlowTestApplication.class,
    properties = {
      "flow.engine=embedded",
      "flow.domain=spring-app",
      "app.salutation=Howdy",
      "management.endpoint.health.show-details=always"
    })
class FlowStarterApplicationTest {
  @Autowired WelcomeWorkflowClient welcome;
  @Autowired MeterRegistry meters;
  @Autowired HealthEndpoint health;

  @Test
  void workflowBean_runsThroughTheInjectedClient_callingTheActivityBeanAndItsDependency() {
    WelcomeWorkflowClient.Handle run = welcome.start("Ada");

    assertThat(run.result()).isEqualTo("Howdy, Ada!");
    assertThat(welcome.execute("Grace")).isEqualTo("Howdy, Grace!");
  }

  @Test
  void metrics_countTheWorkersTasks_inTheApplicationsRegistry() {
    welcome.execute("Linus");

    assertThat(
            meters
                .get("flow.worker.activity")
                .tag("activityType", "Greetings.greet")
                .tag("outcome", "completed")
                .timer()
                .count())
        .isPositive();
    assertThat(
            meters
                .get("flow.worker.decision.task")
                .tag("workflowType", "Welcome")
                .tag("outcome", "answered")
                .timer()
                .count())
        .isPositive();
  }

  @Test
  void health_isUp_withTheDomainAndTheTaskListsPolled() {
    Health flow = (Health) health.healthForPath("flow");

    assertThat(flow.getStatus()).isEqualTo(Status.UP);
    Map<String, Object> details = flow.getDetails();
    assertThat(details)
        .containsEntry("domain", "spring-app")
        .containsEntry("worker", "polling")
        .containsEntry("engine", "reachable")
        .containsEntry("domainStatus", "REGISTERED");
    assertThat(details.get("decisionTaskLists").toString()).contains("spring-welcome");
    assertThat(details.get("activityTaskLists").toString()).contains("spring-greetings");
  }
}
