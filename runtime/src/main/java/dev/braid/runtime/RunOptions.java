package dev.braid.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Options for one run, given to one call of {@code execute}: the most specific layer a run has,
 * winning over the executor's {@link PipelineConfig} (its step entries, its step defaults), over
 * {@code @Step} attributes and over {@code @Pipeline} defaults; only a model call's own {@link
 * CallOptions} win over them. They override the same things a {@link PipelineConfig} does, but
 * step defaults.
 *
 * <pre>{@code
 * executor.execute(ticket, RunOptions.builder()
 *     .deadline(Duration.ofSeconds(10))
 *     .step("draft", StepConfig.builder().retries(0).build())
 *     .build());
 * }</pre>
 *
 * <p>Immutable. Step names are checked against the pipeline when the run starts.
 */
public final class RunOptions {
  private static final RunOptions DEFAULTS = builder().build();

  /** Chunks a {@link RunStream} buffers unless {@link Builder#streamBuffer} says otherwise. */
  public static final int DEFAULT_STREAM_BUFFER = 256;

  private final PipelineConfig overrides;
  private final @Nullable ChunkListener chunkListener;
  private final int streamBuffer;
  private final @Nullable StepContext parent;
  private final @Nullable String runId;
  private final CallGate callGate;

  private RunOptions(Builder builder) {
    this.runId = builder.runId;
    this.callGate = builder.callGate;
    this.overrides = builder.overrides.build();
    this.chunkListener = builder.chunkListener;
    this.streamBuffer = builder.streamBuffer;
    this.parent = builder.parent;
  }

  /**
   * Options for a run of another pipeline that a step starts as its child: the child shares the
   * step's deadline (the earlier of its attempt's timeout and its run's deadline), draws on the
   * step's and the run's budgets as well as its own, is cancelled when the step is interrupted,
   * and appears with its steps and usage in the step's {@link StepRecord#childRuns()}; its usage
   * counts in the step's.
   *
   * <pre>{@code
   * @Step Reply escalate(@Input Ticket ticket, StepContext context) throws InterruptedException {
   *   return refunds.execute(ticket, RunOptions.childOf(context)).output();
   * }
   * }</pre>
   *
   * @param context the context Braid passed to the running step
   */
  public static RunOptions childOf(StepContext context) {
    return builder().childOf(context).build();
  }

  /** Options that change nothing. */
  public static RunOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The run's time limit, replacing {@code @Pipeline(deadline)} and {@link PipelineConfig}'s. */
  public Optional<Duration> deadline() {
    return overrides.deadline();
  }

  /** Per-step overrides by step name. */
  public Map<String, StepConfig> steps() {
    return overrides.steps();
  }

  /** The run's cost budget in microcents, replacing {@code @Pipeline}'s and the config's. */
  public Optional<Long> costBudget() {
    return overrides.costBudget();
  }

  /** The run's token budget, replacing {@code @Pipeline}'s and the config's. */
  public Optional<Long> tokenBudget() {
    return overrides.tokenBudget();
  }

  /** The prices this run's calls are charged at, replacing the config's. */
  public Optional<PriceTable> prices() {
    return overrides.prices();
  }

  /** Who hears of this run besides the executor's {@link PipelineConfig#listeners()}. */
  public List<RunListener> listeners() {
    return overrides.listeners();
  }

  /** Who receives the chunks the run's steps stream, if anyone. */
  public Optional<ChunkListener> chunkListener() {
    return Optional.ofNullable(chunkListener);
  }

  /** The step whose child this run is, if it is one. */
  public Optional<StepContext> parent() {
    return Optional.ofNullable(parent);
  }

  /** The id the run should have, if the caller chose one; see {@link Builder#runId}. */
  public Optional<String> runId() {
    return Optional.ofNullable(runId);
  }

  /** How many chunks a {@link RunStream} of this run buffers before its steps wait. */
  public int streamBuffer() {
    return streamBuffer;
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    deadline().ifPresent(builder::deadline);
    steps().forEach(builder::step);
    costBudget().ifPresent(builder::costBudget);
    tokenBudget().ifPresent(builder::tokenBudget);
    prices().ifPresent(builder::prices);
    listeners().forEach(builder::listener);
    builder.chunkListener = chunkListener;
    builder.streamBuffer = streamBuffer;
    builder.parent = parent;
    builder.runId = runId;
    builder.callGate = callGate;
    return builder;
  }

  /** What holds each model call until it may start; {@link CallGate#OPEN} unless set. */
  public CallGate callGate() {
    return callGate;
  }

  @Override
  public String toString() {
    return "RunOptions[deadline=" + deadline().orElse(null) + ", costBudget="
        + costBudget().orElse(null) + ", tokenBudget=" + tokenBudget().orElse(null) + ", steps="
        + steps() + (chunkListener == null ? "" : ", streamed") + "]";
  }

  /** Collects options; not thread-safe. */
  public static final class Builder {
    private final PipelineConfig.Builder overrides = new PipelineConfig.Builder("RunOptions");
    private @Nullable ChunkListener chunkListener;
    private int streamBuffer = DEFAULT_STREAM_BUFFER;
    private @Nullable String runId;
    private @Nullable StepContext parent;
    private CallGate callGate = CallGate.OPEN;

    private Builder() {}

    /** Limits the whole run, retries and pauses included; must be positive. */
    public Builder deadline(Duration deadline) {
      overrides.deadline(deadline);
      return this;
    }

    /** Overrides the settings of the step named {@code stepName} for this run. */
    public Builder step(String stepName, StepConfig config) {
      overrides.step(stepName, config);
      return this;
    }

    /** Limits what this run may spend in microcents, shared by all its steps; not negative. */
    public Builder costBudget(long microcents) {
      overrides.costBudget(microcents);
      return this;
    }

    /** Limits what this run may spend, shared by all its steps: {@code Money.dollars("0.10")}. */
    public Builder costBudget(Money budget) {
      return costBudget(budget.toMicrocents());
    }

    /** Limits the tokens this run's calls may use, shared by all its steps; not negative. */
    public Builder tokenBudget(long tokens) {
      overrides.tokenBudget(tokens);
      return this;
    }

    /** Prices this run's calls with {@code prices}. */
    public Builder prices(PriceTable prices) {
      overrides.prices(prices);
      return this;
    }

    /** Adds a listener that hears of this run; see {@link RunListener}. */
    public Builder listener(RunListener listener) {
      overrides.listener(listener);
      return this;
    }

    /**
     * Sends what the run's steps stream to {@code listener}, as {@link ChunkListener} describes.
     */
    public Builder onChunk(ChunkListener listener) {
      this.chunkListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The run's id, as its steps ({@link StepContext#runId()}) and listeners see it; without one,
     * each run gets a random id. A run that continues work stored elsewhere gives the same id
     * each time, so that {@link StepContext#idempotencyKey()} stays stable across retries of the
     * whole run: a durable worker passes the stored run's id.
     *
     * @throws IllegalArgumentException if {@code id} is blank or longer than 200 characters
     */
    public Builder runId(String id) {
      Objects.requireNonNull(id, "id");
      if (id.isBlank() || id.length() > 200) {
        throw new IllegalArgumentException(
            "RunOptions.runId must be 1 to 200 characters, not blank, was '" + id + "'");
      }
      this.runId = id;
      return this;
    }

    /** How many chunks a {@link RunStream} buffers before streaming steps wait; at least 1. */
    public Builder streamBuffer(int chunks) {
      if (chunks < 1) {
        throw new IllegalArgumentException("RunOptions.streamBuffer must be at least 1, was " + chunks);
      }
      this.streamBuffer = chunks;
      return this;
    }

    /**
     * Holds each model call of the run until {@code gate} admits it, such as a {@link
     * RateLimiter}'s gate for the run's priority.
     */
    public Builder callGate(CallGate gate) {
      this.callGate = Objects.requireNonNull(gate, "gate");
      return this;
    }

    /** Makes the run a child of the running step {@code context} belongs to; see {@link RunOptions#childOf}. */
    public Builder childOf(StepContext context) {
      this.parent = Objects.requireNonNull(context, "context");
      return this;
    }

    public RunOptions build() {
      return new RunOptions(this);
    }
  }
}
