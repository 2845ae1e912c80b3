package dev.braid.console;

import dev.braid.runtime.ModelUsage;
import dev.braid.runtime.Usage;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The timeline an ended run stored ({@link dev.braid.durable.StoredRun#timelineJson()}), by step.
 * Empty for a run that has not ended, or ended without one; a timeline that cannot be read is
 * treated as absent, so the page still shows the checkpoints. Immutable.
 */
final class StoredTimeline {
  private final Map<String, JsonNode> steps = new HashMap<>();

  StoredTimeline(@Nullable String json) {
    JsonNode timeline = Json.parseStored(json);
    JsonNode stored = timeline.path("steps");
    if (stored.isArray()) {
      for (JsonNode step : stored) {
        if (step.path("name").isString()) {
          steps.put(step.get("name").asString(), step);
        }
      }
    }
  }

  /** The step as stored, when it has attempts in this timeline; null otherwise. */
  @Nullable JsonNode attempted(String step) {
    JsonNode stored = steps.get(step);
    return stored != null && stored.path("attempts").size() > 0 ? stored : null;
  }

  /** The step's status as stored, such as {@code FAILED}; null when the timeline lacks it. */
  @Nullable String status(String step) {
    JsonNode stored = steps.get(step);
    return stored == null ? null : stored.path("status").asString(null);
  }

  /** A stored usage object as a {@link Usage}, its models included. */
  static Usage usage(JsonNode usage) {
    TreeMap<String, ModelUsage> byModel = new TreeMap<>();
    usage.path("byModel").properties().forEach(entry -> {
      JsonNode model = entry.getValue();
      byModel.put(entry.getKey(), new ModelUsage(model.path("inputTokens").asLong(),
          model.path("cachedInputTokens").asLong(), model.path("outputTokens").asLong(),
          model.path("calls").asLong(), model.path("costMicrocents").asLong(),
          Duration.ofMillis(model.path("latencyMs").asLong())));
    });
    return new Usage(usage.path("inputTokens").asLong(), usage.path("cachedInputTokens").asLong(),
        usage.path("outputTokens").asLong(), usage.path("calls").asLong(),
        usage.path("costMicrocents").asLong(), Duration.ofMillis(usage.path("latencyMs").asLong()),
        byModel);
  }
}
