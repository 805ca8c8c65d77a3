package dev.flow.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flow.FlowClient;
import dev.flow.spring.hold.HoldImpl;
import dev.flow.spring.hold.HoldStub;
import dev.flow.spring.hold.HoldingImpl;
import dev.flow.spring.hold.HoldingWorkflowClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/** The worker starts with the application context and stops with it, letting running tasks end. */
class FlowWorkerLifecycleTest {
  @Configuration(proxyBeanMethods = false)
  static class HoldBeans {
    @Bean
    HoldImpl hold() {
      return new HoldImpl();
    }

    @Bean
    @Scope("prototype")
    HoldingImpl holding(HoldStub hold) {
      return new HoldingImpl(hold);
    }
  }

  @Test
  void stoppingTheContext_stopsPolling_andLetsTheRunningActivityFinish() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(FlowAutoConfiguration.class))
        .withPropertyValues(
            "flow.engine=embedded",
            "flow.domain=lifecycle",
            "flow.worker.manifest-implementations=false")
        .withUserConfiguration(HoldBeans.class)
        .run(
            context -> {
              FlowWorkerLifecycle lifecycle = context.getBean(FlowWorkerLifecycle.class);
              FlowHealthIndicator health = context.getBean(FlowHealthIndicator.class);
              HoldImpl hold = context.getBean(HoldImpl.class);
              assertThat(lifecycle.isRunning()).isTrue();
              assertThat(health.health().getStatus()).isEqualTo(Status.UP);
              HoldingWorkflowClient.Handle run =
                  context.getBean(HoldingWorkflowClient.class).start("parcel");
              hold.entered.await();

              Thread stopping = new Thread(context::stop, "test-stop");
              stopping.start();
              while (lifecycle.isRunning()) {
                Thread.onSpinWait();
              }
              hold.release.countDown();
              stopping.join();

              // The activity ran to its end and its result was reported; nothing decided after
              // (the decision task it scheduled waits for a worker).
              List<EventType> events =
                  history(context.getBean(FlowClient.class), run.workflowId(), run.runId());
              assertThat(events)
                  .containsSubsequence(
                      EventType.ACTIVITY_TASK_STARTED,
                      EventType.ACTIVITY_TASK_COMPLETED,
                      EventType.DECISION_TASK_SCHEDULED)
                  .endsWith(EventType.DECISION_TASK_SCHEDULED)
                  .doesNotContain(EventType.ACTIVITY_TASK_FAILED);
              Health stopped = health.health();
              assertThat(stopped.getStatus()).isEqualTo(Status.DOWN);
              assertThat(stopped.getDetails()).containsEntry("worker", "stopped");

              assertThatThrownBy(context::start)
                  .rootCause()
                  .hasMessage(
                      "the Flow worker was stopped and cannot start again (a Worker does not"
                          + " restart): refresh a new application context instead");
            });
  }

  private static List<EventType> history(FlowClient flow, String workflowId, String runId) {
    return flow
        .swf()
        .getWorkflowExecutionHistory(
            r ->
                r.domain(flow.domain())
                    .execution(
                        WorkflowExecution.builder().workflowId(workflowId).runId(runId).build()))
        .events()
        .stream()
        .map(HistoryEvent::eventType)
        .toList();
  }
}
