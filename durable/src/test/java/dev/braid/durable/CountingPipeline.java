package dev.braid.durable;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A three-step pipeline, {@code extract → classify → reply}, that counts how often each step ran
 * for each input. The first {@code reply} of an input that starts with "block" waits for {@link
 * #release}, standing in for a worker that dies mid-run.
 */
final class CountingPipeline {
  static final String NAME = "Counting";

  final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  final CountDownLatch replyBlocked = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);
  final List<String> started = new CopyOnWriteArrayList<>();
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger mostInFlight = new AtomicInteger();

  DurablePipeline registration() {
    PipelinePlan.Builder plan = PipelinePlan.builder(NAME).inputs("text");
    plan.step("extract").readsInputs(0);
    plan.step("classify", 0);
    plan.step("reply", 1);
    plan.output(2);
    PipelineEngine engine = PipelineEngine.create(plan.build());
    return DurablePipeline.builder(engine, inputs -> (step, outputs, context) -> {
      String text = (String) inputs[0];
      int count = count(text, step);
      return switch (step) {
        case 0 -> {
          started.add(text);
          mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          yield new Entities(text.length(), text);
        }
        case 1 -> {
          if (text.startsWith("fail")) {
            throw new IllegalStateException("no class for " + text);
          }
          yield "class of " + outputs.<Entities>get(0).text();
        }
        case 2 -> {
          try {
            if (count == 1 && text.startsWith("block")) {
              replyBlocked.countDown();
              release.await();
            }
            yield "reply to " + outputs.<String>get(1);
          } finally {
            inFlight.decrementAndGet();
          }
        }
        default -> throw new IndexOutOfBoundsException(step);
      };
    })
        .inputTypes(String.class)
        .stepType("extract", Entities.class)
        .stepType("classify", String.class)
        .stepType("reply", String.class)
        .build();
  }

  int count(String text, int step) {
    return runs.computeIfAbsent(text + "#" + step, key -> new AtomicInteger()).incrementAndGet();
  }

  int ran(String text, int step) {
    AtomicInteger count = runs.get(text + "#" + step);
    return count == null ? 0 : count.get();
  }

  record Entities(int length, String text) {}
}
