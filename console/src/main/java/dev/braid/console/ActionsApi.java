package dev.braid.console;

import dev.braid.durable.DurableRuns;
import dev.braid.durable.RunStatus;
import dev.braid.durable.StoredRun;
import dev.braid.runtime.PipelineDefinition;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The actions: answering a run that stopped early, which resumes it, and cancelling a run. Each
 * checks everything before it changes anything, and says in its error what to do instead.
 * Immutable.
 */
final class ActionsApi {
  /** Reads answers strictly: a misspelt field is a mistake to report, not to drop. */
  private static final JsonMapper STRICT = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  private final DurableRuns runs;
  private final Pipelines pipelines;
  private final Redaction redaction;
  private final ActionGate gate;

  ActionsApi(DurableRuns runs, Pipelines pipelines, Redaction redaction, ActionGate gate) {
    this.runs = runs;
    this.pipelines = pipelines;
    this.redaction = redaction;
    this.gate = gate;
  }

  /**
   * {@code POST api/runs/{id}/answer} with {@code {"inputs": {"name": value, …}}}: the run's new
   * inputs, each read as the pipeline's type for it, which resume the run.
   */
  ConsoleResponse answer(ConsoleRequest request, String id) {
    Optional<ConsoleResponse> refused = gate.refuse(request);
    if (refused.isPresent()) {
      return refused.get();
    }
    Optional<StoredRun> found = runs.status(id);
    if (found.isEmpty()) {
      return Json.problem(404, "There is no run " + id + "; nothing was changed.");
    }
    StoredRun run = found.get();
    if (run.status() != RunStatus.STOPPED_EARLY) {
      return Json.problem(409, "Run " + id + " of pipeline '" + run.pipeline() + "' is "
          + run.status() + ", not waiting for an answer; nothing was changed. Only a run that"
          + " stopped early to ask a question can be answered.");
    }
    Optional<PipelineDefinition<?>> definition = pipelines.find(run.pipeline());
    Optional<StoredInputTypes> stored = StoredInputTypes.parse(run.inputTypes());
    if (definition.isEmpty() && stored.isEmpty()) {
      return Json.problem(409, "This console does not know pipeline '" + run.pipeline()
          + "', and run " + id + " was stored without its input types, so it cannot check an"
          + " answer; answer from a console mounted in an application that runs it. Nothing was"
          + " changed.");
    }
    JsonNode answer;
    try {
      answer = Json.MAPPER.readTree(request.body()).path("inputs");
    } catch (JacksonException e) {
      return Json.problem(400, "The answer is not JSON: " + firstLine(e.getOriginalMessage())
          + ". Nothing was changed.");
    }
    if (definition.isEmpty()) {
      return answerByStoredTypes(run, stored.get(), answer);
    }
    Object[] inputs;
    try {
      inputs = read(definition.get(), run, answer);
    } catch (IllegalArgumentException e) {
      return Json.problem(400, e.getMessage() + " Nothing was changed.");
    }
    try {
      runs.resume(definition.get(), id, inputs);
    } catch (IllegalStateException e) {
      return Json.problem(409, e.getMessage() + ". Nothing was changed.");
    } catch (IllegalArgumentException e) {
      return Json.problem(400, e.getMessage() + ". Nothing was changed.");
    }
    return Json.respond(202, Json.object().put("id", id).put("status", "QUEUED"));
  }

  /**
   * Answers a run of a pipeline this console has no classes for: checks each input's JSON shape
   * against the stored type names, then resumes the run with the inputs as JSON. The worker that
   * claims it reads them into their types and, having the pipeline's plan, keeps the checkpoints
   * of the steps the answer does not affect, as a resume with the classes would.
   */
  private ConsoleResponse answerByStoredTypes(StoredRun run, StoredInputTypes types,
      JsonNode answer) {
    List<String> names = RunView.positionalNames(types.names().size());
    ArrayNode inputs = Json.MAPPER.createArrayNode();
    try {
      checkNames(run, names, answer);
      for (int i = 0; i < names.size(); i++) {
        JsonNode value = restored(run, names, i, answer);
        String type = types.names().get(i);
        Optional<String> misfit = StoredInputTypes.misfit(type, value);
        if (misfit.isPresent()) {
          throw new IllegalArgumentException("Input '" + names.get(i) + "' of pipeline '"
              + run.pipeline() + "' " + misfit.get() + ", so it cannot be a " + type + ".");
        }
        inputs.add(value);
      }
      runs.resume(run.id(), Json.MAPPER.writeValueAsString(inputs));
    } catch (IllegalStateException e) {
      return Json.problem(409, e.getMessage() + ". Nothing was changed.");
    } catch (IllegalArgumentException e) {
      return Json.problem(400, e.getMessage() + " Nothing was changed.");
    }
    return Json.respond(202, Json.object().put("id", run.id()).put("status", "QUEUED"));
  }

  private @Nullable Object[] read(PipelineDefinition<?> definition, StoredRun run,
      JsonNode answer) {
    List<String> names = definition.plan().inputs();
    checkNames(run, names, answer);
    @Nullable Object[] values = new Object[names.size()];
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      JsonNode value = restored(run, names, i, answer);
      Type type = definition.inputTypes().get(i);
      try {
        values[i] = STRICT.treeToValue(value, STRICT.constructType(type));
      } catch (JacksonException e) {
        throw new IllegalArgumentException("Input '" + name + "' of pipeline '" + run.pipeline()
            + "' does not read as " + type.getTypeName() + ": "
            + firstLine(e.getOriginalMessage()) + ".");
      }
    }
    return values;
  }

  /** Refuses an answer that is not an object of the inputs {@code names} and no other. */
  private static void checkNames(StoredRun run, List<String> names, JsonNode answer) {
    if (!answer.isObject()) {
      throw new IllegalArgumentException("The answer must be {\"inputs\": {…}} with the inputs "
          + names + " of pipeline '" + run.pipeline() + "'.");
    }
    List<String> unknown = new ArrayList<>(answer.propertyNames());
    unknown.removeAll(names);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("Pipeline '" + run.pipeline() + "' has no input named "
          + unknown + "; its inputs are " + names + ".");
    }
  }

  /** Input {@code i} of {@code answer}, its redacted fields filled from the stored inputs. */
  private JsonNode restored(StoredRun run, List<String> names, int i, JsonNode answer) {
    String name = names.get(i);
    JsonNode value = answer.get(name);
    if (value == null) {
      throw new IllegalArgumentException("The answer has no input '" + name + "' of pipeline '"
          + run.pipeline() + "'; send every input, " + names + ", changed or not.");
    }
    value = value.deepCopy();
    redaction.restore(value, Json.parseStored(run.inputsJson()).get(i));
    return value;
  }

  /** {@code POST api/runs/{id}/cancel}: cancels a queued run, or asks a running one to stop. */
  ConsoleResponse cancel(ConsoleRequest request, String id) {
    Optional<ConsoleResponse> refused = gate.refuse(request);
    if (refused.isPresent()) {
      return refused.get();
    }
    if (runs.cancel(id)) {
      StoredRun run = runs.status(id).orElseThrow();
      return Json.ok(Json.object().put("id", id).put("status", run.status().name())
          .put("cancelRequested", run.cancelRequested()));
    }
    return runs.status(id)
        .map(run -> Json.problem(409, "Run " + id + " of pipeline '" + run.pipeline() + "' is "
            + run.status() + ": it has ended, so there is nothing to cancel."))
        .orElseGet(() -> Json.problem(404, "There is no run " + id + "; nothing was changed."));
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "unreadable";
    }
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).strip();
  }
}
