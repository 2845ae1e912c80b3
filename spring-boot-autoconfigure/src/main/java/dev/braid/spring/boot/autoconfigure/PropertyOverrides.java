package dev.braid.spring.boot.autoconfigure;

import dev.braid.runtime.Money;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.StepConfig;
import dev.braid.spring.boot.autoconfigure.BraidProperties.PipelineProperties;
import dev.braid.spring.boot.autoconfigure.BraidProperties.StepProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The overrides {@code braid.pipelines.*} gives each pipeline, checked once at startup: every key
 * must name a pipeline on the class path and a step of it, and every value must be one the
 * pipeline's config accepts. A mistake fails startup with the property's name and the fix.
 */
final class PropertyOverrides {
  private static final String PREFIX = BraidProperties.PREFIX + ".pipelines.";
  private static final String POSITIVE = "write a positive duration, such as 30s, 250ms or PT2M";
  private static final String NOT_NEGATIVE = "write a duration of zero or more, such as 200ms or 1s";
  private static final String DOLLARS = "write an amount of US dollars, zero or more, such as \"$0.50\"";
  private static final String TOKENS = "write a number of tokens, zero or more";

  /** The overrides of each pipeline, by its name. */
  private final Map<String, PipelineConfig> byPipeline;

  private PropertyOverrides(Map<String, PipelineConfig> byPipeline) {
    this.byPipeline = byPipeline;
  }

  /**
   * Checks {@code properties} against the pipelines of {@code index}.
   *
   * @throws InvalidBraidPropertyException for the first key that names no pipeline or step, or
   *     value out of range
   */
  static PropertyOverrides check(Map<String, PipelineProperties> properties, ExecutorIndex index) {
    Map<String, List<IndexEntry>> pipelines = new LinkedHashMap<>();
    index.entries().forEach(entry ->
        pipelines.computeIfAbsent(entry.name(), name -> new ArrayList<>()).add(entry));
    Map<String, String> keyOfPipeline = new LinkedHashMap<>();
    Map<String, PipelineConfig> byPipeline = new LinkedHashMap<>();
    for (Map.Entry<String, PipelineProperties> pipeline : properties.entrySet()) {
      String key = pipeline.getKey();
      String name = PropertyNames.find(key, pipelines.keySet());
      if (name == null) {
        throw new InvalidBraidPropertyException(PREFIX + key, "names no pipeline of the"
            + " application" + PropertyNames.suggestion(key, pipelines.keySet(), "pipeline"),
            "write the name of a @Pipeline or @Router: its name attribute, or its class's simple"
            + " name");
      }
      String earlier = keyOfPipeline.putIfAbsent(name, key);
      if (earlier != null) {
        throw new InvalidBraidPropertyException(PREFIX + key, "configures pipeline '" + name
            + "', as " + PREFIX + earlier + " does", "keep only one of them");
      }
      byPipeline.put(name,
          pipelineConfig(PREFIX + key, pipeline.getValue(), pipelines.get(name)));
    }
    return new PropertyOverrides(byPipeline);
  }

  /** What the properties set for the pipeline named {@code name}: nothing if they do not name it. */
  PipelineConfig forPipeline(String name) {
    return byPipeline.getOrDefault(name, PipelineConfig.empty());
  }

  private static PipelineConfig pipelineConfig(
      String prefix, PipelineProperties properties, List<IndexEntry> entries) {
    PipelineConfig.Builder config = PipelineConfig.builder();
    set(prefix + ".deadline", properties.deadline(), config::deadline, POSITIVE);
    set(prefix + ".cost-budget", properties.costBudget(),
        dollars -> config.costBudget(Money.dollars(dollars)), DOLLARS);
    set(prefix + ".token-budget", properties.tokenBudget(), config::tokenBudget, TOKENS);
    if (properties.defaults().maxConcurrent() != null) {
      throw new InvalidBraidPropertyException(prefix + ".defaults.max-concurrent",
          "caps every step at once, which a concurrency cap cannot: it bounds one step",
          "set " + prefix + ".steps.<step>.max-concurrent instead");
    }
    config.stepDefaults(stepConfig(prefix + ".defaults", properties.defaults()));
    List<String> steps = entries.stream().flatMap(entry -> entry.steps().stream())
        .distinct().toList();
    Map<String, String> keyOfStep = new LinkedHashMap<>();
    for (Map.Entry<String, StepProperties> step : properties.steps().entrySet()) {
      String key = step.getKey();
      String property = prefix + ".steps." + key;
      String name = PropertyNames.find(key, steps);
      if (name == null) {
        throw new InvalidBraidPropertyException(property, "names no step of pipeline '"
            + entries.getFirst().name() + "'" + PropertyNames.suggestion(key, steps, "step"),
            "write the name of one of its @Step methods");
      }
      String earlier = keyOfStep.putIfAbsent(name, key);
      if (earlier != null) {
        throw new InvalidBraidPropertyException(property, "configures step '" + name + "', as "
            + prefix + ".steps." + earlier + " does", "keep only one of them");
      }
      config.step(name, stepConfig(property, step.getValue()));
    }
    return config.build();
  }

  private static StepConfig stepConfig(String prefix, StepProperties properties) {
    StepConfig.Builder step = StepConfig.builder();
    set(prefix + ".timeout", properties.timeout(), step::timeout, POSITIVE);
    set(prefix + ".retries", properties.retries(), step::retries,
        "write 0 or more; 0 means a single attempt");
    set(prefix + ".retry-delay", properties.retryDelay(), step::retryDelay, NOT_NEGATIVE);
    set(prefix + ".max-retry-delay", properties.maxRetryDelay(), step::maxRetryDelay,
        NOT_NEGATIVE);
    set(prefix + ".cost-budget", properties.costBudget(),
        dollars -> step.costBudget(Money.dollars(dollars)), DOLLARS);
    set(prefix + ".token-budget", properties.tokenBudget(), step::tokenBudget, TOKENS);
    set(prefix + ".max-concurrent", properties.maxConcurrent(), step::maxConcurrent,
        "write 1 or more, or leave it out for no cap");
    try {
      return step.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidBraidPropertyException(prefix + ".max-retry-delay", "is below "
          + prefix + ".retry-delay (" + properties.maxRetryDelay() + " < "
          + properties.retryDelay() + ")", "raise max-retry-delay or lower retry-delay", e);
    }
  }

  private static <T> void set(
      String property, @Nullable T value, Consumer<T> setter, String fix) {
    if (value == null) {
      return;
    }
    try {
      setter.accept(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidBraidPropertyException(property,
          "is " + value + " (" + e.getMessage() + ")", fix, e);
    }
  }
}
