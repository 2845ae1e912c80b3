package dev.braid.durable.micronaut;

import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A one-step pipeline, {@code sayHello}, declared as a bean the way an application declares its
 * durable pipelines. A name that starts with "block" makes the step wait until it is interrupted,
 * standing in for a run still in flight when the application stops.
 */
@Factory
@Requires(property = GreetingPipeline.ENABLED, value = "true")
class GreetingPipeline {
  static final String NAME = "Greeting";
  static final String ENABLED = "test.greeting-pipeline";

  static volatile CountDownLatch blocked = new CountDownLatch(1);

  @Singleton
  PipelineDefinition<String> greeting() {
    return definition();
  }

  static PipelineDefinition<String> definition() {
    PipelinePlan.Builder plan = PipelinePlan.builder(NAME).inputs("name");
    plan.step("sayHello").readsInputs(0);
    plan.output(0);
    return PipelineDefinition.of(PipelineEngine.create(plan.build()), List.of(String.class),
        List.of(String.class), inputs -> (step, outputs, context) -> {
          String name = (String) inputs[0];
          if (name.startsWith("block")) {
            blocked.countDown();
            new CountDownLatch(1).await();
          }
          return "Hello, " + name;
        });
  }
}
