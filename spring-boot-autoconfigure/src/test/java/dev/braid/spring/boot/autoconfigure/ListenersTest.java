package dev.braid.spring.boot.autoconfigure;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.micrometer.BraidMetrics;
import dev.braid.runtime.ModelPrice;
import dev.braid.runtime.PriceTable;
import dev.braid.runtime.RunEvent;
import dev.braid.runtime.RunListener;
import dev.braid.runtime.tracing.OpenTelemetryTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Every run listener bean hears every run; metrics and tracing are listeners made from the
 * application's {@code MeterRegistry} and {@code OpenTelemetry}; {@code braid.prices} prices calls.
 */
class ListenersTest {
  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(BraidAutoConfiguration.class,
          BraidMetricsAutoConfiguration.class, BraidTracingAutoConfiguration.class))
      .withUserConfiguration(TestBeans.class);

  @Test
  void everyRunListenerBeanHearsTheRuns() {
    context.withBean("first", Recording.class).withBean("second", Recording.class)
        .run(context -> {
      List<Recording> listeners = List.copyOf(context.getBeansOfType(Recording.class).values());
      context.getBean(GreetingPipelineExecutor.class).execute("Ada");
      assertThat(listeners).hasSize(2);
      for (Recording listener : listeners) {
        assertThat(listener.pipelines).containsExactly("GreetingPipeline");
      }
    });
  }

  @Test
  void aMeterRegistryBeanGetsTheRunsMetrics() {
    context.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
      assertThat(context.getBeansOfType(BraidMetrics.class)).hasSize(1);
      context.getBean(GreetingPipelineExecutor.class).execute("Ada");
      assertThat(context.getBean(MeterRegistry.class).get("braid.run.duration")
          .tag("pipeline", "GreetingPipeline").timer().count()).isEqualTo(1);
    });
  }

  @Test
  void noMeterRegistryMeansNoMetrics() {
    context.run(context -> assertThat(context.getBeansOfType(BraidMetrics.class)).isEmpty());
  }

  @Test
  void withoutBraidMicrometerOnTheClassPathNothingIsMissing() {
    context.withClassLoader(new FilteredClassLoader(BraidMetrics.class))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(context -> {
          assertThat(context.getStartupFailure()).isNull();
          assertThat(context.getBean(GreetingPipelineExecutor.class).execute("Ada").output())
              .isEqualTo("Hello, Ada");
        });
  }

  @Test
  void anOpenTelemetryBeanTracesTheRuns() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .build();
    // The context closes the SDK with itself.
    context.withBean(OpenTelemetry.class, () -> sdk).run(context -> {
      assertThat(context.getBeansOfType(OpenTelemetryTracing.class)).hasSize(1);
      context.getBean(GreetingPipelineExecutor.class).execute("Ada");
      assertThat(spans.getFinishedSpanItems().stream().map(SpanData::getName).toList())
          .containsAtLeast("GreetingPipeline", "GreetingPipeline/greet");
    });
  }

  @Test
  void pricesComeFromPropertiesOverTheBundledTable() {
    context.withPropertyValues("braid.prices.models.my-finetune=0.30, 0.15, 1.20",
            "braid.prices.models.llama-local=free")
        .run(context -> {
          PriceTable prices = context.getBean(PriceTable.class);
          assertThat(prices.price("my-finetune"))
              .isEqualTo(ModelPrice.dollarsPerMillion("0.30", "0.15", "1.20"));
          assertThat(prices.price("llama-local")).isEqualTo(ModelPrice.FREE);
          assertThat(prices.find("gpt-4o-mini")).isPresent();
          assertThat(context.getBean(PipelineConfigs.class).forPipeline("GreetingPipeline")
              .prices()).hasValue(prices);
        });
  }

  @Test
  void aPriceFileIsReadFromItsLocation() {
    context.withPropertyValues("braid.prices.file=classpath:test-prices.properties")
        .run(context -> assertThat(context.getBean(PriceTable.class).price("house-model"))
            .isEqualTo(ModelPrice.dollarsPerMillion("1", "0.5", "2")));
  }

  @Test
  void aMalformedPriceFailsStartupNamingTheProperty() {
    context.withPropertyValues("braid.prices.models.my-finetune=0.30, 0.15")
        .run(context -> assertThat(PipelinePropertiesTest.rootCause(context.getStartupFailure()))
            .hasMessageThat().isEqualTo("Property braid.prices.models.my-finetune is"
                + " '0.30, 0.15'; write three prices in US dollars per million tokens, input,"
                + " cached input and output, such as 0.15, 0.075, 0.60; or free for a local"
                + " model"));
  }

  @Test
  void aMissingPriceFileFailsStartupNamingTheProperty() {
    context.withPropertyValues("braid.prices.file=classpath:nowhere.properties")
        .run(context -> assertThat(PipelinePropertiesTest.rootCause(context.getStartupFailure()))
            .hasMessageThat().startsWith("Property braid.prices.file names"
                + " classpath:nowhere.properties, which does not exist;"));
  }

  static final class Recording implements RunListener {
    final List<String> pipelines = new CopyOnWriteArrayList<>();

    @Override
    public void runStarted(RunEvent run) {
      pipelines.add(run.pipelineName());
    }
  }
}
