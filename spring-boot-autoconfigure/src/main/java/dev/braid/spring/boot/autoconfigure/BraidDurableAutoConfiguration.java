package dev.braid.spring.boot.autoconfigure;

import dev.braid.durable.DurableRuns;
import dev.braid.durable.WorkerConfig;
import dev.braid.runtime.PipelineDefinition;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * Durable runs, when braid-durable is on the class path: {@link DurableRuns} stored where {@code
 * braid.durable.*} says, a worker that runs every durable pipeline in the context's lifecycle, and
 * an Actuator health indicator. Each bean the application declares of these types wins.
 */
@AutoConfiguration(after = BraidAutoConfiguration.class,
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(DurableRuns.class)
@EnableConfigurationProperties(DurableProperties.class)
public final class BraidDurableAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  DurableStore braidDurableStore(DurableProperties properties, ListableBeanFactory beans) {
    return DurableStore.choose(properties, beans);
  }

  @Bean
  @ConditionalOnMissingBean
  DurableRuns durableRuns(DurableStore store, DurableProperties properties) {
    return DurableRuns.create(store.dataSource(), DurableSettings.queueLimit(properties))
        .whenNoWorker(DurableSettings.whenNoWorker(properties));
  }

  /** The worker's config, checked at startup, before the database is opened. */
  @Bean
  @ConditionalOnMissingBean
  WorkerConfig braidWorkerConfig(DurableProperties properties) {
    return DurableSettings.workerConfig(properties);
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = DurableProperties.PREFIX + ".worker", name = "enabled",
      matchIfMissing = true)
  DurableWorkers braidDurableWorkers(DurableStore store, WorkerConfig config,
      DurableProperties properties,
      @Qualifier(ExecutorRegistrar.INDEX_BEAN) ExecutorIndex index, ListableBeanFactory beans) {
    return new DurableWorkers(store, config, properties.worker().shutdownGracePeriod(),
        () -> durablePipelines(index, beans));
  }

  /**
   * The definitions of every durable pipeline's executor bean, and every {@link
   * PipelineDefinition} bean; one per pipeline name.
   */
  static List<PipelineDefinition<?>> durablePipelines(
      ExecutorIndex index, ListableBeanFactory beans) {
    Map<String, PipelineDefinition<?>> byName = new LinkedHashMap<>();
    for (IndexEntry entry : index.entries()) {
      if (entry.durable()) {
        PipelineDefinition<?> definition = definition(entry, beans);
        byName.putIfAbsent(definition.name(), definition);
      }
    }
    for (PipelineDefinition<?> definition : beans.getBeanProvider(PipelineDefinition.class)
        .orderedStream().map(d -> (PipelineDefinition<?>) d).toList()) {
      byName.putIfAbsent(definition.name(), definition);
    }
    return new ArrayList<>(byName.values());
  }

  private static PipelineDefinition<?> definition(IndexEntry entry, ListableBeanFactory beans) {
    try {
      Class<?> type = ClassUtils.forName(entry.executor(), ClassUtils.getDefaultClassLoader());
      Object executor = beans.getBean(type);
      return (PipelineDefinition<?>) type.getMethod("definition").invoke(executor);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("Cannot read the definition of " + entry.executor(),
          e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException("Cannot read the definition of " + entry.executor()
          + ", listed in " + entry.source() + "; rebuild it with the processor of the runtime"
          + " on the class path", e);
    }
  }

  /** Workers and database in {@code /actuator/health}, under {@code braidDurable}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  @ConditionalOnEnabledHealthIndicator("braid-durable")
  static final class Health {

    @Bean
    @ConditionalOnMissingBean(name = "braidDurableHealthIndicator")
    HealthIndicator braidDurableHealthIndicator(
        DurableStore store, ObjectProvider<DurableWorkers> workers) {
      return new DurableHealthIndicator(store, workers);
    }
  }
}
