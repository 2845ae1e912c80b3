/**
 * Configures the executors Micronaut injects: from the {@code braid.pipelines.*} properties, the
 * application's {@code PipelineConfig} bean named after a pipeline, its {@code RunListener} beans,
 * and metrics and tracing when it has a {@code MeterRegistry} or an {@code OpenTelemetry} bean.
 * Depends on Braid's public API and {@code micronaut-inject}; Micrometer and OpenTelemetry only
 * when the application has them.
 */
@NullMarked
package dev.braid.micronaut;

import org.jspecify.annotations.NullMarked;
