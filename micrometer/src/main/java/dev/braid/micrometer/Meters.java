package dev.braid.micrometer;

import dev.braid.runtime.StepStatus;
import dev.braid.runtime.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Registers Braid's meters: their names, units, descriptions and tags are defined here and nowhere
 * else. Each method registers one meter (or one group) for one key; {@link BraidMetrics} caches
 * what they return. Thread-safe, as the registry is.
 */
final class Meters {
  static final String PIPELINE = "pipeline";
  static final String STEP = "step";
  static final String STATUS = "status";
  static final String OUTCOME = "outcome";
  static final String MODEL = "model";
  static final String TYPE = "type";

  /** The tag keys Braid sets itself, which common tags may not reuse. */
  static final Set<String> OWN_TAGS = Set.of(PIPELINE, STEP, STATUS, OUTCOME, MODEL, TYPE);

  record RunKey(String pipeline, RunOutcome outcome) {}

  record StepKey(String pipeline, String step) {}

  record StepStatusKey(String pipeline, String step, StepStatus status) {}

  record CallKey(String pipeline, String step, String model, boolean ok) {}

  record ModelKey(String pipeline, String model) {}

  /** The counters of what one pipeline's calls of one model used. */
  record UsageCounters(Counter input, Counter output, Counter cached, Counter cost) {
    void record(Usage usage) {
      increment(input, usage.inputTokens());
      increment(output, usage.outputTokens());
      increment(cached, usage.cachedInputTokens());
      increment(cost, usage.costMicrocents());
    }

    private static void increment(Counter counter, long amount) {
      if (amount > 0) {
        counter.increment(amount);
      }
    }
  }

  private final MeterRegistry registry;
  private final Tags common;

  Meters(MeterRegistry registry, Tags common) {
    this.registry = registry;
    this.common = common;
  }

  Timer runDuration(RunKey key) {
    return Timer.builder("braid.run.duration")
        .description("How long runs took, from start until their last step ended")
        .tags(common)
        .tags(PIPELINE, key.pipeline(), OUTCOME, key.outcome().tag())
        .register(registry);
  }

  /** The count of a pipeline's runs in progress, gauged by the registry. */
  AtomicInteger activeRuns(String pipeline) {
    AtomicInteger active = new AtomicInteger();
    Gauge.builder("braid.runs.active", active, AtomicInteger::get)
        .description("Runs started and not yet ended")
        .baseUnit("runs")
        .tags(common)
        .tag(PIPELINE, pipeline)
        .strongReference(true)
        .register(registry);
    return active;
  }

  Timer stepDuration(StepStatusKey key) {
    return Timer.builder("braid.step.duration")
        .description("How long steps ran, retries and their pauses included; zero for skipped"
            + " steps")
        .tags(common)
        .tags(PIPELINE, key.pipeline(), STEP, key.step(),
            STATUS, key.status().name().toLowerCase(Locale.ROOT))
        .register(registry);
  }

  Timer slotWait(StepKey key) {
    return Timer.builder("braid.step.slot.wait")
        .description("How long attempts of steps with a concurrency cap (maxConcurrent) waited"
            + " for a slot")
        .tags(common)
        .tags(PIPELINE, key.pipeline(), STEP, key.step())
        .register(registry);
  }

  Counter stepRetries(StepKey key) {
    return Counter.builder("braid.step.retries")
        .description("Attempts of steps that failed or timed out and were tried again")
        .baseUnit("retries")
        .tags(common)
        .tags(PIPELINE, key.pipeline(), STEP, key.step())
        .register(registry);
  }

  Counter streamChunks(StepKey key) {
    return Counter.builder("braid.stream.chunks")
        .description("Chunks of output steps streamed")
        .baseUnit("chunks")
        .tags(common)
        .tags(PIPELINE, key.pipeline(), STEP, key.step())
        .register(registry);
  }

  Counter modelCalls(CallKey key) {
    return Counter.builder("braid.model.calls")
        .description("Model calls made from steps, each try of a retried call counted")
        .baseUnit("calls")
        .tags(common)
        .tags(PIPELINE, key.pipeline(), STEP, key.step(), MODEL, key.model(),
            OUTCOME, key.ok() ? "ok" : "error")
        .register(registry);
  }

  UsageCounters modelUsage(ModelKey key) {
    return new UsageCounters(
        tokens(key, "input"),
        tokens(key, "output"),
        tokens(key, "cached"),
        Counter.builder("braid.model.cost")
            .description("What model calls cost, priced by the run's price table")
            .baseUnit("microcents")
            .tags(common)
            .tags(PIPELINE, key.pipeline(), MODEL, key.model())
            .register(registry));
  }

  private Counter tokens(ModelKey key, String type) {
    // One description for all types: registries that print it keep one per meter name.
    return Counter.builder("braid.model.tokens")
        .description("Tokens model calls used: input (cached included), output, and the cached"
            + " part of the input")
        .baseUnit("tokens")
        .tags(common)
        .tags(PIPELINE, key.pipeline(), MODEL, key.model(), TYPE, type)
        .register(registry);
  }
}
