package dev.braid.spring.boot.autoconfigure;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.StepConfig;
import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.StepTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code braid.pipelines.*} configures the executors the application is injected with. */
class PipelinePropertiesTest {
  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(BraidAutoConfiguration.class))
      .withUserConfiguration(TestBeans.class);

  @Test
  void aStepsTimeoutFromPropertiesStopsTheStep() {
    context.withPropertyValues("braid.pipelines.BlockingPipeline.steps.waitForever.timeout=50ms")
        .run(context -> {
          BlockingPipelineExecutor executor = context.getBean(BlockingPipelineExecutor.class);
          StepExecutionException failure =
              assertThrows(StepExecutionException.class, () -> executor.execute("hello"));
          assertThat(failure.getCause()).isInstanceOf(StepTimeoutException.class);
          assertThat(((StepTimeoutException) failure.getCause()).timeout())
              .isEqualTo(Duration.ofMillis(50));
        });
  }

  @Test
  void bindsEverySettingOfAPipelineAndItsSteps() {
    context.withPropertyValues(
            "braid.pipelines.blocking-pipeline.deadline=2m",
            "braid.pipelines.blocking-pipeline.cost-budget=0.50",
            "braid.pipelines.blocking-pipeline.token-budget=9000",
            "braid.pipelines.blocking-pipeline.steps.wait-forever.timeout=20s",
            "braid.pipelines.blocking-pipeline.steps.wait-forever.retries=3",
            "braid.pipelines.blocking-pipeline.steps.wait-forever.retry-delay=100ms",
            "braid.pipelines.blocking-pipeline.steps.wait-forever.max-retry-delay=2s",
            "braid.pipelines.blocking-pipeline.steps.wait-forever.cost-budget=$0.01",
            "braid.pipelines.blocking-pipeline.steps.wait-forever.token-budget=500")
        .run(context -> {
          PipelineConfig config =
              context.getBean(PipelineConfigs.class).forPipeline("BlockingPipeline");
          assertThat(config.deadline()).hasValue(Duration.ofMinutes(2));
          assertThat(config.costBudget()).hasValue(50_000_000L);
          assertThat(config.tokenBudget()).hasValue(9000L);
          assertThat(config.steps()).containsExactly("waitForever", StepConfig.builder()
              .timeout(Duration.ofSeconds(20)).retries(3).retryDelay(Duration.ofMillis(100))
              .maxRetryDelay(Duration.ofSeconds(2)).costBudget(1_000_000).tokenBudget(500)
              .build());
        });
  }

  @Test
  void theStepDefaultsFromPropertiesReachAStepWithoutSettingsOfItsOwn() {
    context.withPropertyValues("braid.pipelines.BlockingPipeline.defaults.timeout=50ms")
        .run(context -> {
          BlockingPipelineExecutor executor = context.getBean(BlockingPipelineExecutor.class);
          StepExecutionException failure =
              assertThrows(StepExecutionException.class, () -> executor.execute("hello"));
          assertThat(failure.getCause()).isInstanceOf(StepTimeoutException.class);
          assertThat(((StepTimeoutException) failure.getCause()).timeout())
              .isEqualTo(Duration.ofMillis(50));
        });
  }

  @Test
  void bindsEveryStepDefaultAndLetsAStepsEntryOverrideThem() {
    context.withPropertyValues(
            "braid.pipelines.blocking-pipeline.defaults.timeout=20s",
            "braid.pipelines.blocking-pipeline.defaults.retries=3",
            "braid.pipelines.blocking-pipeline.defaults.retry-delay=100ms",
            "braid.pipelines.blocking-pipeline.defaults.max-retry-delay=2s",
            "braid.pipelines.blocking-pipeline.defaults.cost-budget=0.01",
            "braid.pipelines.blocking-pipeline.defaults.token-budget=500",
            "braid.pipelines.blocking-pipeline.steps.wait-forever.timeout=50ms")
        .run(context -> {
          PipelineConfig config =
              context.getBean(PipelineConfigs.class).forPipeline("BlockingPipeline");
          assertThat(config.stepDefaults()).isEqualTo(StepConfig.builder()
              .timeout(Duration.ofSeconds(20)).retries(3).retryDelay(Duration.ofMillis(100))
              .maxRetryDelay(Duration.ofSeconds(2)).costBudget(1_000_000).tokenBudget(500)
              .build());
          StepExecutionException failure = assertThrows(StepExecutionException.class,
              () -> context.getBean(BlockingPipelineExecutor.class).execute("hello"));
          assertThat(((StepTimeoutException) failure.getCause()).timeout())
              .isEqualTo(Duration.ofMillis(50));
        });
  }

  @Test
  void aStepDefaultOutOfRangeFailsStartupNamingThePropertyAndTheFix() {
    context.withPropertyValues("braid.pipelines.BlockingPipeline.defaults.retries=-1")
        .run(context -> {
          InvalidBraidPropertyException e =
              (InvalidBraidPropertyException) rootCause(context.getStartupFailure());
          assertThat(e.property()).isEqualTo("braid.pipelines.BlockingPipeline.defaults.retries");
          assertThat(e).hasMessageThat().isEqualTo("Property"
              + " braid.pipelines.BlockingPipeline.defaults.retries is -1 (StepConfig.retries must"
              + " be 0 or more, was -1; use 0 for a single attempt); write 0 or more; 0 means a"
              + " single attempt");
        });
  }

  @Test
  void aConcurrencyCapAmongTheStepDefaultsFailsStartupPointingAtTheStepsOwn() {
    context.withPropertyValues("braid.pipelines.BlockingPipeline.defaults.max-concurrent=5")
        .run(context -> {
          InvalidBraidPropertyException e =
              (InvalidBraidPropertyException) rootCause(context.getStartupFailure());
          assertThat(e.property())
              .isEqualTo("braid.pipelines.BlockingPipeline.defaults.max-concurrent");
          assertThat(e).hasMessageThat().isEqualTo("Property"
              + " braid.pipelines.BlockingPipeline.defaults.max-concurrent caps every step at"
              + " once, which a concurrency cap cannot: it bounds one step; set"
              + " braid.pipelines.BlockingPipeline.steps.<step>.max-concurrent instead");
        });
  }

  @Test
  void theApplicationsPipelineConfigBeanIsTheBaseThatPropertiesOverride() {
    context.withUserConfiguration(OwnConfig.class)
        .withPropertyValues("braid.pipelines.BlockingPipeline.steps.waitForever.retries=4")
        .run(context -> {
          PipelineConfig config =
              context.getBean(PipelineConfigs.class).forPipeline("BlockingPipeline");
          assertThat(config.deadline()).hasValue(Duration.ofSeconds(90));
          assertThat(config.steps().get("waitForever")).isEqualTo(StepConfig.builder()
              .timeout(Duration.ofSeconds(7)).retries(4).build());
          assertThat(context.getBean(PipelineConfigs.class).forPipeline("GreetingPipeline")
              .deadline()).isEmpty();
        });
  }

  @Test
  void anUnknownPipelineFailsStartupWithTheClosestName() {
    context.withPropertyValues("braid.pipelines.BlockingPipline.deadline=1m").run(context ->
        assertThat(rootCause(context.getStartupFailure())).hasMessageThat().isEqualTo(
            "Property braid.pipelines.BlockingPipline names no pipeline of the application;"
                + " did you mean 'BlockingPipeline'?; write the name of a @Pipeline or @Router:"
                + " its name attribute, or its class's simple name"));
  }

  @Test
  void anUnknownStepFailsStartupWithTheClosestName() {
    context.withPropertyValues("braid.pipelines.BlockingPipeline.steps.waitForevr.retries=1")
        .run(context ->
            assertThat(rootCause(context.getStartupFailure())).hasMessageThat().isEqualTo(
                "Property braid.pipelines.BlockingPipeline.steps.waitForevr names no step of"
                    + " pipeline 'BlockingPipeline'; did you mean 'waitForever'?; write the name"
                    + " of one of its @Step methods"));
  }

  @Test
  void aValueOutOfRangeFailsStartupNamingThePropertyAndTheFix() {
    context.withPropertyValues("braid.pipelines.BlockingPipeline.steps.waitForever.timeout=0s")
        .run(context -> {
          InvalidBraidPropertyException failure =
              (InvalidBraidPropertyException) rootCause(context.getStartupFailure());
          assertThat(failure.property())
              .isEqualTo("braid.pipelines.BlockingPipeline.steps.waitForever.timeout");
          assertThat(failure.problem())
              .isEqualTo("is PT0S (StepConfig.timeout must be positive, was PT0S)");
          assertThat(failure.fix())
              .isEqualTo("write a positive duration, such as 30s, 250ms or PT2M");
        });
  }

  @Test
  void retryDelaysThatDoNotFitTogetherFailStartup() {
    context.withPropertyValues(
            "braid.pipelines.BlockingPipeline.steps.waitForever.retry-delay=2s",
            "braid.pipelines.BlockingPipeline.steps.waitForever.max-retry-delay=1s")
        .run(context -> assertThat(rootCause(context.getStartupFailure())).hasMessageThat()
            .isEqualTo("Property braid.pipelines.BlockingPipeline.steps.waitForever"
                + ".max-retry-delay is below braid.pipelines.BlockingPipeline.steps.waitForever"
                + ".retry-delay (PT1S < PT2S); raise max-retry-delay or lower retry-delay"));
  }

  @Test
  void bindsAStepsConcurrencyCapAndRefusesOneBelowOne() {
    context.withPropertyValues(
            "braid.pipelines.BlockingPipeline.steps.wait-forever.max-concurrent=5")
        .run(context -> assertThat(context.getBean(PipelineConfigs.class)
            .forPipeline("BlockingPipeline").steps().get("waitForever").maxConcurrent())
            .hasValue(5));
    context.withPropertyValues(
            "braid.pipelines.BlockingPipeline.steps.waitForever.max-concurrent=0")
        .run(context -> assertThat(rootCause(context.getStartupFailure())).hasMessageThat()
            .isEqualTo("Property braid.pipelines.BlockingPipeline.steps.waitForever"
                + ".max-concurrent is 0 (StepConfig.maxConcurrent must be at least 1, was 0;"
                + " leave it unset for no cap); write 1 or more, or leave it out for no cap"));
  }

  @Test
  void aBadDollarAmountFailsStartupNamingTheProperty() {
    context.withPropertyValues("braid.pipelines.BlockingPipeline.cost-budget=lots")
        .run(context -> assertThat(rootCause(context.getStartupFailure())).hasMessageThat()
            .isEqualTo("Property braid.pipelines.BlockingPipeline.cost-budget is lots ('lots' is"
                + " not a dollar amount; write it as \"$0.10\", \"0.10\" or \"12\", with at most"
                + " 8 decimals (one microcent)); write an amount of US dollars, zero or more, such"
                + " as \"$0.50\""));
  }

  @Test
  void aValueThatIsNotADurationFailsBindingNamingTheProperty() {
    context.withPropertyValues("braid.pipelines.BlockingPipeline.deadline=soon")
        .run(context -> {
          BindException failure = cause(context.getStartupFailure(), BindException.class);
          assertThat(failure.getName().toString())
              .isEqualTo("braid.pipelines.blockingpipeline.deadline");
          assertThat(cause(failure, IllegalArgumentException.class))
              .hasMessageThat().isEqualTo("'soon' is not a valid duration");
        });
  }

  @Test
  void thePipelinesAreCheckedOnceForAll() {
    context.withPropertyValues(
            "braid.pipelines.BlockingPipeline.deadline=1m",
            "braid.pipelines.blocking-pipeline.deadline=2m")
        .run(context -> assertThat(rootCause(context.getStartupFailure())).hasMessageThat()
            .endsWith("configures pipeline 'BlockingPipeline', as"
                + " braid.pipelines.BlockingPipeline does; keep only one of them"));
  }

  private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
  }

  static Throwable rootCause(Throwable failure) {
    assertThat(failure).isNotNull();
    Throwable cause = failure;
    while (cause.getCause() != null && !(cause instanceof InvalidBraidPropertyException)) {
      cause = cause.getCause();
    }
    return cause;
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnConfig {
    @Bean
    @Qualifier("BlockingPipeline")
    PipelineConfig blockingConfig() {
      return PipelineConfig.builder()
          .deadline(Duration.ofSeconds(90))
          .step("waitForever",
              StepConfig.builder().timeout(Duration.ofSeconds(7)).retries(1).build())
          .build();
    }
  }
}
