package dev.braid.durable;

import dev.braid.durable.internal.CronSchedule;
import dev.braid.durable.internal.Json;
import dev.braid.durable.internal.Dialect;
import dev.braid.durable.internal.Migrations;
import dev.braid.durable.internal.ScheduleTable;
import dev.braid.runtime.time.TimeSource;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Recurring runs: named schedules, each a cron expression read in a time zone and the pipeline and
 * inputs of the runs it submits. Workers fire them: at each due time, exactly one worker queues
 * one run, however many workers poll the database.
 *
 * <pre>{@code
 * RunSchedules schedules = RunSchedules.create(DurableDatabase.h2());
 * Instant next = schedules.schedule("nightly-digest", "0 3 * * *", ZoneId.of("Europe/Paris"),
 *     "DigestPipeline", new DigestRequest("all"));
 * }</pre>
 *
 * <p>Expressions are standard five-field Unix cron, {@code minute hour day-of-month month
 * day-of-week}, with lists, ranges, steps and names ({@code 0 9 * * MON-FRI}); as in crontab(5), a
 * day matches when either restricted day field does. The macros {@code @yearly}, {@code
 * @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight} and {@code
 * @hourly} are accepted. A schedule whose due times passed while no worker ran fires once, for the
 * latest of them, not once for each.
 *
 * <p>Creating one brings the schema up to date. Thread-safe; holds no connection between calls.
 */
public final class RunSchedules {
  private final ScheduleTable schedules;
  private final InstantSource clock;

  private RunSchedules(ScheduleTable schedules, InstantSource clock) {
    this.schedules = schedules;
    this.clock = clock;
  }

  /**
   * The schedules stored in {@code dataSource}'s database, H2 or PostgreSQL, whose schema is
   * migrated first.
   *
   * @throws IllegalStateException if the database is neither, or its schema is newer than this
   *     library
   */
  public static RunSchedules create(DataSource dataSource) {
    return create(dataSource, InstantSource.system());
  }

  /**
   * Schedules whose next fire times are computed from {@code time}'s now: for tests whose workers
   * run on the same virtual time ({@link WorkerConfig.Builder#timeSource}).
   *
   * @throws IllegalStateException if the database is neither H2 nor PostgreSQL, or its schema is
   *     newer than this library
   */
  public static RunSchedules create(DataSource dataSource, TimeSource time) {
    Objects.requireNonNull(time, "time");
    return create(dataSource, (InstantSource) time::instant);
  }

  /** Schedules whose next fire times are computed from {@code clock}'s now; for tests. */
  static RunSchedules create(DataSource dataSource, InstantSource clock) {
    Dialect dialect = Migrations.migrate(Objects.requireNonNull(dataSource, "dataSource"));
    return new RunSchedules(new ScheduleTable(dataSource, dialect), clock);
  }

  /**
   * Stores schedule {@code name}, or replaces the one of that name, so that a run of {@code
   * pipeline} with {@code inputs} is queued at each due time of {@code cron} in {@code zone}.
   * Calling this again at every start of an application is safe: if the expression and zone are
   * unchanged, the schedule keeps its next fire time.
   *
   * @return the next fire time: the first due time after now for a new or changed expression, or
   *     the kept one, which may have passed if the schedule is due and a worker has not fired it
   * @throws IllegalArgumentException if {@code cron} is not a valid expression, naming the
   *     schedule, the expression and what is wrong, or a name is blank or too long
   * @throws DurableStoreException if the database refused it
   */
  public Instant schedule(String name, String cron, ZoneId zone, String pipeline,
      @Nullable Object... inputs) {
    return schedule(name, cron, zone, SubmitOptions.defaults(), pipeline, inputs);
  }

  /**
   * Stores a schedule whose runs are queued with {@code options}' priority.
   *
   * @throws IllegalArgumentException also if {@code options} sets a {@code notBefore}: the runs
   *     of a schedule are due at its fire times
   * @see #schedule(String, String, ZoneId, String, Object...)
   */
  public Instant schedule(String name, String cron, ZoneId zone, SubmitOptions options,
      String pipeline, @Nullable Object... inputs) {
    checkName("name", name);
    checkName("pipeline", pipeline);
    Objects.requireNonNull(cron, "cron");
    Objects.requireNonNull(zone, "zone");
    if (options.notBefore() != null) {
      throw new IllegalArgumentException("Schedule '" + name + "' cannot take SubmitOptions"
          + " with a notBefore (" + options.notBefore() + "): its runs are due at the times of '"
          + cron + "'; pass SubmitOptions.defaults().priority(…) only");
    }
    String expression = cron.strip();
    if (expression.length() > 200) {
      throw new IllegalArgumentException("Schedule '" + name + "' has a cron expression of "
          + expression.length() + " characters; at most 200 are stored");
    }
    CronSchedule parsed = CronSchedule.parse(name, expression, zone);
    Instant now = clock.instant();
    Instant next = parsed.nextAfter(now).orElseThrow();
    try {
      return schedules.upsert(name, expression, zone, pipeline, options.priority(),
          Json.writeArray(inputs), next, now);
    } catch (SQLException e) {
      throw new DurableStoreException("Could not store schedule '" + name + "'", e);
    }
  }

  /**
   * Deletes schedule {@code name}, so it fires no more. Runs it already queued stay queued.
   *
   * @return false if there is no schedule {@code name}
   */
  public boolean unschedule(String name) {
    try {
      return schedules.delete(Objects.requireNonNull(name, "name"));
    } catch (SQLException e) {
      throw new DurableStoreException("Could not delete schedule '" + name + "'", e);
    }
  }

  /** Schedule {@code name} as stored now, or empty if there is none. */
  public Optional<StoredSchedule> find(String name) {
    try {
      return schedules.find(Objects.requireNonNull(name, "name"));
    } catch (SQLException e) {
      throw new DurableStoreException("Could not read schedule '" + name + "'", e);
    }
  }

  /** Every schedule, by name, with its next fire time. */
  public List<StoredSchedule> list() {
    try {
      return schedules.list();
    } catch (SQLException e) {
      throw new DurableStoreException("Could not list schedules", e);
    }
  }

  private static void checkName(String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.isBlank() || value.length() > 200) {
      throw new IllegalArgumentException("A schedule's " + what + " must be 1 to 200 characters,"
          + " was '" + value + "'");
    }
  }
}
