package dev.flow.spring;

import dev.flow.FlowClient;
import dev.flow.Worker;
import dev.flow.spi.ActivityBinding;
import dev.flow.spi.ActivityDispatcher;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.Manifest;
import dev.flow.spi.WorkflowBinding;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowSpec;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Builds the worker: every type the manifests declare; each {@code @Activity} and {@code @Workflow}
 * interface's implementation bean; {@link WorkflowDefinition} and {@link ActivityDispatcher} beans
 * as they are; and, unless {@code flow.worker.manifest-implementations=false}, what the manifests
 * create themselves for the types no bean hosts.
 */
final class FlowWorkerFactory {
  private static final Logger LOG = LoggerFactory.getLogger(FlowWorkerFactory.class);

  private final ConfigurableListableBeanFactory beans;
  private final List<Manifest> manifests;

  FlowWorkerFactory(ConfigurableListableBeanFactory beans, List<Manifest> manifests) {
    this.beans = beans;
    this.manifests = manifests;
  }

  /**
   * The builder of the worker, hosting what this class comment says, with {@code settings}.
   *
   * @throws IllegalStateException naming the bean and the fix when a workflow bean is not of
   *     prototype scope, or when two beans implement one interface
   */
  Worker.Builder builder(FlowClient flow, FlowProperties.Worker settings) {
    Worker.Builder builder = Worker.builder(flow);
    for (Manifest manifest : manifests) {
      builder.manifest(settings.isManifestImplementations() ? manifest : typesOnly(manifest));
      for (ActivityBinding<?> binding : manifest.activityBindings()) {
        String name = implementation(binding.type(), "@Activity");
        if (name != null) {
          builder.activities(binding.dispatcher(beans.getBean(name)));
          LOG.debug("hosting activity bean '{}' for {}", name, binding.type().getName());
        }
      }
      for (WorkflowBinding<?> binding : manifest.workflowBindings()) {
        String name = implementation(binding.type(), "@Workflow");
        if (name != null) {
          requirePrototype(name, binding);
          builder.workflow(binding.definition(() -> beans.getBean(name)));
          LOG.debug("hosting workflow bean '{}' for {}", name, binding.type().getName());
        }
      }
    }
    beans.getBeanProvider(WorkflowDefinition.class).orderedStream().forEach(builder::workflow);
    beans.getBeanProvider(ActivityDispatcher.class).orderedStream().forEach(builder::activities);
    if (settings.getTaskList() != null) {
      builder.taskList(settings.getTaskList());
    }
    builder.decisionPollers(settings.getDecisionPollers());
    builder.activityPollers(settings.getActivityPollers());
    if (settings.getStickyCacheSize() != null) {
      builder.stickyCacheSize(settings.getStickyCacheSize());
    }
    builder.shutdownGracePeriod(settings.getShutdownGracePeriod());
    builder.pollRetryBackoff(settings.getPollRetryInitial(), settings.getPollRetryMax());
    if (settings.getIdentity() != null) {
      builder.identity(settings.getIdentity());
    }
    return builder;
  }

  /** The one bean implementing {@code type}, or null if none does. */
  private String implementation(Class<?> type, String kind) {
    String[] names = beans.getBeanNamesForType(type);
    if (names.length > 1) {
      String listed =
          Arrays.stream(names).sorted().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
      throw new IllegalStateException(
          "beans "
              + listed
              + " implement "
              + kind
              + " "
              + type.getName()
              + ", but a worker hosts one implementation per interface: leave one of them a bean"
              + " (or host one through an "
              + (kind.equals("@Workflow") ? "WorkflowDefinition" : "ActivityDispatcher")
              + " bean of your own, the others no beans)");
    }
    return names.length == 1 ? names[0] : null;
  }

  /** Every run needs an instance of its own: a singleton would share one run's state with all. */
  private void requirePrototype(String name, WorkflowBinding<?> binding) {
    if (beans.isPrototype(name)) {
      return;
    }
    Class<?> type = binding.type();
    Class<?> beanType = beans.getType(name);
    // The generated definition's name (Outer_FlowDefinition for a nested Outer.Flow); making a
    // definition does not call its factory.
    String definition = binding.definition(() -> null).getClass().getSimpleName();
    throw new IllegalStateException(
        "workflow bean '"
            + name
            + "' ("
            + (beanType == null ? "?" : beanType.getName())
            + ", implementing @Workflow "
            + type.getName()
            + ") is not of prototype scope, but every workflow run needs an instance of its own"
            + " (it holds the run's state): annotate it @Scope(\"prototype\") (or its @Bean"
            + " method), or declare a WorkflowDefinition bean instead, such as "
            + definition
            + ".of(() -> new "
            + (beanType == null ? type.getSimpleName() + "Impl" : beanType.getSimpleName())
            + "(...))");
  }

  /** {@code manifest}'s types, without the implementations it would create. */
  private static Manifest typesOnly(Manifest manifest) {
    return new Manifest() {
      @Override
      public List<WorkflowSpec> workflowTypes() {
        return manifest.workflowTypes();
      }

      @Override
      public List<ActivitySpec> activityTypes() {
        return manifest.activityTypes();
      }

      @Override
      public List<WorkflowDefinition> workflowImplementations() {
        return List.of();
      }

      @Override
      public List<ActivityDispatcher> activityImplementations() {
        return List.of();
      }
    };
  }
}
