package dev.braid.micronaut;

import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PriceTable;
import dev.braid.runtime.RunListener;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link PipelineConfig} each injected executor is created with. Its layers, each winning over
 * the one before: the pipeline's annotations; the application's {@code PipelineConfig} bean named
 * after the pipeline ({@code @Named("TicketPipeline")}); the {@code braid.pipelines.<name>}
 * properties. Every {@link RunListener} bean hears every run, after that bean's listeners, and
 * calls are priced by its prices or else by the application's {@link PriceTable} bean, if any,
 * with the {@code braid.prices.models.<model>} properties on top: {@code llama3*: free} frees a
 * local model, {@code my-model: 0.15, 0.075, 0.60} prices one. Made when the context starts, so
 * that a bad property fails startup.
 */
@Context
public final class PipelineConfigs {
  /** Where the prices of models go, model by model: {@code braid.prices.models.llama3*: free}. */
  static final String PRICES = "braid.prices.models";

  private final PipelineProperties properties;
  private final @Nullable PriceTable priceProperties;
  private final BeanContext beans;

  PipelineConfigs(Environment environment, BeanContext beans) {
    this.beans = beans;
    this.properties = PipelineProperties.check(flat(environment),
        ExecutorEntries.list(environment.getClassLoader()));
    Map<String, String> prices = new LinkedHashMap<>();
    flatten("", environment.getProperties(PRICES, StringConvention.RAW), prices);
    this.priceProperties = prices.isEmpty() ? null : PriceTable.of(prices, PRICES);
  }

  /** The config of the pipeline or router named {@code name}. */
  public PipelineConfig forPipeline(String name) {
    PipelineConfig.Builder config = PipelineConfig.builder();
    Optional<PipelineConfig> own = beans.findBean(PipelineConfig.class, Qualifiers.byName(name));
    own.ifPresent(bean -> copy(bean, config));
    copy(properties.forPipeline(name), config);
    Optional<PriceTable> prices = own.flatMap(PipelineConfig::prices)
        .or(() -> beans.findBean(PriceTable.class));
    if (priceProperties != null) {
      prices = Optional.of(prices.orElseGet(PriceTable::defaults).with(priceProperties));
    }
    prices.ifPresent(config::prices);
    beans.getBeansOfType(RunListener.class).forEach(config::listener);
    return config.build();
  }

  private static Map<String, String> flat(Environment environment) {
    Map<String, String> values = new LinkedHashMap<>();
    flatten("", environment.getProperties(PipelineProperties.PREFIX, StringConvention.RAW),
        values);
    return values;
  }

  private static void flatten(String prefix, Map<String, Object> map, Map<String, String> into) {
    map.forEach((key, value) -> {
      if (value instanceof Map<?, ?> nested) {
        Map<String, Object> typed = new LinkedHashMap<>();
        nested.forEach((k, v) -> typed.put(String.valueOf(k), v));
        flatten(prefix + key + ".", typed, into);
      } else {
        into.put(prefix + key, String.valueOf(value));
      }
    });
  }

  private static void copy(PipelineConfig source, PipelineConfig.Builder target) {
    source.deadline().ifPresent(target::deadline);
    source.costBudget().ifPresent(target::costBudget);
    source.tokenBudget().ifPresent(target::tokenBudget);
    target.stepDefaults(source.stepDefaults());
    source.steps().forEach(target::step);
    source.listeners().forEach(target::listener);
  }
}
