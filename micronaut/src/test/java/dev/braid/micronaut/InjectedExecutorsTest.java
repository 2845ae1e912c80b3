package dev.braid.micronaut;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.micrometer.BraidMetrics;
import dev.braid.runtime.Microcents;
import dev.braid.runtime.ModelPrice;
import dev.braid.runtime.Money;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PriceTable;
import dev.braid.runtime.RunEvent;
import dev.braid.runtime.RunListener;
import dev.braid.runtime.StepConfig;
import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.StepTimeoutException;
import dev.braid.runtime.tracing.OpenTelemetryTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Executors Micronaut injects are configured by {@code braid.pipelines.*}, a {@code PipelineConfig}
 * bean named after their pipeline, and the application's listener, meter registry and
 * OpenTelemetry beans.
 */
class InjectedExecutorsTest {

  @Test
  void aStepsTimeoutFromPropertiesStopsTheStep() {
    try (ApplicationContext context = ApplicationContext.run(
        Map.of("braid.pipelines.BlockingPipeline.steps.waitForever.timeout", "50ms"))) {
      assertTimesOutAfter(context.getBean(BlockingPipelineExecutor.class), Duration.ofMillis(50));
    }
  }

  @Test
  void stepDefaultsFromPropertiesReachAStepThatSetsNothingItself() {
    try (ApplicationContext context = ApplicationContext.run(
        Map.of("braid.pipelines.blocking-pipeline.defaults.timeout", "40ms",
            "braid.pipelines.blocking-pipeline.defaults.retries", "0"))) {
      assertThat(context.getBean(PipelineConfigs.class).forPipeline("BlockingPipeline")
          .stepDefaults()).isEqualTo(StepConfig.builder()
              .timeout(Duration.ofMillis(40)).retries(0).build());
      assertTimesOutAfter(context.getBean(BlockingPipelineExecutor.class), Duration.ofMillis(40));
    }
  }

  @Test
  void aBadStepDefaultFailsStartupNamingThePropertyAndTheFix() {
    RuntimeException unknown = assertThrows(RuntimeException.class, () -> ApplicationContext.run(
        Map.of("braid.pipelines.BlockingPipeline.defaults.timout", "1s")));
    RuntimeException negative = assertThrows(RuntimeException.class, () -> ApplicationContext.run(
        Map.of("braid.pipelines.BlockingPipeline.defaults.retries", "-2")));

    assertThat(rootCause(unknown)).hasMessageThat().isEqualTo("Property"
        + " braid.pipelines.BlockingPipeline.defaults.timout names no setting; did you mean"
        + " 'timeout'?; write one of [timeout, retries, retry-delay, max-retry-delay, cost-budget,"
        + " token-budget]");
    RuntimeException capped = assertThrows(RuntimeException.class, () -> ApplicationContext.run(
        Map.of("braid.pipelines.BlockingPipeline.defaults.max-concurrent", "5")));
    assertThat(rootCause(capped)).hasMessageThat().startsWith("Property"
        + " braid.pipelines.BlockingPipeline.defaults.max-concurrent names no setting");
    assertThat(rootCause(negative)).hasMessageThat().isEqualTo("Property"
        + " braid.pipelines.BlockingPipeline.defaults.retries is \"-2\" (StepConfig.retries must"
        + " be 0 or more, was -2; use 0 for a single attempt); write a value in range");
  }

  @Test
  void aPipelineConfigBeanNamedAfterThePipelineConfiguresItWithoutReplaces() {
    try (ApplicationContext context = ApplicationContext.builder().build()) {
      context.registerSingleton(PipelineConfig.class, PipelineConfig.builder()
          .step("waitForever", StepConfig.builder().timeout(Duration.ofMillis(40)).build())
          .build(), Qualifiers.byName("BlockingPipeline"));
      context.start();
      assertTimesOutAfter(context.getBean(BlockingPipelineExecutor.class), Duration.ofMillis(40));
    }
  }

  @Test
  void costBudgetPropertiesAreDollarsWithOrWithoutTheSign() {
    try (ApplicationContext context = ApplicationContext.run(Map.of(
        "braid.pipelines.blocking-pipeline.cost-budget", "$0.10",
        "braid.pipelines.blocking-pipeline.steps.wait-forever.cost-budget", "0.02"))) {
      PipelineConfig config = context.getBean(PipelineConfigs.class).forPipeline("BlockingPipeline");
      assertThat(config.costBudget()).hasValue(Money.dollars("0.10").toMicrocents());
      assertThat(config.costBudget()).hasValue(10 * Microcents.CENT);
      assertThat(config.steps().get("waitForever").costBudget()).hasValue(2 * Microcents.CENT);
    }
  }

  @Test
  void aCostBudgetPropertyThatIsNoDollarAmountFailsStartupNamingIt() {
    Exception failure = assertThrows(Exception.class, () -> ApplicationContext.run(
        Map.of("braid.pipelines.BlockingPipeline.cost-budget", "10c")));
    assertThat(rootCause(failure)).hasMessageThat().contains(
        "braid.pipelines.BlockingPipeline.cost-budget is \"10c\"");
    assertThat(rootCause(failure)).hasMessageThat().contains("'10c' is not a dollar amount; write it"
        + " as \"$0.10\", \"0.10\" or \"12\", with at most 8 decimals (one microcent)");
  }

  @Test
  void propertiesWinOverThePipelineConfigBean() {
    try (ApplicationContext context = ApplicationContext.builder()
        .properties(Map.of("braid.pipelines.blocking-pipeline.steps.wait-forever.timeout", "30ms"))
        .build()) {
      context.registerSingleton(PipelineConfig.class, PipelineConfig.builder()
          .deadline(Duration.ofMinutes(3))
          .step("waitForever", StepConfig.builder().timeout(Duration.ofSeconds(40)).build())
          .build(), Qualifiers.byName("BlockingPipeline"));
      context.start();
      PipelineConfig config = context.getBean(PipelineConfigs.class).forPipeline("BlockingPipeline");
      assertThat(config.deadline()).hasValue(Duration.ofMinutes(3));
      assertTimesOutAfter(context.getBean(BlockingPipelineExecutor.class), Duration.ofMillis(30));
    }
  }

  @Test
  void runListenerAndMeterRegistryBeansHearTheRuns() {
    Recording listener = new Recording();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (ApplicationContext context = ApplicationContext.builder()
        .singletons(listener, registry).start()) {
      assertThat(context.getBeansOfType(BraidMetrics.class)).hasSize(1);
      assertThat(context.getBean(GreetingPipelineExecutor.class).execute("Ada").output())
          .isEqualTo("Hello, Ada");

      assertThat(listener.pipelines).containsExactly("GreetingPipeline");
      assertThat(context.getBean(MeterRegistry.class).get("braid.run.duration")
          .tag("pipeline", "GreetingPipeline").timer().count()).isEqualTo(1);
    }
  }

  @Test
  void anExecutorTheApplicationsFactoryMakesIsLeftAsItMadeIt() {
    try (ApplicationContext context =
        ApplicationContext.run(Map.of(OwnExecutorFactory.ENABLED, "true"))) {
      assertThat(context.getBean(GreetingPipelineExecutor.class))
          .isSameInstanceAs(OwnExecutorFactory.OWN);
    }
  }

  @Test
  void anOpenTelemetryBeanTracesTheRuns() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .build();
        ApplicationContext context = ApplicationContext.builder().build()) {
      context.registerSingleton(OpenTelemetry.class, sdk);
      context.start();
      assertThat(context.getBeansOfType(OpenTelemetryTracing.class)).hasSize(1);

      context.getBean(GreetingPipelineExecutor.class).execute("Ada");

      assertThat(spans.getFinishedSpanItems().stream().map(SpanData::getName).toList())
          .containsAtLeast("GreetingPipeline", "GreetingPipeline/greet");
    }
  }

  @Test
  void oneBraidPricesPropertyFreesALocalModelAndAnotherPricesOne() {
    try (ApplicationContext context = ApplicationContext.run(Map.of(
        "braid.prices.models.local-llm*", "free",
        "braid.prices.models.house-model", "1, 0.5, 2"))) {
      PriceTable prices = context.getBean(PipelineConfigs.class).forPipeline("GreetingPipeline")
          .prices().orElseThrow();

      assertThat(prices.price("local-llm-7b")).isEqualTo(ModelPrice.FREE);
      assertThat(prices.price("house-model"))
          .isEqualTo(ModelPrice.dollarsPerMillion("1", "0.5", "2"));
      assertThat(prices.find("gpt-4o-mini")).isEqualTo(PriceTable.defaults().find("gpt-4o-mini"));
      assertThat(prices.find("unpriced-model")).isEmpty();
    }
  }

  @Test
  void aBadPricePropertyFailsStartupNamingIt() {
    RuntimeException failure = assertThrows(RuntimeException.class, () -> ApplicationContext.run(
        Map.of("braid.prices.models.house-model", "cheap")));
    assertThat(rootCause(failure)).hasMessageThat().isEqualTo("Price table braid.prices.models:"
        + " 'house-model = cheap' needs three prices in dollars per million tokens: input, cached"
        + " input, output; or 'free'");
  }

  @Test
  void anUnknownPipelineFailsStartupWithTheClosestName() {
    RuntimeException failure = assertThrows(RuntimeException.class, () -> ApplicationContext.run(
        Map.of("braid.pipelines.BlockingPipline.deadline", "1m")));
    assertThat(rootCause(failure)).hasMessageThat().isEqualTo("Property"
        + " braid.pipelines.BlockingPipline names no pipeline of the application; did you mean"
        + " 'BlockingPipeline'?; write the name of a @Pipeline or @Router: its name attribute, or"
        + " its class's simple name");
  }

  @Test
  void aStepsConcurrencyCapBindsFromPropertiesAndOneBelowOneFailsStartup() {
    try (ApplicationContext context = ApplicationContext.run(
        Map.of("braid.pipelines.blocking-pipeline.steps.wait-forever.max-concurrent", "5"))) {
      assertThat(context.getBean(PipelineConfigs.class).forPipeline("BlockingPipeline").steps()
          .get("waitForever").maxConcurrent()).hasValue(5);
    }
    RuntimeException zero = assertThrows(RuntimeException.class, () -> ApplicationContext.run(
        Map.of("braid.pipelines.BlockingPipeline.steps.waitForever.max-concurrent", "0")));
    assertThat(rootCause(zero)).hasMessageThat().isEqualTo("Property"
        + " braid.pipelines.BlockingPipeline.steps.waitForever.max-concurrent is \"0\""
        + " (StepConfig.maxConcurrent must be at least 1, was 0; leave it unset for no cap);"
        + " write a value in range");
  }

  @Test
  void anUnknownStepOrABadValueFailsStartupNamingTheProperty() {
    RuntimeException unknownStep = assertThrows(RuntimeException.class, () ->
        ApplicationContext.run(Map.of("braid.pipelines.BlockingPipeline.steps.wait.timeout", "1s")));
    assertThat(rootCause(unknownStep)).hasMessageThat().isEqualTo("Property"
        + " braid.pipelines.BlockingPipeline.steps.wait names no step of pipeline"
        + " 'BlockingPipeline'; the steps are [waitForever]; write the name of one of its @Step"
        + " methods");
    RuntimeException badValue = assertThrows(RuntimeException.class, () -> ApplicationContext.run(
        Map.of("braid.pipelines.BlockingPipeline.steps.waitForever.timeout", "soon")));
    assertThat(rootCause(badValue)).hasMessageThat().isEqualTo("Property"
        + " braid.pipelines.BlockingPipeline.steps.waitForever.timeout is \"soon\", which is not"
        + " a duration; write it as 250ms, 30s, 2m, 1h or ISO-8601 such as PT30S");
  }

  private static void assertTimesOutAfter(BlockingPipelineExecutor executor, Duration timeout) {
    StepExecutionException failure =
        assertThrows(StepExecutionException.class, () -> executor.execute("hello"));
    assertThat(failure.getCause()).isInstanceOf(StepTimeoutException.class);
    assertThat(((StepTimeoutException) failure.getCause()).timeout()).isEqualTo(timeout);
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  static final class Recording implements RunListener {
    final List<String> pipelines = new CopyOnWriteArrayList<>();

    @Override
    public void runStarted(RunEvent run) {
      pipelines.add(run.pipelineName());
    }
  }
}
