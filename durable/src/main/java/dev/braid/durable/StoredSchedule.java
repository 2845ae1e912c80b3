package dev.braid.durable;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A recurring schedule as the database holds it when read.
 *
 * @param name the schedule's name, unique
 * @param cron its cron expression, as given to {@link RunSchedules#schedule}
 * @param zone the time zone the expression's fields are read in
 * @param pipeline the pipeline each firing submits a run of
 * @param priority the priority of those runs
 * @param inputsJson their inputs as a JSON array, in the pipeline's order
 * @param nextFireAt the next due time; a worker fires the schedule at its first poll after it
 * @param lastFireTime the due time the schedule last fired for, if it has fired
 * @param lastRunId the run that firing submitted
 * @param createdAt when the schedule was first stored
 * @param updatedAt when it was last stored by {@link RunSchedules#schedule}
 */
public record StoredSchedule(
    String name,
    String cron,
    ZoneId zone,
    String pipeline,
    int priority,
    String inputsJson,
    Instant nextFireAt,
    @Nullable Instant lastFireTime,
    @Nullable String lastRunId,
    Instant createdAt,
    Instant updatedAt) {

  public StoredSchedule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cron, "cron");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(nextFireAt, "nextFireAt");
  }
}
