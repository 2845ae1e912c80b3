package dev.braid.spring.boot.autoconfigure;

import java.beans.Introspector;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.util.ClassUtils;

/**
 * Registers every executor of {@link ExecutorIndex}, and its pipeline or router class, as a bean,
 * unless the application already defines a bean of that type. It runs after the application's
 * own configuration classes have been read, so that their beans are known and win. A pipeline
 * class is created by constructor injection, as a component would be; an executor with the
 * {@link PipelineConfigs} of its pipeline.
 */
final class ExecutorRegistrar implements BeanDefinitionRegistryPostProcessor, ResourceLoaderAware {
  static final String INDEX_BEAN = "braidExecutorIndex";

  private @Nullable ResourceLoader resources;

  @Override
  public void setResourceLoader(ResourceLoader resourceLoader) {
    this.resources = resourceLoader;
  }

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
    if (!(registry instanceof ConfigurableListableBeanFactory beans)) {
      throw new IllegalStateException("Braid registers its executors in a bean factory that can"
          + " list its beans; " + registry.getClass().getName() + " cannot");
    }
    ExecutorIndex index = ExecutorIndex.load(ResourcePatternUtils.getResourcePatternResolver(
        resources));
    RootBeanDefinition indexDefinition = new RootBeanDefinition(ExecutorIndex.class);
    indexDefinition.setInstanceSupplier(() -> index);
    indexDefinition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
    registry.registerBeanDefinition(INDEX_BEAN, indexDefinition);
    ExecutorFactory factory = new ExecutorFactory(beans);
    ClassLoader classLoader = beans.getBeanClassLoader();
    for (IndexEntry entry : index.entries()) {
      Class<?> type = load(entry.type(), entry, classLoader);
      Class<?> executor = load(entry.executor(), entry, classLoader);
      if (beans.getBeanNamesForType(type, true, false).length == 0) {
        registry.registerBeanDefinition(name(type, registry), new RootBeanDefinition(type));
      }
      if (beans.getBeanNamesForType(executor, true, false).length == 0) {
        RootBeanDefinition definition = new RootBeanDefinition(executor);
        definition.setInstanceSupplier(() -> factory.create(entry, executor));
        registry.registerBeanDefinition(name(executor, registry), definition);
      }
    }
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}

  /** The name a component scan would give {@code type}, or its class name if that is taken. */
  private static String name(Class<?> type, BeanDefinitionRegistry registry) {
    String simple = Introspector.decapitalize(ClassUtils.getShortName(type).replace('.', '_'));
    return registry.containsBeanDefinition(simple) ? type.getName() : simple;
  }

  private static Class<?> load(String className, IndexEntry entry, @Nullable ClassLoader loader) {
    try {
      return ClassUtils.forName(className, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("Braid's executor entry " + entry.source() + " names "
          + className + ", which cannot be loaded (" + e + "); rebuild the module that holds it,"
          + " or delete the stale entry from its build output", e);
    }
  }
}
