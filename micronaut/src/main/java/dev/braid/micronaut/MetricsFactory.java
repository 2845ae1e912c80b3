package dev.braid.micronaut;

import dev.braid.micrometer.BraidMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * Records every run's metrics in the application's {@link MeterRegistry}: {@link BraidMetrics} is
 * a run listener, so every injected executor hears it. The application's own replaces it.
 */
@Factory
@Requires(classes = {BraidMetrics.class, MeterRegistry.class})
final class MetricsFactory {

  @Singleton
  @Requires(beans = MeterRegistry.class)
  @Requires(missingBeans = BraidMetrics.class)
  BraidMetrics braidMetrics(MeterRegistry registry) {
    return BraidMetrics.create(registry);
  }
}
