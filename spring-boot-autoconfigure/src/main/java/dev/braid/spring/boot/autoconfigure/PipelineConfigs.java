package dev.braid.spring.boot.autoconfigure;

import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PriceTable;
import dev.braid.runtime.RunListener;
import java.util.Optional;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;

/**
 * The {@link PipelineConfig} each auto-configured executor is created with. Its layers, each
 * winning over the one before: the pipeline's annotations; the application's {@code
 * PipelineConfig} bean for that pipeline, qualified ({@code @Qualifier("TicketPipeline")}) or
 * named by the pipeline's name; the {@code braid.pipelines.<name>} properties. Every {@link
 * RunListener} bean hears every run, after the listeners of that bean, and calls are priced by
 * its prices or else by the application's {@link PriceTable}.
 */
public final class PipelineConfigs {
  private final PropertyOverrides overrides;
  private final PriceTable prices;
  private final ObjectProvider<RunListener> listeners;
  private final ListableBeanFactory beans;

  PipelineConfigs(PropertyOverrides overrides, PriceTable prices,
      ObjectProvider<RunListener> listeners, ListableBeanFactory beans) {
    this.overrides = overrides;
    this.prices = prices;
    this.listeners = listeners;
    this.beans = beans;
  }

  /** The config of the pipeline or router named {@code name}. */
  public PipelineConfig forPipeline(String name) {
    PipelineConfig.Builder config = PipelineConfig.builder();
    Optional<PipelineConfig> own = applicationBean(name);
    own.ifPresent(bean -> copy(bean, config));
    copy(overrides.forPipeline(name), config);
    config.prices(own.flatMap(PipelineConfig::prices).orElse(prices));
    listeners.orderedStream().forEach(config::listener);
    return config.build();
  }

  private Optional<PipelineConfig> applicationBean(String name) {
    if (beans.getBeanNamesForType(PipelineConfig.class, true, false).length == 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          BeanFactoryAnnotationUtils.qualifiedBeanOfType(beans, PipelineConfig.class, name));
    } catch (NoUniqueBeanDefinitionException e) {
      throw e;
    } catch (NoSuchBeanDefinitionException e) {
      return Optional.empty();
    }
  }

  /** Sets on {@code target} everything {@code source} sets, but its prices. */
  private static void copy(PipelineConfig source, PipelineConfig.Builder target) {
    source.deadline().ifPresent(target::deadline);
    source.costBudget().ifPresent(target::costBudget);
    source.tokenBudget().ifPresent(target::tokenBudget);
    target.stepDefaults(source.stepDefaults());
    source.steps().forEach(target::step);
    source.listeners().forEach(target::listener);
  }
}
