package dev.flow.spring;

import dev.flow.Worker;

/**
 * Adjusts the auto-configured worker before it is built: declare beans of this type for what {@code
 * flow.worker.*} does not cover. They run in their {@code @Order}, after the properties are applied
 * and the beans to host are added.
 *
 * <pre>{@code
 * @Bean
 * FlowWorkerCustomizer replayOnly() {
 *   return worker -> worker.stickyCacheSize(0);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface FlowWorkerCustomizer {
  /** Adjusts {@code worker}. */
  void customize(Worker.Builder worker);
}
