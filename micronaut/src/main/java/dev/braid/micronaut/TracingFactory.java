package dev.braid.micronaut;

import dev.braid.runtime.tracing.OpenTelemetryTracing;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.inject.Singleton;

/**
 * Traces every run with the application's {@link OpenTelemetry}: {@link OpenTelemetryTracing} is a
 * run listener, so every injected executor hears it. The application's own replaces it.
 */
@Factory
@Requires(classes = OpenTelemetry.class)
final class TracingFactory {

  @Singleton
  @Requires(beans = OpenTelemetry.class)
  @Requires(missingBeans = OpenTelemetryTracing.class)
  OpenTelemetryTracing braidTracing(OpenTelemetry openTelemetry) {
    return OpenTelemetryTracing.create(openTelemetry);
  }
}
