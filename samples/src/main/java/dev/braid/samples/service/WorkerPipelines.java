package dev.braid.samples.service;

import dev.braid.runtime.PipelineDefinition;
import dev.braid.samples.ticket.Reply;
import dev.braid.samples.ticket.TicketPipelineExecutor;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The pipelines the service's worker runs: braid-durable starts a worker for every {@link
 * PipelineDefinition} bean. A service that only submits runs declares none, or sets {@code
 * braid.durable.worker.enabled=false}.
 */
@Factory
@Requires(env = Application.ENVIRONMENT)
final class WorkerPipelines {
  @Singleton
  PipelineDefinition<Reply> tickets(TicketPipelineExecutor executor) {
    return executor.definition();
  }
}
