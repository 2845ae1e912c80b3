package dev.braid.durable.internal;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed cron expression and the time zone its fields are read in: the due times of a schedule.
 * Standard five-field Unix cron ({@code minute hour day-of-month month day-of-week}, with lists,
 * ranges, steps and names), as crontab(5) reads it: when both day fields are restricted, a day that
 * matches either is due. The macros of crontab(5) stand for their five-field forms. The only class
 * that uses cron-utils. Immutable and thread-safe.
 */
public final class CronSchedule {
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final Map<String, String> MACROS = Map.of(
      "@yearly", "0 0 1 1 *",
      "@annually", "0 0 1 1 *",
      "@monthly", "0 0 1 * *",
      "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *",
      "@midnight", "0 0 * * *",
      "@hourly", "0 * * * *");
  private static final String FORMS = "write five fields (minute hour day-of-month month"
      + " day-of-week), such as '0 3 * * *' for 03:00 every day, or one of @yearly, @annually,"
      + " @monthly, @weekly, @daily, @midnight and @hourly";

  private final ExecutionTime times;
  private final ZoneId zone;

  private CronSchedule(ExecutionTime times, ZoneId zone) {
    this.times = times;
    this.zone = zone;
  }

  /**
   * Parses {@code expression} for the schedule {@code name}.
   *
   * @throws IllegalArgumentException naming the schedule and the expression, if it is not a cron
   *     expression or never comes due
   */
  public static CronSchedule parse(String name, String expression, ZoneId zone) {
    String trimmed = expression.strip();
    String fields = MACROS.getOrDefault(trimmed.toLowerCase(java.util.Locale.ROOT), trimmed);
    if (fields.startsWith("@")) {
      throw invalid(name, expression, fields.equalsIgnoreCase("@reboot")
          ? "@reboot has no due time; submit a run when the application starts instead"
          : "there is no macro " + fields + "; " + FORMS);
    }
    ExecutionTime times;
    try {
      times = ExecutionTime.forCron(PARSER.parse(fields).validate());
    } catch (IllegalArgumentException e) {
      String reason = String.valueOf(e.getMessage())
          .replaceFirst("^Failed to parse cron expression\\. ", "");
      throw invalid(name, expression, reason + "; " + FORMS);
    }
    CronSchedule schedule = new CronSchedule(times, zone);
    if (schedule.nextAfter(Instant.EPOCH).isEmpty()) {
      throw invalid(name, expression, "no date matches it, so it never comes due; check the"
          + " day of the month against the month");
    }
    return schedule;
  }

  private static IllegalArgumentException invalid(String name, String expression, String why) {
    return new IllegalArgumentException("Schedule '" + name + "' has an invalid cron expression '"
        + expression + "': " + why);
  }

  /** The first due time strictly after {@code time}, if any. */
  public Optional<Instant> nextAfter(Instant time) {
    return times.nextExecution(ZonedDateTime.ofInstant(time, zone)).map(ZonedDateTime::toInstant);
  }

  /** The last due time at or before {@code time}, if any. */
  public Optional<Instant> lastAtOrBefore(Instant time) {
    Optional<Instant> exactly = nextAfter(time.minusNanos(1)).filter(due -> !due.isAfter(time));
    return exactly.isPresent() ? exactly
        : times.lastExecution(ZonedDateTime.ofInstant(time, zone)).map(ZonedDateTime::toInstant);
  }
}
