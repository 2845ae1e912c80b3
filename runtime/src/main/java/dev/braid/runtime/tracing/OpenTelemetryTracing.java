package dev.braid.runtime.tracing;

import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.BraidException;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunEvent;
import dev.braid.runtime.RunListener;
import dev.braid.runtime.StepEvent;
import dev.braid.runtime.Usage;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Traces runs with OpenTelemetry: a span per run, a child span per step attempt, and under it a
 * client span per model call named and tagged as the GenAI semantic conventions say ({@code chat
 * gpt-4o-mini}, {@code gen_ai.request.model}, {@code gen_ai.usage.input_tokens}, ...). The attempt's
 * span is current while the step's code runs, on whichever thread runs it, so the spans of the
 * application's own code and HTTP clients nest under the step.
 *
 * <pre>{@code
 * PipelineConfig.builder().listener(OpenTelemetryTracing.create(openTelemetry)).build();
 * }</pre>
 *
 * <p>{@link #global()} traces with whatever {@link GlobalOpenTelemetry} holds when each run starts.
 * Without an SDK the listener declines each run ({@link #listensTo}), so the run builds no events:
 * tracing then costs one look-up per run. Thread-safe.
 */
public final class OpenTelemetryTracing implements RunListener {
  static final String SCOPE = "dev.braid";
  static final AttributeKey<String> PIPELINE = AttributeKey.stringKey("braid.pipeline");
  static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("braid.run_id");
  static final AttributeKey<String> STEP = AttributeKey.stringKey("braid.step");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("braid.attempt");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("braid.outcome");
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<Long> COST = AttributeKey.longKey("braid.cost_microcents");

  private final @Nullable OpenTelemetry fixed;
  private final Map<String, Context> runs = new ConcurrentHashMap<>();
  private final Map<String, Span> attempts = new ConcurrentHashMap<>();

  private OpenTelemetryTracing(@Nullable OpenTelemetry fixed) {
    this.fixed = fixed;
  }

  /** Traces with {@code openTelemetry}. */
  public static OpenTelemetryTracing create(OpenTelemetry openTelemetry) {
    return new OpenTelemetryTracing(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  /** Traces with {@link GlobalOpenTelemetry}, looked up as each run starts. */
  public static OpenTelemetryTracing global() {
    return new OpenTelemetryTracing(null);
  }

  private @Nullable Tracer tracer() {
    TracerProvider provider = fixed != null
        ? fixed.getTracerProvider()
        : GlobalOpenTelemetry.getTracerProvider();
    return provider == TracerProvider.noop() ? null : provider.get(SCOPE);
  }

  /** Only while an SDK is installed: without one, runs build no events for tracing at all. */
  @Override
  public boolean listensTo(String pipelineName) {
    return tracer() != null;
  }

  @Override
  public void runStarted(RunEvent run) {
    Tracer tracer = tracer();
    if (tracer == null) {
      return;
    }
    Context parent = Context.current();
    Span span = tracer.spanBuilder(run.pipelineName())
        .setParent(parent)
        .setStartTimestamp(run.startedAt())
        .setAttribute(PIPELINE, run.pipelineName())
        .setAttribute(RUN_ID, run.runId())
        .startSpan();
    runs.put(run.runId(), parent.with(span));
  }

  @Override
  public Scope attemptStarted(StepEvent attempt) {
    Context run = runs.get(attempt.runId());
    if (run == null) {
      return Scope.NONE;
    }
    Span span = Span.fromContext(run).isRecording()
        ? tracerOrNoop().spanBuilder(attempt.pipelineName() + "/" + attempt.stepName())
            .setParent(run)
            .setAttribute(PIPELINE, attempt.pipelineName())
            .setAttribute(RUN_ID, attempt.runId())
            .setAttribute(STEP, attempt.stepName())
            .setAttribute(ATTEMPT, (long) attempt.attempt())
            .startSpan()
        : Span.getInvalid();
    attempts.put(key(attempt), span);
    io.opentelemetry.context.Scope current = run.with(span).makeCurrent();
    return current::close;
  }

  @Override
  public void attemptEnded(StepEvent attempt, AttemptRecord record) {
    Span span = attempts.remove(key(attempt));
    if (span == null) {
      return;
    }
    span.setAttribute(OUTCOME, record.outcome().name().toLowerCase(Locale.ROOT));
    Throwable failure = record.failure();
    if (failure != null) {
      span.recordException(failure);
      span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
    }
    span.end(record.finishedAt());
  }

  @Override
  public CallScope modelCallStarted(StepEvent attempt, String model) {
    Context run = runs.get(attempt.runId());
    if (run == null) {
      return CallScope.NONE;
    }
    Span span = tracerOrNoop().spanBuilder("chat " + model)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(OPERATION, "chat")
        .setAttribute(MODEL, model)
        .setAttribute(STEP, attempt.stepName())
        .startSpan();
    io.opentelemetry.context.Scope current = span.makeCurrent();
    return (usage, failure) -> {
      current.close();
      span.setAttribute(INPUT_TOKENS, usage.inputTokens());
      span.setAttribute(OUTPUT_TOKENS, usage.outputTokens());
      span.setAttribute(COST, usage.costMicrocents());
      if (failure != null) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
      }
      span.end();
    };
  }

  @Override
  public void runEnded(RunEvent run, PipelineResult<?> result, @Nullable BraidException failure) {
    Context context = runs.remove(run.runId());
    if (context == null) {
      return;
    }
    Span span = Span.fromContext(context);
    Usage usage = result.usage();
    span.setAttribute(INPUT_TOKENS, usage.inputTokens());
    span.setAttribute(OUTPUT_TOKENS, usage.outputTokens());
    span.setAttribute(COST, usage.costMicrocents());
    span.setAttribute(OUTCOME, failure != null ? "failed"
        : result.stoppedEarly() ? "stopped_early" : "succeeded");
    if (failure != null) {
      span.recordException(failure);
      span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
    }
    span.end(result.finishedAt());
  }

  /** The tracer for spans under a run that is traced, or a no-op one if tracing stopped meanwhile. */
  private Tracer tracerOrNoop() {
    Tracer tracer = tracer();
    return tracer != null ? tracer : TracerProvider.noop().get(SCOPE);
  }

  private static String key(StepEvent attempt) {
    return attempt.runId() + '/' + attempt.stepName() + '#' + attempt.attempt();
  }
}
