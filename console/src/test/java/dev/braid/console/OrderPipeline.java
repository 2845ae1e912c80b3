package dev.braid.console;

import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;
import dev.braid.runtime.ConversationState;
import java.util.List;
import java.util.Map;

/**
 * The tests' pipeline: looks an order up, and asks which order when the request names none, with
 * the customer in the question's details. A request from customer {@code "boom"} fails its first
 * step on both of its attempts.
 */
@Pipeline(durable = true)
public class OrderPipeline {
  /** What the customer asked, with the order it is about, if they said. */
  public record Request(String customer, String email, String order) {}

  /** The order found. */
  public record Lookup(String customer, String order) {}

  @Step(retries = 1, retryDelay = "1ms")
  Lookup lookup(@Input Request request) {
    if (request.customer().equals("boom")) {
      throw new IllegalStateException("the order service is down");
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
