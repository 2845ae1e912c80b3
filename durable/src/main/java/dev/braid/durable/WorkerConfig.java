package dev.braid.durable;

import dev.braid.runtime.RateLimit;
import dev.braid.runtime.time.TimeSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link Worker} drains the queue. Immutable; built by {@link #builder()}, which checks each
 * value.
 *
 * <pre>{@code
 * WorkerConfig config = WorkerConfig.builder().workerId("host-a").maxConcurrentRuns(8)
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
  private final Map<String, Integer> stepConcurrency;
  private final boolean firesSchedules;
  private final @Nullable Duration retainFinishedRuns;
  private final @Nullable Duration retainStoppedEarlyRuns;
  private final Duration retentionInterval;
  private final List<RateLimit> rateLimits;
  private final TimeSource timeSource;

  private WorkerConfig(Builder builder) {
    this.workerId = builder.workerId;
    this.maxConcurrentRuns = builder.maxConcurrentRuns;
    this.lease = builder.lease;
    this.heartbeat = builder.heartbeat;
    this.pollInterval = builder.pollInterval;
    this.maxAttempts = builder.maxAttempts;
    this.stepConcurrency = Map.copyOf(builder.stepConcurrency);
    this.firesSchedules = builder.firesSchedules;
    this.retainFinishedRuns = builder.retainFinishedRuns;
    this.retainStoppedEarlyRuns = builder.retainStoppedEarlyRuns;
    this.retentionInterval = builder.retentionInterval;
    this.rateLimits = List.copyOf(builder.rateLimits.values());
    this.timeSource = builder.timeSource;
  }

  public static WorkerConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this config's values. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.workerId = workerId;
    builder.maxConcurrentRuns = maxConcurrentRuns;
    builder.lease = lease;
    builder.heartbeat = heartbeat;
    builder.pollInterval = pollInterval;
    builder.maxAttempts = maxAttempts;
    builder.stepConcurrency.putAll(stepConcurrency);
    builder.firesSchedules = firesSchedules;
    builder.retainFinishedRuns = retainFinishedRuns;
    builder.retainStoppedEarlyRuns = retainStoppedEarlyRuns;
    builder.retentionInterval = retentionInterval;
    rateLimits.forEach(limit -> builder.rateLimits.put(limit.model(), limit));
    builder.timeSource = timeSource;
    return builder;
  }

  /**
   * The name the worker's leases carry. A worker that starts under the id of a worker that died
   * (a restarted process) takes that worker's runs back at once rather than after their leases
   * expire; so give each worker process a stable id of its own, such as its host name or its pod
   * name in a StatefulSet. Random, {@code worker-<uuid>}, unless set: such a worker is never
   * recognized after a restart, and its runs are taken over once their leases expire. Two running
   * workers given the same id by mistake still never run one run twice; the second logs a warning.
   */
  public String workerId() {
    return workerId;
  }

  /** The most runs the worker runs at once; a full worker claims nothing. */
  public int maxConcurrentRuns() {
    return maxConcurrentRuns;
  }

  /**
   * How long a claim lasts without a heartbeat before another worker may take the run over; 20
   * seconds by default. It bounds how long the runs of a worker that died wait for another worker
   * (a worker restarted under its id does not wait), and it is how long a worker rides out a
   * database it cannot reach before it gives its runs up: 20 s outlasts three missed heartbeats and
   * a typical PostgreSQL restart or failover.
   */
  public Duration lease() {
    return lease;
  }

  /**
   * How often the worker renews the leases of its runs and looks for cancel requests; 5 seconds by
   * default, so a cancel reaches a running run within 5 s, for one short {@code UPDATE} per run in
   * flight each time. At most half the lease.
   */
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

  /**
   * The most runs of this worker that may run each named step at once, by step name: a step of
   * that name in any pipeline the worker runs. Steps not named have no limit of their own.
   */
  public Map<String, Integer> stepConcurrency() {
    return stepConcurrency;
  }

  /**
   * The rate limits of the models the worker's steps call, shared with every worker of the same
   * database that sets them; empty unless set.
   */
  public List<RateLimit> rateLimits() {
    return rateLimits;
  }

  /** Whether the worker fires due {@link RunSchedules schedules}; true unless turned off. */
  public boolean firesSchedules() {
    return firesSchedules;
  }

  /**
   * How long runs that {@code SUCCEEDED}, {@code FAILED} or were {@code CANCELLED} are kept after
   * they finished before the worker deletes them; empty (the default) to keep them.
   */
  public Optional<Duration> retainFinishedRuns() {
    return Optional.ofNullable(retainFinishedRuns);
  }

  /**
   * How long runs that {@code STOPPED_EARLY} are kept before the worker deletes them; empty (the
   * default) to keep them until they are resumed.
   */
  public Optional<Duration> retainStoppedEarlyRuns() {
    return Optional.ofNullable(retainStoppedEarlyRuns);
  }

  /** How often the worker looks for runs past their retention. */
  public Duration retentionInterval() {
    return retentionInterval;
  }

  /**
   * Where the worker reads the time it writes (claims, leases, heartbeats, schedule fires, ends)
   * and waits on (polls, heartbeats, lease checks, retries of failed claims, a drain's grace);
   * {@link TimeSource#system()} unless set.
   */
  public TimeSource timeSource() {
    return timeSource;
  }

  /** Collects settings; not thread-safe. */
  public static final class Builder {
    private String workerId = "worker-" + UUID.randomUUID();
    private int maxConcurrentRuns = 4;
    private Duration lease = Duration.ofSeconds(20);
    private Duration heartbeat = Duration.ofSeconds(5);
    private Duration pollInterval = Duration.ofSeconds(1);
    private int maxAttempts = 3;
    private final Map<String, Integer> stepConcurrency = new LinkedHashMap<>();
    private final Map<String, RateLimit> rateLimits = new LinkedHashMap<>();
    private boolean firesSchedules = true;
    private @Nullable Duration retainFinishedRuns;
    private @Nullable Duration retainStoppedEarlyRuns;
    private Duration retentionInterval = Duration.ofMinutes(10);
    private TimeSource timeSource = TimeSource.system();

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
     * Lets at most {@code max} of this worker's runs run step {@code step} at once, typically to
     * stay under a model's rate limit: {@code stepConcurrency("draft", 5)}. A run whose step
     * finds the limit reached waits for a slot; the wait counts against the step's timeout and
     * the run's deadline, so the step times out rather than waits forever. The limit is per
     * worker: with several workers, divide the rate limit among them.
     *
     * @throws IllegalArgumentException if {@code max} is below 1
     */
    public Builder stepConcurrency(String step, int max) {
      Objects.requireNonNull(step, "step");
      if (max < 1) {
        throw new IllegalArgumentException("WorkerConfig stepConcurrency for step '" + step
            + "' must be at least 1, was " + max + "; to keep a worker from running a pipeline,"
            + " do not register it");
      }
      stepConcurrency.put(step, max);
      return this;
    }

    /**
     * Limits the calls to {@code limit}'s model across every worker of the database that sets the
     * same limit: each call through {@code StepContext.call} waits until the model's requests and
     * tokens per minute have room, within its step's timeout and its run's deadline, runs of a
     * higher priority first, in whichever worker they wait. Set the same limit on every worker;
     * one set again replaces it.
     *
     * <pre>{@code
     * WorkerConfig.builder()
     *     .rateLimit(RateLimit.model("gpt-4o").requestsPerMinute(500).tokensPerMinute(200_000))
     *     .build();
     * }</pre>
     *
     * @throws IllegalArgumentException if the limit sets neither requests nor tokens per minute
     */
    public Builder rateLimit(RateLimit limit) {
      Objects.requireNonNull(limit, "limit");
      if (limit.requestsPerMinute() < 0 && limit.tokensPerMinute() < 0) {
        throw new IllegalArgumentException("WorkerConfig rateLimit for model '" + limit.model()
            + "' sets neither requestsPerMinute nor tokensPerMinute; set one");
      }
      rateLimits.put(limit.model(), limit);
      return this;
    }

    /**
     * Whether the worker fires due schedules, at most once per poll; true by default. Each due
     * time fires once however many workers fire schedules, so turning this off only spares a
     * worker the work.
     */
    public Builder fireSchedules(boolean fire) {
      this.firesSchedules = fire;
      return this;
    }

    /**
     * Deletes runs that {@code SUCCEEDED}, {@code FAILED} or were {@code CANCELLED}, with their
     * checkpoints, once they finished longer than {@code retention} ago. Runs that {@code
     * STOPPED_EARLY} wait for a person to resume them and are kept unless {@link
     * #retainStoppedEarlyRuns} is set too.
     */
    public Builder retainFinishedRuns(Duration retention) {
      this.retainFinishedRuns = positive("retainFinishedRuns", retention);
      return this;
    }

    /**
     * Deletes runs that {@code STOPPED_EARLY}, with their checkpoints, once they stopped longer
     * than {@code retention} ago. Needs {@link #retainFinishedRuns}, at most as long.
     */
    public Builder retainStoppedEarlyRuns(Duration retention) {
      this.retainStoppedEarlyRuns = positive("retainStoppedEarlyRuns", retention);
      return this;
    }

    /** How often the worker deletes runs past their retention; 10 minutes by default. */
    public Builder retentionInterval(Duration interval) {
      this.retentionInterval = positive("retentionInterval", interval);
      return this;
    }

    /**
     * Runs the worker on {@code timeSource} instead of the system's time; for tests, which pass
     * the virtual time their pipelines run on (braid-test's {@code DurableTestbed} does), so that
     * leases, heartbeats, schedules, polls and rate-limit waits pass in virtual time too.
     *
     * <p>On a source other than the system's, the worker's threads take part in that source's
     * busy accounting: they count as busy while they work and idle while they wait, so virtual
     * time moves only while they wait. And the worker does not poll: it sleeps until the next
     * instant the database says something is due (a queued run's {@code notBefore}, the end of a
     * lease, a schedule's next fire time, a retention sweep), or until a run is submitted, ends
     * or is scheduled in the same JVM; its heartbeat and lease checks sleep only while it has runs
     * in flight. So each due time is met at its exact instant, and time does not run on while
     * nothing is due. Give the worker the time source of its pipelines' executors: the worker
     * counts a run's thread busy until it hands the run to the pipeline's engine.
     */
    public Builder timeSource(TimeSource timeSource) {
      this.timeSource = Objects.requireNonNull(timeSource, "timeSource");
      return this;
    }

    /**
     * Builds the config.
     *
     * @throws IllegalArgumentException if the heartbeat is not shorter than half the lease, or
     *     runs that stopped early would be kept less long than runs that ended
     */
    public WorkerConfig build() {
      if (heartbeat.multipliedBy(2).compareTo(lease) > 0) {
        throw new IllegalArgumentException("WorkerConfig heartbeat (" + heartbeat + ") must be at"
            + " most half the lease (" + lease + "), or one slow heartbeat loses every run;"
            + " shorten the heartbeat or lengthen the lease");
      }
      if (retainStoppedEarlyRuns != null && (retainFinishedRuns == null
          || retainStoppedEarlyRuns.compareTo(retainFinishedRuns) < 0)) {
        throw new IllegalArgumentException("WorkerConfig retainStoppedEarlyRuns ("
            + retainStoppedEarlyRuns + ") must be at least retainFinishedRuns ("
            + (retainFinishedRuns == null ? "unset: kept forever" : retainFinishedRuns)
            + "): a run that stopped early may still be resumed, so keep it at least as long"
            + " as runs that ended; lengthen retainStoppedEarlyRuns or set a shorter"
            + " retainFinishedRuns");
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
