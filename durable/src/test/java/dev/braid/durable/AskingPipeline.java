package dev.braid.durable;

import dev.braid.runtime.ConversationState;
import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code extract → classify → ask → reply} over two inputs, a text and an answer that only {@code
 * ask} reads. Without an answer, {@code ask} stops the run to ask for an order number, with the
 * details {@code {"missing": ["orderNumber"], "attempt": 1}}. Counts how
 * often each step ran per text. {@code classify} of a text that starts with "hold" waits for
 * {@link #release}, for tests of limits.
 */
final class AskingPipeline {
  static final String NAME = "Asking";

  final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  final Set<String> keys = ConcurrentHashMap.newKeySet();
  final AtomicInteger classifying = new AtomicInteger();
  final AtomicInteger mostClassifying = new AtomicInteger();
  final CountDownLatch release = new CountDownLatch(1);

  PipelineDefinition<String> definition() {
    PipelinePlan.Builder plan = PipelinePlan.builder(NAME).inputs("text", "answer");
    plan.step("extract").readsInputs(0);
    plan.step("classify", 0);
    plan.step("ask", 1).readsInputs(1).conversational();
    plan.step("reply", 2);
    plan.output(3);
    return PipelineDefinition.of(PipelineEngine.create(plan.build()),
        List.of(String.class, String.class),
        List.of(CountingPipeline.Entities.class, String.class, String.class, String.class),
        inputs -> (step, outputs, context) -> {
          String text = (String) inputs[0];
          String answer = (String) inputs[1];
          runs.computeIfAbsent(text + "#" + step, key -> new AtomicInteger()).incrementAndGet();
          keys.add(context.idempotencyKey());
          return switch (step) {
            case 0 -> new CountingPipeline.Entities(text.length(), text);
            case 1 -> classify(outputs.<CountingPipeline.Entities>get(0).text());
            case 2 -> answer == null
                ? ConversationState.incomplete("refund for " + outputs.<String>get(1),
                    "Ask the customer for their order number",
                    Map.of("missing", List.of("orderNumber"), "attempt", 1))
                : ConversationState.complete("refund of order " + answer);
            case 3 -> "reply: " + outputs.<String>get(2);
            default -> throw new IndexOutOfBoundsException(step);
          };
        });
  }

  private String classify(String text) throws InterruptedException {
    mostClassifying.accumulateAndGet(classifying.incrementAndGet(), Math::max);
    try {
      if (text.startsWith("hold")) {
        release.await();
      }
      return "class of " + text;
    } finally {
      classifying.decrementAndGet();
    }
  }

  int ran(String text, int step) {
    AtomicInteger count = runs.get(text + "#" + step);
    return count == null ? 0 : count.get();
  }
}
