package dev.flow.spring;

import dev.flow.FlowClient;
import dev.flow.spi.ActivityBinding;
import dev.flow.spi.Injectable;
import dev.flow.spi.Manifest;
import dev.flow.spi.WorkflowBinding;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers a bean for every generated stub and workflow client the manifests list, so that
 * workflow beans take their stubs and any bean its workflow clients by injection. Each is a
 * fallback bean: one of the application's own of the same type (a client {@code withOptions}, say)
 * wins.
 */
final class FlowBeansRegistrar
    implements ImportBeanDefinitionRegistrar, BeanClassLoaderAware, BeanFactoryAware {
  private ClassLoader classLoader;
  private BeanFactory beanFactory;

  @Override
  public void setBeanClassLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  @Override
  public void registerBeanDefinitions(
      AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
    for (Injectable<?> injectable : injectables(Manifests.load(classLoader))) {
      String name = injectable.type().getName();
      if (registry.containsBeanDefinition(name)) {
        continue;
      }
      RootBeanDefinition definition = new RootBeanDefinition(injectable.type());
      definition.setInstanceSupplier(
          () -> injectable.create(beanFactory.getBean(FlowClient.class)));
      definition.setFallback(true);
      registry.registerBeanDefinition(name, definition);
    }
  }

  private static List<Injectable<?>> injectables(List<Manifest> manifests) {
    List<Injectable<?>> all = new ArrayList<>();
    for (Manifest manifest : manifests) {
      for (ActivityBinding<?> binding : manifest.activityBindings()) {
        all.addAll(binding.injectables());
      }
      for (WorkflowBinding<?> binding : manifest.workflowBindings()) {
        all.addAll(binding.injectables());
      }
    }
    return all;
  }
}
