/**
 * Mounts the console in a Micronaut application, under {@code /braid} by default, over the
 * application's {@code DurableRuns} bean and its {@code PipelineDefinition} beans. Uses Micronaut
 * only here: an application without Micronaut never loads this package.
 */
@NullMarked
package dev.braid.console.micronaut;

import org.jspecify.annotations.NullMarked;
