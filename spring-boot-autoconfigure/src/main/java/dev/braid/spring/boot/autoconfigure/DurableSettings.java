package dev.braid.spring.boot.autoconfigure;

import dev.braid.durable.QueueLimit;
import dev.braid.durable.WhenNoWorker;
import dev.braid.durable.WorkerConfig;
import dev.braid.runtime.RateLimit;
import dev.braid.spring.boot.autoconfigure.DurableProperties.RateLimitProperties;
import dev.braid.spring.boot.autoconfigure.DurableProperties.WorkerProperties;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Turns {@link DurableProperties} into durable's configs, naming the property of a bad value. */
final class DurableSettings {
  private static final String PREFIX = DurableProperties.PREFIX + ".";
  private static final String WORKER = PREFIX + "worker.";

  private DurableSettings() {}

  static QueueLimit queueLimit(DurableProperties properties) {
    if (properties.maxQueued() == null) {
      if (properties.queueWait() != null) {
        throw new InvalidBraidPropertyException(PREFIX + "queue-wait", "is set but "
            + PREFIX + "max-queued is not", "set max-queued too, or remove queue-wait");
      }
      return QueueLimit.none();
    }
    if (properties.maxQueued() < 1) {
      throw new InvalidBraidPropertyException(PREFIX + "max-queued", "is "
          + properties.maxQueued() + ", which would accept no run",
          "set at least 1, or remove it for no bound");
    }
    Duration wait = properties.queueWait() == null ? Duration.ZERO : properties.queueWait();
    if (wait.isNegative()) {
      throw new InvalidBraidPropertyException(PREFIX + "queue-wait", "is " + wait,
          "write a duration of zero or more, such as 5s");
    }
    return QueueLimit.block(properties.maxQueued(), wait);
  }

  /** What submits do with a run no live worker runs: {@code warn} unless set. */
  static WhenNoWorker whenNoWorker(DurableProperties properties) {
    String value = properties.whenNoWorker();
    if (value == null) {
      return WhenNoWorker.WARN;
    }
    for (WhenNoWorker choice : WhenNoWorker.values()) {
      if (choice.name().equalsIgnoreCase(value.strip())) {
        return choice;
      }
    }
    throw new InvalidBraidPropertyException(PREFIX + "when-no-worker", "is '" + value + "'",
        "write warn, to queue the run and log a warning, or reject, to refuse it");
  }

  static WorkerConfig workerConfig(DurableProperties properties) {
    WorkerProperties worker = properties.worker();
    WorkerConfig.Builder builder = WorkerConfig.builder();
    properties.rateLimits().forEach((model, limit) -> builder.rateLimit(rateLimit(model, limit)));
    set("id", worker.id(), builder::workerId);
    set("max-concurrent-runs", worker.maxConcurrentRuns(), builder::maxConcurrentRuns);
    set("lease", worker.lease(), builder::lease);
    set("heartbeat", worker.heartbeat(), builder::heartbeat);
    set("poll-interval", worker.pollInterval(), builder::pollInterval);
    set("max-attempts", worker.maxAttempts(), builder::maxAttempts);
    worker.stepConcurrency().forEach((step, max) ->
        set("step-concurrency." + step, max, limit -> builder.stepConcurrency(step, limit)));
    set("fire-schedules", worker.fireSchedules(), builder::fireSchedules);
    set("retain-finished-runs", worker.retainFinishedRuns(), builder::retainFinishedRuns);
    set("retain-stopped-early-runs", worker.retainStoppedEarlyRuns(),
        builder::retainStoppedEarlyRuns);
    set("retention-interval", worker.retentionInterval(), builder::retentionInterval);
    if (worker.shutdownGracePeriod().isNegative()) {
      throw new InvalidBraidPropertyException(WORKER + "shutdown-grace-period",
          "is " + worker.shutdownGracePeriod(), "write a duration of zero or more, such as 10s");
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidBraidPropertyException(WORKER.substring(0, WORKER.length() - 1),
          "holds values that do not fit together (" + e.getMessage() + ")",
          "change the values the message names", e);
    }
  }

  /** The rate limit of {@code model} that {@code braid.durable.rate-limits.<model>.*} sets. */
  private static RateLimit rateLimit(String model, RateLimitProperties properties) {
    String prefix = PREFIX + "rate-limits." + (model.contains(".") ? "[" + model + "]" : model);
    if (properties.requestsPerMinute() == null && properties.tokensPerMinute() == null) {
      throw new InvalidBraidPropertyException(prefix, "sets neither requests-per-minute nor"
          + " tokens-per-minute", "set one or both, or remove the model to leave it unlimited");
    }
    RateLimit limit = RateLimit.model(model);
    limit = positive(prefix + ".requests-per-minute", properties.requestsPerMinute(), limit,
        RateLimit::requestsPerMinute);
    limit = positive(prefix + ".tokens-per-minute", properties.tokensPerMinute(), limit,
        RateLimit::tokensPerMinute);
    return positive(prefix + ".tokens-per-call", properties.tokensPerCall(), limit,
        RateLimit::tokensPerCall);
  }

  private static RateLimit positive(String property, @Nullable Long value, RateLimit limit,
      BiFunction<RateLimit, Long, RateLimit> setter) {
    if (value == null) {
      return limit;
    }
    if (value < 1) {
      throw new InvalidBraidPropertyException(property, "is " + value,
          "write a whole number of at least 1");
    }
    return setter.apply(limit, value);
  }

  private static <T> void set(String property, @Nullable T value, Consumer<T> setter) {
    if (value == null) {
      return;
    }
    try {
      setter.accept(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidBraidPropertyException(WORKER + property, "is " + value + " ("
          + e.getMessage() + ")", "change it as the message says", e);
    }
  }
}
