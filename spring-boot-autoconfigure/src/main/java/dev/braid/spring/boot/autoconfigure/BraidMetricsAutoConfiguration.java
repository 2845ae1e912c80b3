package dev.braid.spring.boot.autoconfigure;

import dev.braid.micrometer.BraidMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Records every run's metrics in the application's {@link MeterRegistry}, when it has one and
 * braid-micrometer is on the class path: {@link BraidMetrics} is a run listener, so every executor
 * hears it. An application's own {@code BraidMetrics} bean, with tags of its choosing, replaces it.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({BraidMetrics.class, MeterRegistry.class})
public final class BraidMetricsAutoConfiguration {

  @Bean
  @ConditionalOnBean(MeterRegistry.class)
  @ConditionalOnMissingBean
  BraidMetrics braidMetrics(MeterRegistry registry) {
    return BraidMetrics.create(registry);
  }
}
