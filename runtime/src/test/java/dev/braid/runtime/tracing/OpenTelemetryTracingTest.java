package dev.braid.runtime.tracing;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelPrice;
import dev.braid.runtime.ModelResponse;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.PriceTable;
import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Traces as an OpenTelemetry SDK records them, with its in-memory exporter. */
@Timeout(30)
class OpenTelemetryTracingTest {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
      .build();

  /** A model whose call opens a span of its own, as an instrumented HTTP client would. */
  private final ModelClient<String, String> model = new ModelClient<>() {
    @Override
    public String model() {
      return "gpt-4o-mini";
    }

    @Override
    public ModelResponse<String> call(String request, ModelCall call) {
      Span http = sdk.getTracer("http-client").spanBuilder("POST /v1/chat/completions").startSpan();
      http.end();
      return ModelResponse.of("answer", 120, 30);
    }
  };

  @AfterEach
  void close() {
    sdk.close();
  }

  private PipelineEngine engine(OpenTelemetry openTelemetry, PipelinePlan.Builder plan) {
    return PipelineEngine.create(plan.build(), PipelineConfig.builder()
        .prices(PriceTable.empty().with("gpt-4o-mini", ModelPrice.dollarsPerMillion("1", "1", "1")))
        .listener(OpenTelemetryTracing.create(openTelemetry))
        .build());
  }

  private static SpanData named(List<SpanData> spans, String name) {
    return spans.stream().filter(span -> span.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans));
  }

  @Test
  void tracesARunItsAttemptsAndModelCallsWithTheApplicationsSpansNestedUnderThem() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Support");
    plan.step("classify").retries(1);
    plan.step("draft", 0);
    plan.output(1);

    PipelineResult<String> result = engine(sdk, plan).execute(
        (outputs, context) -> {
          if (context.attempt() == 1) {
            throw new IllegalStateException("flaky");
          }
          return "technical";
        },
        (outputs, context) -> {
          Span mine = sdk.getTracer("app").spanBuilder("render template").startSpan();
          mine.end();
          return context.call(model, "draft").value();
        });

    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData run = named(spans, "Support");
    SpanData draft = named(spans, "Support/draft");
    SpanData call = named(spans, "chat gpt-4o-mini");
    assertThat(spans.stream().filter(span -> span.getName().equals("Support/classify")).count())
        .isEqualTo(2);
    assertThat(draft.getParentSpanId()).isEqualTo(run.getSpanId());
    assertThat(named(spans, "render template").getParentSpanId()).isEqualTo(draft.getSpanId());
    assertThat(call.getParentSpanId()).isEqualTo(draft.getSpanId());
    assertThat(named(spans, "POST /v1/chat/completions").getParentSpanId())
        .isEqualTo(call.getSpanId());
    assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(call.getAttributes().get(OpenTelemetryTracing.MODEL)).isEqualTo("gpt-4o-mini");
    assertThat(call.getAttributes().get(OpenTelemetryTracing.OPERATION)).isEqualTo("chat");
    assertThat(call.getAttributes().get(OpenTelemetryTracing.INPUT_TOKENS)).isEqualTo(120);
    assertThat(call.getAttributes().get(OpenTelemetryTracing.OUTPUT_TOKENS)).isEqualTo(30);
    assertThat(draft.getAttributes().get(OpenTelemetryTracing.STEP)).isEqualTo("draft");
    assertThat(draft.getAttributes().get(OpenTelemetryTracing.OUTCOME)).isEqualTo("succeeded");
    assertThat(run.getAttributes().get(OpenTelemetryTracing.COST))
        .isEqualTo(result.usage().costMicrocents());
    SpanData failedAttempt = spans.stream()
        .filter(span -> span.getName().equals("Support/classify")
            && span.getAttributes().get(OpenTelemetryTracing.ATTEMPT) == 1L)
        .findFirst().orElseThrow();
    assertThat(failedAttempt.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(failedAttempt.getAttributes().get(OpenTelemetryTracing.OUTCOME)).isEqualTo("failed");
  }

  @Test
  void aTimedStepsSpanIsCurrentOnTheThreadThatRunsItsCode() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Support");
    plan.step("draft").timeout(Duration.ofSeconds(5));
    plan.output(0);

    engine(sdk, plan).execute((outputs, context) -> {
      Span.current().addEvent("inside the step");
      return "ok";
    });

    SpanData draft = named(exporter.getFinishedSpanItems(), "Support/draft");
    assertThat(draft.getEvents()).hasSize(1);
  }

  @Test
  void aFailedRunsSpanSaysItFailed() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Support");
    plan.step("draft");
    plan.output(0);

    assertThrows(StepExecutionException.class, () -> engine(sdk, plan).execute(
        (outputs, context) -> {
          throw new IllegalStateException("model down");
        }));

    SpanData run = named(exporter.getFinishedSpanItems(), "Support");
    assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(run.getAttributes().get(OpenTelemetryTracing.OUTCOME)).isEqualTo("failed");
  }

  @Test
  void withoutAnSdkNothingIsRecorded() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Support");
    plan.step("draft");
    plan.output(0);

    PipelineResult<String> result =
        engine(OpenTelemetry.noop(), plan).execute((outputs, context) -> "ok");

    assertThat(result.output()).isEqualTo("ok");
    assertThat(exporter.getFinishedSpanItems()).isEmpty();
  }
}
