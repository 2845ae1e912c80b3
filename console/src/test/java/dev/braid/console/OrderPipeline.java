package dev.braid.console;

import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;
import dev.braid.runtime.ConversationState;
import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelResponse;
import dev.braid.runtime.StepContext;
import java.util.List;
import java.util.Map;

/**
 * The tests' pipeline: looks an order up, and asks which order when the request names none, with
 * the customer in the question's details. A request from customer {@code "boom"} fails its first
 * step on both of its attempts; one from {@code "leak"} fails it with a message that quotes the
 * request, email included; one from {@code "priced"} calls {@link #MODEL} (50 tokens in, 10 out).
 */
@Pipeline(durable = true)
public class OrderPipeline {
  static final String MODEL = "order-model";

  private static final ModelClient<String, String> ORDERS = new ModelClient<>() {
    @Override
    public String model() {
      return MODEL;
    }

    @Override
    public ModelResponse<String> call(String prompt, ModelCall call) {
      return ModelResponse.of("order of " + prompt, 50, 10);
    }
  };

  /** What the customer asked, with the order it is about, if they said. */
  public record Request(String customer, String email, String order) {}

  /** The order found. */
  public record Lookup(String customer, String order) {}

  @Step(retries = 1, retryDelay = "1ms")
  Lookup lookup(@Input Request request, StepContext context) throws InterruptedException {
    if (request.customer().equals("boom")) {
      throw new IllegalStateException("the order service is down");
    }
    if (request.customer().equals("leak")) {
      throw new IllegalStateException("no order for " + request.email() + " in " + request);
    }
    if (request.customer().equals("priced")) {
      context.call(ORDERS, request.order());
    }
    return new Lookup(request.customer(), request.order());
  }

  @Step(dependsOn = "lookup")
  ConversationState<String> confirm(Lookup lookup) {
    if (lookup.order().isBlank()) {
      return ConversationState.incomplete("no order", "Which order is it about?",
          Map.of("customer", lookup.customer(), "recent", List.of("A-7", "A-9")));
    }
    return ConversationState.complete("order " + lookup.order() + " for " + lookup.customer());
  }
}
