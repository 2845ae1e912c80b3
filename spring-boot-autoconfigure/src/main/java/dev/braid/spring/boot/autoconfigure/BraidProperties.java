package dev.braid.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Braid's settings from the application's configuration. Each setting left out keeps what the
 * pipeline's annotations say. Durations are written {@code 250ms}, {@code 30s}, {@code 2m} or in
 * ISO-8601 such as {@code PT30S}; amounts of money in US dollars, such as {@code 0.50} or {@code
 * "$0.50"}, with at most eight decimals (Braid's microcent, a millionth of a cent).
 *
 * <pre>
 * braid:
 *   pipelines:
 *     TicketPipeline:
 *       deadline: 2m
 *       cost-budget: 0.50
 *       defaults:
 *         timeout: 30s
 *         retries: 2
 *       steps:
 *         draft:
 *           timeout: 45s
 *           retries: 2
 *   prices:
 *     models:
 *       my-finetune: 0.30, 0.15, 1.20
 * </pre>
 *
 * @param pipelines settings by pipeline name: {@code @Pipeline(name)} or the class's simple name,
 *     also matched in kebab case ({@code ticket-pipeline})
 * @param prices what model calls cost, for budgets and reports
 */
@ConfigurationProperties(BraidProperties.PREFIX)
public record BraidProperties(
    @DefaultValue Map<String, PipelineProperties> pipelines,
    @DefaultValue PriceProperties prices) {

  static final String PREFIX = "braid";

  /**
   * Settings of one pipeline or router, over its {@code @Pipeline} or {@code @Router} attributes.
   *
   * @param deadline the time limit of each whole run, retries and pauses included
   * @param costBudget the most each run may spend on model calls, in US dollars ({@code "$0.10"}
   *     or {@code 0.10}), shared by its steps
   * @param tokenBudget the most tokens each run's model calls may use, shared by its steps
   * @param defaults settings for every step, over {@code @Pipeline}'s defaults and under each
   *     step's {@code @Step} attributes and its entry in {@code steps}
   * @param steps settings by step name, as the step is named in the pipeline
   */
  public record PipelineProperties(
      @Nullable Duration deadline,
      @Nullable String costBudget,
      @Nullable Long tokenBudget,
      @DefaultValue StepProperties defaults,
      @DefaultValue Map<String, StepProperties> steps) {}

  /**
   * Settings of one step, over its {@code @Step} attributes.
   *
   * @param timeout the time limit of each attempt
   * @param retries how many times a failed attempt is retried; {@code 0} for a single attempt
   * @param retryDelay the pause before the first retry
   * @param maxRetryDelay the cap on the pause before any retry
   * @param costBudget the most the step may spend over all its attempts, in US dollars ({@code
   *     "$0.02"} or {@code 0.02})
   * @param tokenBudget the most tokens the step's calls may use over all its attempts
   * @param maxConcurrent the most attempts of the step that all runs of the executor may run at
   *     once; the others wait their turn, within the step's timeout
   */
  public record StepProperties(
      @Nullable Duration timeout,
      @Nullable Integer retries,
      @Nullable Duration retryDelay,
      @Nullable Duration maxRetryDelay,
      @Nullable String costBudget,
      @Nullable Long tokenBudget,
      @Nullable Integer maxConcurrent) {}

  /**
   * The prices of models: Braid's bundled table, then the entries of {@code file}, then {@code
   * models}, each replacing the prices of the models it names.
   *
   * @param file a price table file, such as {@code classpath:prices.properties}, one model a line
   *     in US dollars per million tokens: {@code gpt-4o-mini = 0.15, 0.075, 0.60}
   * @param models prices by model name, in US dollars per million tokens, as input, cached
   *     input, output: {@code 0.15, 0.075, 0.60}; {@code free} for a local model. Write a name
   *     with a dot in brackets: {@code "[gpt-4.1]"}
   */
  public record PriceProperties(
      @Nullable String file,
      @DefaultValue Map<String, String> models) {}
}
