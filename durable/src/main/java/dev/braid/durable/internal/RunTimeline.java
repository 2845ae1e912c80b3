package dev.braid.durable.internal;

import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.ModelUsage;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepRecord;
import dev.braid.runtime.Usage;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the timeline an ended run keeps, as {@link dev.braid.durable.StoredRun#timelineJson()}
 * documents it: every step of its {@link PipelineResult} with each attempt's outcome, times, error
 * and model usage by model. Checkpoints keep only the steps that succeeded; this keeps the ones
 * that failed, and the retries before a success.
 */
final class RunTimeline {
  /** Each attempt's stack trace is cut here, so that many retries still fit a row. */
  static final int LONGEST_TRACE = 8 * 1024;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RunTimeline() {}

  /** The timeline of {@code result} as JSON; null when there is no result to read it from. */
  static @Nullable String of(@Nullable PipelineResult<?> result) {
    if (result == null) {
      return null;
    }
    ObjectNode timeline = NODES.objectNode()
        .put("startedAt", result.startedAt().toString())
        .put("finishedAt", result.finishedAt().toString());
    timeline.set("usage", usage(result.usage()));
    ArrayNode steps = timeline.putArray("steps");
    for (StepRecord step : result.steps()) {
      steps.add(step(step));
    }
    return Json.write(timeline);
  }

  private static ObjectNode step(StepRecord step) {
    ObjectNode node = NODES.objectNode()
        .put("name", step.name())
        .put("status", step.status().name())
        .put("startedAt", text(step.startedAt()))
        .put("finishedAt", text(step.finishedAt()))
        .put("abandoned", step.abandoned());
    node.set("usage", usage(step.usage()));
    ArrayNode attempts = node.putArray("attempts");
    for (AttemptRecord attempt : step.attempts()) {
      ObjectNode row = attempts.addObject()
          .put("number", attempt.number())
          .put("outcome", attempt.outcome().name())
          .put("startedAt", attempt.startedAt().toString())
          .put("finishedAt", attempt.finishedAt().toString())
          .put("waitedMs", attempt.waited().toMillis());
      if (attempt.failure() != null) {
        row.put("error", attempt.failure().toString())
            .put("errorTrace", ErrorTrace.of(attempt.failure(), LONGEST_TRACE));
      }
      row.set("usage", usage(attempt.usage()));
    }
    return node;
  }

  private static ObjectNode usage(Usage usage) {
    ObjectNode node = NODES.objectNode()
        .put("inputTokens", usage.inputTokens())
        .put("cachedInputTokens", usage.cachedInputTokens())
        .put("outputTokens", usage.outputTokens())
        .put("calls", usage.calls())
        .put("costMicrocents", usage.costMicrocents())
        .put("latencyMs", usage.latency().toMillis());
    ObjectNode byModel = node.putObject("byModel");
    usage.byModel().forEach((model, used) -> byModel.set(model, model(used)));
    return node;
  }

  private static ObjectNode model(ModelUsage usage) {
    return NODES.objectNode()
        .put("inputTokens", usage.inputTokens())
        .put("cachedInputTokens", usage.cachedInputTokens())
        .put("outputTokens", usage.outputTokens())
        .put("calls", usage.calls())
        .put("costMicrocents", usage.costMicrocents())
        .put("latencyMs", usage.latency().toMillis());
  }

  private static @Nullable String text(@Nullable Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
