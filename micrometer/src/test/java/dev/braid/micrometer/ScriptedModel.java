package dev.braid.micrometer;

import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model for tests whose n-th call has the n-th scripted outcome, a response to return or an
 * exception to throw; calls past the script repeat its last outcome. Thread-safe.
 */
final class ScriptedModel implements ModelClient<String, String> {
  private final String model;
  private final List<Object> outcomes;
  private final AtomicInteger calls = new AtomicInteger();

  private ScriptedModel(String model, List<Object> outcomes) {
    this.model = model;
    this.outcomes = outcomes;
  }

  static ScriptedModel of(String model, Object... outcomes) {
    return new ScriptedModel(model, List.of(outcomes));
  }

  /** A model whose every call uses these tokens. */
  static ScriptedModel answering(String model, long inputTokens, long outputTokens) {
    return of(model, ModelResponse.of("answer", inputTokens, outputTokens));
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  @SuppressWarnings("unchecked")
  public ModelResponse<String> call(String request, ModelCall call) throws Exception {
    Object outcome = outcomes.get(Math.min(calls.getAndIncrement(), outcomes.size() - 1));
    if (outcome instanceof Exception failure) {
      throw failure;
    }
    return (ModelResponse<String>) outcome;
  }
}
