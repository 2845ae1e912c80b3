package dev.braid.durable.micronaut;

import dev.braid.durable.DurableRuns;
import dev.braid.durable.Worker;
import dev.braid.durable.WorkerConfig;
import dev.braid.runtime.PipelineDefinition;
import io.micronaut.context.BeanLocator;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Makes the beans of durable runs. {@link DurableRuns} is made when first injected; {@link
 * WorkerConfig} holds the worker properties, and an application may replace it. The {@link
 * Worker} starts with the application, when the application declares at least one {@link
 * PipelineDefinition} bean and {@code braid.durable.worker.enabled} is not {@code false}, and runs
 * every such pipeline; it is closed when the application stops, before the database it uses.
 */
@Factory
final class DurableFactory {
  private static final System.Logger LOG = System.getLogger(Worker.class.getName());

  @Singleton
  @Bean(preDestroy = "close")
  DurableDataSource durableDataSource(DurableProperties properties, BeanLocator beans) {
    return DurableDataSource.choose(properties, beans);
  }

  @Singleton
  DurableRuns durableRuns(DurableDataSource database, DurableProperties properties) {
    return DurableRuns.create(database.dataSource(), properties.queueLimit())
        .whenNoWorker(properties.noWorkerChoice());
  }

  /** The worker's config with the models' rate limits, checked before the database is opened. */
  @Singleton
  WorkerConfig workerConfig(WorkerProperties properties, Environment environment) {
    WorkerConfig.Builder config = properties.toConfig().toBuilder();
    RateLimitProperties.read(environment).forEach(config::rateLimit);
    return config.build();
  }

  @Context
  @Requires(property = WorkerProperties.PREFIX + ".enabled", notEquals = "false")
  @Requires(beans = PipelineDefinition.class)
  @Bean(preDestroy = "close")
  Worker worker(WorkerConfig config, DurableDataSource database,
      List<PipelineDefinition<?>> pipelines) {
    Worker worker = Worker.start(database.dataSource(), config,
        pipelines.toArray(PipelineDefinition<?>[]::new));
    LOG.log(Level.INFO, () -> "Braid worker " + config.workerId() + " runs "
        + pipelines.stream().map(PipelineDefinition::name).toList() + ", at most "
        + config.maxConcurrentRuns() + " at once, stored in " + database.description());
    return worker;
  }
}
