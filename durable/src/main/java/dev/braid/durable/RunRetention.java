package dev.braid.durable;

import dev.braid.durable.internal.Migrations;
import dev.braid.durable.internal.RunSweeper;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Deletes ended runs, with their checkpoints, on demand. Workers do the same periodically when
 * {@link WorkerConfig.Builder#retainFinishedRuns} is set; this is for an application that prefers
 * to decide when, or has no worker running.
 *
 * <pre>{@code
 * long deleted = RunRetention.create(db).deleteFinished(Duration.ofDays(30));
 * }</pre>
 *
 * <p>Runs are deleted in batches of {@value RunSweeper#BATCH}, each its own short transaction, so
 * a large backlog does not hold the runs table for long; a call returns once no run older than the
 * cutoff is left. Queued and running runs are never deleted. Creating one brings the schema up to
 * date. Thread-safe.
 */
public final class RunRetention {
  private static final Set<RunStatus> FINISHED =
      EnumSet.of(RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED);

  private final RunSweeper sweeper;

  private RunRetention(RunSweeper sweeper) {
    this.sweeper = sweeper;
  }

  /**
   * Retention of the runs stored in {@code dataSource}'s database, H2 or PostgreSQL, whose schema
   * is migrated first.
   *
   * @throws IllegalStateException if the database is neither, or its schema is newer than this
   *     library
   */
  public static RunRetention create(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new RunRetention(new RunSweeper(dataSource, Migrations.migrate(dataSource)));
  }

  /**
   * Deletes the runs that {@code SUCCEEDED}, {@code FAILED} or were {@code CANCELLED} longer than
   * {@code age} ago, and their checkpoints; how many runs it deleted. Runs that {@code
   * STOPPED_EARLY} are kept: see {@link #deleteStoppedEarly}.
   *
   * @throws DurableStoreException if the database refused a batch; the batches before it stay
   *     deleted
   */
  public long deleteFinished(Duration age) {
    return delete(FINISHED, age);
  }

  /**
   * Deletes the runs that {@code STOPPED_EARLY} longer than {@code age} ago, and their
   * checkpoints; such a run can no longer be resumed. How many runs it deleted.
   *
   * @throws DurableStoreException if the database refused a batch; the batches before it stay
   *     deleted
   */
  public long deleteStoppedEarly(Duration age) {
    return delete(EnumSet.of(RunStatus.STOPPED_EARLY), age);
  }

  private long delete(Set<RunStatus> statuses, Duration age) {
    Objects.requireNonNull(age, "age");
    if (age.isNegative()) {
      throw new IllegalArgumentException("RunRetention age cannot be negative, was "
          + age + "; use Duration.ZERO to delete every ended run");
    }
    try {
      return sweeper.delete(statuses, Instant.now().minus(age), Long.MAX_VALUE);
    } catch (SQLException e) {
      throw new DurableStoreException("Could not delete the " + statuses + " runs that ended more"
          + " than " + age + " ago", e);
    }
  }
}
