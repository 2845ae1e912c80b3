package dev.braid.spring.boot.autoconfigure;

import dev.braid.runtime.tracing.OpenTelemetryTracing;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Traces every run with the application's {@link OpenTelemetry}, when it has one: a span per run,
 * attempt and model call. {@link OpenTelemetryTracing} is a run listener, so every executor hears
 * it; an application's own bean of that type replaces it.
 */
@AutoConfiguration(afterName =
    "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration")
@ConditionalOnClass(OpenTelemetry.class)
public final class BraidTracingAutoConfiguration {

  @Bean
  @ConditionalOnBean(OpenTelemetry.class)
  @ConditionalOnMissingBean
  OpenTelemetryTracing braidTracing(OpenTelemetry openTelemetry) {
    return OpenTelemetryTracing.create(openTelemetry);
  }
}
