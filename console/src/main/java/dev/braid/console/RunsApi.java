package dev.braid.console;

import dev.braid.durable.DurableRuns;
import dev.braid.durable.RunFilter;
import dev.braid.durable.RunStatus;
import dev.braid.durable.StoredRun;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The read side of the API: the runs list with its counts and pages, and one run in full.
 * Immutable.
 */
final class RunsApi {
  static final int DEFAULT_PAGE = 25;
  static final int LARGEST_PAGE = 200;

  private final DurableRuns runs;
  private final Pipelines pipelines;
  private final Redaction redaction;

  RunsApi(DurableRuns runs, Pipelines pipelines, Redaction redaction) {
    this.runs = runs;
    this.pipelines = pipelines;
    this.redaction = redaction;
  }

  /**
   * {@code GET api/runs?pipeline=&status=FAILED,QUEUED&from=&before=&limit=}: a page of runs,
   * newest first, the cursor of the next page, and how many runs of the pipeline and time range
   * are in each status.
   */
  ConsoleResponse list(Map<String, String> query) {
    RunFilter filter = RunFilter.all();
    try {
      String pipeline = blankToNull(query.get("pipeline"));
      if (pipeline != null) {
        filter = filter.pipeline(pipeline);
      }
      Instant from = instant("from", query.get("from"));
      if (from != null) {
        filter = filter.submittedFrom(from);
      }
      Instant before = instant("before", query.get("before"));
      if (before != null) {
        filter = filter.submittedBefore(before);
      }
      Map<RunStatus, Long> counts = runs.count(filter);
      Set<RunStatus> statuses = statuses(query.get("status"));
      if (!statuses.isEmpty()) {
        RunStatus first = statuses.iterator().next();
        filter = filter.status(first, statuses.toArray(RunStatus[]::new));
      }
      int limit = limit(query.get("limit"));
      List<StoredRun> page = runs.list(filter.limit(limit + 1));
      ObjectNode body = Json.object();
      ArrayNode rows = body.putArray("runs");
      page.stream().limit(limit).forEach(run -> rows.add(summary(run)));
      body.put("next", page.size() > limit ? page.get(limit - 1).createdAt().toString() : null);
      ObjectNode countNode = body.putObject("counts");
      counts.forEach((status, count) -> countNode.put(status.name(), count));
      ArrayNode known = body.putArray("pipelines");
      pipelines.names().forEach(known::add);
      return Json.ok(body);
    } catch (IllegalArgumentException e) {
      return Json.problem(400, e.getMessage());
    }
  }

  /** {@code GET api/runs/{id}}: the run with its steps, graph, timeline and question. */
  ConsoleResponse run(String id) {
    return runs.status(id)
        .map(run -> Json.ok(new RunView(run, runs.steps(id), runs.attempts(id),
            pipelines.find(run.pipeline()).orElse(null), redaction).toJson()))
        .orElseGet(() -> Json.problem(404, "There is no run " + id + "; it may have been"
            + " deleted by retention."));
  }

  /** A run as the list shows it, its error and question redacted by the values it stored. */
  private ObjectNode summary(StoredRun run) {
    ErrorTextRedaction text = redaction.inText(RunView.values(run, List.of()));
    ObjectNode row = Json.object()
        .put("id", run.id())
        .put("pipeline", run.pipeline())
        .put("status", run.status().name())
        .put("createdAt", run.createdAt().toString())
        .put("startedAt", text(run.startedAt()))
        .put("finishedAt", text(run.finishedAt()))
        .put("attempts", run.attempts())
        .put("question", text.apply(run.question()))
        .put("error", text.apply(run.error()));
    if (run.startedAt() != null) {
      Instant end = run.finishedAt() != null ? run.finishedAt() : Instant.now();
      row.put("durationMs", Duration.between(run.startedAt(), end).toMillis());
    }
    return row;
  }

  static @Nullable String text(@Nullable Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Set<RunStatus> statuses(@Nullable String list) {
    if (blankToNull(list) == null) {
      return Set.of();
    }
    Set<RunStatus> statuses = EnumSet.noneOf(RunStatus.class);
    for (String name : list.split(",")) {
      String status = name.strip().toUpperCase(Locale.ROOT);
      if (status.isEmpty()) {
        continue;
      }
      try {
        statuses.add(RunStatus.valueOf(status));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Status '" + name.strip() + "' is not one of "
            + Arrays.stream(RunStatus.values()).map(Enum::name).collect(Collectors.joining(", "))
            + ".");
      }
    }
    return statuses;
  }

  private static int limit(@Nullable String limit) {
    if (blankToNull(limit) == null) {
      return DEFAULT_PAGE;
    }
    try {
      int value = Integer.parseInt(limit.strip());
      if (value >= 1 && value <= LARGEST_PAGE) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("A page holds 1 to " + LARGEST_PAGE + " runs; limit was '"
        + limit + "'.");
  }

  private static @Nullable Instant instant(String name, @Nullable String value) {
    if (blankToNull(value) == null) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + name + "' must be an instant such as"
          + " 2026-01-31T09:00:00Z; it was '" + value + "'.");
    }
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
