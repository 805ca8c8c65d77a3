package dev.flow.spring;

import dev.flow.BlobStore;
import dev.flow.DataConverter;
import dev.flow.FlowClient;
import dev.flow.Worker;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;

/**
 * Flow in a Spring Boot application, from {@code flow.*} properties ({@link FlowProperties}):
 *
 * <ul>
 *   <li>a {@link FlowClient} of {@code flow.engine} and {@code flow.domain} (embedded:flow.db and
 *       default out of the box), with the application's {@link DataConverter} bean if it has one;
 *   <li>a bean for every generated stub ({@code MediaStub}, {@code ProcessVideoStub}, {@code
 *       ProcessVideoSelf}) and workflow client ({@code ProcessVideoWorkflowClient}) of the
 *       generated {@code FlowManifest}s on the class path, to inject;
 *   <li>a {@link Worker} (unless {@code flow.worker.enabled=false}) hosting the application's beans
 *       that implement {@code @Activity} and {@code @Workflow} interfaces, its {@link
 *       org.springframework.context.SmartLifecycle} starting it with the context and stopping it
 *       gracefully, and {@link FlowWorkerCustomizer} beans applied;
 *   <li>with Micrometer, the worker's metrics ({@code flow.worker.*}) in the application's {@link
 *       MeterRegistry}; with the actuator, the {@code flow} health indicator ({@link
 *       FlowHealthIndicator}).
 * </ul>
 *
 * <p>An activity bean may be a singleton: the worker calls it from several threads at once (up to
 * {@code flow.worker.activity-pollers} per task list), so it must be thread-safe. A workflow bean
 * must be of prototype scope ({@code @Scope("prototype")}): every run gets an instance of its own,
 * which holds the run's state; a singleton workflow bean fails the start with a message saying so.
 * Workflow code replays, so a workflow bean takes generated stubs and deterministic helpers only,
 * never a bean that does I/O.
 *
 * <pre>{@code
 * @Component
 * class MediaImpl implements Media {               // an activity: any scope, thread-safe
 *   MediaImpl(VideoStore store) { ... }
 * }
 *
 * @Component
 * @Scope("prototype")
 * class ProcessVideoImpl implements ProcessVideo { // a workflow: prototype
 *   ProcessVideoImpl(MediaStub media) { ... }
 * }
 *
 * @RestController
 * class Videos {
 *   Videos(ProcessVideoWorkflowClient videos) { ... }
 * }
 * }</pre>
 *
 * <p>Each bean here backs off when the application declares one of its type.
 */
@AutoConfiguration
@EnableConfigurationProperties(FlowProperties.class)
@Import(FlowBeansRegistrar.class)
public class FlowAutoConfiguration {
  /**
   * The client of {@code flow.engine} and {@code flow.domain}; closing it (with the context) closes
   * the embedded engine it opened.
   *
   * @throws IllegalArgumentException naming the properties when they cannot be used
   */
  @Bean
  @ConditionalOnMissingBean
  public FlowClient flowClient(FlowProperties properties, ObjectProvider<DataConverter> converter) {
    FlowClient.Builder client =
        FlowClient.builder()
            .engine(properties.getEngine())
            .domain(properties.getDomain())
            .identity(properties.getIdentity());
    converter.ifAvailable(client::dataConverter);
    try {
      if (properties.getBlobs() != null) {
        client.blobStore(BlobStore.at(properties.getBlobs()));
      }
      if (properties.getMaxPayloadBytes() != null) {
        client.maxPayloadBytes(properties.getMaxPayloadBytes());
      }
      return client.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IllegalArgumentException(
          "cannot make the FlowClient of flow.engine="
              + properties.getEngine()
              + ", flow.domain="
              + properties.getDomain()
              + (properties.getBlobs() == null ? "" : ", flow.blobs=" + properties.getBlobs())
              + (properties.getMaxPayloadBytes() == null
                  ? ""
                  : ", flow.max-payload-bytes=" + properties.getMaxPayloadBytes())
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** The worker, and what starts and stops it with the context. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBooleanProperty(name = "flow.worker.enabled", matchIfMissing = true)
  static class WorkerConfiguration {
    @Bean
    @ConditionalOnMissingBean
    Worker flowWorker(
        FlowClient flow,
        FlowProperties properties,
        ConfigurableListableBeanFactory beans,
        ObjectProvider<FlowWorkerCustomizer> customizers) {
      Worker.Builder builder =
          new FlowWorkerFactory(beans, Manifests.load(beans.getBeanClassLoader()))
              .builder(flow, properties.getWorker());
      customizers.orderedStream().forEach(c -> c.customize(builder));
      try {
        return builder.build();
      } catch (IllegalStateException e) {
        throw new IllegalStateException(
            "flow.worker.enabled is true, but the worker has nothing to host: no FlowManifest on"
                + " the class path creates an implementation, and no bean implements an @Activity"
                + " or @Workflow interface. Set flow.worker.enabled=false in an application that"
                + " only starts workflows",
            e);
      }
    }

    @Bean
    FlowWorkerLifecycle flowWorkerLifecycle(Worker flowWorker) {
      return new FlowWorkerLifecycle(flowWorker);
    }
  }

  /** The worker's metrics in the application's registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class MetricsConfiguration {
    @Bean
    @Order(0)
    FlowWorkerCustomizer flowWorkerMetrics(ObjectProvider<MeterRegistry> registry) {
      return worker -> registry.ifUnique(worker::meterRegistry);
    }
  }

  /** {@code /actuator/health/flow}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  @ConditionalOnEnabledHealthIndicator("flow")
  static class HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "flowHealthIndicator")
    FlowHealthIndicator flowHealthIndicator(
        FlowClient flow, ObjectProvider<FlowWorkerLifecycle> worker) {
      return new FlowHealthIndicator(flow, worker.getIfAvailable());
    }
  }
}
