package dev.braid.durable;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How a {@link Worker} drains the queue. Immutable; built by {@link #builder()}, which checks each
 * value.
 *
 * <pre>{@code
 * WorkerConfig config = WorkerConfig.builder().maxConcurrentRuns(8)
 *     .lease(Duration.ofSeconds(30)).heartbeat(Duration.ofSeconds(10)).build();
 * }</pre>
 */
public final class WorkerConfig {
  private final String workerId;
  private final int maxConcurrentRuns;
  private final Duration lease;
  private final Duration heartbeat;
  private final Duration pollInterval;
  private final int maxAttempts;

  private WorkerConfig(Builder builder) {
    this.workerId = builder.workerId;
    this.maxConcurrentRuns = builder.maxConcurrentRuns;
    this.lease = builder.lease;
    this.heartbeat = builder.heartbeat;
    this.pollInterval = builder.pollInterval;
    this.maxAttempts = builder.maxAttempts;
  }

  public static WorkerConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The name the worker's leases carry; unique per worker. */
  public String workerId() {
    return workerId;
  }

  /** The most runs the worker runs at once; a full worker claims nothing. */
  public int maxConcurrentRuns() {
    return maxConcurrentRuns;
  }

  /** How long a claim lasts without a heartbeat before another worker may take the run over. */
  public Duration lease() {
    return lease;
  }

  /** How often the worker renews the leases of its runs and looks for cancel requests. */
  public Duration heartbeat() {
    return heartbeat;
  }

  /** How long an idle worker waits before looking for queued runs again. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** How many claims a run gets before a worker fails it instead of running it again. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Collects settings; not thread-safe. */
  public static final class Builder {
    private String workerId = "worker-" + UUID.randomUUID();
    private int maxConcurrentRuns = 4;
    private Duration lease = Duration.ofSeconds(30);
    private Duration heartbeat = Duration.ofSeconds(10);
    private Duration pollInterval = Duration.ofSeconds(1);
    private int maxAttempts = 3;

    private Builder() {}

    public Builder workerId(String workerId) {
      if (workerId.isBlank() || workerId.length() > 200) {
        throw new IllegalArgumentException(
            "WorkerConfig workerId must be 1 to 200 characters, was '" + workerId + "'");
      }
      this.workerId = workerId;
      return this;
    }

    public Builder maxConcurrentRuns(int runs) {
      if (runs < 1) {
        throw new IllegalArgumentException(
            "WorkerConfig maxConcurrentRuns must be at least 1, was " + runs);
      }
      this.maxConcurrentRuns = runs;
      return this;
    }

    public Builder lease(Duration lease) {
      this.lease = positive("lease", lease);
      return this;
    }

    public Builder heartbeat(Duration heartbeat) {
      this.heartbeat = positive("heartbeat", heartbeat);
      return this;
    }

    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = positive("pollInterval", pollInterval);
      return this;
    }

    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException(
            "WorkerConfig maxAttempts must be at least 1, was " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Builds the config.
     *
     * @throws IllegalArgumentException if the heartbeat is not shorter than half the lease
     */
    public WorkerConfig build() {
      if (heartbeat.multipliedBy(2).compareTo(lease) > 0) {
        throw new IllegalArgumentException("WorkerConfig heartbeat (" + heartbeat + ") must be at"
            + " most half the lease (" + lease + "), or one slow heartbeat loses every run;"
            + " shorten the heartbeat or lengthen the lease");
      }
      return new WorkerConfig(this);
    }

    private static Duration positive(String field, Duration value) {
      Objects.requireNonNull(value, field);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(
            "WorkerConfig " + field + " must be positive, was " + value);
      }
      return value;
    }
  }
}
