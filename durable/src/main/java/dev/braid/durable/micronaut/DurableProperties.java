package dev.braid.durable.micronaut;

import dev.braid.durable.QueueLimit;
import dev.braid.durable.WhenNoWorker;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where durable runs are stored, from the {@code braid.durable.*} properties. At most one of
 * {@code jdbc-url}, {@code datasource} and {@code dir} is set; with none, runs go to the embedded
 * H2 database in {@code .braid} under the working directory, unless the application has a {@code
 * DataSource} bean of its own.
 *
 * @param jdbcUrl a database of its own, H2 or PostgreSQL, pooled by HikariCP and closed with the
 *     application
 * @param username the user of {@code jdbcUrl}
 * @param password that user's password
 * @param datasource the name of the application's {@code DataSource} bean to use, when it has
 *     several
 * @param dir the directory of the embedded H2 database
 * @param maxQueued the most runs the queue may hold before a submit pushes back; none if unset
 * @param queueWait how long a submit waits for room in a full queue before it is rejected, as
 *     {@code 5s} or {@code PT5S}; unset or zero to reject at once
 * @param whenNoWorker what a submit does with a run of a pipeline that no live worker runs:
 *     {@code warn} (the default) queues it and logs a warning, {@code reject} refuses it
 */
@ConfigurationProperties(DurableProperties.PREFIX)
record DurableProperties(
    @Nullable String jdbcUrl,
    @Nullable String username,
    @Nullable String password,
    @Nullable String datasource,
    @Nullable String dir,
    @Nullable Long maxQueued,
    @Nullable String queueWait,
    @Nullable String whenNoWorker) {

  static final String PREFIX = "braid.durable";

  /** The queue bound the properties give: none unless {@code max-queued} is set. */
  QueueLimit queueLimit() {
    if (maxQueued == null) {
      if (queueWait != null) {
        throw new IllegalArgumentException("Property " + PREFIX + ".queue-wait is set but "
            + PREFIX + ".max-queued is not; set max-queued too, or remove queue-wait");
      }
      return QueueLimit.none();
    }
    if (maxQueued < 1) {
      throw new IllegalArgumentException("Property " + PREFIX + ".max-queued is " + maxQueued
          + ", which would accept no run; set at least 1, or remove it for no bound");
    }
    Duration wait = queueWait == null ? Duration.ZERO
        : DurationProperty.parse(PREFIX + ".queue-wait", queueWait);
    return QueueLimit.block(maxQueued, wait);
  }

  /** What submits do with a run that no live worker runs: {@code warn} unless set. */
  WhenNoWorker noWorkerChoice() {
    if (whenNoWorker == null) {
      return WhenNoWorker.WARN;
    }
    for (WhenNoWorker choice : WhenNoWorker.values()) {
      if (choice.name().equalsIgnoreCase(whenNoWorker.strip())) {
        return choice;
      }
    }
    throw new IllegalArgumentException("Property " + PREFIX + ".when-no-worker is \""
        + whenNoWorker + "\"; write warn, to queue the run and log a warning, or reject, to"
        + " refuse it");
  }

  /** Leaves the password out, so that logging the properties does not leak it. */
  @Override
  public String toString() {
    return "DurableProperties[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password="
        + (password == null ? null : "****") + ", datasource=" + datasource + ", dir=" + dir
        + ", maxQueued=" + maxQueued + ", queueWait=" + queueWait + ", whenNoWorker="
        + whenNoWorker + "]";
  }
}
