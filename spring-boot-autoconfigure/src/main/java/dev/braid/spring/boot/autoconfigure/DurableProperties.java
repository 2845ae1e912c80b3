package dev.braid.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where durable runs are stored and how the application's worker drains them, from {@code
 * braid.durable.*}. At most one of {@code jdbc-url}, {@code datasource} and {@code dir} is set;
 * with none, runs go to the application's {@code DataSource}, or, if it has none, to the
 * embedded H2 database in {@code .braid} under the working directory.
 *
 * @param jdbcUrl a database of its own, H2 or PostgreSQL, pooled by HikariCP and closed with the
 *     application
 * @param username the user of {@code jdbc-url}
 * @param password that user's password
 * @param datasource the name of the application's {@code DataSource} bean to use, when it has
 *     several
 * @param dir the directory of the embedded H2 database
 * @param maxQueued the most runs the queue may hold before a submit pushes back; no bound if unset
 * @param queueWait how long a submit waits for room in a full queue before it is rejected; zero to
 *     reject at once
 * @param whenNoWorker what a submit does with a run of a pipeline that no live worker runs:
 *     {@code warn} (the default) queues it and logs a warning, {@code reject} refuses it
 * @param rateLimits each model's rate limit, shared by every worker of the database, by the model
 *     name its client reports: {@code braid.durable.rate-limits.gpt-4o.requests-per-minute=500};
 *     a name with a dot goes in brackets, {@code braid.durable.rate-limits.[gpt-4.1]…}
 * @param worker the application's worker
 */
@ConfigurationProperties(DurableProperties.PREFIX)
public record DurableProperties(
    @Nullable String jdbcUrl,
    @Nullable String username,
    @Nullable String password,
    @Nullable String datasource,
    @Nullable String dir,
    @Nullable Long maxQueued,
    @Nullable Duration queueWait,
    @Nullable String whenNoWorker,
    @DefaultValue Map<String, RateLimitProperties> rateLimits,
    @DefaultValue WorkerProperties worker) {

  static final String PREFIX = "braid.durable";

  /**
   * One model's rate limit; at least one of the two per-minute limits is set.
   *
   * @param requestsPerMinute the most calls a minute
   * @param tokensPerMinute the most input and output tokens a minute
   * @param tokensPerCall the tokens a call reserves before it starts, corrected by what it used;
   *     1,000 unless set
   */
  public record RateLimitProperties(
      @Nullable Long requestsPerMinute,
      @Nullable Long tokensPerMinute,
      @Nullable Long tokensPerCall) {}

  /**
   * The application's worker; each setting left out keeps the {@code WorkerConfig} default.
   *
   * @param enabled {@code false} for an application that only submits runs
   * @param id the name the worker's leases carry; unique per worker, random by default
   * @param maxConcurrentRuns the most runs the worker runs at once
   * @param lease how long a claim lasts without a heartbeat before another worker takes it over
   * @param heartbeat how often the worker renews its leases and looks for cancel requests
   * @param pollInterval how long an idle worker waits before it looks for queued runs again
   * @param maxAttempts how many claims a run gets before it is failed instead of run again
   * @param stepConcurrency the most of the worker's runs that may run a step at once, by step
   *     name as written in the pipeline
   * @param fireSchedules {@code false} for a worker that leaves due schedules to the others
   * @param retainFinishedRuns how long ended runs are kept; kept for good when left out
   * @param retainStoppedEarlyRuns how long runs that stopped early are kept
   * @param retentionInterval how often the worker looks for runs past their retention
   * @param shutdownGracePeriod how long the application, when it stops, lets the runs in flight
   *     finish before it hands the rest back to the queue with their checkpoints; keep it below
   *     {@code spring.lifecycle.timeout-per-shutdown-phase}
   */
  public record WorkerProperties(
      @DefaultValue("true") boolean enabled,
      @Nullable String id,
      @Nullable Integer maxConcurrentRuns,
      @Nullable Duration lease,
      @Nullable Duration heartbeat,
      @Nullable Duration pollInterval,
      @Nullable Integer maxAttempts,
      @DefaultValue Map<String, Integer> stepConcurrency,
      @Nullable Boolean fireSchedules,
      @Nullable Duration retainFinishedRuns,
      @Nullable Duration retainStoppedEarlyRuns,
      @Nullable Duration retentionInterval,
      @DefaultValue("10s") Duration shutdownGracePeriod) {}

  /** Leaves the password out, so that logging the properties does not leak it. */
  @Override
  public String toString() {
    return "DurableProperties[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password="
        + (password == null ? null : "****") + ", datasource=" + datasource + ", dir=" + dir
        + ", maxQueued=" + maxQueued + ", queueWait=" + queueWait + ", whenNoWorker="
        + whenNoWorker + ", rateLimits=" + rateLimits + ", worker=" + worker + "]";
  }
}
