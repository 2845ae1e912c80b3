package dev.braid.micronaut;

import dev.braid.runtime.PipelineConfig;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** An application's own executor of {@link GreetingPipeline}, made by a factory of its own. */
@Factory
@Requires(property = OwnExecutorFactory.ENABLED, value = "true")
class OwnExecutorFactory {
  static final String ENABLED = "test.own-executor";
  static final GreetingPipelineExecutor OWN =
      new GreetingPipelineExecutor(new GreetingPipeline(), PipelineConfig.empty());

  @Singleton
  @Replaces(GreetingPipelineExecutor.class)
  GreetingPipelineExecutor ownExecutor() {
    return OWN;
  }
}
