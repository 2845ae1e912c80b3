package dev.braid.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model client for tests that answers from a script: each try takes the next scripted outcome
 * (a response or an exception), and repeats the last one when the script runs out.
 */
final class FakeModel implements ModelClient<String, String> {
  private final String model;
  private final Deque<Object> script = new ArrayDeque<>();
  private final AtomicInteger calls = new AtomicInteger();
  private Object last;

  FakeModel(String model, Object... outcomes) {
    this.model = model;
    for (Object outcome : outcomes) {
      script.add(outcome);
    }
    this.last = outcomes.length == 0 ? ModelResponse.of("ok", 1, 1) : outcomes[outcomes.length - 1];
  }

  /** A model whose every call answers {@code text} with these token counts. */
  static FakeModel answering(String model, long inputTokens, long outputTokens) {
    return new FakeModel(model, ModelResponse.of("answer", inputTokens, outputTokens));
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  @SuppressWarnings("unchecked")
  public ModelResponse<String> call(String request, ModelCall call) throws Exception {
    calls.incrementAndGet();
    Object outcome;
    synchronized (script) {
      outcome = script.isEmpty() ? last : script.poll();
    }
    if (outcome instanceof Exception e) {
      throw e;
    }
    ModelResponse<String> response = (ModelResponse<String>) outcome;
    return response.withValue(response.value() + " to " + request);
  }

  int calls() {
    return calls.get();
  }
}
