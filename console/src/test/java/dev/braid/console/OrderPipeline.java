package dev.braid.console;

import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;
import dev.braid.runtime.ConversationState;

/**
 * The tests' pipeline: looks an order up, and asks which order when the request names none. A
 * request from customer {@code "boom"} fails its first step.
 */
@Pipeline(durable = true)
public class OrderPipeline {
  /** What the customer asked, with the order it is about, if they said. */
  public record Request(String customer, String email, String order) {}

  /** The order found. */
  public record Lookup(String customer, String order) {}

  @Step
  Lookup lookup(@Input Request request) {
    if (request.customer().equals("boom")) {
      throw new IllegalStateException("the order service is down");
    }
    return new Lookup(request.customer(), request.order());
  }

  @Step(dependsOn = "lookup")
  ConversationState<String> confirm(Lookup lookup) {
    if (lookup.order().isBlank()) {
      return ConversationState.incomplete("no order", "Which order is it about?");
    }
    return ConversationState.complete("order " + lookup.order() + " for " + lookup.customer());
  }
}
