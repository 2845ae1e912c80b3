package dev.braid.console;

import dev.braid.durable.RunStatus;
import dev.braid.durable.StoredAttempt;
import dev.braid.durable.StoredModelCall;
import dev.braid.durable.StoredRun;
import dev.braid.durable.StoredStep;
import dev.braid.runtime.Microcents;
import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.Usage;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run as the run page shows it: its fields, each step with its state, inputs, output,
 * attempts and usage, the graph to colour, and the question with its details and the inputs to
 * edit for an answer. The steps come from the pipeline's plan when the console knows the
 * pipeline, else from the checkpoints alone. Each step's attempts, with their errors and model
 * calls one by one, come from the stored attempts, every claim's, as they ended; for a run
 * stored before attempts were, from its stored timeline when it ended. Error texts go through
 * {@link ErrorTextRedaction}.
 */
final class RunView {
  private final StoredRun run;
  private final Map<String, StoredStep> stored = new LinkedHashMap<>();
  private final StoredTimeline timeline;
  private final @Nullable PipelineDefinition<?> definition;
  private final Redaction redaction;
  /** Each step's stored attempts, the steps in the order of their first attempt. */
  private final Map<String, List<StoredAttempt>> attempts = new LinkedHashMap<>();
  private final ErrorTextRedaction text;

  RunView(StoredRun run, List<StoredStep> steps, List<StoredAttempt> attempts,
      @Nullable PipelineDefinition<?> definition, Redaction redaction) {
    this.run = run;
    steps.forEach(step -> stored.put(step.step(), step));
    attempts.forEach(attempt ->
        this.attempts.computeIfAbsent(attempt.step(), step -> new ArrayList<>()).add(attempt));
    this.timeline = new StoredTimeline(run.timelineJson());
    this.definition = definition;
    this.redaction = redaction;
    this.text = redaction.inText(values(run, steps));
  }

  /** The stored JSON of {@code run} and its steps, where redacted values may be found. */
  static List<JsonNode> values(StoredRun run, List<StoredStep> steps) {
    List<JsonNode> values = new ArrayList<>(List.of(Json.parseStored(run.inputsJson()),
        Json.parseStored(run.resultJson()), Json.parseStored(run.stateJson()),
        Json.MAPPER.valueToTree(run.details())));
    steps.forEach(step -> values.add(Json.parseStored(step.outputJson())));
    return values;
  }

  ObjectNode toJson() {
    ObjectNode body = Json.object()
        .put("id", run.id())
        .put("pipeline", run.pipeline())
        .put("status", run.status().name())
        .put("terminal", run.status().isTerminal())
        .put("priority", run.priority())
        .put("attempts", run.attempts())
        .put("createdAt", run.createdAt().toString())
        .put("notBefore", run.notBefore().toString())
        .put("startedAt", RunsApi.text(run.startedAt()))
        .put("finishedAt", RunsApi.text(run.finishedAt()))
        .put("leaseOwner", run.leaseOwner())
        .put("cancelRequested", run.cancelRequested())
        .put("error", text.apply(run.error()))
        .put("errorTrace", text.apply(run.errorTrace()))
        .put("stoppedAt", run.stoppedAt())
        .put("question", text.apply(run.question()))
        .put("known", definition != null);
    body.set("details", redaction.hide(Json.MAPPER.valueToTree(run.details())));
    body.set("inputs", inputs());
    ObjectNode types = body.putObject("inputTypes");
    if (definition != null) {
      for (int i = 0; i < definition.inputTypes().size(); i++) {
        types.put(definition.plan().inputs().get(i), definition.inputTypes().get(i).getTypeName());
      }
    } else {
      List<String> stored = StoredInputTypes.parse(run.inputTypes())
          .map(StoredInputTypes::names).orElse(List.of());
      List<String> names = positionalNames(stored.size());
      for (int i = 0; i < stored.size(); i++) {
        types.put(names.get(i), stored.get(i));
      }
    }
    body.put("answerable", definition != null
        || StoredInputTypes.parse(run.inputTypes()).isPresent());
    body.set("output", shown(run.resultJson()));
    body.set("state", shown(run.stateJson()));
    List<StepRow> rows = steps();
    ArrayNode steps = body.putArray("steps");
    Usage total = Usage.NONE;
    for (StepRow row : rows) {
      steps.add(row.toJson(text));
      total = total.plus(row.usage());
    }
    body.set("usage", usage(total));
    body.put("mermaid", mermaid(rows));
    return body;
  }

  /** {@code input1, input2, …}: how inputs are named when the pipeline is not known. */
  static List<String> positionalNames(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(n -> "input" + n).toList();
  }

  /** The run's inputs by name, as stored; named by position when the pipeline is not known. */
  private ObjectNode inputs() {
    JsonNode values = Json.parseStored(run.inputsJson());
    List<String> names = definition != null ? definition.plan().inputs() : List.of();
    ObjectNode inputs = Json.object();
    for (int i = 0; i < values.size(); i++) {
      String name = i < names.size() ? names.get(i) : "input" + (i + 1);
      inputs.set(name, redaction.hide(values.get(i)));
    }
    return inputs;
  }

  private JsonNode shown(@Nullable String json) {
    return redaction.hide(Json.parseStored(json));
  }

  /**
   * One step's row. {@code tried} are its stored attempts, every claim's; {@code attempted} is
   * the step in the stored timeline, read for a run stored before attempts were. Either says
   * more than the checkpoint: the failed attempts too.
   */
  private record StepRow(String name, List<String> dependsOn, int level, StepState state,
      @Nullable StoredStep stored, List<StoredAttempt> tried, @Nullable JsonNode attempted,
      ObjectNode inputs, JsonNode output) {

    Usage usage() {
      if (!tried.isEmpty()) {
        return tried.stream().map(StoredAttempt::usage).reduce(Usage.NONE, Usage::plus);
      }
      if (attempted != null) {
        return StoredTimeline.usage(attempted.path("usage"));
      }
      return stored != null ? stored.usage() : Usage.NONE;
    }

    ObjectNode toJson(ErrorTextRedaction text) {
      ObjectNode step = Json.object()
          .put("name", name)
          .put("level", level)
          .put("state", state.cssName());
      ArrayNode deps = step.putArray("dependsOn");
      dependsOn.forEach(deps::add);
      step.set("inputs", inputs);
      step.set("output", output);
      if (!tried.isEmpty()) {
        Instant started = tried.stream().map(StoredAttempt::startedAt).min(Instant::compareTo)
            .orElseThrow();
        Instant finished = tried.stream().map(StoredAttempt::finishedAt).max(Instant::compareTo)
            .orElseThrow();
        if (stored != null && stored.finishedAt().isAfter(finished)) {
          finished = stored.finishedAt();
        }
        step.put("startedAt", started.toString())
            .put("finishedAt", finished.toString())
            .put("durationMs", Duration.between(started, finished).toMillis())
            .put("attempts", tried.size());
        step.set("tries", tries(tried, text));
        step.set("usage", RunView.usage(usage()));
      } else if (attempted != null) {
        Instant started = Instant.parse(attempted.get("startedAt").asString());
        Instant finished = Instant.parse(attempted.get("finishedAt").asString());
        step.put("startedAt", started.toString())
            .put("finishedAt", finished.toString())
            .put("durationMs", Duration.between(started, finished).toMillis())
            .put("attempts", attempted.get("attempts").size());
        step.set("tries", tries(attempted.get("attempts"), text));
        step.set("usage", RunView.usage(usage()));
      } else if (stored != null) {
        step.put("startedAt", stored.startedAt().toString())
            .put("finishedAt", stored.finishedAt().toString())
            .put("durationMs", stored.duration().toMillis())
            .put("attempts", stored.attempts());
        step.set("usage", RunView.usage(stored.usage()));
      }
      return step;
    }

    /** Each stored attempt with its claim, worker, outcome, error, usage and model calls. */
    private static ArrayNode tries(List<StoredAttempt> attempts, ErrorTextRedaction text) {
      ArrayNode tries = Json.MAPPER.createArrayNode();
      for (StoredAttempt attempt : attempts) {
        ObjectNode row = tries.addObject()
            .put("number", attempt.number())
            .put("claim", attempt.claim())
            .put("worker", attempt.worker())
            .put("outcome", attempt.outcome().name())
            .put("startedAt", attempt.startedAt().toString())
            .put("finishedAt", attempt.finishedAt().toString())
            .put("durationMs", attempt.duration().toMillis())
            .put("waitedMs", attempt.waited().toMillis())
            .put("error", text.apply(attempt.error()))
            .put("errorTrace", text.apply(attempt.errorTrace()));
        row.set("usage", RunView.usage(attempt.usage()));
        ArrayNode calls = row.putArray("calls");
        for (StoredModelCall call : attempt.calls()) {
          calls.addObject()
              .put("model", call.model())
              .put("startedAt", call.startedAt().toString())
              .put("latencyMs", call.latency().toMillis())
              .put("inputTokens", call.inputTokens())
              .put("cachedInputTokens", call.cachedInputTokens())
              .put("outputTokens", call.outputTokens())
              .put("cost", Microcents.format(call.costMicrocents()))
              .put("error", text.apply(call.error()));
        }
      }
      return tries;
    }

    /** Each attempt of a stored timeline, for a run stored before attempts were. */
    private static ArrayNode tries(JsonNode attempts, ErrorTextRedaction text) {
      ArrayNode tries = Json.MAPPER.createArrayNode();
      for (JsonNode attempt : attempts) {
        Instant started = Instant.parse(attempt.get("startedAt").asString());
        Instant finished = Instant.parse(attempt.get("finishedAt").asString());
        ObjectNode row = tries.addObject()
            .put("number", attempt.path("number").asInt())
            .put("outcome", attempt.path("outcome").asString())
            .put("startedAt", started.toString())
            .put("finishedAt", finished.toString())
            .put("durationMs", Duration.between(started, finished).toMillis())
            .put("waitedMs", attempt.path("waitedMs").asLong())
            .put("error", text.apply(attempt.path("error").asString(null)))
            .put("errorTrace", text.apply(attempt.path("errorTrace").asString(null)));
        row.set("usage", RunView.usage(StoredTimeline.usage(attempt.path("usage"))));
      }
      return tries;
    }
  }

  private List<StepRow> steps() {
    List<StepRow> rows = new ArrayList<>();
    if (definition == null) {
      for (StoredStep step : stored.values()) {
        rows.add(new StepRow(step.step(), List.of(), 0, state(step.step(), List.of()), step,
            tried(step.step()), timeline.attempted(step.step()), Json.object(),
            shown(step.outputJson())));
      }
      attempts.forEach((step, tried) -> {
        if (!stored.containsKey(step)) {
          rows.add(new StepRow(step, List.of(), 0, state(step, List.of()), null, tried,
              timeline.attempted(step), Json.object(), Json.MAPPER.nullNode()));
        }
      });
      return rows;
    }
    PipelinePlan plan = definition.plan();
    Map<String, Integer> levels = new HashMap<>();
    for (int index : plan.topologicalOrder()) {
      StepPlan step = plan.steps().get(index);
      List<String> dependsOn = new ArrayList<>();
      int level = 0;
      ObjectNode inputs = Json.object();
      for (int dependency : step.dependencyIndexes()) {
        String name = plan.steps().get(dependency).name();
        dependsOn.add(name);
        level = Math.max(level, levels.get(name) + 1);
        StoredStep output = stored.get(name);
        inputs.set(name, output == null ? inputs.nullNode() : shown(output.outputJson()));
      }
      levels.put(step.name(), level);
      StoredStep mine = stored.get(step.name());
      rows.add(new StepRow(step.name(), dependsOn, level, state(step.name(), dependsOn), mine,
          tried(step.name()), timeline.attempted(step.name()), inputs,
          mine == null ? Json.MAPPER.nullNode() : shown(mine.outputJson())));
    }
    return rows;
  }

  private List<StoredAttempt> tried(String step) {
    return attempts.getOrDefault(step, List.of());
  }

  private StepState state(String step, List<String> dependsOn) {
    if (run.status() == RunStatus.STOPPED_EARLY && step.equals(run.stoppedAt())) {
      return StepState.WAITING;
    }
    if (stored.containsKey(step)) {
      return StepState.SUCCEEDED;
    }
    String status = timeline.status(step);
    if (status != null) {
      return switch (status) {
        case "SUCCEEDED", "REUSED" -> StepState.SUCCEEDED;
        case "FAILED" -> StepState.FAILED;
        case "STOPPED_EARLY" -> StepState.WAITING;
        case "CANCELLED" -> StepState.CANCELLED;
        default -> StepState.PENDING;
      };
    }
    if (run.status() == RunStatus.FAILED && run.error() != null
        && run.error().contains("'" + step + "'")) {
      return StepState.FAILED;
    }
    if (run.status() == RunStatus.RUNNING && stored.keySet().containsAll(dependsOn)) {
      return StepState.RUNNING;
    }
    return StepState.PENDING;
  }

  private static ObjectNode usage(Usage usage) {
    ObjectNode node = Json.object()
        .put("inputTokens", usage.inputTokens())
        .put("cachedInputTokens", usage.cachedInputTokens())
        .put("outputTokens", usage.outputTokens())
        .put("calls", usage.calls())
        .put("cost", Microcents.format(usage.costMicrocents()))
        .put("latencyMs", usage.latency().toMillis());
    ArrayNode models = node.putArray("models");
    usage.byModel().forEach((model, used) -> models.addObject()
        .put("model", model)
        .put("calls", used.calls())
        .put("inputTokens", used.inputTokens())
        .put("cachedInputTokens", used.cachedInputTokens())
        .put("outputTokens", used.outputTokens())
        .put("cost", Microcents.format(used.costMicrocents()))
        .put("latencyMs", used.latency().toMillis()));
    return node;
  }

  /** The graph as Mermaid source, each step in the class of its state, for copying elsewhere. */
  private static String mermaid(List<StepRow> rows) {
    StringBuilder text = new StringBuilder("flowchart TD\n");
    Map<String, String> ids = new HashMap<>();
    for (StepRow row : rows) {
      String id = "s" + ids.size();
      ids.put(row.name, id);
      text.append("  ").append(id).append("[\"").append(row.name.replace("\"", "#quot;"))
          .append("\"]:::").append(row.state.cssName()).append('\n');
    }
    for (StepRow row : rows) {
      for (String dependency : row.dependsOn) {
        text.append("  ").append(ids.get(dependency)).append(" --> ").append(ids.get(row.name))
            .append('\n');
      }
    }
    text.append("  classDef succeeded fill:#d3f2dc,stroke:#1e7b3c\n")
        .append("  classDef waiting fill:#fff1c2,stroke:#9a6700\n")
        .append("  classDef failed fill:#ffd8d3,stroke:#b42318\n")
        .append("  classDef running fill:#d6e8ff,stroke:#1d5fbf\n")
        .append("  classDef cancelled fill:#eeeeee,stroke:#6e7781\n")
        .append("  classDef pending fill:#eeeeee,stroke:#888888\n");
    return text.toString();
  }
}
