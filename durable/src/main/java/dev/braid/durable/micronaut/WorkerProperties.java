package dev.braid.durable.micronaut;

import dev.braid.durable.WorkerConfig;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How the application's worker drains the queue, from the {@code braid.durable.worker.*}
 * properties; each one left out keeps the {@link WorkerConfig} default. Durations are written as
 * in Braid's annotations, {@code 250ms}, {@code 30s}, {@code 2m}, {@code 1h}, or in days, {@code
 * 30d}, or in ISO-8601 such as {@code PT30S}.
 *
 * @param enabled {@code false} for a service that only submits runs and starts no worker
 * @param id the name the worker's leases carry, random by default; a stable id per process lets a
 *     restarted worker take its runs back at once
 * @param maxConcurrentRuns the most runs the worker runs at once
 * @param lease how long a claim lasts without a heartbeat before another worker takes the run over
 * @param heartbeat how often the worker renews its leases and looks for cancel requests
 * @param pollInterval how long an idle worker waits before it looks for queued runs again
 * @param maxAttempts how many claims a run gets before it is failed instead of run again
 * @param stepConcurrency the most of the worker's runs that may run a step at once, by step name
 *     as written in the pipeline: {@code braid.durable.worker.step-concurrency.draft=5}
 * @param fireSchedules {@code false} for a worker that leaves due schedules to the others
 * @param retainFinishedRuns how long ended runs are kept before the worker deletes them; kept for
 *     good when left out
 * @param retainStoppedEarlyRuns how long runs that stopped early are kept; at least {@code
 *     retain-finished-runs}
 * @param retentionInterval how often the worker looks for runs past their retention
 */
@ConfigurationProperties(WorkerProperties.PREFIX)
record WorkerProperties(
    @Bindable(defaultValue = "true") boolean enabled,
    @Nullable String id,
    @Nullable Integer maxConcurrentRuns,
    @Nullable String lease,
    @Nullable String heartbeat,
    @Nullable String pollInterval,
    @Nullable Integer maxAttempts,
    @MapFormat(keyFormat = StringConvention.RAW) @Nullable Map<String, Integer> stepConcurrency,
    @Nullable Boolean fireSchedules,
    @Nullable String retainFinishedRuns,
    @Nullable String retainStoppedEarlyRuns,
    @Nullable String retentionInterval) {

  static final String PREFIX = DurableProperties.PREFIX + ".worker";

  /**
   * The worker's config.
   *
   * @throws IllegalArgumentException naming the property at fault, if a value is out of range or
   *     not a duration, or if values do not fit together, such as a heartbeat longer than half
   *     the lease
   */
  WorkerConfig toConfig() {
    WorkerConfig.Builder builder = WorkerConfig.builder();
    set("id", id, builder::workerId);
    set("max-concurrent-runs", maxConcurrentRuns, builder::maxConcurrentRuns);
    set("lease", duration("lease", lease), builder::lease);
    set("heartbeat", duration("heartbeat", heartbeat), builder::heartbeat);
    set("poll-interval", duration("poll-interval", pollInterval), builder::pollInterval);
    set("max-attempts", maxAttempts, builder::maxAttempts);
    if (stepConcurrency != null) {
      stepConcurrency.forEach((step, max) ->
          set("step-concurrency." + step, max, limit -> builder.stepConcurrency(step, limit)));
    }
    set("fire-schedules", fireSchedules, builder::fireSchedules);
    set("retain-finished-runs", duration("retain-finished-runs", retainFinishedRuns),
        builder::retainFinishedRuns);
    set("retain-stopped-early-runs",
        duration("retain-stopped-early-runs", retainStoppedEarlyRuns),
        builder::retainStoppedEarlyRuns);
    set("retention-interval", duration("retention-interval", retentionInterval),
        builder::retentionInterval);
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Properties under " + PREFIX + " do not fit together: "
          + e.getMessage(), e);
    }
  }

  private static <T> void set(String property, @Nullable T value, Consumer<T> setter) {
    if (value == null) {
      return;
    }
    try {
      setter.accept(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Property " + PREFIX + "." + property + " is invalid: " + e.getMessage(), e);
    }
  }

  private static @Nullable Duration duration(String property, @Nullable String value) {
    return value == null ? null : DurationProperty.parse(PREFIX + "." + property, value);
  }
}
