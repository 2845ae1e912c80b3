package dev.braid.micrometer;

import dev.braid.micrometer.Meters.CallKey;
import dev.braid.micrometer.Meters.ModelKey;
import dev.braid.micrometer.Meters.RunKey;
import dev.braid.micrometer.Meters.StepKey;
import dev.braid.micrometer.Meters.StepStatusKey;
import dev.braid.micrometer.Meters.UsageCounters;
import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.BraidException;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunEvent;
import dev.braid.runtime.RunListener;
import dev.braid.runtime.StepEvent;
import dev.braid.runtime.StepRecord;
import dev.braid.runtime.StreamChunk;
import dev.braid.runtime.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Records runs, steps, model calls and streamed chunks as Micrometer meters: how long runs and
 * steps take and how they end, how many run at once, what is retried, and what model calls use
 * and cost, and how long attempts of capped steps waited for a slot. Register it as a listener:
 *
 * <pre>{@code
 * PipelineConfig config = PipelineConfig.builder()
 *     .listener(BraidMetrics.create(meterRegistry))
 *     .build();
 * }</pre>
 *
 * <p>Meters are tagged with the pipeline, step, model, status or outcome only, never a run id or
 * anything taken from inputs, so their number stays bounded by the pipelines' shapes. They are
 * registered on first use and cached, so recording an event costs a map lookup. Durations are
 * those of the runs' results, so a step's time includes its retries and their pauses. Thread-safe.
 */
public final class BraidMetrics implements RunListener {
  private final MeterCache<RunKey, Timer> runDurations;
  private final MeterCache<String, AtomicInteger> activeRuns;
  private final MeterCache<StepStatusKey, Timer> stepDurations;
  private final MeterCache<StepKey, Counter> stepRetries;
  private final MeterCache<StepKey, Timer> slotWaits;
  private final MeterCache<StepKey, Counter> streamChunks;
  private final MeterCache<CallKey, Counter> modelCalls;
  private final MeterCache<ModelKey, UsageCounters> modelUsage;

  private BraidMetrics(Meters meters) {
    runDurations = new MeterCache<>(meters::runDuration);
    activeRuns = new MeterCache<>(meters::activeRuns);
    stepDurations = new MeterCache<>(meters::stepDuration);
    stepRetries = new MeterCache<>(meters::stepRetries);
    slotWaits = new MeterCache<>(meters::slotWait);
    streamChunks = new MeterCache<>(meters::streamChunks);
    modelCalls = new MeterCache<>(meters::modelCalls);
    modelUsage = new MeterCache<>(meters::modelUsage);
  }

  /** Records into {@code registry}, with no tags but Braid's own. */
  public static BraidMetrics create(MeterRegistry registry) {
    return builder(registry).build();
  }

  /** Starts metrics recorded into {@code registry}, with options such as common tags. */
  public static Builder builder(MeterRegistry registry) {
    return new Builder(registry);
  }

  @Override
  public void runStarted(RunEvent run) {
    activeRuns.get(run.pipelineName()).incrementAndGet();
  }

  /** Records the wait of an attempt of a step with a concurrency cap, the only ones that wait. */
  @Override
  public void attemptEnded(StepEvent attempt, AttemptRecord record) {
    if (!record.waited().isZero()) {
      slotWaits.get(new StepKey(attempt.pipelineName(), attempt.stepName()))
          .record(record.waited());
    }
  }

  @Override
  public void stepRetrying(StepEvent attempt, AttemptRecord failed, Duration pause) {
    stepRetries.get(new StepKey(attempt.pipelineName(), attempt.stepName())).increment();
  }

  @Override
  public void stepEnded(StepEvent step, StepRecord record) {
    stepDurations.get(new StepStatusKey(step.pipelineName(), step.stepName(), record.status()))
        .record(record.duration());
  }

  @Override
  public CallScope modelCallStarted(StepEvent attempt, String model) {
    return (usage, failure) -> modelCallEnded(attempt, model, usage, failure);
  }

  private void modelCallEnded(
      StepEvent attempt, String model, Usage usage, @Nullable Throwable failure) {
    String pipeline = attempt.pipelineName();
    modelCalls.get(new CallKey(pipeline, attempt.stepName(), model, failure == null)).increment();
    modelUsage.get(new ModelKey(pipeline, model)).record(usage);
  }

  @Override
  public void chunkStreamed(StepEvent attempt, StreamChunk chunk) {
    streamChunks.get(new StepKey(attempt.pipelineName(), attempt.stepName())).increment();
  }

  @Override
  public void runEnded(RunEvent run, PipelineResult<?> result, @Nullable BraidException failure) {
    String pipeline = run.pipelineName();
    runDurations.get(new RunKey(pipeline, RunOutcome.of(result, failure)))
        .record(result.duration());
    activeRuns.get(pipeline).decrementAndGet();
  }

  /** Collects the options of {@link BraidMetrics}; not thread-safe. */
  public static final class Builder {
    private final MeterRegistry registry;
    private Tags commonTags = Tags.empty();

    private Builder(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Adds tags to every Braid meter, such as the application or region, on top of the registry's
     * own common tags.
     *
     * @throws IllegalArgumentException if a tag uses a key Braid sets itself: {@code pipeline},
     *     {@code step}, {@code status}, {@code outcome}, {@code model} or {@code type}
     */
    public Builder commonTags(Iterable<Tag> tags) {
      for (Tag tag : Objects.requireNonNull(tags, "tags")) {
        if (Meters.OWN_TAGS.contains(tag.getKey())) {
          throw new IllegalArgumentException("BraidMetrics.commonTags cannot use the key '"
              + tag.getKey() + "', which Braid sets on its own meters; choose another key, such as"
              + " 'app." + tag.getKey() + "'");
        }
      }
      commonTags = commonTags.and(tags);
      return this;
    }

    /**
     * Adds tags given as alternating keys and values; see {@link #commonTags(Iterable)}.
     *
     * @throws IllegalArgumentException if the count is odd or a key is one Braid sets itself
     */
    public Builder commonTags(String... keyValues) {
      return commonTags(Tags.of(keyValues));
    }

    public BraidMetrics build() {
      return new BraidMetrics(new Meters(registry, commonTags));
    }
  }
}
