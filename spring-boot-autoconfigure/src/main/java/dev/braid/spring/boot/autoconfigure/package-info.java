/**
 * Spring Boot auto-configuration for Braid: every executor the processor generated, and its
 * {@code @Pipeline} or {@code @Router} class, becomes a bean, configured from the {@code
 * braid.*} properties and the application's {@code RunListener}, {@code MeterRegistry}, {@code
 * OpenTelemetry} and {@code DataSource} beans. An application's own bean of any of these types
 * wins over the one made here. Depends on Braid's public API and Spring Boot's; Micrometer,
 * OpenTelemetry, braid-durable and Actuator only when the application has them.
 */
@NullMarked
package dev.braid.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
