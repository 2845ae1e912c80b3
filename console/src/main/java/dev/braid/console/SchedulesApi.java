package dev.braid.console;

import dev.braid.durable.RunSchedules;
import dev.braid.durable.StoredSchedule;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET api/schedules}: every schedule with its next fire time. Immutable. */
final class SchedulesApi {
  private final @Nullable RunSchedules schedules;
  private final Redaction redaction;

  SchedulesApi(@Nullable RunSchedules schedules, Redaction redaction) {
    this.schedules = schedules;
    this.redaction = redaction;
  }

  ConsoleResponse list() {
    ObjectNode body = Json.object().put("configured", schedules != null);
    ArrayNode rows = body.putArray("schedules");
    if (schedules != null) {
      for (StoredSchedule schedule : schedules.list()) {
        ObjectNode row = rows.addObject()
            .put("name", schedule.name())
            .put("cron", schedule.cron())
            .put("zone", schedule.zone().getId())
            .put("pipeline", schedule.pipeline())
            .put("priority", schedule.priority())
            .put("nextFireAt", schedule.nextFireAt().toString())
            .put("lastFireTime", RunsApi.text(schedule.lastFireTime()))
            .put("lastRunId", schedule.lastRunId());
        row.set("inputs", redaction.hide(Json.parseStored(schedule.inputsJson())));
      }
    }
    return Json.ok(body);
  }
}
