package dev.flow.spring;

import dev.flow.FlowClient;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import software.amazon.awssdk.services.swf.model.DomainInfo;
import software.amazon.awssdk.services.swf.model.RegistrationStatus;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;

/**
 * Flow's health ({@code /actuator/health/flow}): UP when the engine answers for the domain and
 * finds it registered, and the worker (when {@code flow.worker.enabled}) is polling; DOWN with the
 * reason otherwise. Details: the domain and its status, the worker's state and task lists, why the
 * engine could not be reached. Each check is one DescribeDomain call to the engine.
 */
public final class FlowHealthIndicator implements HealthIndicator {
  private final FlowClient flow;
  private final FlowWorkerLifecycle worker;

  /**
   * Checks {@code flow}'s engine and domain, and {@code worker} (null: the application runs no
   * worker).
   */
  public FlowHealthIndicator(FlowClient flow, FlowWorkerLifecycle worker) {
    this.flow = flow;
    this.worker = worker;
  }

  @Override
  public Health health() {
    Health.Builder health = Health.up().withDetail("domain", flow.domain());
    if (worker == null) {
      health.withDetail("worker", "disabled");
    } else if (worker.isRunning()) {
      health
          .withDetail("worker", "polling")
          .withDetail("decisionTaskLists", worker.worker().decisionTaskLists())
          .withDetail("activityTaskLists", worker.worker().activityTaskLists());
    } else {
      health.down().withDetail("worker", "stopped");
    }
    try {
      DomainInfo domain = flow.swf().describeDomain(r -> r.name(flow.domain())).domainInfo();
      health.withDetail("engine", "reachable").withDetail("domainStatus", domain.statusAsString());
      if (domain.status() != RegistrationStatus.REGISTERED) {
        health.down();
      }
    } catch (UnknownResourceException e) {
      health.down().withDetail("engine", "reachable").withDetail("domainStatus", "UNKNOWN");
    } catch (RuntimeException e) {
      health.down().withDetail("engine", "unreachable: " + e.getMessage());
    }
    return health.build();
  }
}
