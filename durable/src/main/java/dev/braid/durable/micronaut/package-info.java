/**
 * Micronaut beans for durable runs, configured from {@code braid.durable.*} properties: a {@link
 * dev.braid.durable.DurableRuns} singleton to submit runs and read them back, and a {@link
 * dev.braid.durable.Worker} started with the application that runs every {@link
 * dev.braid.runtime.PipelineDefinition} bean the application declares, and closed with it.
 *
 * <p>Micronaut finds these beans on its own; an application without Micronaut never loads this
 * package, and braid-durable does not bring Micronaut in. Depends on {@code dev.braid.durable},
 * Braid's runtime API, HikariCP and {@code micronaut-inject}, nothing else of Micronaut.
 */
@NullMarked
package dev.braid.durable.micronaut;

import org.jspecify.annotations.NullMarked;
