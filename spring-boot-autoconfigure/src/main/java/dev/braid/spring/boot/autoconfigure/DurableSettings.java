package dev.braid.spring.boot.autoconfigure;

import dev.braid.durable.QueueLimit;
import dev.braid.durable.WorkerConfig;
import dev.braid.spring.boot.autoconfigure.DurableProperties.WorkerProperties;
import java.time.Duration;
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

  static WorkerConfig workerConfig(WorkerProperties worker) {
    WorkerConfig.Builder builder = WorkerConfig.builder();
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
