package dev.braid.processor.model;

import static com.google.common.truth.Truth.assertThat;
import static dev.braid.processor.testing.BraidCompiler.source;

import dev.braid.processor.testing.ModelProbe;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StepSettingsTest {

  private static Map<String, StepSettings> resolve(
      String code, Map<String, OptionalLong> deadline) {
    Map<String, StepSettings> settings = new LinkedHashMap<>();
    ModelProbe.probe(pipeline -> {
      deadline.put(pipeline.name(), StepSettings.deadlineMillis(pipeline));
      for (StepModel step : pipeline.steps()) {
        settings.put(pipeline.name(), StepSettings.ofPipeline(pipeline));
        settings.put(step.name(), StepSettings.ofStep(step));
      }
    }, source("SettingsPipeline", code));
    return settings;
  }

  @Test
  void keepsWhatThePipelineAndEachStepWriteApartForTheRuntimeToLayer() {
    Map<String, OptionalLong> deadline = new LinkedHashMap<>();
    Map<String, StepSettings> settings = resolve("""
        @Pipeline(timeout = "30s", retries = 2, retryDelay = "1s", maxRetryDelay = "8s",
            deadline = "2m")
        class SettingsPipeline {
          @Step String inherit(@Input String in) { return in; }
          @Step(timeout = "5s", retries = 0, retryDelay = "2s", maxRetryDelay = "PT1M")
          String own(@Input String in) { return in; }
        }
        """, deadline);

    assertThat(settings.get("SettingsPipeline")).isEqualTo(new StepSettings(
        OptionalLong.of(30_000), OptionalInt.of(2), OptionalLong.of(1_000), OptionalLong.of(8_000)));
    assertThat(settings.get("inherit").isEmpty()).isTrue();
    assertThat(settings.get("own")).isEqualTo(new StepSettings(
        OptionalLong.of(5_000), OptionalInt.of(0), OptionalLong.of(2_000), OptionalLong.of(60_000)));
    assertThat(deadline).containsExactly("SettingsPipeline", OptionalLong.of(120_000));
  }

  @Test
  void leavesUnsetLimitsAndCapsEmpty() {
    Map<String, OptionalLong> deadline = new LinkedHashMap<>();
    Map<String, StepSettings> settings = resolve("""
        @Pipeline
        class SettingsPipeline {
          @Step(retries = 1) String only(@Input String in) { return in; }
        }
        """, deadline);

    assertThat(settings.get("only")).isEqualTo(new StepSettings(
        OptionalLong.empty(), OptionalInt.of(1), OptionalLong.empty(), OptionalLong.empty()));
    assertThat(settings.get("SettingsPipeline").isEmpty()).isTrue();
    assertThat(deadline).containsExactly("SettingsPipeline", OptionalLong.empty());
  }
}
